"""Tasks and follow-ups: create, edit, complete (and log the call), snooze, list, export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..core.activities import ActivityDraft
from ..core.edits import TaskState
from ..core.errors import EditConflict, FieldError, NotFoundError, ValidationError
from ..core.ics import calendar_text
from ..core.records import TrashItem
from ..core.recurrence import Recurrence, local_zone, next_due
from ..core.tasks import (
    ACTIVITY_FOR_KIND,
    PRIORITIES,
    TASK_KINDS,
    DayBounds,
    SectionQuery,
    Task,
    TaskDraft,
    TaskRow,
    day_bounds,
    remind_at,
    tomorrow_morning,
)
from ..storage.common import parse_ts
from ..storage.tasks import TaskStore
from .activities import ActivityService
from .changes import Change
from .context import ServiceContext, later_than

SUBSCRIPTION_NAME = "tasks.ics"
# What the subscribed calendar holds: calendar apps poll it, and tens of thousands of events
# slow them (and the rewrite after each change) for no use.
SUBSCRIPTION_PAST, SUBSCRIPTION_AHEAD = dt.timedelta(days=14), dt.timedelta(days=365)
SUBSCRIPTION_LIMIT = 2000
MAX_TITLE = 500


class TaskService:
    """``tz`` is the user's time zone (all-day tasks, recurrence, "today"); tests set their own."""

    def __init__(self, ctx: ServiceContext, activities: ActivityService, tz: dt.tzinfo | None = None) -> None:
        self.ctx = ctx
        self.activities = activities
        self.store: TaskStore = ctx.storage.tasks
        self.tz = tz or local_zone()
        self.subscription_path: Path | None = None  # the calendar file kept current, if any

    # -- writing -------------------------------------------------------------------------
    def create(self, draft: TaskDraft, *, emit: bool = True) -> int:
        draft = self._checked(draft)
        with self.ctx.write():
            task_id = self.store.add(draft, self._remind_at(draft), self.ctx.clock.now())
        if emit:
            self._changed("create", (task_id,))
        return task_id

    def update(self, task_id: int, draft: TaskDraft, expected: dt.datetime | None = None) -> dt.datetime:
        """Save an edit; returns the task's new updated_at. With ``expected`` (the updated_at the
        edit started from) EditConflict is raised, and nothing written, if it was saved since."""
        draft = self._checked(draft)
        with self.ctx.write():
            now = later_than(self.ctx.clock.now(), expected)
            self.store.update(task_id, draft, self._remind_at(draft), now, expected)
        self._changed("update", (task_id,))
        return now

    def complete(self, task_id: int, *, log: bool = False, outcome: str = "", body: str = "",
                 duration_s: int | None = None) -> tuple[int | None, int | None]:
        """Mark a task done; with ``log``, record the call/e-mail/meeting it was in the same step.

        A repeating task makes its next occurrence. Returns (next task id, activity id).
        """
        now = self.ctx.clock.now()
        next_id = activity_id = None
        with self.ctx.write():
            task = self.store.get(task_id)
            if task.done_at is not None:
                return None, None
            self.store.set_done(task_id, now, now)
            next_id = self._next_occurrence(task, now)
            if log and (task.contact_id or task.company_id or task.deal_id):
                activity_id = self.activities.log(ActivityDraft(
                    ACTIVITY_FOR_KIND.get(task.kind, "note"), subject=task.title, body=body or task.notes,
                    outcome=outcome, occurred_at=now, duration_s=duration_s, contact_id=task.contact_id,
                    company_id=task.company_id, deal_id=task.deal_id, owner_id=task.owner_id), emit=False)
        self._changed("update", (task_id,))
        if next_id is not None:
            self._changed("create", (next_id,))
        if activity_id is not None:
            self.ctx.changes.emit(Change("activity", "create", (activity_id,)))
        return next_id, activity_id

    def _next_occurrence(self, task: Task, now: dt.datetime) -> int | None:
        rule = Recurrence.parse(task.recurrence)
        if rule is None or task.due_at is None:
            return None
        due = next_due(rule, task.due_at, done_utc=now, now_utc=now, tz=self.tz)
        draft = replace(task.draft(), due_at=due, rule_id=None, rule_key=None)
        return self.store.add(draft, self._remind_at(draft), now)

    def reopen(self, task_id: int) -> None:
        with self.ctx.write():
            self.store.set_done(task_id, None, self.ctx.clock.now())
        self._changed("update", (task_id,))

    def snooze(self, task_id: int, until: dt.datetime) -> None:
        """Remind again at ``until`` (naive UTC)."""
        with self.ctx.write():
            self.store.snooze(task_id, until, self.ctx.clock.now())
        self._changed("update", (task_id,))

    def snooze_for(self, task_id: int, minutes: int) -> dt.datetime:
        until = self.ctx.clock.now() + dt.timedelta(minutes=minutes)
        self.snooze(task_id, until)
        return until

    def snooze_until_tomorrow(self, task_id: int) -> dt.datetime:
        until = tomorrow_morning(self.ctx.clock.now(), self.tz)
        self.snooze(task_id, until)
        return until

    def put_state(self, task_id: int, state: TaskState, expected: TaskState, *,
                  made: tuple[int | None, int | None] = (None, None), made_live: bool = True) -> dt.datetime:
        """Give a task the state ``state`` back (the undo or redo of completing, reopening or
        snoozing it), in one transaction; returns its new updated_at.

        EditConflict, and nothing written, when the task's state is no longer ``expected`` (done,
        reopened, snoozed or its reminder moved since) or the next occurrence a completion made was
        done since. ``made`` is (next occurrence, activity logged) of a completion: brought back
        from the trash with ``made_live``, else moved there.
        """
        next_id, activity_id = made
        with self.ctx.write():
            task = self.store.get(task_id)
            if TaskState.of(task) != expected:
                raise EditConflict("task", task_id, task.title)
            if next_id is not None and not made_live and self.store.get(next_id).done_at is not None:
                raise EditConflict("task", next_id, task.title)
            now = later_than(self.ctx.clock.now(), task.updated_at)
            self.store.set_state(task_id, state.done_at, state.snoozed_until, state.remind_at,
                                 state.notified_at, now)
            if next_id is not None:
                self._set_made(self.store, next_id, made_live, now, "task")
            if activity_id is not None:
                self._set_made(self.activities.store, activity_id, made_live, now, "activity")
        self._changed("update", (task_id,))
        op = "restore" if made_live else "delete"
        if next_id is not None:
            self._changed(op, (next_id,))
        if activity_id is not None:
            self.ctx.changes.emit(Change("activity", op, (activity_id,)))
        return now

    @staticmethod
    def _set_made(store, record_id: int, live: bool, now: dt.datetime, kind: str) -> None:
        changed = store.restore([record_id], now) if live else store.soft_delete([record_id], now)
        if not changed and live:
            raise NotFoundError(kind, record_id)  # deleted for good since

    def delete(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            n = self.store.soft_delete(ids, self.ctx.clock.now())
        self._changed("delete", tuple(ids))
        return n

    def restore(self, ids: Sequence[int]) -> int:
        """Bring tasks back from the trash (Undo of a delete, or the Trash page)."""
        with self.ctx.write():
            n = self.store.restore(ids, self.ctx.clock.now())
        self._changed("restore", tuple(ids))
        return n

    def trashed(self) -> list[TrashItem]:
        """Tasks in the trash, for the trash page (kind "task")."""
        with self.ctx.read():
            rows = self.store.trashed()
        return [TrashItem("task", i, title, parse_ts(at)) for i, title, at in rows]

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed tasks for good."""
        with self.ctx.write():
            n = self.store.purge(ids)
        self._changed("purge", tuple(ids))
        return n

    # -- reading -------------------------------------------------------------------------
    def get(self, task_id: int) -> Task:
        with self.ctx.read():
            return self.store.get(task_id)

    def for_record(self, *, open_only: bool = False, **target) -> list[Task]:
        with self.ctx.read():
            return self.store.for_record(open_only=open_only, **target)

    def deals_for(self, contact_id: int | None, company_id: int | None, also: int | None = None
                  ) -> list[tuple[int, str]]:
        """Open deals a task about this person or company can be linked to."""
        with self.ctx.read():
            return self.store.deals_for(contact_id, company_id, also)

    def bounds(self) -> DayBounds:
        now = self.ctx.clock.now()
        return DayBounds(now, *day_bounds(now, self.tz))

    def count(self, query: SectionQuery) -> int:
        with self.ctx.read():
            return self.store.count(query, self.bounds())

    def rows(self, query: SectionQuery, offset: int, limit: int) -> list[TaskRow]:
        with self.ctx.read():
            return self.store.rows(query, self.bounds(), offset, limit)

    def due_counts(self) -> tuple[int, int]:
        """(overdue, due later today) open tasks: the tray's badge and tooltip."""
        with self.ctx.read():
            return self.store.open_due_count(self.bounds())

    def next_due(self, limit: int = 5) -> list[TaskRow]:
        with self.ctx.read():
            return self.store.next_due(self.ctx.clock.now(), limit)

    # -- calendar ------------------------------------------------------------------------
    def export_ics(self, path: Path, *, include_done: bool = False, name: str = "crm-desktop",
                   window: bool = False) -> int:
        """Write the tasks with a due time to an .ics file; how many went in.

        With ``window`` (the subscribed file, rewritten after every change) only the open tasks
        due from two weeks ago to a year ahead go in, at most SUBSCRIPTION_LIMIT of them."""
        start = end = None
        limit = -1
        if window:
            now = self.ctx.clock.now()
            start, end, limit = now - SUBSCRIPTION_PAST, now + SUBSCRIPTION_AHEAD, SUBSCRIPTION_LIMIT
        with self.ctx.read():
            tasks = self.store.open_in_range(start, end, include_done=include_done, limit=limit)
        text = calendar_text(tasks, self.tz, self.ctx.clock.now(), name)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8", newline="")
        tmp.replace(path)
        return len(tasks)

    def write_subscription(self, *, force: bool = False) -> Path | None:
        """Refresh the calendar file a calendar app can subscribe to (under the data folder).

        Skipped when no task changed since the file was written (unless ``force``)."""
        path = self.subscription_path
        if path is None:
            return None
        if not force and path.exists():
            with self.ctx.read():
                changed = self.store.last_change()
            if changed is None or changed.replace(tzinfo=dt.UTC).timestamp() <= path.stat().st_mtime:
                return path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.export_ics(path, window=True)
        return path

    # -- helpers -------------------------------------------------------------------------
    def _remind_at(self, draft: TaskDraft) -> dt.datetime | None:
        return remind_at(draft.due_at, draft.all_day, draft.remind_before_min, self.tz)

    def _checked(self, draft: TaskDraft) -> TaskDraft:
        errors = []
        title = draft.title.strip()
        if not title:
            errors.append(FieldError("title", "required"))
        elif len(title) > MAX_TITLE:
            errors.append(FieldError("title", "too_long"))
        if draft.kind not in TASK_KINDS:
            errors.append(FieldError("kind", "invalid", draft.kind))
        if draft.priority not in PRIORITIES:
            errors.append(FieldError("priority", "invalid", str(draft.priority)))
        if draft.remind_before_min is not None and draft.remind_before_min < 0:
            errors.append(FieldError("remind_before_min", "invalid", str(draft.remind_before_min)))
        try:
            rule = Recurrence.parse(draft.recurrence)
        except (ValueError, KeyError):
            rule = None
            errors.append(FieldError("recurrence", "invalid", draft.recurrence))
        if rule is not None and draft.due_at is None:
            errors.append(FieldError("due_at", "required"))
        if errors:
            raise ValidationError(errors)
        owner = draft.owner_id if draft.owner_id is not None else self.ctx.settings.current_user_id
        return replace(draft, title=title, owner_id=owner,
                       recurrence=rule.to_text() if rule is not None else "")

    def _changed(self, op: str, ids: tuple[int, ...]) -> None:
        self.ctx.changes.emit(Change("task", op, ids))


_DEMO_TASKS = (
    ("call", "Call back about the quote"), ("email", "Send the price list"),
    ("meeting", "Product demo"), ("todo", "Prepare the contract"), ("call", "Check in after delivery"),
    ("email", "Follow up on the invoice"), ("todo", "Update the proposal"), ("meeting", "Quarterly review"),
)


def seed_demo_tasks(ctx: ServiceContext, contact_ids: Sequence[int], rng, tz: dt.tzinfo | None = None,
                    count: int = 40) -> int:
    """Sample tasks around today: some overdue, some today, the rest in the next weeks, a few done."""
    if not contact_ids:
        return 0
    tz = tz or local_zone()
    now = ctx.clock.now().replace(second=0, microsecond=0)
    store: TaskStore = ctx.storage.tasks
    with ctx.write():
        people = store.owners_of(contact_ids[:500])
        for i in range(count):
            kind, title = _DEMO_TASKS[i % len(_DEMO_TASKS)]
            contact_id = rng.choice(list(people))
            due = now + dt.timedelta(hours=rng.randint(-72, 24 * 21))
            due = due.replace(minute=0 if rng.random() < 0.5 else 30)
            draft = TaskDraft(title, kind, due, False, rng.choice((None, 0, 15, 60)),
                              rng.choice((-1, 0, 0, 1)), "FREQ=WEEKLY;INTERVAL=1" if i % 13 == 0 else "", "",
                              contact_id, owner_id=people[contact_id])
            task_id = store.add(draft, remind_at(due, False, draft.remind_before_min, tz), now)
            if due < now - dt.timedelta(hours=30):
                store.set_done(task_id, due + dt.timedelta(hours=1), now)
            elif draft.remind_before_min is not None and due < now:
                store.mark_notified([task_id], now)  # the demo does not start with a flood of reminders
    return count
