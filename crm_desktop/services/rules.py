"""Follow-up rules: edited by the user, applied when data changes and on a timer.

Stage-entry rules listen to the change feed for ``Change("deal", "stage", ids)``, which the
deals service emits on every stage move. The other rules are set-based sweeps run by
``run_all()`` (off the UI thread: at a million contacts it is the longest thing here).
"""

from __future__ import annotations

import datetime as dt
import logging

from ..core.errors import FieldError, ValidationError
from ..core.recurrence import to_local, to_utc
from ..core.rules import KEEP_IN_TOUCH, NO_NEXT_STEP, STAGE_ENTRY, FollowRule, validate
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
        now, due, remind = self._today()
        with self.ctx.write():
            tag_id = self.store.tag_id(rule.tag)
            if tag_id is None:
                return 0
            n = self.store.keep_in_touch(rule.id, tag_id, now - dt.timedelta(days=rule.days),
                                         rule.title or self.titles[KEEP_IN_TOUCH], rule.task_kind, due,
                                         remind, self.ctx.settings.current_user_id, now)
            self.store.mark_run(rule.id, now)
        if n:
            log.info("rule %s made %d keep-in-touch tasks", rule.id, n)
            self.ctx.changes.emit(Change("task", "create"))
        return n

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
        """Tasks the stage-entry rules make for a deal that just entered its stage."""
        rules = [r for r in self.rules() if r.enabled and r.kind == STAGE_ENTRY]
        if not rules:
            return []
        now = self.ctx.clock.now()
        made = []
        with self.ctx.write():
            deal = self.store.deal_for_stage_rule(deal_id)
            if deal is None:
                return []
            stage_id, entered_at, title, contact_id, company_id, owner_id = deal
            for rule in rules:
                if rule.stage_id != stage_id:
                    continue
                day = to_local(now, self.tasks.tz).date() + dt.timedelta(days=rule.due_in_days)
                due = all_day_start(day, self.tasks.tz)
                morning = dt.datetime.combine(day, dt.time(ALL_DAY_REMIND_HOUR))
                remind = max(now, to_utc(morning, self.tasks.tz))
                text = (rule.title or self.titles[STAGE_ENTRY]).replace("%1", title)
                task_id = self.store.add_rule_task(
                    f"stage:{rule.id}:{deal_id}:{entered_at}", rule.id, text, rule.task_kind, due, True,
                    remind, contact_id, company_id, deal_id,
                    owner_id if owner_id is not None else self.ctx.settings.current_user_id, now)
                if task_id is not None:
                    made.append(task_id)
        if made:
            self.ctx.changes.emit(Change("task", "create", tuple(made)))
        return made

    def _on_change(self, change: Change) -> None:
        if change.entity == "deal" and change.op == "stage":
            for deal_id in change.ids:
                try:
                    self.on_stage_entered(deal_id)
                except Exception:  # a rule must never break the stage move that triggered it
                    log.exception("stage rule failed for deal %s", deal_id)
