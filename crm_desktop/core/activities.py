"""What happened with a customer: the entries of a timeline, as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Kinds a user logs by hand, and kinds the app writes when something happens.
LOGGED_KINDS = ("call", "email", "meeting", "note")
SYSTEM_KINDS = ("stage_change", "task_done", "deal_won", "deal_lost", "system")
ACTIVITY_KINDS = LOGGED_KINDS + SYSTEM_KINDS
# Kinds that count as talking to the customer ("last interaction", keep-in-touch rules).
INTERACTION_KINDS = ("call", "email", "meeting")


@dataclass
class ActivityDraft:
    kind: str
    subject: str = ""
    body: str = ""  # rich text (HTML) for logged kinds, plain text for system ones
    outcome: str = ""
    occurred_at: dt.datetime | None = None  # None: now
    duration_s: int | None = None
    pinned: bool = False
    contact_id: int | None = None
    company_id: int | None = None
    deal_id: int | None = None
    owner_id: int | None = None  # None: the current user
    case_id: int | None = None  # part of a service case's conversation


@dataclass
class Activity:
    id: int
    uuid: str
    kind: str
    subject: str
    body: str
    outcome: str
    occurred_at: dt.datetime
    duration_s: int | None
    pinned: bool
    contact_id: int | None
    company_id: int | None
    deal_id: int | None
    owner_id: int | None
    created_at: dt.datetime
    case_id: int | None = None
    updated_at: dt.datetime | None = None  # what an edit starts from (see EditConflict)
