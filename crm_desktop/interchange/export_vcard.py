"""vCard export (3.0, RFC 2426, or 4.0, RFC 6350): one card per contact, many cards per file.

Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; text
values are escaped (backslash, comma, semicolon, newline) as both versions require.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

VERSIONS = ("3.0", "4.0")
_PHONE_TYPES = {"mobile": "cell", "cell": "cell", "work": "work", "home": "home", "fax": "fax",
                "main": "voice", "other": "voice", "手机": "cell", "工作": "work", "家庭": "home",
                "传真": "fax"}
_EMAIL_TYPES = {"work": "work", "home": "home", "工作": "work", "家庭": "home", "个人": "home"}


@dataclass
class VCard:
    full_name: str
    uid: str = ""
    given_name: str = ""
    family_name: str = ""
    organization: str = ""
    title: str = ""
    emails: Sequence[tuple[str, str]] = field(default_factory=list)  # (label, address)
    phones: Sequence[tuple[str, str]] = field(default_factory=list)  # (label, number)
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    url: str = ""
    birthday: dt.date | None = None
    note: str = ""
    categories: Sequence[str] = field(default_factory=list)
    revision: dt.datetime | None = None  # naive UTC


def escape_value(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
            .replace(",", "\\,").replace(";", "\\;"))


def fold(line: str) -> str:
    """``line`` in CRLF-joined pieces of at most 75 octets; continuation lines start with a space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    pieces, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never inside a UTF-8 sequence
            end -= 1
        pieces.append(data[start:end].decode())
        start, limit = end, 74  # the leading space counts
    return "\r\n ".join(pieces)


def _type_param(label: str, table: dict[str, str], version: str) -> str:
    kind = table.get(label.strip().lower())
    if not kind:
        return ""
    return f";TYPE={kind.upper() if version == '3.0' else kind}"


def card_lines(card: VCard, version: str = "3.0") -> list[str]:
    e = escape_value
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{e(card.full_name)}",
             f"N:{e(card.family_name)};{e(card.given_name)};;;"]
    if card.uid:
        lines.append(f"UID:{'urn:uuid:' if version == '4.0' else ''}{card.uid}")
    if card.organization:
        lines.append(f"ORG:{e(card.organization)}")
    if card.title:
        lines.append(f"TITLE:{e(card.title)}")
    for label, value in card.emails:
        internet = ";TYPE=INTERNET" if version == "3.0" else ""
        lines.append(f"EMAIL{internet}{_type_param(label, _EMAIL_TYPES, version)}:{e(value)}")
    for label, value in card.phones:
        lines.append(f"TEL{_type_param(label, _PHONE_TYPES, version)}:{e(value)}")
    if any((card.street, card.city, card.region, card.postal_code, card.country)):
        parts = (card.street, card.city, card.region, card.postal_code, card.country)
        lines.append("ADR:;;" + ";".join(e(p) for p in parts))
    if card.url:
        lines.append(f"URL:{e(card.url)}")
    if card.birthday:
        day = card.birthday.isoformat() if version == "3.0" else card.birthday.strftime("%Y%m%d")
        lines.append(f"BDAY:{day}")
    if card.note:
        lines.append(f"NOTE:{e(card.note)}")
    if card.categories:
        lines.append("CATEGORIES:" + ",".join(e(c) for c in card.categories))
    if card.revision:
        lines.append(f"REV:{card.revision:%Y%m%dT%H%M%SZ}")
    lines.append("END:VCARD")
    return lines


class VCardWriter:
    """A .vcf file written card by card (UTF-8, CRLF)."""

    def __init__(self, target: str | Path, version: str = "3.0") -> None:
        if version not in VERSIONS:
            raise ValueError(f"vCard version {version!r}")
        self.version = version
        self._file = open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed in close())

    def write_cards(self, cards: Iterable[VCard]) -> None:
        self._file.write("".join("".join(fold(line) + "\r\n" for line in card_lines(card, self.version))
                                 for card in cards))

    def close(self) -> None:
        self._file.close()

    def abort(self) -> None:
        self._file.close()


# The fields a card is made of, as the export reads them (storage.exports field keys).
VCARD_KEYS = ("uuid", "name", "given_name", "family_name", "company", "title", "channels", "street",
               "city", "region", "postal_code", "country", "website", "birthday", "notes", "tags",
               "updated")


def vcard_of(row: tuple) -> VCard:
    """A card from a row of VCARD_KEYS."""
    (uid, name, given, family, company, title, channels, street, city, region, postal, country,
     website, birthday, notes, tags, updated) = row
    emails, phones = [], []
    for entry in (channels or "").split("\x1e") if channels else ():
        channel, label, value = entry.split("\x1f", 2)
        (emails if channel == "email" else phones).append((label, value))
    return VCard(
        name, uid, given, family, company, title, emails, phones, street, city, region, postal, country,
        website, _iso_date(birthday), notes, [t for t in (tags or "").split(", ") if t],
        dt.datetime.fromisoformat(updated) if updated else None)


def _iso_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
