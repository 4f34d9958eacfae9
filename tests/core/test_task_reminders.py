"""When a task reminds, which section of the Reminders page it is in, and how reminders are grouped."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from crm_desktop.core.ics import fold
from crm_desktop.core.tasks import (
    MISSED_AFTER,
    OVERDUE,
    TODAY,
    UPCOMING,
    DueReminder,
    TaskRow,
    all_day_start,
    plan_notifications,
    remind_at,
    section_of,
    tomorrow_morning,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")  # UTC+8, no daylight saving
NOW = dt.datetime(2024, 5, 6, 2, 0)  # 10:00 in Shanghai


def reminder(task_id: int, at: dt.datetime) -> DueReminder:
    return DueReminder(task_id, f"task {task_id}", at, at, "", None, None, None)


def row(due: dt.datetime | None, all_day: bool = False, done: dt.datetime | None = None) -> TaskRow:
    return TaskRow(1, "t", "call", due, all_day, 0, done, "", "", False)


def test_a_timed_task_reminds_its_offset_before():
    assert remind_at(dt.datetime(2024, 5, 6, 8, 0), False, 15, SHANGHAI) == dt.datetime(2024, 5, 6, 7, 45)
    assert remind_at(dt.datetime(2024, 5, 6, 8, 0), False, None, SHANGHAI) is None
    assert remind_at(None, False, 15, SHANGHAI) is None


def test_an_all_day_task_reminds_in_the_morning_of_its_day():
    due = all_day_start(dt.date(2024, 5, 7), SHANGHAI)
    assert due == dt.datetime(2024, 5, 6, 16, 0)  # midnight in Shanghai
    assert remind_at(due, True, 0, SHANGHAI) == dt.datetime(2024, 5, 7, 1, 0)  # 9:00 local
    assert remind_at(due, True, 60, SHANGHAI) == dt.datetime(2024, 5, 7, 0, 0)


def test_sections():
    assert section_of(row(NOW - dt.timedelta(minutes=1)), NOW, SHANGHAI) == OVERDUE
    assert section_of(row(NOW + dt.timedelta(hours=5)), NOW, SHANGHAI) == TODAY
    assert section_of(row(NOW + dt.timedelta(hours=14)), NOW, SHANGHAI) == UPCOMING  # tomorrow local
    assert section_of(row(None), NOW, SHANGHAI) == UPCOMING
    # An all-day task of today is not overdue before the day is over; yesterday's is.
    assert section_of(row(all_day_start(dt.date(2024, 5, 6), SHANGHAI), True), NOW, SHANGHAI) == TODAY
    assert section_of(row(all_day_start(dt.date(2024, 5, 5), SHANGHAI), True), NOW, SHANGHAI) == OVERDUE


def test_tomorrow_morning_is_nine_local():
    assert tomorrow_morning(NOW, SHANGHAI) == dt.datetime(2024, 5, 7, 1, 0)


def test_reminders_due_just_now_are_shown_one_by_one():
    plan = plan_notifications([reminder(1, NOW), reminder(2, NOW - dt.timedelta(seconds=30))], NOW)
    assert [r.task_id for r in plan.single] == [1, 2]
    assert plan.summary == ()


def test_missed_reminders_make_one_summary():
    missed = [reminder(i, NOW - dt.timedelta(hours=i)) for i in range(1, 6)]
    plan = plan_notifications(missed, NOW)
    assert plan.single == ()
    assert len(plan.summary) == 5


def test_one_missed_reminder_is_shown_as_itself():
    plan = plan_notifications([reminder(1, NOW - MISSED_AFTER - dt.timedelta(seconds=1))], NOW)
    assert [r.task_id for r in plan.single] == [1]


def test_a_burst_is_summed_up():
    plan = plan_notifications([reminder(i, NOW) for i in range(10)], NOW)
    assert plan.single == () and len(plan.summary) == 10


def test_calendar_lines_fold_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "跟进客户" * 30
    folded = fold(line).split("\r\n")
    assert all(len(part.encode()) <= 75 for part in folded)
    assert "".join(p[1:] if i else p for i, p in enumerate(folded)) == line
