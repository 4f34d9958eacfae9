"""One way to read every table a user brings: ``open_table(path) -> TableSource``.

Spreadsheets (.xlsx/.xlsm/.xls/.ods) are read with python-calamine, which was
measured at 5-10x the speed of openpyxl's read-only mode and also gives merged
ranges; text tables have their encoding and delimiter guessed; vCards become a
table with one row per card. A file that cannot be read raises ImportRefused
with a code the interface turns into a sentence, never a traceback.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import CrmError
from .csv_sniff import SAMPLE_BYTES, detect_delimiter, detect_encoding
from .writers import unneutralise

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
VCARD_SUFFIXES = (".vcf", ".vcard")
SUPPORTED_SUFFIXES = SPREADSHEET_SUFFIXES + TEXT_SUFFIXES + VCARD_SUFFIXES

MAX_UNCOMPRESSED = 2 * 1024**3  # a real contact list of a million rows unzips to well under this
MAX_RATIO = 200  # deflate of repetitive sheet XML reaches ~20-50x; bombs reach thousands
MAX_COLUMNS = 1024
MAX_VCARD_BYTES = 256 * 1024**2

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = {b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"BM": "BMP", b"RIFF": "WebP"}


class ImportRefused(CrmError):
    """A file that cannot be imported; ``code`` says why (see ui.import_wizard.texts)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}".strip(": "))
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class SheetInfo:
    index: int
    name: str
    hidden: bool
    has_data: bool = True


def _cell(value):
    """Calamine's value as the importer wants it: whole floats as ints (phones, ids)."""
    if type(value) is float and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if value == "":
        return None
    if isinstance(value, dt.timedelta):  # a time of day without a date
        return str(value)
    return value


class TableSource:
    """A readable table: its sheets, and the rows of the chosen one as lists of cell values."""

    format: str = ""
    encoding: str = ""
    delimiter: str = ""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sheets: list[SheetInfo] = [SheetInfo(0, path.stem, False)]
        self.sheet_index = 0

    def select(self, index: int) -> None:
        self.sheet_index = index

    def rows(self) -> Iterator[list]:
        raise NotImplementedError

    def release(self) -> None:
        """Let go of what reading keeps in memory (a spreadsheet's sheet); read again when asked."""

    def head(self, n: int) -> list[list]:
        out = []
        for row in self.rows():
            out.append(row)
            if len(out) >= n:
                break
        return out

    def row_count_hint(self) -> int:
        return 0


class SpreadsheetSource(TableSource):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.format = path.suffix.lower().lstrip(".")
        self._workbook = _open_workbook(path)
        self._loaded: tuple[int, object] | None = None
        self.sheets = [SheetInfo(i, m.name, "Visible" not in str(m.visible))
                       for i, m in enumerate(self._workbook.sheets_metadata)
                       if "WorkSheet" in str(m.typ)]
        if not self.sheets:
            raise ImportRefused("no_data")
        self.sheet_index = self._first_visible_with_data()

    def _sheet(self, index: int):
        if self._loaded is None or self._loaded[0] != index:
            name = next(s.name for s in self.sheets if s.index == index)
            try:
                if self._workbook is None:  # let go of by release()
                    self._workbook = _open_workbook(self.path)
                self._loaded = (index, self._workbook.get_sheet_by_name(name))
            except Exception as exc:  # calamine raises its own error types for broken parts
                raise ImportRefused("unreadable", str(exc)[:200]) from None
        return self._loaded[1]

    def _first_visible_with_data(self) -> int:
        for info in self.sheets:
            if not info.hidden and self._sheet(info.index).height > 0:
                return info.index
        return self.sheets[0].index

    def release(self) -> None:
        # The workbook too: it keeps a workbook's shared strings (every distinct text of an .xlsx).
        self._loaded = None
        self._workbook = None

    def row_count_hint(self) -> int:
        return self._sheet(self.sheet_index).height

    def rows(self) -> Iterator[list]:
        sheet = self._sheet(self.sheet_index)
        width = sheet.width
        if width > MAX_COLUMNS:  # often a stray cell or format far to the right (Gnumeric writes XFD)
            width = self._used_width(sheet)
            if width > MAX_COLUMNS:
                raise ImportRefused("too_many_columns", f"{width:,}")
        merges = _merge_fills(sheet)
        # Rows count from A1, columns from the sheet's first used column; merged ranges from A1.
        first = sheet.start[1] if sheet.start else 0
        shown = [(c, fmt) for c, fmt in self._number_formats(sheet).items() if c < width]
        try:
            for r, raw in enumerate(sheet.iter_rows()):
                # Most cells are text: only the others (and "") go through _cell.
                row = [v if type(v) is str and v else _cell(v) for v in raw[:width]]
                for c0, c1 in merges.get(r, ()):
                    value = merges[("v", r, c0)]
                    for c in range(max(c0 - first, 0), min(c1 - first + 1, width)):
                        row[c] = value
                for c, fmt in shown:  # 1234 shown as 01234: the text the user saw
                    if c < len(row) and type(row[c]) is int:
                        row[c] = fmt(row[c])
                yield row
        except ImportRefused:
            raise
        except Exception as exc:
            raise ImportRefused("unreadable", str(exc)[:200]) from None

    def _number_formats(self, sheet) -> dict:
        """Column → how the workbook shows its whole numbers, for zero-padded and similar formats
        (read from .xlsx, .ods and .xls files; not from .xlsb)."""
        if self.format not in ("xlsx", "xlsm", "ods", "xls"):
            return {}
        from .number_formats import column_formats

        name = next(s.name for s in self.sheets if s.index == self.sheet_index)
        start = sheet.start
        return column_formats(self.path, name, start[1] if start else 0)

    @staticmethod
    def _used_width(sheet) -> int:
        """The columns holding a value in the first thousand rows."""
        used = 0
        for n, raw in enumerate(sheet.iter_rows()):
            for c in range(len(raw) - 1, used - 1, -1):
                if raw[c] != "":
                    used = c + 1
                    break
            if n > 1000:
                break
        return max(used, 1)


def _merge_fills(sheet) -> dict:
    """Merged ranges as row → [(first col, last col)] counted from A1, with the top-left value to repeat."""
    ranges = sheet.merged_cell_ranges or []
    if not ranges or len(ranges) > 20_000:
        return {}
    # Merged ranges count from A1, as to_python(skip_empty_area=False) does.
    cells = sheet.to_python(skip_empty_area=False)
    fills: dict = {}
    for (r0, c0), (r1, c1) in ranges:
        if r0 < 0 or c0 < 0 or r0 >= len(cells) or c0 >= len(cells[r0]):
            continue
        value = _cell(cells[r0][c0])
        if value is None:
            continue
        for r in range(r0, r1 + 1):
            fills.setdefault(r, []).append((c0, c1))
            fills[("v", r, c0)] = value
    return fills


def _zip_problem(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if "EncryptedPackage" in names:
                return "password"
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total > MAX_UNCOMPRESSED or (total > 100 * 1024**2 and total / packed > MAX_RATIO):
                return "zip_bomb"
            bad = z.testzip() if path.stat().st_size < 64 * 1024**2 else None
            if bad is not None:
                return "corrupt"
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return "corrupt"  # zlib.error: a damaged deflate stream, found by testzip()
    return None


def _sniff_binary(path: Path, head: bytes) -> None:
    suffix = path.suffix.lower()
    for magic, kind in _IMAGES.items():
        if head.startswith(magic):
            raise ImportRefused("image", kind)
    if head.startswith(b"%PDF"):
        raise ImportRefused("pdf")
    if head.startswith(_CFB):
        with path.open("rb") as f:
            body = f.read(1024 * 1024)
        if "EncryptedPackage".encode("utf-16-le") in body:
            raise ImportRefused("password")
        if suffix in (".xlsx", ".xlsm", ".ods"):
            return  # an old .xls saved with a new name; calamine reads it by content
    elif head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        problem = _zip_problem(path)
        if problem:
            raise ImportRefused(problem)
    elif suffix in (".xlsx", ".xlsm", ".ods", ".xls", ".xlsb"):
        raise ImportRefused("corrupt" if suffix != ".xls" else "unreadable")


def _open_workbook(path: Path):
    import python_calamine  # ~10 ms to import; needed only when a spreadsheet is opened

    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        text = str(exc)
        if "Codepage" in text:
            raise ImportRefused("excel95_codepage", text[:200]) from None
        if "password" in text.lower() or "encrypt" in text.lower():
            raise ImportRefused("password") from None
        raise ImportRefused("unreadable", text[:200]) from None


class TextSource(TableSource):
    format = "csv"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        with path.open("rb") as f:
            sample = f.read(SAMPLE_BYTES)
        complete = len(sample) < SAMPLE_BYTES
        if b"\x00" in sample and not _looks_like_utf16(sample):
            raise ImportRefused("binary")
        self.encoding = detect_encoding(sample, complete)
        text = sample.decode(self.encoding, errors="ignore")
        self.delimiter = "\t" if path.suffix.lower() == ".tsv" else detect_delimiter(text)
        lines = max(1, text.count("\n") - (not complete))
        self._estimated_rows = lines if complete else int(path.stat().st_size / (len(sample) / lines))

    def row_count_hint(self) -> int:
        """An estimate from the first lines (a progress bar's total, not a count)."""
        return self._estimated_rows

    def rows(self) -> Iterator[list]:
        with self.path.open("rb") as raw:
            stream = codecs.getreader(self.encoding)(raw, errors="replace")
            text = io.TextIOWrapper(_Readable(stream), encoding="utf-8", newline="")
            csv.field_size_limit(16 * 1024 * 1024)
            reader = csv.reader(text, delimiter=self.delimiter, quotechar='"', strict=False)
            try:
                for row in reader:
                    yield [_csv_cell(c) if c else None for c in row]
            except csv.Error as exc:
                raise ImportRefused("unreadable", str(exc)) from None


def _csv_cell(text: str) -> str | None:
    """A .csv field as the cell it stands for.

    A ``'`` before text a spreadsheet would take for a formula (``'=``, ``'+``, ``'-``, ``'@``,
    ``'`` + tab or CR, not before a phone number or a plain number) is the neutralisation our
    .csv export adds, as other programs do after OWASP's advice: it comes off. Any other
    leading ``'`` (``'s-Hertogenbosch``, ``'+1 617 555 0100``) is the user's text and stays.

    This holds for every .csv, not only for the ones this app wrote: other CRMs and web apps
    neutralise their exports the same way, and a spreadsheet never writes such a quote of its
    own (in Excel, LibreOffice or Google Sheets a typed ``'`` is a prefix, not part of the
    text), so a ``'=`` in a file is almost never what a person typed. Telling our own files
    apart (by the byte-order mark, by the headers) would fail as soon as the user has opened
    and saved one in a spreadsheet, or exported it with translated headers.
    """
    if text[0] == "'":
        text = unneutralise(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text or None


def _looks_like_utf16(sample: bytes) -> bool:
    return detect_encoding(sample[:4096]).startswith(("utf-16", "utf-32"))


class _Readable(io.RawIOBase):
    """A decoded text stream re-encoded as UTF-8 bytes, so TextIOWrapper can split lines with newline=''."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while len(self._pending) < len(buffer):
            chunk = self._stream.read(65536)
            if not chunk:
                break
            self._pending += chunk.encode("utf-8")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class VCardSource(TableSource):
    format = "vcf"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        from .vcard import read_vcards

        if path.stat().st_size > MAX_VCARD_BYTES:
            raise ImportRefused("too_large")
        headers, rows = read_vcards(path.read_bytes())
        if not rows:
            raise ImportRefused("no_cards")
        self._rows = [headers, *rows]

    def rows(self) -> Iterator[list]:
        yield from ([c or None for c in row] for row in self._rows)

    def row_count_hint(self) -> int:
        return len(self._rows)


def open_table(path: Path | str) -> TableSource:
    """Open any supported file, or raise ImportRefused saying why it cannot be imported."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise ImportRefused("cannot_open", exc.strerror or str(exc)) from None
    if size == 0:
        raise ImportRefused("empty")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ImportRefused("unsupported", suffix or path.name)
    if suffix in VCARD_SUFFIXES:
        return VCardSource(path)
    _sniff_binary(path, head)
    if suffix in SPREADSHEET_SUFFIXES:
        return SpreadsheetSource(path)
    return TextSource(path)
