"""When reminders fire: what is due now, when to wake next, pausing, and the notification log.

No timers here: the UI's scheduler asks ``wake_in()`` how long it may sleep, sleeps that
long (no polling), then calls ``poll()``. Time comes from the context's clock, so tests
move a FixedClock and call ``poll()`` without waiting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..core.tasks import NotificationPlan, plan_notifications
from ..storage.privacy import ConsentStore
from .changes import Change
from .context import ServiceContext
from .tasks import TaskService

# The scheduler never sleeps longer than this, so a clock change or a suspend that the
# operating system does not report is noticed within this time.
MAX_SLEEP = dt.timedelta(minutes=15)
SUMMARY, SINGLE = "summary", "task"


class ReminderService:
    def __init__(self, ctx: ServiceContext, tasks: TaskService) -> None:
        self.ctx = ctx
        self.tasks = tasks
        self.store = ctx.storage.tasks
        self.consent = ConsentStore(ctx.storage.database.db)
        self.paused_until: dt.datetime | None = None

    # -- pausing -------------------------------------------------------------------------
    def pause(self, minutes: int = 60) -> dt.datetime:
        """No notifications for a while; what falls due meanwhile is summed up afterwards."""
        self.paused_until = self.ctx.clock.now() + dt.timedelta(minutes=minutes)
        self.ctx.changes.emit(Change("reminders", "update"))
        return self.paused_until

    def resume(self) -> None:
        self.paused_until = None
        self.ctx.changes.emit(Change("reminders", "update"))

    @property
    def paused(self) -> bool:
        return self.paused_until is not None and self.ctx.clock.now() < self.paused_until

    # -- scheduling ----------------------------------------------------------------------
    def next_wake(self) -> dt.datetime | None:
        """When the next reminder is due (maybe already past), or the pause ends; None = nothing."""
        with self.ctx.read():
            at = self.store.next_remind_at()
        if self.paused:
            return max(at, self.paused_until) if at is not None else None
        return at

    def wake_in(self) -> dt.timedelta:
        """How long the scheduler may sleep: until the next reminder, at most MAX_SLEEP."""
        at = self.next_wake()
        if at is None:
            return MAX_SLEEP
        return max(dt.timedelta(0), min(at - self.ctx.clock.now(), MAX_SLEEP))

    def poll(self) -> NotificationPlan:
        """The reminders due now, marked as shown and logged; empty while paused."""
        if self.paused:
            return NotificationPlan((), ())
        now = self.ctx.clock.now()
        with self.ctx.read():
            due = self.store.due_reminders(now)
            flagged = self.consent.flagged({r.contact_id for r in due if r.contact_id and r.deal_id is None})
        if not due:
            return NotificationPlan((), ())
        # A task about a person marked "do not contact" (and no deal) is marked shown without showing it.
        shown = [r for r in due if r.deal_id is not None or r.contact_id not in flagged]
        plan = plan_notifications(shown, now)
        with self.ctx.write():
            self.store.mark_notified([r.task_id for r in due], now)
            for one in plan.single:
                self.store.log_notification(SINGLE, one.task_id, one.title, one.customer, 1, now)
            if plan.summary:
                self.store.log_notification(SUMMARY, None, "", "", len(plan.summary), now)
        self.ctx.changes.emit(Change("notification", "create"))
        return plan

    # -- the notification centre ---------------------------------------------------------
    def recent(self, limit: int = 100, ids: Sequence[int] | None = None) -> list[tuple]:
        """(id, kind, task_id, title, body, count, shown_at, read_at, deal_id), newest first."""
        with self.ctx.read():
            return self.store.notifications(limit, ids)

    def unread(self) -> int:
        with self.ctx.read():
            return self.store.unread_notifications()

    def mark_read(self) -> None:
        with self.ctx.write():
            self.store.mark_notifications_read(self.ctx.clock.now())
        self.ctx.changes.emit(Change("notification", "update"))
