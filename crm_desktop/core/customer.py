"""The 360° view of a customer as plain data: timeline entries, key figures, panels' rows."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from .errors import CrmError

# What a timeline entry can be. Activities keep their own kind; the rest come from the
# tables of tasks, deals, orders, payments, service cases, files and field changes.
ENTRY_KINDS = (
    "call", "email", "meeting", "note", "stage_change", "task_done", "deal_won", "deal_lost",
    "system", "task", "task_completed", "deal", "order", "payment", "case", "case_resolved",
    "file", "change",
)
# The filter a user picks from, and the entry kinds each one shows.
ENTRY_GROUPS: dict[str, tuple[str, ...]] = {
    "call": ("call",),
    "email": ("email",),
    "meeting": ("meeting",),
    "note": ("note",),
    "task": ("task", "task_completed", "task_done"),
    "deal": ("deal", "stage_change", "deal_won", "deal_lost"),
    "order": ("order", "payment"),
    "case": ("case", "case_resolved"),
    "file": ("file",),
    "change": ("change", "system"),
}

_TAG = re.compile(r"<[^>]+>")
_STYLE = re.compile(r"<(style|head)[^>]*>.*?</\1>", re.S | re.I)
_SPACE = re.compile(r"\s+")


def plain_text(rich: str, limit: int = 200) -> str:
    """The words of a rich-text (HTML) body on one line, for a preview."""
    if "<" in rich:
        rich = _TAG.sub(" ", _STYLE.sub(" ", rich))
    return _SPACE.sub(" ", html.unescape(rich)).strip()[:limit]


def initials(name: str) -> str:
    """Up to two letters for an avatar: "Ann Lee" → "AL", "王小明" → "王"."""
    words = [w for w in name.split() if w]
    if not words:
        return "?"
    if len(words) == 1 or not words[0][0].isascii():
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


@dataclass(frozen=True)
class Target:
    """Whose page: one person, or a company with everyone who works there."""

    kind: str  # "contact" | "company"
    id: int

    def __post_init__(self) -> None:
        if self.kind not in ("contact", "company"):
            raise ValueError(f"unknown page kind {self.kind!r}")


@dataclass(frozen=True)
class TimelineQuery:
    groups: tuple[str, ...] = ()  # empty: everything
    search: str = ""

    def kinds(self) -> tuple[str, ...]:
        return tuple(k for g in self.groups for k in ENTRY_GROUPS.get(g, ()))


@dataclass(frozen=True)
class TimelineEntry:
    source: str  # the table it comes from: activity, task, deal, sales_order, payment, ...
    source_id: int
    kind: str
    at: dt.datetime
    title: str
    body: str = ""
    outcome: str = ""
    amount_minor: int | None = None
    currency: str = ""
    pinned: bool = False
    contact_id: int | None = None
    owner: str = ""
    person: str = ""  # whose entry, on a company page
    duration_s: int | None = None

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.source, self.source_id, self.kind)


@dataclass(frozen=True)
class Money:
    """Amounts per currency, in minor units (cents, fen)."""

    amounts: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, pairs) -> Money:
        total: dict[str, int] = {}
        for currency, minor in pairs:
            if minor:
                total[currency or ""] = total.get(currency or "", 0) + int(minor)
        return cls(tuple(sorted((c, m) for c, m in total.items() if m)))

    def get(self, currency: str) -> int:
        return dict(self.amounts).get(currency, 0)

    def __bool__(self) -> bool:
        return bool(self.amounts)


@dataclass(frozen=True)
class KeyFigures:
    customer_since: dt.datetime | None
    last_interaction: dt.datetime | None
    next_follow_up: dt.datetime | None
    next_follow_up_title: str
    open_deals: Money
    open_deal_count: int
    lifetime_revenue: Money
    outstanding: Money
    score: int | None = None

    def days_since_interaction(self, today: dt.date) -> int | None:
        if self.last_interaction is None:
            return None
        return (today - self.last_interaction.date()).days


@dataclass(frozen=True)
class DealRow:
    id: int
    title: str
    stage: str
    status: str
    value_minor: int
    currency: str
    expected_close: str | None
    person: str = ""
    stage_key: str = ""  # a default stage is stored without a name, by its key (e.g. "lead")


@dataclass(frozen=True)
class TaskRow:
    id: int
    title: str
    due_at: dt.datetime | None
    done_at: dt.datetime | None
    priority: int
    person: str = ""


@dataclass(frozen=True)
class Person:
    """Someone on a company page or among related people."""

    id: int
    name: str
    title: str
    email: str
    phone: str
    relation: str = ""  # "colleague", or a relationship kind such as "reports_to"
    relationship_id: int | None = None


@dataclass(frozen=True)
class Attachment:
    id: int
    filename: str
    sha256: str
    size: int
    mime: str
    created_at: dt.datetime
    contact_id: int | None = None
    company_id: int | None = None


@dataclass(frozen=True)
class FieldChange:
    id: int
    entity: str
    record_id: int
    field: str
    old: str
    new: str
    changed_at: dt.datetime
    user: str = ""


class AttachmentError(CrmError):
    """A file that cannot be attached: ``code`` is "missing", "unreadable", "too_large", "not_a_file"
    or (for a photo) "not_an_image"."""

    def __init__(self, code: str, path: str, limit: int = 0) -> None:
        super().__init__(f"{code}: {path}")
        self.code = code
        self.path = path
        self.limit = limit


RELATIONSHIP_KINDS = ("reports_to", "referred_by", "assistant_of", "partner_of", "other")


@dataclass
class ProfileText:
    """The header of a page: who this is, in text."""

    name: str
    title: str = ""
    company_id: int | None = None
    company_name: str = ""
    owner: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    website: str = ""
    industry: str = ""
    do_not_contact: bool = False  # a person marked "do not contact" (core.consent)
    consent_withdrawn: bool = False
