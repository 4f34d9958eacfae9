"""Stored values as an export writes them: timestamps in this computer's local time, dates as dates.

Storage keeps timestamps as naive-UTC text and dates as ISO text; a spreadsheet has no time
zones, so an export shows what the lists show, the local wall-clock time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence


def local_time(stored: str | None) -> dt.datetime | None:
    """A stored naive-UTC timestamp as the wall-clock time of this computer, as the lists show it,
    to the second (Excel keeps no more)."""
    if not stored:
        return None
    utc = dt.datetime.fromisoformat(stored[:19])
    # Asking the system for the offset costs ~8 µs, two thirds of a row's export; offsets change
    # on the hour at most (daylight saving), so each hour's is asked once.
    hour = stored[:13]
    offset = _OFFSETS.get(hour)
    if offset is None:
        if len(_OFFSETS) > 100_000:
            _OFFSETS.clear()
        offset = _OFFSETS[hour] = utc.replace(tzinfo=dt.UTC).astimezone().utcoffset()
    return utc + offset


_OFFSETS: dict[str, dt.timedelta] = {}


def stored_date(stored: str | None) -> dt.date | None:
    return dt.date.fromisoformat(stored) if stored else None


_CONVERT = {"datetime": local_time, "date": stored_date}


def converter(kinds: Sequence[str], extra: Mapping[int, Callable] | None = None
               ) -> Callable[[tuple], tuple] | None:
    """Turns raw rows into typed ones; None when every value can go as it is. ``extra`` gives
    the converter of a column by its position, before its kind's."""
    extra = extra or {}
    todo = [(i, extra.get(i) or _CONVERT[k]) for i, k in enumerate(kinds) if i in extra or k in _CONVERT]
    if not todo:
        return None

    def convert(row: tuple) -> list:
        out = list(row)
        for i, fn in todo:
            out[i] = fn(out[i])
        return out

    return convert
