"""The reminder clock in the app: wakes after sleep, re-arms on changes, sweeps rules off the UI thread."""

from __future__ import annotations

import datetime as dt
import threading
import time
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.core.clock import FixedClock
from crm_desktop.core.records import ContactDraft
from crm_desktop.core.tasks import TaskDraft
from crm_desktop.services import Services
from crm_desktop.ui.bridge import ChangeBridge
from crm_desktop.ui.reminders.scheduler import ReminderScheduler

NOW = dt.datetime(2024, 5, 6, 9, 0)


@pytest.fixture
def clock():
    return FixedClock(NOW)


@pytest.fixture
def crm(data_dir, clock):
    opened = Services.open(data_dir, fallback_region="US", clock=clock)
    opened.tasks.tz = ZoneInfo("UTC")
    yield opened
    opened.close()


@pytest.fixture
def bridge(crm, qapp):
    made = ChangeBridge(crm)
    yield made
    made.detach()


def test_a_late_timer_means_the_computer_slept_and_missed_reminders_come_as_one(crm, bridge, clock, qtbot):
    for hour in (1, 2, 3):
        crm.tasks.create(TaskDraft(f"task {hour}", due_at=NOW + dt.timedelta(hours=hour)))
    scheduler = ReminderScheduler(crm, bridge, sweep=False)
    scheduler.start()
    clock.advance(dt.timedelta(hours=8))  # the lid was closed
    scheduler._armed_at = time.time() - 8 * 3600  # the timer was armed eight hours ago
    scheduler._armed_for = 3600.0
    with qtbot.waitSignal(scheduler.woke), qtbot.waitSignal(scheduler.due) as due:
        scheduler._on_timer_timeout()
    plan = due.args[0]
    assert plan.single == () and len(plan.summary) == 3
    scheduler.stop()


def test_a_new_task_re_arms_the_clock(crm, bridge, qtbot):
    scheduler = ReminderScheduler(crm, bridge, sweep=False)
    scheduler.start()
    assert scheduler.next_check_ms > 14 * 60_000  # nothing due: the longest sleep
    crm.tasks.create(TaskDraft("soon", due_at=NOW + dt.timedelta(minutes=3)))
    qtbot.waitUntil(lambda: 0 < scheduler.next_check_ms <= 3 * 60_000)
    scheduler.stop()


def test_rules_and_scores_are_swept_on_a_worker_thread(crm, bridge, clock, qtbot):
    ann = crm.contacts.create(ContactDraft(given_name="Ann", tags=["customer"]))
    clock.advance(dt.timedelta(days=31))
    threads = []
    original = crm.rules.run_all
    crm.rules.run_all = lambda: (threads.append(threading.current_thread()), original())[1]
    scheduler = ReminderScheduler(crm, bridge)
    with qtbot.waitSignal(scheduler.sweep_done, timeout=10_000) as done:
        scheduler.sweep()
    assert sum(done.args[0].values()) == 1
    assert threads and threads[0] is not threading.main_thread()
    assert crm.scoring.score_of(ann) == (20, crm.scoring.score_of(ann)[1])  # tagged customer: +20
    scheduler.stop()


def test_the_subscribed_calendar_file_follows_task_changes(crm, bridge, data_dir, qtbot):
    scheduler = ReminderScheduler(crm, bridge)
    crm.tasks.create(TaskDraft("Call Ann", due_at=NOW + dt.timedelta(hours=2)))
    scheduler.refresh_calendar()  # what the change starts after a short delay
    calendar = data_dir / "tasks.ics"
    qtbot.waitUntil(lambda: calendar.exists() and b"SUMMARY:Call Ann" in calendar.read_bytes(),
                    timeout=10_000)
    scheduler.stop()
