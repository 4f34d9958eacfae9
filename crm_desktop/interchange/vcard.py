"""vCard 2.1, 3.0 and 4.0 files read as a table of contacts, one row per card.

Written for the files phones and address books really produce: folded and
unfolded lines, QUOTED-PRINTABLE with soft line breaks, a CHARSET per property
(Shift_JIS, Windows-1252) or UTF-16 for the whole file, base64 photos that run
on without a blank line, lower-case property names and empty cards.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

from .csv_sniff import detect_encoding

HEADERS = [
    "Full Name", "Given Name", "Family Name", "Company", "Job Title",
    "E-mail 1", "E-mail 2", "E-mail 3",
    "Mobile Phone", "Business Phone", "Home Phone", "Fax", "Other Phone",
    "Street", "City", "Region", "Postal Code", "Country", "Web Page", "Birthday", "Notes", "Categories",
]
_PROPERTY = re.compile(rb"^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+(?:;[^:]*)?:")
_LINE_BREAK = re.compile(rb"\r\n|\n|\r")


@dataclass
class _Card:
    props: list[tuple[str, dict[str, list[str]], bytes]] = field(default_factory=list)


def _split_params(raw: str) -> tuple[str, dict[str, list[str]]]:
    parts = raw.split(";")
    name = parts[0].split(".")[-1].upper()
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        if eq:
            params.setdefault(key.strip().upper(), []).extend(
                v.strip().strip('"').upper() for v in value.split(","))
        else:  # vCard 2.1 bare type: TEL;CELL;WORK
            params.setdefault("TYPE", []).append(key.strip().upper())
    return name, params


def _logical_lines(data: bytes) -> list[bytes]:
    """Unfolded property lines: folded continuations, QP soft breaks and run-on base64 joined."""
    out: list[bytes] = []
    qp_open = False
    for line in _LINE_BREAK.split(data):
        if out and qp_open:
            out[-1] = out[-1][:-1] + line
        elif out and line[:1] in (b" ", b"\t"):
            out[-1] += line[1:]
        elif not line.strip():
            qp_open = False
            continue
        elif out and not _PROPERTY.match(line):
            out[-1] += line  # base64 that goes on without folding, or a bare CR inside a value
        else:
            out.append(line)
        head = out[-1].split(b":", 1)[0].upper()
        qp_open = b"QUOTED-PRINTABLE" in head and out[-1].endswith(b"=")
    return out


def _cards(data: bytes) -> list[_Card]:
    cards: list[_Card] = []
    current: _Card | None = None
    for line in _logical_lines(data):
        head, _, value = line.partition(b":")
        name, params = _split_params(head.decode("ascii", "replace"))
        if name == "BEGIN" and value.strip().upper() == b"VCARD":
            current = _Card()
        elif name == "END" and current is not None:
            cards.append(current)
            current = None
        elif current is not None:
            current.props.append((name, params, value))
    return cards


def _decode(value: bytes, params: dict[str, list[str]], fallback: str) -> str:
    encoding = (params.get("ENCODING") or [""])[0]
    if encoding in ("QUOTED-PRINTABLE", "QP"):
        value = quopri.decodestring(value)
    charset = (params.get("CHARSET") or [""])[0].lower() or fallback
    try:
        return value.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return value.decode(fallback, "replace")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _components(text: str) -> list[str]:
    return [_unescape(p).strip() for p in re.split(r"(?<!\\);", text)]


def _phone_column(types: list[str]) -> str:
    if "FAX" in types:
        return "Fax"
    if "CELL" in types or "MOBILE" in types or "IPHONE" in types:
        return "Mobile Phone"
    if "WORK" in types:
        return "Business Phone"
    if "HOME" in types:
        return "Home Phone"
    return "Other Phone"


class _Row:
    def __init__(self) -> None:
        self.cells: dict[str, str] = {}

    def put(self, column: str, value: str) -> None:
        value = value.strip()
        if not value:
            return
        if column in self.cells and column.endswith(("Phone", "Fax")):
            self.cells[column] += "; " + value
        else:
            self.cells.setdefault(column, value)

    def email(self, value: str) -> None:
        for column in ("E-mail 1", "E-mail 2", "E-mail 3"):
            if column not in self.cells:
                self.put(column, value)
                return


def _apply(row: _Row, name: str, params: dict[str, list[str]], text: str) -> None:
    if name == "FN":
        row.put("Full Name", _unescape(text))
    elif name == "N":
        parts = [*_components(text), "", ""]
        row.put("Family Name", parts[0])
        row.put("Given Name", " ".join(p for p in parts[1:3] if p))
    elif name == "ORG":
        row.put("Company", _components(text)[0])
    elif name == "TITLE":
        row.put("Job Title", _unescape(text))
    elif name == "EMAIL":
        row.email(_unescape(text))
    elif name == "TEL":
        number = text.strip()
        if number.lower().startswith("tel:"):
            number = number[4:]
        row.put(_phone_column(params.get("TYPE", [])), number)
    elif name == "ADR" and "Street" not in row.cells:
        parts = [*_components(text), "", "", "", "", "", "", ""]
        row.put("Street", " ".join(p for p in (parts[2], parts[1], parts[0]) if p))
        for column, value in zip(("City", "Region", "Postal Code", "Country"), parts[3:7], strict=True):
            row.put(column, value)
    elif name == "URL":
        row.put("Web Page", _unescape(text))
    elif name == "BDAY":
        row.put("Birthday", text)
    elif name == "NOTE":
        row.put("Notes", _unescape(text))
    elif name == "CATEGORIES":
        row.put("Categories", ", ".join(_components(text.replace(",", ";"))))


def read_vcards(data: bytes) -> tuple[list[str], list[list[str]]]:
    """(headers, rows) for every card that names or reaches someone."""
    encoding = detect_encoding(data[:65536], complete=len(data) <= 65536)
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        data = data.decode(encoding, "replace").encode("utf-8")
        encoding = "utf-8"
    fallback = "utf-8" if encoding in ("utf-8", "utf-8-sig") else encoding
    rows = []
    for card in _cards(data.removeprefix(b"\xef\xbb\xbf")):
        row = _Row()
        for name, params, value in card.props:
            if name in ("PHOTO", "LOGO", "SOUND", "KEY"):
                continue
            _apply(row, name, params, _decode(value, params, fallback))
        if row.cells:
            rows.append([row.cells.get(h, "") for h in HEADERS])
    return HEADERS, rows
