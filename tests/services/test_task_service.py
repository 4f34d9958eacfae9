"""Tasks through the services: validation, sections, completing (and logging the call), recurrence, .ics."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from service_helpers import person

from crm_desktop.core.errors import ValidationError
from crm_desktop.core.recurrence import to_local
from crm_desktop.core.tasks import DONE, OVERDUE, TODAY, UPCOMING, TaskDraft, all_day_start
from crm_desktop.services import Change, Services
from crm_desktop.storage.tasks import SectionQuery

BERLIN = ZoneInfo("Europe/Berlin")
START = dt.datetime(2024, 5, 6, 9, 0)  # 11:00 in Berlin, a Monday


@pytest.fixture
def crm(crm: Services) -> Services:
    crm.tasks.tz = BERLIN
    return crm


def ids(crm: Services, section: str, **filters) -> list[int]:
    return [r.id for r in crm.tasks.rows(SectionQuery(section, **filters), 0, 100)]


def test_a_task_needs_a_title_a_known_type_and_a_valid_repeat(crm: Services):
    with pytest.raises(ValidationError) as caught:
        crm.tasks.create(TaskDraft("  ", kind="fax", recurrence="FREQ=HOURLY"))
    assert caught.value.codes() == {("title", "required"), ("kind", "invalid"), ("recurrence", "invalid")}
    with pytest.raises(ValidationError) as caught:
        crm.tasks.create(TaskDraft("Weekly call", recurrence="FREQ=WEEKLY"))
    assert caught.value.codes() == {("due_at", "required")}


def test_a_new_task_belongs_to_the_current_user_and_is_announced(crm: Services, changes):
    ann = crm.contacts.create(person("Ann", "Lee"))
    task_id = crm.tasks.create(TaskDraft(" Call Ann ", "call", START + dt.timedelta(hours=2), contact_id=ann))
    task = crm.tasks.get(task_id)
    me = crm.settings.current_user_id
    assert (task.title, task.owner_id, task.contact_name) == ("Call Ann", me, "Ann Lee")
    assert task.remind_at == START + dt.timedelta(hours=2)
    assert Change("task", "create", (task_id,)) in changes


def test_sections_follow_the_clock_and_filters(crm: Services, clock):
    late = crm.tasks.create(TaskDraft("late", "call", START - dt.timedelta(hours=1)))
    soon = crm.tasks.create(TaskDraft("soon", "email", START + dt.timedelta(hours=3)))
    all_day = crm.tasks.create(TaskDraft("today", "todo", all_day_start(dt.date(2024, 5, 6), BERLIN), True))
    later = crm.tasks.create(TaskDraft("later", "meeting", START + dt.timedelta(days=2)))
    undated = crm.tasks.create(TaskDraft("someday"))
    assert ids(crm, OVERDUE) == [late]
    assert ids(crm, TODAY) == [all_day, soon]
    assert ids(crm, UPCOMING) == [later, undated]
    assert ids(crm, TODAY, kind="email") == [soon]
    assert crm.tasks.due_counts() == (1, 2)
    clock.advance(dt.timedelta(hours=4))
    assert ids(crm, OVERDUE) == [late, soon]
    clock.advance(dt.timedelta(hours=10))  # past midnight in Berlin: the all-day task is overdue too
    assert ids(crm, OVERDUE) == [all_day, late, soon]  # by due time: the day began at midnight
    crm.tasks.complete(late)
    assert ids(crm, DONE) == [late]


def test_sorting_the_sections(crm: Services):
    a = crm.tasks.create(TaskDraft("b task", due_at=START + dt.timedelta(days=3), priority=1))
    b = crm.tasks.create(TaskDraft("a task", due_at=START + dt.timedelta(days=2), priority=-1))
    assert [r.id for r in crm.tasks.rows(SectionQuery(UPCOMING, sort="title"), 0, 10)] == [b, a]
    by_priority = SectionQuery(UPCOMING, sort="priority", descending=True)
    assert [r.id for r in crm.tasks.rows(by_priority, 0, 10)] == [a, b]
    assert crm.tasks.count(SectionQuery(UPCOMING)) == 2


def test_done_log_call_records_the_call_in_one_step(crm: Services, changes):
    ann = crm.contacts.create(person("Ann"))
    task_id = crm.tasks.create(TaskDraft("Call about the quote", "call", START, contact_id=ann,
                                         notes="prices"))
    next_id, activity_id = crm.tasks.complete(task_id, log=True, outcome="interested", duration_s=120)
    assert next_id is None
    call = crm.activities.get(activity_id)
    assert (call.kind, call.subject, call.outcome, call.duration_s, call.contact_id) == (
        "call", "Call about the quote", "interested", 120, ann)
    assert crm.activities.last_interaction([ann]) == {ann: START}
    assert crm.tasks.get(task_id).done_at == START
    assert Change("activity", "create", (activity_id,)) in changes
    assert crm.tasks.complete(task_id) == (None, None)  # twice is once


def test_completing_a_repeating_task_schedules_the_next(crm: Services, clock):
    first_due = dt.datetime(2024, 3, 25, 8, 0)  # Monday 9:00 in Berlin, before the clocks change
    clock.advance(first_due - dt.timedelta(days=1) - clock.now())  # the day before
    task_id = crm.tasks.create(TaskDraft("Weekly report", due_at=first_due, recurrence="FREQ=WEEKLY;BYDAY=MO",
                                         remind_before_min=10))
    next_id, _ = crm.tasks.complete(task_id)
    following = crm.tasks.get(next_id)
    assert to_local(following.due_at, BERLIN) == dt.datetime(2024, 4, 1, 9, 0)
    assert following.due_at == dt.datetime(2024, 4, 1, 7, 0)
    assert following.remind_at == dt.datetime(2024, 4, 1, 6, 50)
    assert (following.title, following.recurrence, following.done_at) == (
        "Weekly report", "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO", None)


def test_every_n_days_after_completion(crm: Services, clock):
    task_id = crm.tasks.create(TaskDraft("Water the plants", due_at=START, recurrence="X-AFTER-DONE=3"))
    clock.advance(dt.timedelta(days=2))
    next_id, _ = crm.tasks.complete(task_id)
    assert crm.tasks.get(next_id).due_at == START + dt.timedelta(days=5)


def test_editing_the_due_time_reminds_again(crm: Services, clock):
    task_id = crm.tasks.create(TaskDraft("Send offer", due_at=START + dt.timedelta(minutes=5)))
    clock.advance(dt.timedelta(minutes=5))
    assert len(crm.reminders.poll().single) == 1
    draft = crm.tasks.get(task_id).draft()
    draft.due_at = START + dt.timedelta(hours=1)
    crm.tasks.update(task_id, draft)
    task = crm.tasks.get(task_id)
    assert (task.remind_at, task.notified_at) == (START + dt.timedelta(hours=1), None)


def test_tasks_export_to_ics_that_a_real_parser_reads_back(crm: Services, tmp_path):
    ann = crm.contacts.create(person("Ann", "Lee"))
    crm.tasks.create(TaskDraft("Call Ann; about pricing, again", "call", START + dt.timedelta(hours=1),
                               remind_before_min=15, contact_id=ann, notes="line one\nline two",
                               recurrence="FREQ=WEEKLY;BYDAY=MO,WE"))
    wednesday = all_day_start(dt.date(2024, 5, 8), BERLIN)
    crm.tasks.create(TaskDraft("跟进王芳的报价单" * 5, "todo", wednesday, True))
    crm.tasks.create(TaskDraft("No date"))
    path = tmp_path / "tasks.ics"
    assert crm.tasks.export_ics(path) == 2
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Call Ann; about pricing, again", "跟进王芳的报价单" * 5]
    call, all_day = events
    assert call.decoded("DTSTART") == (START + dt.timedelta(hours=1)).replace(tzinfo=dt.UTC)
    assert str(call["DESCRIPTION"]) == "Ann Lee\nline one\nline two"
    assert call["RRULE"]["BYDAY"] == ["MO", "WE"]
    alarm = call.walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == -dt.timedelta(minutes=15)
    assert all_day.decoded("DTSTART") == dt.date(2024, 5, 8)
    assert path.read_bytes().count(b"\r\n") > 10


def test_the_subscription_file_lives_in_the_data_folder(crm: Services, data_dir):
    crm.tasks.create(TaskDraft("Call", due_at=START))
    path = crm.tasks.write_subscription()
    assert path == data_dir / "tasks.ics"
    assert len(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")) == 1


def test_the_subscription_file_is_rewritten_only_after_a_change(crm: Services, data_dir):
    import os

    crm.tasks.create(TaskDraft("First", due_at=START))
    path = crm.tasks.write_subscription()
    os.utime(path, (START.replace(tzinfo=dt.UTC).timestamp(),) * 2)  # written when the clock said START
    assert crm.tasks.write_subscription() == path and b"SUMMARY:Second" not in path.read_bytes()
    crm.tasks.create(TaskDraft("Second", due_at=START))  # stamped START too: not newer
    crm.tasks.write_subscription()
    assert b"SUMMARY:Second" not in path.read_bytes()
    os.utime(path, (0, 0))  # the file predates the tasks: written again
    crm.tasks.write_subscription()
    assert b"SUMMARY:Second" in path.read_bytes()


def test_the_subscription_holds_the_near_open_tasks_and_a_file_export_all(crm: Services, tmp_path):
    crm.tasks.create(TaskDraft("Long overdue", due_at=START - dt.timedelta(days=30)))
    crm.tasks.create(TaskDraft("This week", due_at=START + dt.timedelta(days=2)))
    crm.tasks.create(TaskDraft("In two years", due_at=START + dt.timedelta(days=730)))
    subscribed = crm.tasks.write_subscription().read_bytes()
    assert b"This week" in subscribed and b"Long overdue" not in subscribed and b"two years" not in subscribed
    assert crm.tasks.export_ics(tmp_path / "all.ics") == 3
