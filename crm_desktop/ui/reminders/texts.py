"""Words the reminders UI shares: task types, priorities, sections, due times, rule titles."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime, QTimeZone

from ...core.recurrence import to_local
from ...core.rules import KEEP_IN_TOUCH, NO_NEXT_STEP, STAGE_ENTRY
from ...core.scoring import COMPANY_SIZE, DEAL_STAGE, FIELD, INTERACTIONS, SOURCE, TAG, ScoreRule
from ...core.tasks import DONE, OVERDUE, PRIORITY_HIGH, PRIORITY_LOW, PRIORITY_NORMAL, TODAY, UPCOMING

translate = QCoreApplication.translate


def kind_names() -> dict[str, str]:
    return {"call": translate("ReminderTexts", "Call"), "email": translate("ReminderTexts", "E-mail"),
            "meeting": translate("ReminderTexts", "Meeting"), "todo": translate("ReminderTexts", "To-do")}


def priority_names() -> dict[int, str]:
    return {PRIORITY_HIGH: translate("ReminderTexts", "High"),
            PRIORITY_NORMAL: translate("ReminderTexts", "Normal"),
            PRIORITY_LOW: translate("ReminderTexts", "Low")}


def section_names() -> dict[str, str]:
    return {OVERDUE: translate("ReminderTexts", "Overdue"), TODAY: translate("ReminderTexts", "Today"),
            UPCOMING: translate("ReminderTexts", "Upcoming"), DONE: translate("ReminderTexts", "Done")}


def rule_titles() -> dict[str, str]:
    """Default titles of the tasks rules make, in the user's language ("%1": the name)."""
    return {KEEP_IN_TOUCH: translate("ReminderTexts", "Get back in touch with %1"),
            STAGE_ENTRY: translate("ReminderTexts", "Follow up on %1"),
            NO_NEXT_STEP: translate("ReminderTexts", "Plan the next step for %1")}


def rule_notification_text(kind: str, title: str, body: str, count: int) -> tuple[str, str]:
    """(headline, detail) of a notification a follow-up rule gave: a deal that entered a stage
    (``title`` the deal, ``body`` the stage), or people still waiting for their keep-in-touch
    task (``count`` of them, ``body`` the tag)."""
    if kind == "stage":
        return (translate("ReminderTexts", "%1 entered %2").replace("%1", title).replace("%2", body),
                translate("ReminderTexts", "A deal entered a stage you follow. Click to open it."))
    if count == 1:
        headline = translate("ReminderTexts", "1 more person tagged “%1” is due for a follow-up")
    else:
        headline = translate("ReminderTexts", "%2 more people tagged “%1” are due for a follow-up")
    return (headline.replace("%1", body).replace("%2", str(count)),
            translate("ReminderTexts", "Today's tasks are made; theirs follow on the next days, "
                                       "the longest silent first."))


def rule_kind_names() -> dict[str, str]:
    return {KEEP_IN_TOUCH: translate("ReminderTexts", "Keep in touch"),
            STAGE_ENTRY: translate("ReminderTexts", "Deal enters a stage"),
            NO_NEXT_STEP: translate("ReminderTexts", "Deal without a next step")}


def reminder_names() -> list[tuple[int | None, str]]:
    return [(None, translate("ReminderTexts", "No reminder")),
            (0, translate("ReminderTexts", "At the due time")),
            (5, translate("ReminderTexts", "5 minutes before")),
            (10, translate("ReminderTexts", "10 minutes before")),
            (15, translate("ReminderTexts", "15 minutes before")),
            (30, translate("ReminderTexts", "30 minutes before")),
            (60, translate("ReminderTexts", "1 hour before")),
            (120, translate("ReminderTexts", "2 hours before")),
            (24 * 60, translate("ReminderTexts", "1 day before"))]


def score_reason(rule: ScoreRule | None) -> str:
    """Why a contact scores: the top rule in words, e.g. "Tagged customer (+20)"."""
    if rule is None:
        return ""
    if rule.label:
        return f"{rule.label} (+{rule.points})"
    c = rule.config
    text = {
        TAG: translate("ReminderTexts", "Tagged %1").replace("%1", str(c.get("tag", ""))),
        FIELD: translate("ReminderTexts", "Has %1").replace("%1", field_names().get(str(c.get("field")), "")),
        COMPANY_SIZE: translate("ReminderTexts", "Company of %1+ people").replace("%1", str(c.get("min", 0))),
        SOURCE: translate("ReminderTexts", "Came from %1").replace("%1", str(c.get("source", ""))),
        INTERACTIONS: translate("ReminderTexts", "%1+ interactions in %2 days")
        .replace("%1", str(c.get("count", 1))).replace("%2", str(c.get("days", 30))),
        DEAL_STAGE: translate("ReminderTexts", "Deal in a chosen stage"),
    }.get(rule.kind, rule.kind)
    return f"{text} (+{rule.points})"


def field_names() -> dict[str, str]:
    return {"email": translate("ReminderTexts", "an e-mail address"),
            "phone": translate("ReminderTexts", "a phone number"),
            "title": translate("ReminderTexts", "a job title"),
            "company": translate("ReminderTexts", "a company"),
            "website": translate("ReminderTexts", "a website"),
            "address": translate("ReminderTexts", "an address"),
            "birthday": translate("ReminderTexts", "a birthday")}


# -- times ----------------------------------------------------------------------------------
def local_qdatetime(utc: dt.datetime, tz: dt.tzinfo) -> QDateTime:
    """A stored time as a QDateTime on the user's wall clock (local-time spec, for the editors)."""
    local = to_local(utc, tz)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute),
                     QTimeZone.LocalTime)


def due_text(due: dt.datetime | None, all_day: bool, tz: dt.tzinfo, now: dt.datetime,
             locale: QLocale | None = None) -> str:
    """"Today 14:30", "Tomorrow", "Fri 10 May 09:00": how a due time reads in a list."""
    if due is None:
        return translate("ReminderTexts", "No date")
    locale = locale or QLocale()
    local = to_local(due, tz)
    today = to_local(now, tz).date()
    day = local.date()
    time_text = "" if all_day else locale.toString(QTime(local.hour, local.minute),
                                                    QLocale.FormatType.ShortFormat)
    if day == today:
        day_text = translate("ReminderTexts", "Today")
    elif day == today + dt.timedelta(days=1):
        day_text = translate("ReminderTexts", "Tomorrow")
    elif day == today - dt.timedelta(days=1):
        day_text = translate("ReminderTexts", "Yesterday")
    else:
        day_text = locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
    return f"{day_text} {time_text}".strip()
