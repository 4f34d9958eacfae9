"""Tasks as an iCalendar (RFC 5545) file that calendar apps can import or subscribe to.

Each task is a VEVENT (calendar apps show events; few show VTODOs): a timed task lasts
half an hour from its due time, an all-day one is a DATE. Repeating tasks carry their
RRULE, reminders a VALARM. UIDs are the tasks' UUIDs, so a re-exported file updates the
same entries instead of adding copies.
"""

from __future__ import annotations

import datetime as dt

from .recurrence import Recurrence, to_local
from .tasks import Task

PRODID = "-//crm-desktop//Tasks//EN"
EVENT_LENGTH = dt.timedelta(minutes=30)
ICS_PRIORITY = {1: 1, 0: 5, -1: 9}  # high, normal, low on the 1-9 scale


def escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (never inside a character)."""
    if len(line) <= 18 or len(line.encode("utf-8")) <= 75:  # most lines: nothing to fold
        return line
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(value: dt.datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%SZ")


def _event(task: Task, tz: dt.tzinfo, stamp: dt.datetime) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{task.uuid}@crm-desktop", f"DTSTAMP:{_utc(stamp)}",
             f"SUMMARY:{escape(task.title)}"]
    if task.all_day:
        day = to_local(task.due_at, tz).date()
        lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}"]
    else:
        lines += [f"DTSTART:{_utc(task.due_at)}", f"DTEND:{_utc(task.due_at + EVENT_LENGTH)}"]
    description = "\n".join(part for part in (task.customer, task.notes) if part)
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    lines.append(f"CATEGORIES:{escape(task.kind.upper())}")
    lines.append(f"PRIORITY:{ICS_PRIORITY.get(task.priority, 5)}")
    if task.done_at is not None:  # a done task stays in the calendar but no longer blocks time
        lines.append("TRANSP:TRANSPARENT")
    rule = Recurrence.parse(task.recurrence) if task.recurrence else None
    if rule is not None and rule.rrule():
        lines.append(f"RRULE:{rule.rrule()}")
    if task.remind_before_min is not None and task.done_at is None:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(task.title)}",
                  f"TRIGGER:-PT{task.remind_before_min}M", "END:VALARM"]
    lines.append("END:VEVENT")
    return lines


def calendar_text(tasks: list[Task], tz: dt.tzinfo, now: dt.datetime, name: str = "crm-desktop") -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{escape(name)}"]
    for task in tasks:
        if task.due_at is not None:
            lines.extend(_event(task, tz, now))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
