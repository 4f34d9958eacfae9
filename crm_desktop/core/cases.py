"""Service cases: a complaint, question or feedback, worked from open to resolved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .errors import FieldError, ValidationError

CASE_KINDS = ("complaint", "question", "feedback")
CASE_STATUSES = ("open", "in_progress", "resolved")
CASE_PRIORITIES = (0, 1, 2)  # normal, high, urgent


@dataclass
class CaseDraft:
    subject: str
    kind: str = "question"
    priority: int = 0
    description: str = ""
    contact_id: int | None = None
    company_id: int | None = None
    owner_id: int | None = None


@dataclass(frozen=True)
class Case:
    id: int
    subject: str
    kind: str
    status: str
    priority: int
    description: str
    opened_at: dt.datetime
    resolved_at: dt.datetime | None
    contact_id: int | None
    company_id: int | None


def validate_case(draft: CaseDraft) -> CaseDraft:
    errors: list[FieldError] = []
    subject = " ".join(draft.subject.split())
    if not subject:
        errors.append(FieldError("subject", "required"))
    elif len(subject) > 500:
        errors.append(FieldError("subject", "too_long"))
    if draft.kind not in CASE_KINDS:
        errors.append(FieldError("kind", "invalid", draft.kind))
    if draft.priority not in CASE_PRIORITIES:
        errors.append(FieldError("priority", "invalid", str(draft.priority)))
    if draft.contact_id is None and draft.company_id is None:
        errors.append(FieldError("contact_id", "required"))
    if errors:
        raise ValidationError(errors)
    return CaseDraft(subject, draft.kind, draft.priority, draft.description.strip(), draft.contact_id,
                     draft.company_id, draft.owner_id)


def check_status(status: str) -> None:
    if status not in CASE_STATUSES:
        raise ValidationError([FieldError("status", "invalid", status)])
