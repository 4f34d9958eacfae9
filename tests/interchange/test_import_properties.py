"""Property tests: any table written as CSV or .xlsx reads back unchanged."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm_desktop.interchange.readers import open_table
from crm_desktop.interchange.writers import unneutralise

# Letters of several scripts, digits, spaces, quotes and line breaks; no delimiter characters,
# so the delimiter is found from the structure alone.
_ALPHABET = st.sampled_from(list("abcXYZ019 .-@'\"\n张伟李娜名無しÄéßЖ"))
_CELL = st.text(_ALPHABET, min_size=1, max_size=12).filter(lambda s: s.strip() == s and s.strip())


@st.composite
def tables(draw):
    width = draw(st.integers(2, 6))
    rows = draw(st.lists(st.lists(_CELL, min_size=width, max_size=width), min_size=1, max_size=8))
    return rows


def _trim(row: list) -> list:
    while row and row[-1] is None:
        row = row[:-1]
    return row


SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(
    table=tables(),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_csv_reads_back_what_was_written(tmp_path_factory, table, delimiter, encoding, newline):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL).writerows(
        table
    )
    path = tmp_path_factory.mktemp("csv") / "table.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    source = open_table(path)
    assert source.delimiter == delimiter
    # A ' before formula-like text is the neutralisation our .csv export adds: it comes off.
    expected = [[unneutralise(c) if isinstance(c, str) else c for c in row] for row in table]
    assert [_trim(r) for r in source.rows()] == expected


@SETTINGS
@given(table=tables())
def test_xlsx_reads_back_what_was_written(tmp_path_factory, table):
    from openpyxl import Workbook

    wb = Workbook()
    for row in table:
        wb.active.append(row)
    path = tmp_path_factory.mktemp("xlsx") / "table.xlsx"
    wb.save(path)
    assert [_trim(r) for r in open_table(path).rows()] == table
