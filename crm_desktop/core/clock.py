"""Time as an injectable object, so scheduling and timestamps are testable."""

from __future__ import annotations

import datetime as dt


class Clock:
    """Wall-clock time. Timestamps are stored as naive UTC."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def today(self) -> dt.date:
        return dt.date.today()


class FixedClock(Clock):
    """A clock that only moves when told to."""

    def __init__(self, at: dt.datetime) -> None:
        self._at = at

    def now(self) -> dt.datetime:
        return self._at

    def today(self) -> dt.date:
        return self._at.date()

    def advance(self, delta: dt.timedelta) -> None:
        self._at += delta
