"""Table writers for exports: a streaming .xlsx writer of our own and a .csv writer.

Rows arrive in batches and leave at once: memory stays flat whatever the number of rows.
Each column has a kind that decides how its cells are typed:

- ``text``: a string cell; ``phone``: a string cell formatted as text (no ``1.39E+10``,
  no lost ``+`` or leading zero when someone edits it);
- ``integer`` / ``number`` / ``money``: numeric cells (money with two decimals);
- ``date`` / ``datetime``: real Excel dates in the reader's own short date format.

Why not a library: measured on this machine for the same 50,000 rows × 13 columns,
xlsxwriter (constant memory) wrote ~7,700 rows/s, openpyxl write-only ~4,000 rows/s
(with lxml) and this writer ~31,000 rows/s (``scripts/bench.py export`` records the
current figures). The parts it writes are the few a workbook needs, laid out as Excel
itself lays them out, and every file is read back in the tests.

Text that a spreadsheet could take for a formula (``=``, ``+``, ``-``, ``@``, tab, CR at the
start) is neutralised: in .xlsx it stays the same text with Excel's own "quote prefix"
style, so it can never turn into a formula when edited; in .csv it gets a leading ``'``.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Protocol
from xml.sax.saxutils import escape

from . import export_parts as parts

KINDS = ("text", "phone", "integer", "number", "money", "date", "datetime")
MAX_ROWS = 1_048_576  # per sheet, the header included
MAX_CELL_TEXT = 32_767
SAMPLE_ROWS = 500  # rows that decide the column widths
_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_DATE = _EPOCH.date()
# Characters XML 1.0 cannot carry (tab, LF and CR can).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
# A leading + or - is harmless when a phone number or a plain number follows.
_NUMBER_LIKE = re.compile(r"[+-][\d\s().\-/]*\Z")
# XML readers turn a literal CR into LF; a character reference survives.
_CR = {"\r": "&#13;"}
_WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                   "\uffe0-\uffe6]")


@dataclass(frozen=True)
class ColumnSpec:
    """One exported column: its header text and the kind of its cells."""

    header: str
    kind: str = "text"
    width: float | None = None  # in characters; None: measured from the first rows
    number_format: str = ""  # an Excel number format instead of the kind's, e.g. currency_format("EUR")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


class TableWriter(Protocol):
    def write_rows(self, rows: Iterable[Sequence]) -> None: ...

    def close(self) -> None: ...


# Currencies whose sign goes before the amount; the others are written after it by their code.
_CURRENCY_SIGNS = {"CNY": "¥", "JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "HKD": "HK$", "TWD": "NT$",
                   "KRW": "₩", "INR": "₹", "AUD": "A$", "CAD": "C$", "SGD": "S$", "RUB": "₽"}
_NO_DECIMALS = {"JPY", "KRW", "TWD", "VND", "IDR", "CLP", "ISK", "HUF"}


def currency_format(code: str) -> str:
    """An Excel number format for amounts in ``code`` (ISO 4217): ``"€"#,##0.00``, ``#,##0.00 "CHF"``."""
    code = code.upper()
    number = "#,##0" if code in _NO_DECIMALS else "#,##0.00"
    sign = _CURRENCY_SIGNS.get(code)
    if sign:
        return f'"{sign}"{number};-"{sign}"{number}'
    return f'{number} "{code}";-{number} "{code}"' if code else number


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula."""
    return text.startswith(_DANGEROUS) and not (text[0] in "+-" and _NUMBER_LIKE.match(text))


def neutralise(text: str) -> str:
    """``text`` as a .csv cell that no spreadsheet takes for a formula. Text that already starts
    with quotes before formula-like text (``'=x``) gets one more, so that ``unneutralise`` gives
    it back as it was."""
    return "'" + text if text and is_dangerous(text.lstrip("'")) else text


def unneutralise(text: str) -> str:
    """The text ``neutralise`` was given (for an import of a .csv: ours, or another program's
    neutralised the same way)."""
    return text[1:] if text.startswith("'") and is_dangerous(text.lstrip("'")) else text


def clean_text(text: str) -> str:
    """What of ``text`` a cell can hold: no XML-illegal control characters, at most 32,767 characters."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    return text[:MAX_CELL_TEXT]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: East Asian wide characters count twice."""
    first = text.split("\n", 1)[0]
    return len(first) + len(_WIDE.findall(first))


def column_letter(index: int) -> str:
    """``A`` for 0, ``Z`` for 25, ``AA`` for 26 …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def excel_serial(value: dt.date | dt.datetime) -> float | int:
    """Days since 1899-12-30 (Excel's 1900 date system), the time as a fraction of a day."""
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - _EPOCH
        return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86_400
    return (value - _EPOCH_DATE).days


def sheet_title(name: str, taken: Sequence[str] = ()) -> str:
    """A valid, unique worksheet name: at most 31 characters, none of ``[]:*?/\\``."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip().strip("'")[:31] or "Sheet"
    title, n = base, 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        title, n = base[:31 - len(suffix)] + suffix, n + 1
    return title


def _measure_widths(columns: Sequence[ColumnSpec], sample: Sequence[Sequence]) -> list[float]:
    widths = []
    for i, col in enumerate(columns):
        if col.width is not None:
            widths.append(col.width)
            continue
        fixed = {"date": 12, "datetime": 17, "integer": 10, "number": 12, "money": 14}.get(col.kind)
        longest = max((display_width(str(row[i])) for row in sample
                       if len(row) > i and row[i] not in (None, "")), default=0)
        wanted = max(display_width(col.header) + 4, fixed or longest + 2)  # + room for the filter button
        widths.append(float(min(max(wanted, 8), 60)))
    return widths


class XlsxWriter:
    """An .xlsx workbook written as rows come: a bold, frozen header with an autofilter on each sheet.

    ``begin_sheet`` starts a sheet; rows beyond Excel's 1,048,576 go on to a sheet of the same
    name with " (2)" and so on. ``close`` finishes the file; ``abort`` just closes it.
    """

    def __init__(self, target: str | Path | IO[bytes], *, compresslevel: int = 6) -> None:
        self._zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self._sheets: list[tuple[str, int, int]] = []  # title, columns, rows written
        self._stream: IO[bytes] | None = None
        self._columns: tuple[ColumnSpec, ...] = ()
        self._name = ""
        self._pending: list[Sequence] = []
        self._row = 0
        self._formats: list[str] = []  # custom number formats, in the order styles.xml lists them

    # -- public API ----------------------------------------------------------------------
    def begin_sheet(self, name: str, columns: Sequence[ColumnSpec]) -> None:
        self._finish_sheet()
        # A sheet has at least one column: Excel's schema has no empty column list or filter range.
        self._name, self._columns = name, tuple(columns) or (ColumnSpec(""),)
        self._pending = []  # rows wait here until the sample decides the column widths

    def write_rows(self, rows: Iterable[Sequence]) -> None:
        if self._stream is None:
            self._pending.extend(rows)
            if len(self._pending) >= SAMPLE_ROWS:
                self._flush_pending()
            return
        self._write(rows)

    def close(self) -> None:
        if not self._sheets and not self._columns:
            self.begin_sheet("Sheet", [ColumnSpec("")])
        self._finish_sheet()
        titles = [t for t, _, _ in self._sheets]
        self._zip.writestr("[Content_Types].xml", parts.content_types(len(titles)))
        self._zip.writestr("_rels/.rels", parts.ROOT_RELS)
        self._zip.writestr("docProps/core.xml", parts.core_properties(dt.datetime.now(dt.UTC)))
        self._zip.writestr("docProps/app.xml", parts.app_properties(titles))
        self._zip.writestr("xl/workbook.xml", parts.workbook(
            [(t, column_letter(cols - 1), rows) for t, cols, rows in self._sheets]))
        self._zip.writestr("xl/_rels/workbook.xml.rels", parts.workbook_rels(len(titles)))
        self._zip.writestr("xl/styles.xml", parts.styles(self._formats))
        self._zip.close()

    def abort(self) -> None:
        """Stop writing; the file left behind is incomplete and the caller removes it."""
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        self._zip.close()

    # -- sheets --------------------------------------------------------------------------
    def _flush_pending(self) -> None:
        pending, self._pending = self._pending, []
        self._open_sheet(_measure_widths(self._columns, pending[:SAMPLE_ROWS]))
        if pending:
            self._write(pending)

    def _open_sheet(self, widths: list[float]) -> None:
        title = sheet_title(self._name, [t for t, _, _ in self._sheets])
        self._sheets.append((title, len(self._columns), 0))
        self._widths = widths
        index = len(self._sheets)
        self._stream = self._zip.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True)
        self._stream.write(parts.sheet_head(widths, index == 1).encode())
        self._row = 1
        self._write_header()

    def _write_header(self) -> None:
        cells = "".join(f'<c r="{column_letter(i)}1" t="inlineStr" s="{parts.S_HEADER}"><is>'
                        f"{_text_element(clean_text(c.header))}</is></c>"
                        for i, c in enumerate(self._columns))
        self._stream.write(f'<row r="1">{cells}</row>'.encode())

    def _finish_sheet(self) -> None:
        if self._stream is None and self._columns:
            self._flush_pending()  # a sheet with fewer rows than the sample, or none
        if self._stream is None:
            return
        last = f"{column_letter(len(self._columns) - 1)}{self._row}"
        self._stream.write(parts.sheet_tail(last).encode())
        self._stream.close()
        self._stream = None
        title, cols, _ = self._sheets[-1]
        self._sheets[-1] = (title, cols, self._row)
        self._columns = ()

    # -- rows ----------------------------------------------------------------------------
    def _write(self, rows: Iterable[Sequence]) -> None:
        # The hot loop of an export: most cells are plain text, written by one f-string here;
        # anything that needs care (escaping, neutralising, a number or a date) goes to its maker.
        plans = [(_PLAIN_TEXT.get(c.kind), column_letter(i), self._maker(c))
                 for i, c in enumerate(self._columns)]
        needs_care = _NEEDS_CARE.search
        chunk: list[str] = []
        for values in rows:
            if self._row >= MAX_ROWS:
                self._flush_chunk(chunk)
                self._roll_over()
            self._row += 1
            r = str(self._row)
            cells = [f'<row r="{r}">']
            for (plain, letter, make), v in zip(plans, values, strict=False):
                if v is None or v == "":
                    continue
                if plain is not None and v.__class__ is str and len(v) <= MAX_CELL_TEXT and not needs_care(v):
                    cells.append(f'<c r="{letter}{r}"{plain}{v}</t></is></c>')
                else:
                    cells.append(make(letter + r, v))
            cells.append("</row>")
            chunk.append("".join(cells))
            if len(chunk) >= 1000:
                self._flush_chunk(chunk)
        self._flush_chunk(chunk)

    def _maker(self, column: ColumnSpec):
        """How the column's cells are written: the kind's maker, or with its own number format."""
        if not column.number_format or column.kind in ("text", "phone"):
            return _CELL_MAKERS[column.kind]
        if column.number_format not in self._formats:
            self._formats.append(column.number_format)
        style = parts.BUILT_IN_STYLES + self._formats.index(column.number_format)
        if column.kind in ("date", "datetime"):
            return lambda ref, v: _date_cell(ref, v, style)
        return lambda ref, v: _number_cell(ref, v, style)

    def _flush_chunk(self, chunk: list[str]) -> None:
        if chunk:
            self._stream.write("".join(chunk).encode())
            chunk.clear()

    def _roll_over(self) -> None:
        name, columns, widths = self._name, self._columns, self._widths
        self._finish_sheet()
        self._name, self._columns = name, columns
        self._open_sheet(widths)


# -- cells ------------------------------------------------------------------------------
def _text_cell(ref: str, value, style: int = 0) -> str:
    text = clean_text(value if isinstance(value, str) else str(value))
    if text and is_dangerous(text):
        style = parts.S_QUOTED
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{s}><is>{_text_element(text)}</is></c>'


def _text_element(text: str) -> str:
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    body = escape(text, _CR) if "\r" in text else escape(text)
    return f"<t{space}>{body}</t>"


def _phone_cell(ref: str, value) -> str:
    return _text_cell(ref, value, parts.S_TEXT)


def _number_cell(ref: str, value, style: int) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | Decimal) or (isinstance(value, float) and math.isfinite(value)):
        s = f' s="{style}"' if style else ""
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    return _text_cell(ref, value)  # not a number after all: keep what it says


def _date_cell(ref: str, value, style: int) -> str:
    if value.__class__ is float and 61 <= value < 2_958_466:  # a serial number already: 1900-03-01 on
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    if isinstance(value, dt.date) and dt.date(1900, 3, 1) <= _as_date(value) <= dt.date(9999, 12, 31):
        return f'<c r="{ref}" s="{style}"><v>{excel_serial(value)}</v></c>'
    return _text_cell(ref, value.isoformat() if isinstance(value, dt.date) else value)


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# Text that can go into a cell as it is: nothing to escape or drop, no formula-like start, no
# space at either end (which would need xml:space="preserve").
_NEEDS_CARE = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|\A[=@\s]|\A[+-](?![\d\s().\-/]*\Z)|\s\Z")
_PLAIN_TEXT = {"text": ' t="inlineStr"><is><t>', "phone": f' t="inlineStr" s="{parts.S_TEXT}"><is><t>'}

_CELL_MAKERS = {
    "text": _text_cell,
    "phone": _phone_cell,
    "integer": lambda ref, v: _number_cell(ref, v, parts.S_INTEGER),
    "number": lambda ref, v: _number_cell(ref, v, 0),
    "money": lambda ref, v: _number_cell(ref, v, parts.S_MONEY),
    "date": lambda ref, v: _date_cell(ref, v, parts.S_DATE),
    "datetime": lambda ref, v: _date_cell(ref, v, parts.S_DATETIME),
}


# -- csv --------------------------------------------------------------------------------
def csv_value(value, kind: str) -> str:
    """A cell as .csv text: ISO dates, plain numbers, neutralised text."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if kind == "datetime" else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return str(value)
    return neutralise(str(value))


class CsvWriter:
    """A .csv file in UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends."""

    def __init__(self, target: str | Path, columns: Sequence[ColumnSpec], *, delimiter: str = ",") -> None:
        self._file = open(target, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed in close())
        self._csv = csv.writer(self._file, delimiter=delimiter, lineterminator="\r\n")
        self._kinds = [c.kind for c in columns]
        self._csv.writerow([neutralise(c.header) for c in columns])

    def write_rows(self, rows: Iterable[Sequence]) -> None:
        kinds = self._kinds
        self._csv.writerows([csv_value(v, k) for v, k in zip(row, kinds, strict=False)] for row in rows)

    def close(self) -> None:
        self._file.close()

    def abort(self) -> None:
        self._file.close()
