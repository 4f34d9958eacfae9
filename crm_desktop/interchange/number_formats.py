"""Numbers a workbook shows through a number format: 01234 kept as 1234 with the format "00000".

A postal code or a phone number typed into Excel as a number loses its leading zero; Excel
shows it again through a custom number format ("00000", "0##########", "000-0000",
"(###) ###-####"). python-calamine gives the number without its format, so the importer
reads the formats itself, cheaply: the workbook's style table (``xl/styles.xml``, small),
and the style of each column's numeric cells among the sheet's first rows, read as a stream
and left after ``SCAN_ROWS`` rows (a million-row sheet costs no more than a small one).
A column whose numbers mostly carry one such format gets it applied to every whole number
in it, as the user saw them: ``column_formats`` gives a function per column.

Only .xlsx/.xlsm are read this way; formats that are not made of digit placeholders and
literal text (decimals, percentages, scientific, dates, conditions) are left alone.
"""

from __future__ import annotations

import posixpath
import re
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
    is not an .xlsx package or has no such format (the usual case: nothing more is read)."""
    try:
        with zipfile.ZipFile(path) as z:
            formats = _style_formats(z)
            if not formats:
                return {}
            part = _sheet_part(z, sheet_name)
            if part is None:
                return {}
            used = _column_styles(z, part)
    except (KeyError, OSError, zipfile.BadZipFile, ET.ParseError, ValueError):
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
