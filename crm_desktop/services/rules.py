"""Follow-up rules: edited by the user, applied when data changes and on a timer.

Stage-entry rules listen to the change feed for ``Change("deal", "stage", ids)``, which the
deals service emits on every stage move. The other rules are set-based sweeps run by
``run_all()`` (off the UI thread: at a million contacts it is the longest thing here).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from ..core.errors import EditConflict, FieldError, NotFoundError, ValidationError
from ..core.recurrence import to_local, to_utc
from ..core.rules import ACTION_NOTIFY, KEEP_IN_TOUCH, NO_NEXT_STEP, STAGE_ENTRY, FollowRule, validate
from ..core.tasks import ALL_DAY_REMIND_HOUR, all_day_start
from ..storage.rules import FollowRuleStore
from .changes import Change
from .context import ServiceContext
from .tasks import TaskService

log = logging.getLogger(__name__)

# Task titles a rule uses when the user gave none; "%1" is the contact's or deal's name.
# The UI replaces these with translated ones.
DEFAULT_TITLES = {
    KEEP_IN_TOUCH: "Get back in touch with %1",
    STAGE_ENTRY: "Follow up on %1",
    NO_NEXT_STEP: "Plan the next step for %1",
}


# Kinds of the notifications rules give (beside the reminders' "task" and "summary"), and the
# change that tells the UI to show them: Change("notification", RULE_NOTIFIED, their ids).
STAGE_NOTICE, WAITING = "stage", "waiting"
RULE_NOTIFIED = "rule"


class RuleService:
    def __init__(self, ctx: ServiceContext, tasks: TaskService) -> None:
        self.ctx = ctx
        self.tasks = tasks
        self.store: FollowRuleStore = ctx.storage.rules
        self.titles = dict(DEFAULT_TITLES)
        ctx.changes.subscribe(self._on_change)

    # -- editing -------------------------------------------------------------------------
    def rules(self) -> list[FollowRule]:
        with self.ctx.read():
            return self.store.all()

    def save(self, rule: FollowRule) -> int:
        problems = validate(rule)
        if problems:
            raise ValidationError([FieldError(code, "invalid") for code in problems])
        now = self.ctx.clock.now()
        with self.ctx.write():
            if rule.id is None:
                rule_id = self.store.add(rule, now)
            else:
                self.store.update(rule, now)
                rule_id = rule.id
        self.ctx.changes.emit(Change("rule", "update" if rule.id else "create", (rule_id,)))
        return rule_id

    def put_rule(self, rule_id: int, wanted: FollowRule, expected: FollowRule) -> None:
        """Give a rule back its settings ``wanted`` (the undo or redo of an edit), only if it still
        has those of ``expected``: EditConflict, and nothing written, otherwise."""
        with self.ctx.write():
            current = self.store.get(rule_id)
            if _settings(current) != _settings(expected):
                raise EditConflict("follow_rule", rule_id, current.name)
            self.store.update(replace(wanted, id=rule_id), self.ctx.clock.now())
        self.ctx.changes.emit(Change("rule", "update", (rule_id,)))

    def restore(self, rule_id: int) -> None:
        """Bring a deleted rule back (the undo of deleting it, the redo of adding it)."""
        with self.ctx.write():
            if not self.store.restore(rule_id, self.ctx.clock.now()):
                raise NotFoundError("follow_rule", rule_id)
        self.ctx.changes.emit(Change("rule", "create", (rule_id,)))

    def stages(self) -> list[tuple[int, str, str]]:
        """(stage id, pipeline, stage) to choose from for a stage-entry rule."""
        with self.ctx.read():
            return self.store.stages()

    def delete(self, rule_id: int) -> None:
        with self.ctx.write():
            self.store.delete(rule_id, self.ctx.clock.now())
        self.ctx.changes.emit(Change("rule", "delete", (rule_id,)))

    # -- applying ------------------------------------------------------------------------
    def run_all(self) -> dict[int, int]:
        """Apply every enabled sweep rule once; how many tasks each made (by rule id)."""
        made: dict[int, int] = {}
        for rule in self.rules():
            if not rule.enabled:
                continue
            if rule.kind == KEEP_IN_TOUCH:
                made[rule.id] = self.run_keep_in_touch(rule)
            elif rule.kind == NO_NEXT_STEP:
                made[rule.id] = self.run_no_next_step(rule)
        return made

    def _today(self) -> tuple[dt.datetime, dt.datetime, dt.datetime]:
        """(now, the stored due time of an all-day task today, when it reminds: 9:00 or now if later)."""
        now = self.ctx.clock.now()
        today = to_local(now, self.tasks.tz).date()
        morning = to_utc(dt.datetime.combine(today, dt.time(ALL_DAY_REMIND_HOUR)), self.tasks.tz)
        return now, all_day_start(today, self.tasks.tz), max(now, morning)

    def run_keep_in_touch(self, rule: FollowRule) -> int:
        """Make the tasks this rule owes, up to what is left of its daily limit; how many made.

        When the limit holds some back, one notification says how many people still wait
        (they get their tasks on the next days, the longest silent first).
        """
        now, due, remind = self._today()
        day = to_local(now, self.tasks.tz).date().isoformat()
        waiting_id = None
        with self.ctx.write():
            tag_id = self.store.tag_id(rule.tag)
            left = rule.daily_limit - self.store.made_on(rule.id, day) if rule.daily_limit else None
            if tag_id is None or (left is not None and left <= 0):
                return 0  # nothing to do today: not even the scan
            made, needed = self.store.keep_in_touch(
                rule.id, tag_id, now - dt.timedelta(days=rule.days), rule.title or self.titles[KEEP_IN_TOUCH],
                rule.task_kind, due, remind, self.ctx.settings.current_user_id, now, left)
            self.store.count_made(rule.id, day, made)
            self.store.mark_run(rule.id, now)
            if made and needed > made:
                waiting_id = self.store.add_rule_notification(WAITING, None, "", rule.tag, needed - made,
                                                              None, now)
        if made:
            log.info("rule %s made %d keep-in-touch tasks (%d needed)", rule.id, made, needed)
            self.ctx.changes.emit(Change("task", "create"))
        if waiting_id is not None:
            self.ctx.changes.emit(Change("notification", RULE_NOTIFIED, (waiting_id,)))
        return made

    def run_no_next_step(self, rule: FollowRule) -> int:
        now, due, remind = self._today()
        day_key = to_local(now, self.tasks.tz).date().isoformat()
        with self.ctx.write():
            n = self.store.no_next_step(rule.id, day_key, rule.title or self.titles[NO_NEXT_STEP], due,
                                        remind, self.ctx.settings.current_user_id, now)
            self.store.mark_run(rule.id, now)
        if n:
            self.ctx.changes.emit(Change("task", "create"))
        return n

    def on_stage_entered(self, deal_id: int) -> list[int]:
        """What the stage-entry rules do for a deal that just entered its stage: the tasks they
        make (their ids) and the notifications they give the deal's owner (told to the change
        feed as ``Change("notification", RULE_NOTIFIED, ids)``)."""
        rules = [r for r in self.rules() if r.enabled and r.kind == STAGE_ENTRY]
        if not rules:
            return []
        made, told = [], []
        with self.ctx.write():
            deal = self.store.deal_for_stage_rule(deal_id)
            if deal is None:
                return []
            for rule in rules:
                if rule.stage_id != deal[0]:
                    continue
                if rule.action == ACTION_NOTIFY:
                    told.append(self._notify_stage(rule, deal_id, deal))
                else:
                    made.append(self._stage_task(rule, deal_id, deal))
        made, told = [i for i in made if i is not None], [i for i in told if i is not None]
        if made:
            self.ctx.changes.emit(Change("task", "create", tuple(made)))
        if told:
            self.ctx.changes.emit(Change("notification", RULE_NOTIFIED, tuple(told)))
        return made

    def _stage_task(self, rule: FollowRule, deal_id: int, deal: tuple) -> int | None:
        _stage, entered_at, title, contact_id, company_id, owner_id = deal
        now = self.ctx.clock.now()
        day = to_local(now, self.tasks.tz).date() + dt.timedelta(days=rule.due_in_days)
        due = all_day_start(day, self.tasks.tz)
        morning = dt.datetime.combine(day, dt.time(ALL_DAY_REMIND_HOUR))
        remind = max(now, to_utc(morning, self.tasks.tz))
        text = (rule.title or self.titles[STAGE_ENTRY]).replace("%1", title)
        return self.store.add_rule_task(
            f"stage:{rule.id}:{deal_id}:{entered_at}", rule.id, text, rule.task_kind, due, True,
            remind, contact_id, company_id, deal_id,
            owner_id if owner_id is not None else self.ctx.settings.current_user_id, now)

    def _notify_stage(self, rule: FollowRule, deal_id: int, deal: tuple) -> int | None:
        """A notification (no task) that the deal entered the stage; once per entry."""
        stage_id, entered_at, title = deal[:3]
        return self.store.add_rule_notification(
            STAGE_NOTICE, f"stage:{rule.id}:{deal_id}:{entered_at}", title, self.store.stage_name(stage_id),
            1, deal_id, self.ctx.clock.now())

    def _on_change(self, change: Change) -> None:
        if change.entity == "deal" and change.op == "stage":
            for deal_id in change.ids:
                try:
                    self.on_stage_entered(deal_id)
                except Exception:  # a rule must never break the stage move that triggered it
                    log.exception("stage rule failed for deal %s", deal_id)


def _settings(rule: FollowRule) -> tuple:
    return rule.kind, rule.name, rule.enabled, rule.config
