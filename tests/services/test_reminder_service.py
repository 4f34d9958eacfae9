"""Reminders with a fake clock: due, snooze, pause, catch-up after the computer slept."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.core.tasks import TaskDraft
from crm_desktop.services import Services
from crm_desktop.services.reminders import MAX_SLEEP

START = dt.datetime(2024, 5, 6, 9, 0)
MIN = dt.timedelta(minutes=1)


@pytest.fixture
def crm(crm: Services) -> Services:
    crm.tasks.tz = ZoneInfo("Asia/Shanghai")
    return crm


def test_a_reminder_fires_once_at_its_time(crm: Services, clock):
    task_id = crm.tasks.create(TaskDraft("Call", "call", START + 20 * MIN, remind_before_min=10))
    assert crm.reminders.wake_in() == 10 * MIN  # the scheduler sleeps until then
    assert crm.reminders.poll().single == ()
    clock.advance(10 * MIN)
    plan = crm.reminders.poll()
    assert [r.task_id for r in plan.single] == [task_id] and plan.summary == ()
    assert crm.reminders.poll().single == ()  # shown once
    assert crm.reminders.wake_in() == MAX_SLEEP  # nothing left: sleep long
    assert [n[3] for n in crm.reminders.recent()] == ["Call"]


def test_snooze_brings_it_back(crm: Services, clock):
    task_id = crm.tasks.create(TaskDraft("Call", due_at=START))
    assert len(crm.reminders.poll().single) == 1
    crm.tasks.snooze_for(task_id, 10)
    assert crm.reminders.wake_in() == 10 * MIN
    clock.advance(9 * MIN)
    assert crm.reminders.poll().single == ()
    clock.advance(MIN)
    assert [r.task_id for r in crm.reminders.poll().single] == [task_id]


def test_snooze_until_tomorrow_morning(crm: Services, clock):
    task_id = crm.tasks.create(TaskDraft("Call", due_at=START))
    until = crm.tasks.snooze_until_tomorrow(task_id)
    assert until == dt.datetime(2024, 5, 7, 1, 0)  # 9:00 in Shanghai
    assert crm.tasks.get(task_id).snoozed_until == until


def test_done_tasks_do_not_remind(crm: Services, clock):
    task_id = crm.tasks.create(TaskDraft("Call", due_at=START + 5 * MIN))
    crm.tasks.complete(task_id)
    clock.advance(10 * MIN)
    assert crm.reminders.poll().single == ()


def test_reminders_missed_while_asleep_come_as_one_summary(crm: Services, clock):
    for hour in range(1, 6):
        crm.tasks.create(TaskDraft(f"task {hour}", due_at=START + dt.timedelta(hours=hour)))
    clock.advance(dt.timedelta(hours=12))  # the lid was closed all afternoon
    plan = crm.reminders.poll()
    assert plan.single == () and len(plan.summary) == 5
    assert crm.reminders.poll().summary == ()  # and not again
    assert [(n[1], n[5]) for n in crm.reminders.recent()] == [("summary", 5)]
    assert crm.reminders.unread() == 1
    crm.reminders.mark_read()
    assert crm.reminders.unread() == 0


def test_pause_holds_notifications_for_an_hour(crm: Services, clock):
    crm.tasks.create(TaskDraft("a", due_at=START + 10 * MIN))
    crm.tasks.create(TaskDraft("b", due_at=START + 20 * MIN))
    crm.reminders.pause(60)
    assert crm.reminders.wake_in() == MAX_SLEEP  # sleeps past the paused reminders (capped)
    clock.advance(30 * MIN)
    assert crm.reminders.poll().single == () and crm.reminders.paused
    clock.advance(30 * MIN)
    plan = crm.reminders.poll()
    assert not crm.reminders.paused and len(plan.summary) == 2


def test_the_scheduler_wakes_at_once_for_a_past_reminder(crm: Services):
    crm.tasks.create(TaskDraft("overdue", due_at=START - dt.timedelta(days=1)))
    assert crm.reminders.wake_in() == dt.timedelta(0)
