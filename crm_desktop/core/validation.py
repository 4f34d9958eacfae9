"""Checking and normalising drafts before they are stored.

Validation returns a cleaned copy (trimmed text, E.164 phones, lower-case e-mail
domains kept as typed) or raises ValidationError listing every problem at once,
so a dialog can mark all wrong fields together.
"""

from __future__ import annotations

import datetime as dt
from operator import attrgetter

from .consent import consent_problems
from .emails import is_valid_email
from .errors import FieldError, ValidationError
from .phones import normalize_phone
from .records import (
    HANDLE_KINDS,
    PREFERRED_CHANNELS,
    Channel,
    CompanyDraft,
    ContactDraft,
)

_TEXT_LIMIT = 500
_NOTES_LIMIT = 100_000


def _clean_text_fields(draft, names, errors: list[FieldError]) -> dict[str, str]:
    cleaned = {name: (value or "").strip() for name, value in zip(names, attrgetter(*names)(draft),
                                                                  strict=True)}
    if max(map(len, cleaned.values())) > _TEXT_LIMIT:
        for name, value in cleaned.items():
            if len(value) > (_NOTES_LIMIT if name == "notes" else _TEXT_LIMIT):
                errors.append(FieldError(name, "too_long", value[:40]))
    return cleaned


def _replace(draft, **changes):
    """``dataclasses.replace`` for the plain draft dataclasses, without its per-call field walk."""
    copy = object.__new__(type(draft))
    copy.__dict__.update(draft.__dict__)
    copy.__dict__.update(changes)
    return copy


def _clean_emails(emails: list[Channel], errors: list[FieldError], field: str = "emails"):
    out: list[Channel] = []
    seen: set[str] = set()
    for i, channel in enumerate(emails):
        value = channel.value.strip()
        if not value:
            continue
        if not is_valid_email(value):
            errors.append(FieldError(field, "invalid_email", value, i))
            continue
        if value.lower() not in seen:
            seen.add(value.lower())
            out.append(Channel(value, channel.label.strip(), ""))
    return out


def _clean_phones(phones: list[Channel], region: str, errors: list[FieldError]):
    out: list[Channel] = []
    seen: set[str] = set()
    for i, channel in enumerate(phones):
        if not channel.value.strip():
            continue
        e164 = normalize_phone(channel.value, region)
        if e164 is None:
            errors.append(FieldError("phones", "invalid_phone", channel.value.strip(), i))
            continue
        if e164 not in seen:
            seen.add(e164)
            out.append(Channel(e164, channel.label.strip(), ""))
    return out


def _clean_handles(handles: list[Channel], errors: list[FieldError]):
    out: list[Channel] = []
    for i, channel in enumerate(handles):
        value = channel.value.strip()
        if not value:
            continue
        kind = channel.kind.strip().lower() or "other"
        if kind not in HANDLE_KINDS:
            errors.append(FieldError("handles", "unknown_kind", kind, i))
            continue
        out.append(Channel(value, channel.label.strip(), kind))
    return out


def _clean_tags(tags: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        name = " ".join(tag.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


_CONTACT_TEXT = (
    "given_name", "family_name", "title", "company_name", "street", "city", "region",
    "postal_code", "country", "website", "source", "notes",
)


def validate_contact(draft: ContactDraft, region: str, today: dt.date | None = None) -> ContactDraft:
    errors: list[FieldError] = []
    text = _clean_text_fields(draft, _CONTACT_TEXT, errors)
    if not text["given_name"] and not text["family_name"]:
        errors.append(FieldError("given_name", "required"))
    emails = _clean_emails(draft.emails, errors)
    phones = _clean_phones(draft.phones, region, errors)
    handles = _clean_handles(draft.handles, errors)
    if draft.preferred_channel not in PREFERRED_CHANNELS:
        errors.append(FieldError("preferred_channel", "unknown_channel", draft.preferred_channel))
    today = today or dt.date.today()
    if draft.birthday is not None and draft.birthday > today:
        errors.append(FieldError("birthday", "in_future", draft.birthday.isoformat()))
    errors += consent_problems(draft, today)
    if errors:
        raise ValidationError(errors)
    return _replace(
        draft, **text, emails=emails, phones=phones, handles=handles,
        tags=_clean_tags(draft.tags),
        custom={k: v.strip() for k, v in draft.custom.items()},
        consent_note=(draft.consent_note or "").strip(), do_not_contact=bool(draft.do_not_contact),
    )


_COMPANY_TEXT = (
    "name", "website", "industry", "street", "city", "region", "postal_code", "country",
    "source", "notes",
)


def validate_company(draft: CompanyDraft, region: str) -> CompanyDraft:
    errors: list[FieldError] = []
    text = _clean_text_fields(draft, _COMPANY_TEXT, errors)
    if not text["name"]:
        errors.append(FieldError("name", "required"))
    email = draft.email.strip()
    if email and not is_valid_email(email):
        errors.append(FieldError("email", "invalid_email", email))
    phone = draft.phone.strip()
    if phone:
        e164 = normalize_phone(phone, region)
        if e164 is None:
            errors.append(FieldError("phone", "invalid_phone", phone))
        phone = e164 or phone
    if draft.employees is not None and draft.employees < 0:
        errors.append(FieldError("employees", "negative", str(draft.employees)))
    if errors:
        raise ValidationError(errors)
    return _replace(
        draft, **text, email=email, phone=phone, tags=_clean_tags(draft.tags),
        custom={k: v.strip() for k, v in draft.custom.items()},
    )
