"""Dates as spreadsheets and exports write them: cells, serial numbers and text in several orders."""

from __future__ import annotations

import datetime as dt
import re

_EPOCH_1900 = dt.date(1899, 12, 30)  # serial 60 is Lotus's 29 Feb 1900; later serials count from here
_EPOCH_1904 = dt.date(1904, 1, 1)

_ISO = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
                  r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?Z?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")

DMY, MDY = "dmy", "mdy"


def from_serial(serial: float, system_1904: bool = False) -> dt.date | None:
    """An Excel serial day number as a date (1900 or 1904 date system)."""
    if not 1 <= serial < 2_958_466:
        return None
    if system_1904:
        return _EPOCH_1904 + dt.timedelta(days=int(serial))
    if serial < 60:
        return dt.date(1899, 12, 31) + dt.timedelta(days=int(serial))
    return _EPOCH_1900 + dt.timedelta(days=int(serial))


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def order_hint(text: str) -> str:
    """'dmy' or 'mdy' when a numeric date can only be read one way, '' when either or neither."""
    m = _NUMERIC.match(text.strip())
    if not m:
        return ""
    a, b = int(m.group(1)), int(m.group(2))
    if a > 12 >= b:
        return DMY
    if b > 12 >= a:
        return MDY
    return ""


def is_ambiguous(text: str) -> bool:
    m = _NUMERIC.match(text.strip())
    return bool(m) and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2)


def column_order(values: list[str]) -> str:
    """The date order of a whole column: 'dmy', 'mdy', '' (undecided) or 'mixed'."""
    hints = {order_hint(v) for v in values if isinstance(v, str)} - {""}
    if len(hints) > 1:
        return "mixed"
    return hints.pop() if hints else ""


def parse_date(value, order: str = MDY, system_1904: bool = False) -> dt.date | None:
    """A cell as a date, or None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_serial(float(value), system_1904)
    text = str(value or "").strip()
    if not text:
        return None
    try:
        if m := _ISO.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _COMPACT.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _NUMERIC.match(text):
            a, b, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
            day, month = (a, b) if order == DMY else (b, a)
            return dt.date(year, month, day)
    except ValueError:
        return None
    return None
