"""Repeating tasks: a small, RFC 5545-shaped rule and the next date it gives.

A rule is kept as text in the task row: the calendar kinds are RRULE subsets
(``FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE``) so they go into an .ics file as they are;
"every N days after completion" has no RRULE equivalent and is ``X-AFTER-DONE=N``.

Times are stored as naive UTC, but people repeat things by the wall clock: a call every
Monday at 9:00 stays at 9:00 across a daylight-saving change. So the next date is found in
the user's time zone and converted back to UTC.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

DAILY, WEEKLY, MONTHLY, YEARLY, AFTER_DONE = "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "AFTER_DONE"
FREQUENCIES = (DAILY, WEEKLY, MONTHLY, YEARLY, AFTER_DONE)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # index = date.weekday()
UTC = dt.UTC


@dataclass(frozen=True)
class Recurrence:
    freq: str
    interval: int = 1
    weekdays: tuple[int, ...] = field(default=())  # WEEKLY: 0 = Monday
    month_day: int | None = None  # MONTHLY: 1-31, clamped to the month's last day

    def __post_init__(self) -> None:
        if self.freq not in FREQUENCIES:
            raise ValueError(f"unknown frequency {self.freq!r}")
        if self.interval < 1:
            raise ValueError("the interval must be at least 1")
        if self.month_day is not None and not 1 <= self.month_day <= 31:
            raise ValueError("the day of the month must be 1-31")
        if any(not 0 <= d <= 6 for d in self.weekdays):
            raise ValueError("weekdays are 0-6")

    # -- text form ---------------------------------------------------------------------
    def to_text(self) -> str:
        if self.freq == AFTER_DONE:
            return f"X-AFTER-DONE={self.interval}"
        parts = [f"FREQ={self.freq}", f"INTERVAL={self.interval}"]
        if self.freq == WEEKLY and self.weekdays:
            parts.append("BYDAY=" + ",".join(WEEKDAYS[d] for d in sorted(set(self.weekdays))))
        if self.freq == MONTHLY and self.month_day:
            parts.append(f"BYMONTHDAY={self.month_day}")
        return ";".join(parts)

    @classmethod
    def parse(cls, text: str) -> Recurrence | None:
        """The rule in ``text``; None for "" (no repeat). Raises ValueError on junk."""
        text = (text or "").strip()
        if not text:
            return None
        values = dict(part.split("=", 1) for part in text.split(";") if "=" in part)
        if "X-AFTER-DONE" in values:
            return cls(AFTER_DONE, int(values["X-AFTER-DONE"]))
        days = tuple(WEEKDAYS.index(d) for d in values.get("BYDAY", "").split(",") if d)
        month_day = int(values["BYMONTHDAY"]) if "BYMONTHDAY" in values else None
        return cls(values.get("FREQ", ""), int(values.get("INTERVAL", "1")), days, month_day)

    def rrule(self) -> str | None:
        """The RRULE value for a calendar file; None where iCalendar has no equivalent."""
        return None if self.freq == AFTER_DONE else self.to_text()


# -- time zones -----------------------------------------------------------------------------
def local_zone() -> dt.tzinfo:
    """The user's time zone, with its daylight-saving rules where the system names it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    names = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        names.append(Path("/etc/timezone").read_text().strip())
    link = Path("/etc/localtime")
    if link.is_symlink():
        names.append(str(link.resolve()).split("zoneinfo/", 1)[-1])
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    return dt.datetime.now().astimezone().tzinfo or UTC


def to_local(utc_naive: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """A stored (naive UTC) time as a naive wall-clock time in ``tz``."""
    return utc_naive.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)


def to_utc(local_naive: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """A naive wall-clock time in ``tz`` as stored (naive UTC).

    A time skipped by a spring-forward change is taken as the same clock time after it
    (fold=0 and the zone's standard rules do that), a repeated one as its first occurrence.
    """
    return local_naive.replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)


# -- the next occurrence ----------------------------------------------------------------
def _add_months(day: dt.date, months: int, month_day: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(month_day, last))


def _next_local(rule: Recurrence, after: dt.datetime, anchor_day: int) -> dt.datetime:
    """The first occurrence strictly after the wall-clock time ``after`` (same time of day)."""
    clock = after.time()
    day = after.date()
    if rule.freq == DAILY:
        return dt.datetime.combine(day + dt.timedelta(days=rule.interval), clock)
    if rule.freq == WEEKLY:
        days = sorted(set(rule.weekdays)) or [day.weekday()]
        later = [d for d in days if d > day.weekday()]
        if later:  # still this week
            return dt.datetime.combine(day + dt.timedelta(days=later[0] - day.weekday()), clock)
        monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=rule.interval)
        return dt.datetime.combine(monday + dt.timedelta(days=days[0]), clock)
    if rule.freq == MONTHLY:
        return dt.datetime.combine(_add_months(day, rule.interval, rule.month_day or anchor_day), clock)
    if rule.freq == YEARLY:
        return dt.datetime.combine(_add_months(day, 12 * rule.interval, anchor_day), clock)
    raise ValueError(f"{rule.freq} has no calendar dates")


def next_due(rule: Recurrence, due_utc: dt.datetime, *, done_utc: dt.datetime, now_utc: dt.datetime,
             tz: dt.tzinfo) -> dt.datetime:
    """When the next task of a series is due (naive UTC), given the one just completed.

    Calendar rules step from the previous due date by the wall clock and skip occurrences
    already past (no flood of overdue copies after a holiday); "after completion" counts
    N days from the day it was done, at the same time of day as before.
    """
    due_local = to_local(due_utc, tz)
    if rule.freq == AFTER_DONE:
        done_day = to_local(done_utc, tz).date()
        return to_utc(dt.datetime.combine(done_day + dt.timedelta(days=rule.interval), due_local.time()), tz)
    anchor_day = rule.month_day or due_local.day
    now_local = to_local(now_utc, tz)
    candidate = _next_local(rule, due_local, anchor_day)
    while candidate <= now_local:
        candidate = _next_local(rule, candidate, anchor_day)
    return to_utc(candidate, tz)
