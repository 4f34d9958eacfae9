"""Random tables survive export: written as .xlsx or .csv and read back, they hold the same values.

They are read back with openpyxl, with python-calamine (the reader the import uses, a second
implementation of the format) and, where the import's reader is present, with ``open_table``.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crm_desktop.interchange import writers
from crm_desktop.interchange.writers import ColumnSpec, CsvWriter, XlsxWriter

# Text a cell can hold (no XML-illegal control characters), including CJK, CR/LF, tabs,
# leading and trailing spaces and formula-like starts.
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff",
                       codec="utf-8").filter(lambda c: not writers._ILLEGAL.match(c))
TEXT = st.one_of(st.text(_CHARS, max_size=30), st.sampled_from(["=1+2", "+86 138 1234 5678", "-", "@x",
                                                                  "0123", "张伟", " a ", "a\r\nb", "\tx"]))
PHONE = st.from_regex(r"\+?[0-9][0-9 ()-]{5,15}", fullmatch=True)
VALUES = {
    "text": TEXT,
    "phone": PHONE,
    "integer": st.integers(-(2**53), 2**53),
    "number": st.floats(allow_nan=False, allow_infinity=False, width=64),
    "date": st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    "datetime": st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)).map(
        lambda d: d.replace(microsecond=0)),
}


@st.composite
def tables(draw):
    kinds = draw(st.lists(st.sampled_from(sorted(VALUES)), min_size=1, max_size=6))
    headers = draw(st.lists(st.text(_CHARS, min_size=1, max_size=12).filter(lambda h: h.strip() == h),
                            min_size=len(kinds), max_size=len(kinds)))
    rows = draw(st.lists(st.tuples(*[st.one_of(st.none(), VALUES[k]) for k in kinds]), max_size=25))
    return [ColumnSpec(h, k) for h, k in zip(headers, kinds, strict=True)], rows


def _expected(value, kind: str):
    if value == "" or value is None:
        return None
    if kind == "date":
        return dt.datetime.combine(value, dt.time())  # a spreadsheet date has a time of day: midnight
    if kind == "number" and value == int(value) and abs(value) < 2**53:
        return value  # 3.0 comes back as 3: equal either way
    return value


def _same(got, want, kind: str) -> bool:
    if kind == "datetime" and want is not None and isinstance(got, dt.datetime):
        return abs(got - want) <= dt.timedelta(milliseconds=1)  # a serial day has ~µs resolution
    return got == want


def _write_xlsx(path: Path, columns, rows) -> None:
    writer = XlsxWriter(path)
    writer.begin_sheet("Data", columns)
    writer.write_rows(rows)
    writer.close()


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(tables())
def test_xlsx_round_trip_through_openpyxl(table):
    columns, rows = table
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.xlsx"
        _write_xlsx(path, columns, rows)
        ws = openpyxl.load_workbook(path).active
        back = list(ws.iter_rows(values_only=True, max_col=len(columns)))
    assert list(back[0]) == [c.header for c in columns]
    body = back[1:] + [(None,) * len(columns)] * (len(rows) + 1 - len(back))  # empty rows at the end
    for got_row, row in zip(body, rows, strict=True):
        for got, value, col in zip(got_row, row, columns, strict=True):
            assert _same(got, _expected(value, col.kind), col.kind), (col.kind, value, got)


@_SETTINGS
@given(tables())
@example(([ColumnSpec("at", "datetime")], [(dt.datetime(2000, 1, 1),)]))
def test_xlsx_round_trip_through_calamine(table):
    calamine = pytest.importorskip("python_calamine")
    columns, rows = table
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.xlsx"
        _write_xlsx(path, columns, rows)
        with open(path, "rb") as fh:
            back = calamine.CalamineWorkbook.from_filelike(fh).get_sheet_by_index(0).to_python()
    assert back[0][:len(columns)] == [c.header for c in columns]
    body = [list(r) + [""] * (len(columns) - len(r)) for r in back[1:]]
    body += [[""] * len(columns)] * (len(rows) - len(body))  # empty rows at the end
    for got_row, row in zip(body, rows, strict=True):
        for got, value, col in zip(got_row, row, columns, strict=False):
            want = _expected(value, col.kind)
            if col.kind == "date" and want is not None:
                want = want.date()  # calamine gives a date where the time is midnight
            got = None if got == "" else got
            if col.kind == "integer" and isinstance(got, float):
                got = int(got)
            if col.kind == "datetime" and type(got) is dt.date:
                got = dt.datetime.combine(got, dt.time())  # so is a date and time at midnight
            assert _same(got, want, col.kind), (col.kind, value, got)


def _csv_back(text: str, kind: str):
    if text == "":
        return None
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "date":
        return dt.date.fromisoformat(text)
    if kind == "datetime":
        return dt.datetime.fromisoformat(text)
    return writers.unneutralise(text)


@_SETTINGS
@given(tables())
def test_csv_round_trip(table):
    columns, rows = table
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        writer = CsvWriter(path, columns)
        writer.write_rows(rows)
        writer.close()
        with path.open(encoding="utf-8-sig", newline="") as fh:
            back = list(csv.reader(fh))
    assert [writers.unneutralise(h) for h in back[0]] == [c.header for c in columns]
    assert len(back) == len(rows) + 1
    for got_row, row in zip(back[1:], rows, strict=True):
        got = [_csv_back(t, c.kind) for t, c in zip(got_row, columns, strict=True)]
        assert got == [None if v == "" else v for v in row]


@_SETTINGS
@given(tables())
def test_round_trip_through_the_import_reader(table):
    readers = pytest.importorskip("crm_desktop.interchange.readers")
    columns, rows = table
    rows = [r for r in rows if any(v not in (None, "") for v in r)]  # a reader may skip blank rows
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.xlsx"
        _write_xlsx(path, columns, rows)
        back = list(readers.open_table(path).rows())
    assert [str(h) for h in back[0][:len(columns)]] == [c.header for c in columns]
    body = [r for r in back[1:] if any(v not in (None, "") for v in r)]
    assert len(body) == len(rows)
    for got_row, row in zip(body, rows, strict=True):
        got_row = list(got_row) + [None] * (len(columns) - len(got_row))
        for got, value, col in zip(got_row, row, columns, strict=False):
            want = _expected(value, col.kind)
            if isinstance(got, dt.datetime) and col.kind == "date":
                got = dt.datetime.combine(got.date(), dt.time())
            elif isinstance(got, dt.date) and not isinstance(got, dt.datetime):
                got = dt.datetime.combine(got, dt.time())
            if col.kind == "number" and isinstance(got, int):
                got = float(got)
                want = float(want) if want is not None else None
            assert _same(got, want, col.kind), (col.kind, value, got)
