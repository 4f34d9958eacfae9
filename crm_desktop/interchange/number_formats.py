"""Numbers a workbook shows through a number format: 01234 kept as 1234 with the format "00000".

A postal code or a phone number typed into Excel as a number loses its leading zero; Excel
shows it again through a custom number format ("00000", "0##########", "000-0000",
"(###) ###-####"). python-calamine gives the number without its format, so the importer
reads the formats itself, cheaply: the workbook's style table (``xl/styles.xml``, small),
and the style of each column's numeric cells among the sheet's first rows, read as a stream
and left after ``SCAN_ROWS`` rows (a million-row sheet costs no more than a small one).
A column whose numbers mostly carry one such format gets it applied to every whole number
in it, as the user saw them: ``column_formats`` gives a function per column.

The same is done for OpenDocument (.ods: the data styles of ``styles.xml`` and of
``content.xml``, turned into the same kind of format code) and for Excel 97-2003 (.xls: the
FORMAT and XF records of the workbook stream, and the style of each numeric cell among the
first rows of the sheet); python-calamine drops the zeros there too. Formats that are not
made of digit placeholders and literal text (decimals, percentages, scientific, dates,
conditions) are left alone.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

SCAN_ROWS = 500
SCAN_CELLS = 50_000
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d*)")
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: .xls
# A format token: a quoted literal, an escaped character, a placeholder, or any other character.
_TOKEN = re.compile(r'"[^"]*"|\\.|[0#?]|.', re.DOTALL)

Formatter = Callable[[int], str]


def placeholder_formatter(code: str) -> Formatter | None:
    """How a format shows a whole number, when the format is digit placeholders and literal text
    with at least one ``0`` that can add a leading zero or literals (``00000``, ``0#########``,
    ``000-0000``, ``(###) ###-####``); None for any other format."""
    code = code.split(";", 1)[0]
    if not code or not _only_in_literals(code, "[.%Ee@*_/,"):
        return None
    tokens = []
    for token in _TOKEN.findall(code):
        if token in ("0", "#", "?"):
            tokens.append((True, token))
        elif token.startswith('"'):
            tokens.append((False, token[1:-1]))
        elif token.startswith("\\"):
            tokens.append((False, token[1:]))
        elif token.isalpha():
            return None  # y, m, d, h, s, General …: not a plain number format
        else:
            tokens.append((False, token))
    places = [t for is_place, t in tokens if is_place]
    literals = "".join(t for is_place, t in tokens if not is_place)
    if not places or (len(places) < 2 and not literals) or (not literals and "0" not in places[:-1]):
        return None  # "0", "#", "##0": the number as it is
    return lambda number: _render(number, tokens)


def _only_in_literals(code: str, chars: str) -> bool:
    """Whether every one of ``chars`` in ``code`` is inside quotes or escaped."""
    bare = "".join(t for t in _TOKEN.findall(code) if not t.startswith(('"', "\\")))
    return not any(ch in bare for ch in chars)


def _render(number: int, tokens: list[tuple[bool, str]]) -> str:
    if number < 0:
        return str(number)
    digits = str(number)
    out: list[str] = []
    i = len(digits)
    first_place = next(n for n, (is_place, _) in enumerate(tokens) if is_place)
    for n in range(len(tokens) - 1, -1, -1):
        is_place, text = tokens[n]
        if not is_place:
            out.append(text)
            continue
        if n == first_place and i > 0:
            out.append(digits[:i])  # digits beyond the placeholders go into the first one
            i = 0
        elif i > 0:
            i -= 1
            out.append(digits[i])
        elif text == "0":
            out.append("0")
        elif text == "?":
            out.append(" ")
    return "".join(reversed(out)).strip()


def column_formats(path: Path, sheet_name: str, first_column: int = 0) -> dict[int, Formatter]:
    """Column index (as the reader counts, from ``first_column``) → how its numbers are shown,
    for the columns whose numeric cells mostly use a placeholder format. Empty when the file
    is not an .xlsx, .ods or .xls workbook or has no such format (the usual case: nothing more
    is read)."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
        if head == _CFB:
            formats, used = _xls_styles(Path(path), sheet_name)
        else:
            with zipfile.ZipFile(path) as z:
                if "content.xml" in z.NameToInfo:
                    formats, used = _ods_styles(z, sheet_name)
                else:
                    formats = _style_formats(z)
                    part = _sheet_part(z, sheet_name) if formats else None
                    used = _column_styles(z, part) if part is not None else {}
    except (KeyError, OSError, zipfile.BadZipFile, ET.ParseError, ValueError, IndexError, struct.error,
            UnicodeDecodeError):
        return {}
    if not formats:
        return {}
    out: dict[int, Formatter] = {}
    for column, styles in used.items():
        style, count = styles.most_common(1)[0]
        if style in formats and count * 2 > sum(styles.values()) and column >= first_column:
            out[column - first_column] = formats[style]
    return out


def _style_formats(z: zipfile.ZipFile) -> dict[int, Formatter]:
    """Cell style index → formatter, for the styles whose number format is a placeholder one."""
    try:
        root = ET.fromstring(z.read("xl/styles.xml"))
    except KeyError:
        return {}
    codes = {int(f.get("numFmtId", "-1")): f.get("formatCode", "")
             for f in root.iter(f"{_MAIN}numFmt")}
    makers = {fid: placeholder_formatter(code) for fid, code in codes.items()}
    makers = {fid: m for fid, m in makers.items() if m is not None}
    if not makers:
        return {}
    xfs = root.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return {}
    return {i: makers[int(xf.get("numFmtId", "0"))] for i, xf in enumerate(xfs.findall(f"{_MAIN}xf"))
            if int(xf.get("numFmtId", "0")) in makers}


def _sheet_part(z: zipfile.ZipFile, sheet_name: str) -> str | None:
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rid = next((s.get(f"{_REL}id") for s in book.iter(f"{_MAIN}sheet") if s.get("name") == sheet_name), None)
    if rid is None:
        return None
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels.iter(f"{_PKG}Relationship") if r.get("Id") == rid), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _column_styles(z: zipfile.ZipFile, part: str) -> dict[int, Counter]:
    """Per column (0 = A), how often each style is used by its numeric cells in the first rows;
    a column's own default style (``<col style>``) counts for its cells that name none."""
    used: dict[int, Counter] = {}
    col_styles: dict[int, int] = {}
    rows = cells = 0
    column = -1
    with z.open(part) as stream:
        for event, el in ET.iterparse(stream, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == f"{_MAIN}row":
                    column = -1
                continue
            if tag == f"{_MAIN}col":
                if el.get("style"):
                    for c in range(int(el.get("min", "1")) - 1, min(int(el.get("max", "1")), 16_384)):
                        col_styles[c] = int(el.get("style"))
            elif tag == f"{_MAIN}c":
                ref = _CELL_REF.match(el.get("r") or "")
                column = _column_index(ref.group(1)) if ref else column + 1
                if el.get("t", "n") == "n" and el.find(f"{_MAIN}v") is not None:
                    style = el.get("s")
                    style = int(style) if style is not None else col_styles.get(column, 0)
                    used.setdefault(column, Counter())[style] += 1
                el.clear()
                cells += 1
                if cells >= SCAN_CELLS:
                    break
            elif tag == f"{_MAIN}row":
                el.clear()
                rows += 1
                if rows >= SCAN_ROWS:
                    break
    return used


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


# -- OpenDocument (.ods) ------------------------------------------------------------------------------
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_NUMBER = "{urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
MAX_COLUMNS = 1024  # as the reader: columns beyond are not imported


def _ods_styles(z: zipfile.ZipFile, sheet_name: str) -> tuple[dict[str, Formatter], dict[int, Counter]]:
    """Cell style name → formatter for the styles that show numbers through a placeholder
    format, and per column how often each style is used by its numeric cells in the first rows."""
    codes: dict[str, str | None] = {}  # data style → format code
    cells: dict[str, tuple[str | None, str | None]] = {}  # cell style → (parent style, data style)
    if "styles.xml" in z.NameToInfo:  # the named and common styles: small
        for el in ET.fromstring(z.read("styles.xml")).iter():
            _ods_style(el, codes, cells)
    with z.open("content.xml") as stream:
        used = _ods_column_styles(stream, sheet_name, codes, cells)
    formats: dict[str, Formatter] = {}
    for name in {style for styles in used.values() for style in styles}:
        code = codes.get(_ods_data_style(name, cells) or "")
        maker = placeholder_formatter(code) if code else None
        if maker is not None:
            formats[name] = maker
    return formats, used


def _ods_style(el: ET.Element, codes: dict, cells: dict) -> None:
    if el.tag == f"{_NUMBER}number-style":
        codes[el.get(f"{_STYLE}name", "")] = _ods_code(el)
    elif el.tag == f"{_STYLE}style" and el.get(f"{_STYLE}family") == "table-cell":
        cells[el.get(f"{_STYLE}name", "")] = (el.get(f"{_STYLE}parent-style-name"),
                                              el.get(f"{_STYLE}data-style-name"))


def _ods_data_style(name: str | None, cells: dict) -> str | None:
    seen = set()
    while name and name not in seen:
        seen.add(name)
        parent, data = cells.get(name, (None, None))
        if data:
            return data
        name = parent
    return None


def _ods_code(style: ET.Element) -> str | None:
    """An OpenDocument number style as an Excel format code of placeholders and literals
    (``<number:number min-integer-digits="5"/>`` → ``00000``); None for any other style."""
    parts = []
    for child in style:
        if child.tag == f"{_NUMBER}text":
            parts.append(_literal(child.text or ""))
        elif child.tag == f"{_NUMBER}number":
            digits = _ods_digits(child)
            if digits is None:
                return None
            parts.append(digits)
        elif child.tag != f"{_STYLE}text-properties":
            return None  # a condition (style:map), scientific, fraction, fill, text: not a plain number
    return "".join(parts) or None


def _ods_digits(number: ET.Element) -> str | None:
    if int(number.get(f"{_NUMBER}decimal-places") or 0) > 0 or number.get(f"{_NUMBER}grouping") == "true":
        return None
    zeros = int(number.get(f"{_NUMBER}min-integer-digits") or 0)
    # Text put between the digits, at a position counted in digits from the right.
    inserted = [(int(e.get(f"{_NUMBER}position") or 0), e.text or "")
                for e in number.iter(f"{_NUMBER}embedded-text")]
    places = max(zeros, max((p + 1 for p, _ in inserted), default=0), 1)
    tokens = []  # from the right
    for i in range(places):
        tokens += [_literal(text) for p, text in reversed(inserted) if p == i]
        tokens.append("0" if i < zeros else "#")
    return "".join(reversed(tokens))


def _literal(text: str) -> str:
    return "".join("\\" + ch for ch in text)


def _ods_column_styles(stream, sheet_name: str, codes: dict, cells: dict) -> dict[int, Counter]:
    """Per column, the styles of the numeric cells among the sheet's first rows (a cell without
    a style of its own has its column's); the automatic styles met on the way are collected."""
    used: dict[int, Counter] = {}
    column_styles: dict[int, str] = {}
    inside = False
    columns = column = rows = seen = 0
    row_style = None
    for event, el in ET.iterparse(stream, events=("start", "end")):
        tag = el.tag
        if event == "end":
            if not inside:
                _ods_style(el, codes, cells)
                if tag in (f"{_STYLE}style", f"{_NUMBER}number-style"):
                    el.clear()
            elif tag == f"{_TABLE}table-row":
                el.clear()
                rows += min(int(el.get(f"{_TABLE}number-rows-repeated") or 1), SCAN_ROWS)
                if rows >= SCAN_ROWS:
                    break
            elif tag == f"{_TABLE}table":
                break
            continue
        if tag == f"{_TABLE}table":
            inside = el.get(f"{_TABLE}name") == sheet_name
        elif not inside:
            continue
        elif tag == f"{_TABLE}table-column":
            repeat = min(int(el.get(f"{_TABLE}number-columns-repeated") or 1), MAX_COLUMNS)
            style = el.get(f"{_TABLE}default-cell-style-name")
            for c in range(columns, min(columns + repeat, MAX_COLUMNS)):
                if style:
                    column_styles[c] = style
            columns += repeat
        elif tag == f"{_TABLE}table-row":
            column, row_style = 0, el.get(f"{_TABLE}default-cell-style-name")
        elif tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            repeat = int(el.get(f"{_TABLE}number-columns-repeated") or 1)
            if el.get(f"{_OFFICE}value-type") == "float" and column < MAX_COLUMNS:
                style = el.get(f"{_TABLE}style-name") or row_style or column_styles.get(column, "")
                for c in range(column, min(column + repeat, MAX_COLUMNS)):
                    used.setdefault(c, Counter())[style] += 1
                seen += 1
                if seen >= SCAN_CELLS:
                    break
            column += repeat
    return used


# -- Excel 97-2003 (.xls) --------------------------------------------------------------------------------
MAX_XLS_BYTES = 256 * 1024**2
_BOF, _EOF, _FORMAT, _XF, _SHEET = 0x0809, 0x000A, 0x041E, 0x00E0, 0x0085
_NUMBER_CELL, _RK, _MULRK = 0x0203, 0x027E, 0x00BD


def _xls_styles(path: Path, sheet_name: str) -> tuple[dict[int, Formatter], dict[int, Counter]]:
    """XF index → formatter for the XFs that show numbers through a placeholder format, and per
    column how often each XF is used by the sheet's numeric cells among its first rows."""
    if path.stat().st_size > MAX_XLS_BYTES:
        return {}, {}
    book = _compound_stream(path.read_bytes(), ("Workbook", "Book"))
    if book is None:
        return {}, {}
    codes: dict[int, str] = {}
    xf_formats: list[int] = []
    sheet_at = None
    biff8 = True
    for kind, body in _records(book, 0):
        if kind == _BOF:
            biff8 = struct.unpack_from("<H", body)[0] == 0x0600
        elif kind == _FORMAT:
            (number,) = struct.unpack_from("<H", body)
            codes[number] = _xls_text(body, 2, biff8=biff8, wide_length=biff8)
        elif kind == _XF:
            xf_formats.append(struct.unpack_from("<H", body, 2)[0])
        elif kind == _SHEET:
            if _xls_text(body, 6, biff8=biff8, wide_length=False) == sheet_name and sheet_at is None:
                (sheet_at,) = struct.unpack_from("<I", body)
        elif kind == _EOF:
            break
    makers = {n: placeholder_formatter(code) for n, code in codes.items()}
    formats = {xf: makers[n] for xf, n in enumerate(xf_formats) if makers.get(n) is not None}
    if not formats or sheet_at is None:
        return {}, {}
    used: dict[int, Counter] = {}
    seen = 0
    for kind, body in _records(book, sheet_at):
        if kind in (_NUMBER_CELL, _RK):
            row, column, xf = struct.unpack_from("<HHH", body)
            cells = [(column, xf)]
        elif kind == _MULRK:
            row, first = struct.unpack_from("<HH", body)
            cells = [(first + i, struct.unpack_from("<H", body, 4 + 6 * i)[0])
                     for i in range((len(body) - 6) // 6)]
        elif kind == _EOF:
            break
        else:
            continue
        if row >= SCAN_ROWS:
            break
        for column, xf in cells:
            used.setdefault(column, Counter())[xf] += 1
        seen += len(cells)
        if seen >= SCAN_CELLS:
            break
    return formats, used


def _records(stream: bytes, at: int):
    """The BIFF records from offset ``at``: (record type, body)."""
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        yield kind, stream[at + 4:at + 4 + size]
        at += 4 + size


def _xls_text(body: bytes, at: int, *, biff8: bool, wide_length: bool) -> str:
    """A string of a record: its 16- or 8-bit length, then in BIFF8 a flag byte (UTF-16 or
    Latin-1 characters); BIFF5 has no flags (its code page is taken as Latin-1)."""
    if wide_length:
        (length,) = struct.unpack_from("<H", body, at)
        at += 2
    else:
        length = body[at]
        at += 1
    if not biff8:
        return body[at:at + length].decode("latin-1")
    flags = body[at]
    at += 1
    if flags & 0x01:
        return body[at:at + 2 * length].decode("utf-16-le")
    return body[at:at + length].decode("latin-1")


def _compound_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """The first of ``names`` found among the streams of an OLE2 compound file (as .xls files are)."""
    if data[:8] != _CFB:
        return None
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    size, mini_size = 1 << sector_shift, 1 << mini_shift
    fat_count, first_directory, _, cutoff, first_mini_fat, _, first_difat, difat_count = struct.unpack_from(
        "<8I", data, 0x2C)
    per_sector = size // 4

    def sector(n: int) -> bytes:
        return data[(n + 1) * size:(n + 2) * size]

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    at = first_difat
    for _ in range(difat_count):
        entries = struct.unpack(f"<{per_sector}I", sector(at))
        difat += entries[:-1]
        at = entries[-1]
    fat: list[int] = []
    for n in difat[:fat_count]:
        fat += struct.unpack(f"<{per_sector}I", sector(n))

    def chain(start: int, table: list[int]) -> list[int]:
        found = []
        while start < 0xFFFFFFFA and start < len(table) and len(found) <= len(table):
            found.append(start)
            start = table[start]
        return found

    directory = b"".join(sector(n) for n in chain(first_directory, fat))
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    streams = {}
    for entry in entries:
        length = min(struct.unpack_from("<H", entry, 64)[0], 64)
        if entry[66] == 2 and length >= 2:
            start, stream_size = struct.unpack_from("<IQ", entry, 116)
            streams[entry[:length - 2].decode("utf-16-le", "replace")] = (start, stream_size)
    name = next((n for n in names if n in streams), None)
    if name is None or not entries:
        return None
    start, stream_size = streams[name]
    if sector_shift == 9:
        stream_size &= 0xFFFFFFFF  # version 3 files: the high half is undefined
    if stream_size >= cutoff:
        return b"".join(sector(n) for n in chain(start, fat))[:stream_size]
    # A small stream lives in the mini stream (the root entry's data), in 64-byte sectors.
    mini = b"".join(sector(n) for n in chain(struct.unpack_from("<I", entries[0], 116)[0], fat))
    mini_table = b"".join(sector(n) for n in chain(first_mini_fat, fat))
    mini_fat = list(struct.unpack(f"<{len(mini_table) // 4}I", mini_table))
    return b"".join(mini[n * mini_size:(n + 1) * mini_size] for n in chain(start, mini_fat))[:stream_size]
