"""The records a user works with, as plain data passed between layers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

TAG_KINDS = ("customer", "prospect", "partner", "supplier", "other")
HANDLE_KINDS = ("wechat", "qq", "linkedin", "twitter", "facebook", "whatsapp", "skype", "other")
PREFERRED_CHANNELS = ("", "email", "phone", "sms", "wechat", "meeting", "mail")
EMAIL_LABELS = ("work", "home", "other")
PHONE_LABELS = ("mobile", "work", "home", "fax", "other")


@dataclass
class Channel:
    """One way to reach someone: an e-mail, a phone, or a social handle."""

    value: str
    label: str = ""
    kind: str = ""  # for handles: one of HANDLE_KINDS; empty for emails and phones


@dataclass
class ContactDraft:
    """A person as entered by a user or read from a file, before it is stored."""

    given_name: str = ""
    family_name: str = ""
    title: str = ""
    company_id: int | None = None
    company_name: str = ""  # used to find or create the company when company_id is None
    emails: list[Channel] = field(default_factory=list)
    phones: list[Channel] = field(default_factory=list)
    handles: list[Channel] = field(default_factory=list)
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    website: str = ""
    preferred_channel: str = ""
    birthday: dt.date | None = None
    source: str = ""
    notes: str = ""
    owner_id: int | None = None
    tags: list[str] = field(default_factory=list)
    custom: dict[int, str] = field(default_factory=dict)  # custom field id → value
    # Data protection (see core.consent): lawful basis, consent given/withdrawn, do not contact.
    lawful_basis: str = ""
    consent_given_on: dt.date | None = None
    consent_withdrawn_on: dt.date | None = None
    consent_note: str = ""
    do_not_contact: bool = False


@dataclass
class CompanyDraft:
    name: str = ""
    website: str = ""
    industry: str = ""
    employees: int | None = None
    phone: str = ""
    email: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    source: str = ""
    notes: str = ""
    owner_id: int | None = None
    tags: list[str] = field(default_factory=list)
    custom: dict[int, str] = field(default_factory=dict)


@dataclass
class Stamp:
    id: int
    uuid: str
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None = None


@dataclass
class ContactRecord:
    stamp: Stamp
    data: ContactDraft
    full_name: str

    @property
    def id(self) -> int:
        return self.stamp.id


@dataclass
class CompanyRecord:
    stamp: Stamp
    data: CompanyDraft
    contact_count: int = 0

    @property
    def id(self) -> int:
        return self.stamp.id


@dataclass(frozen=True)
class Tag:
    id: int
    name: str
    kind: str = "other"
    color: str = ""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    email: str = ""
    color: str = ""


@dataclass(frozen=True)
class DuplicateHit:
    """An existing record that looks like the one being entered, and why."""

    record_id: int
    name: str
    reason: str  # "email" | "phone" | "name"
    value: str


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "contact" | "company" | "deal" | "activity" | "attachment"
    record_id: int
    title: str
    subtitle: str


@dataclass(frozen=True)
class TrashItem:
    kind: str  # "contact" | "company"
    record_id: int
    name: str
    deleted_at: dt.datetime


@dataclass(frozen=True)
class Counts:
    contacts: int
    companies: int
    tags: int
    users: int
    trashed: int
