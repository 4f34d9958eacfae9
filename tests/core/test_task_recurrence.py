"""Repeating tasks: the next date by the wall clock, across month ends and daylight-saving changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.core.recurrence import (
    AFTER_DONE,
    DAILY,
    MONTHLY,
    WEEKLY,
    YEARLY,
    Recurrence,
    next_due,
    to_local,
    to_utc,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
UTC = dt.UTC


def local(*args) -> dt.datetime:
    return to_utc(dt.datetime(*args), BERLIN)


def step(rule: Recurrence, due: dt.datetime, tz=BERLIN, done: dt.datetime | None = None) -> dt.datetime:
    """The next due time after ``due``, completed right at ``due`` (or at ``done``)."""
    done = done or due
    return next_due(rule, due, done_utc=done, now_utc=done, tz=tz)


def test_text_round_trip():
    for rule in (Recurrence(DAILY), Recurrence(WEEKLY, 2, (0, 2, 4)), Recurrence(MONTHLY, 1, (), 31),
                 Recurrence(YEARLY), Recurrence(AFTER_DONE, 10)):
        assert Recurrence.parse(rule.to_text()) == rule
    assert Recurrence(WEEKLY, 1, (4, 0)).to_text() == "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,FR"
    assert Recurrence(AFTER_DONE, 10).rrule() is None
    assert Recurrence.parse("") is None


@pytest.mark.parametrize("text", ["FREQ=HOURLY", "FREQ=DAILY;INTERVAL=0", "FREQ=MONTHLY;BYMONTHDAY=32",
                                  "FREQ=WEEKLY;BYDAY=XX"])
def test_junk_is_refused(text):
    with pytest.raises(ValueError):
        Recurrence.parse(text)


def test_monthly_on_the_31st_clamps_to_short_months_and_comes_back():
    rule = Recurrence(MONTHLY, month_day=31)
    due = local(2024, 1, 31, 10, 0)
    seen = []
    for _ in range(4):
        due = step(rule, due)
        seen.append(to_local(due, BERLIN))
    assert seen == [dt.datetime(2024, 2, 29, 10), dt.datetime(2024, 3, 31, 10),
                    dt.datetime(2024, 4, 30, 10), dt.datetime(2024, 5, 31, 10)]


def test_monthly_without_a_day_keeps_the_first_due_day():
    rule = Recurrence(MONTHLY)
    due = step(rule, local(2023, 1, 30, 9, 0))
    assert to_local(due, BERLIN) == dt.datetime(2023, 2, 28, 9)


def test_yearly_on_the_29th_of_february():
    rule = Recurrence(YEARLY)
    due = step(rule, local(2024, 2, 29, 9, 0))
    assert to_local(due, BERLIN) == dt.datetime(2025, 2, 28, 9)


def test_weekly_on_chosen_weekdays():
    rule = Recurrence(WEEKLY, 1, (0, 2, 4))  # Mon, Wed, Fri
    due = local(2024, 5, 6, 9, 0)  # a Monday
    days = []
    for _ in range(4):
        due = step(rule, due)
        days.append(to_local(due, BERLIN).date())
    assert days == [dt.date(2024, 5, 8), dt.date(2024, 5, 10), dt.date(2024, 5, 13), dt.date(2024, 5, 15)]


def test_every_second_week():
    rule = Recurrence(WEEKLY, 2, (1,))  # Tuesdays, every other week
    due = step(rule, local(2024, 5, 7, 15, 0))
    assert to_local(due, BERLIN) == dt.datetime(2024, 5, 21, 15)


def test_weekly_keeps_the_wall_clock_across_spring_forward():
    rule = Recurrence(WEEKLY, 1, (0,))
    before = local(2024, 3, 25, 9, 0)  # Monday before the change: UTC+1
    assert before == dt.datetime(2024, 3, 25, 8, 0)
    after = step(rule, before)  # 31 March 2024: clocks go forward
    assert after == dt.datetime(2024, 4, 1, 7, 0)  # UTC+2: still 9:00 in Berlin
    assert to_local(after, BERLIN) == dt.datetime(2024, 4, 1, 9, 0)


def test_daily_across_fall_back_in_new_york():
    rule = Recurrence(DAILY)
    due = to_utc(dt.datetime(2024, 11, 2, 8, 30), NEW_YORK)
    following = step(rule, due, NEW_YORK)
    assert following - due == dt.timedelta(hours=25)  # the day has 25 hours
    assert to_local(following, NEW_YORK) == dt.datetime(2024, 11, 3, 8, 30)


def test_a_time_skipped_by_the_change_still_gives_a_time():
    rule = Recurrence(DAILY)
    due = local(2024, 3, 30, 2, 30)  # 2:30 does not exist on 31 March in Berlin
    following = step(rule, due)
    assert following - due in (dt.timedelta(hours=23), dt.timedelta(hours=24))


def test_after_completion_counts_from_the_day_it_was_done():
    rule = Recurrence(AFTER_DONE, 10)
    due = local(2024, 5, 1, 14, 0)
    done = local(2024, 5, 6, 18, 0)
    assert to_local(step(rule, due, done=done), BERLIN) == dt.datetime(2024, 5, 16, 14, 0)


def test_occurrences_already_past_are_skipped():
    rule = Recurrence(DAILY)
    due = local(2024, 5, 1, 9, 0)
    done = local(2024, 5, 10, 12, 0)  # finished nine days late
    assert to_local(step(rule, due, done=done), BERLIN) == dt.datetime(2024, 5, 11, 9, 0)


@given(freq=st.sampled_from([DAILY, WEEKLY, MONTHLY, YEARLY]), interval=st.integers(1, 4),
       start=st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2040, 1, 1)),
       zone=st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Shanghai", "Australia/Sydney"]))
def test_the_next_date_is_later_and_at_the_same_wall_clock_time(freq, interval, start, zone):
    tz = ZoneInfo(zone)
    rule = Recurrence(freq, interval)
    due = start.replace(second=0, microsecond=0)
    following = step(rule, due, tz)
    assert following > due
    before, after = to_local(due, tz), to_local(following, tz)
    if to_utc(before, tz) == due and to_utc(after, tz) == following:  # neither in a skipped hour
        intended = dt.datetime.combine(after.date(), before.time())
        if to_local(to_utc(intended, tz), tz) == intended:
            assert after.time() == before.time()
        else:  # the clocks go forward over that time on that day: the first time after the gap
            assert intended < after <= intended + dt.timedelta(hours=1)
