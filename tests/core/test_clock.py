import datetime as dt

from crm_desktop.core.clock import Clock, FixedClock


def test_clock_gives_naive_utc_now():
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    now = Clock().now()
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert now.tzinfo is None
    assert before <= now <= after


def test_clock_today_is_the_local_date():
    before = dt.date.today()
    today = Clock().today()
    assert today in {before, dt.date.today()}


def test_fixed_clock_stands_still_until_advanced():
    clock = FixedClock(dt.datetime(2024, 5, 6, 23, 30))
    assert clock.now() == dt.datetime(2024, 5, 6, 23, 30)
    assert clock.now() == dt.datetime(2024, 5, 6, 23, 30)
    assert clock.today() == dt.date(2024, 5, 6)
    clock.advance(dt.timedelta(hours=1))
    assert clock.now() == dt.datetime(2024, 5, 7, 0, 30)
    assert clock.today() == dt.date(2024, 5, 7)
