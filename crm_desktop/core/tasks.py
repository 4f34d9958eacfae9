"""Tasks and follow-ups as plain data, and the rules for when they remind.

All stored times are naive UTC. An all-day task is due on a date: its ``due_at`` is the
start of that day in the user's time zone, it becomes overdue when the day is over, and it
reminds at ``ALL_DAY_REMIND_HOUR`` that morning (minus its reminder offset).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .recurrence import to_local, to_utc

TASK_KINDS = ("call", "email", "meeting", "todo")
PRIORITY_LOW, PRIORITY_NORMAL, PRIORITY_HIGH = -1, 0, 1
PRIORITIES = (PRIORITY_LOW, PRIORITY_NORMAL, PRIORITY_HIGH)
# The activity a completed task can log in one step ("Done — log call").
ACTIVITY_FOR_KIND = {"call": "call", "email": "email", "meeting": "meeting", "todo": "note"}
ALL_DAY_REMIND_HOUR = 9
MORNING_HOUR = 9  # "snooze until tomorrow morning"
REMINDER_CHOICES = (None, 0, 5, 10, 15, 30, 60, 120, 24 * 60)  # minutes before; None = no reminder

# The Reminders page's sections.
OVERDUE, TODAY, UPCOMING, DONE = "overdue", "today", "upcoming", "done"
SECTIONS = (OVERDUE, TODAY, UPCOMING, DONE)


@dataclass
class TaskDraft:
    title: str
    kind: str = "todo"
    due_at: dt.datetime | None = None  # naive UTC; for all-day tasks, the day's local start
    all_day: bool = False
    remind_before_min: int | None = 0  # None: no reminder
    priority: int = PRIORITY_NORMAL
    recurrence: str = ""  # see core.recurrence
    notes: str = ""
    contact_id: int | None = None
    company_id: int | None = None
    deal_id: int | None = None
    owner_id: int | None = None  # None: the current user
    rule_id: int | None = None  # the follow-up rule that made it
    rule_key: str | None = None  # what that rule made it for (never twice)


@dataclass
class Task:
    id: int
    uuid: str
    title: str
    kind: str
    due_at: dt.datetime | None
    all_day: bool
    remind_before_min: int | None
    priority: int
    recurrence: str
    snoozed_until: dt.datetime | None
    done_at: dt.datetime | None
    notes: str
    contact_id: int | None
    company_id: int | None
    deal_id: int | None
    owner_id: int | None
    rule_id: int | None
    remind_at: dt.datetime | None
    notified_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    # Names for display, read with the task.
    contact_name: str = ""
    company_name: str = ""
    deal_title: str = ""
    owner_name: str = ""

    @property
    def customer(self) -> str:
        return self.contact_name or self.company_name or self.deal_title

    def draft(self) -> TaskDraft:
        return TaskDraft(self.title, self.kind, self.due_at, self.all_day, self.remind_before_min,
                         self.priority, self.recurrence, self.notes, self.contact_id, self.company_id,
                         self.deal_id, self.owner_id, self.rule_id)


@dataclass(frozen=True)
class TaskRow:
    """One row of the Reminders page (what its table shows, nothing more)."""

    id: int
    title: str
    kind: str
    due_at: dt.datetime | None
    all_day: bool
    priority: int
    done_at: dt.datetime | None
    owner_name: str
    customer: str
    recurring: bool
    silenced: bool = False  # linked only to a person marked "do not contact": it does not notify


@dataclass(frozen=True)
class SectionQuery:
    """Which rows of the Reminders page: the section, its filters and its order (see storage.tasks)."""

    section: str
    owner_id: int | None = None
    kind: str | None = None
    sort: str = "due"
    descending: bool = False


@dataclass(frozen=True)
class DayBounds:
    now: dt.datetime
    today: dt.datetime  # start of the user's day, as naive UTC
    tomorrow: dt.datetime


def all_day_start(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """The stored due time of an all-day task on ``day``."""
    return to_utc(dt.datetime.combine(day, dt.time()), tz)


def due_end(due_at: dt.datetime, all_day: bool, tz: dt.tzinfo) -> dt.datetime:
    """When a task becomes overdue: its due time, or the end of its day if it is all-day."""
    if not all_day:
        return due_at
    day = to_local(due_at, tz).date() + dt.timedelta(days=1)
    return to_utc(dt.datetime.combine(day, dt.time()), tz)


def remind_at(due_at: dt.datetime | None, all_day: bool, remind_before_min: int | None,
              tz: dt.tzinfo) -> dt.datetime | None:
    """When a task's notification fires (naive UTC), or None if it never does."""
    if due_at is None or remind_before_min is None:
        return None
    if all_day:
        morning = to_local(due_at, tz).replace(hour=ALL_DAY_REMIND_HOUR, minute=0, second=0, microsecond=0)
        due_at = to_utc(morning, tz)
    return due_at - dt.timedelta(minutes=remind_before_min)


def tomorrow_morning(now_utc: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    day = to_local(now_utc, tz).date() + dt.timedelta(days=1)
    return to_utc(dt.datetime.combine(day, dt.time(MORNING_HOUR)), tz)


def day_bounds(now_utc: dt.datetime, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """Start of today and of tomorrow in the user's zone, as naive UTC."""
    today = to_local(now_utc, tz).date()
    return (to_utc(dt.datetime.combine(today, dt.time()), tz),
            to_utc(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()), tz))


def section_of(task: Task | TaskRow, now_utc: dt.datetime, tz: dt.tzinfo) -> str:
    if task.done_at is not None:
        return DONE
    if task.due_at is None:
        return UPCOMING
    _start, end = day_bounds(now_utc, tz)
    if due_end(task.due_at, task.all_day, tz) <= now_utc:
        return OVERDUE
    return TODAY if task.due_at < end else UPCOMING


# -- notifications ------------------------------------------------------------------------
@dataclass(frozen=True)
class DueReminder:
    task_id: int
    title: str
    remind_at: dt.datetime
    due_at: dt.datetime | None
    customer: str
    contact_id: int | None
    company_id: int | None
    deal_id: int | None


@dataclass(frozen=True)
class NotificationPlan:
    """What to show for the reminders that have come due: each one, or one summary."""

    single: tuple[DueReminder, ...]
    summary: tuple[DueReminder, ...]


# A reminder found later than this after its time was missed (app closed, computer asleep).
MISSED_AFTER = dt.timedelta(minutes=2)
# More reminders than this at once are summed up in one notification too.
MAX_SINGLE = 3


def plan_notifications(due: list[DueReminder], now_utc: dt.datetime) -> NotificationPlan:
    """Reminders that fell due just now are shown one by one; missed ones in one summary.

    After a night with the app closed or the computer asleep the user gets one
    "5 reminders while you were away" instead of five popups; a burst of many at the
    same minute is summed up the same way.
    """
    missed = [r for r in due if now_utc - r.remind_at > MISSED_AFTER]
    fresh = [r for r in due if now_utc - r.remind_at <= MISSED_AFTER]
    if len(fresh) > MAX_SINGLE or (missed and len(due) > 1):
        return NotificationPlan((), tuple(due))
    if missed:  # exactly one, missed: it is still only one notification
        return NotificationPlan(tuple(missed), ())
    return NotificationPlan(tuple(fresh), ())
