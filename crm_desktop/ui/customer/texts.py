"""Words the customer pages share: kinds of entries, statuses, money and dates in the user's language."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale

from ...core.customer import AttachmentError, Money

# Called with a literal context and text so that pyside6-lupdate can extract every message.
translate = QCoreApplication.translate

# Colours of the timeline's markers, one per group of kinds.
KIND_COLORS = {
    "call": "#2f855a", "email": "#2b6cb0", "meeting": "#6b46c1", "note": "#b7791f",
    "task": "#4a5568", "task_completed": "#4a5568", "task_done": "#4a5568",
    "deal": "#c05621", "stage_change": "#c05621", "deal_won": "#2f855a", "deal_lost": "#c53030",
    "order": "#2c7a7b", "payment": "#2c7a7b", "case": "#c53030", "case_resolved": "#2f855a",
    "file": "#718096", "change": "#a0aec0", "system": "#a0aec0",
}


def kind_text(kind: str) -> str:
    texts = {
        "call": translate("CustomerTexts", "Call"),
        "email": translate("CustomerTexts", "E-mail"),
        "meeting": translate("CustomerTexts", "Meeting"),
        "note": translate("CustomerTexts", "Note"),
        "stage_change": translate("CustomerTexts", "Stage changed"),
        "task_done": translate("CustomerTexts", "Task done"),
        "deal_won": translate("CustomerTexts", "Deal won"),
        "deal_lost": translate("CustomerTexts", "Deal lost"),
        "system": translate("CustomerTexts", "Recorded"),
        "task": translate("CustomerTexts", "Task created"),
        "task_completed": translate("CustomerTexts", "Task completed"),
        "deal": translate("CustomerTexts", "Deal created"),
        "order": translate("CustomerTexts", "Order"),
        "payment": translate("CustomerTexts", "Payment"),
        "case": translate("CustomerTexts", "Case opened"),
        "case_resolved": translate("CustomerTexts", "Case resolved"),
        "file": translate("CustomerTexts", "File added"),
        "change": translate("CustomerTexts", "Field changed"),
    }
    return texts.get(kind, kind)


def group_text(group: str) -> str:
    texts = {
        "call": translate("CustomerTexts", "Calls"),
        "email": translate("CustomerTexts", "E-mails"),
        "meeting": translate("CustomerTexts", "Meetings"),
        "note": translate("CustomerTexts", "Notes"),
        "task": translate("CustomerTexts", "Tasks"),
        "deal": translate("CustomerTexts", "Deals"),
        "order": translate("CustomerTexts", "Orders and payments"),
        "case": translate("CustomerTexts", "Service cases"),
        "file": translate("CustomerTexts", "Files"),
        "change": translate("CustomerTexts", "Field changes"),
    }
    return texts.get(group, group)


def field_text(name: str) -> str:
    if name.startswith("custom:"):
        return name.removeprefix("custom:")  # a custom field, by its label when it changed
    texts = {
        "tags": translate("CustomerTexts", "Tags"),
        "given_name": translate("CustomerTexts", "Given name"),
        "family_name": translate("CustomerTexts", "Family name"),
        "title": translate("CustomerTexts", "Title"),
        "email": translate("CustomerTexts", "E-mail"),
        "phone": translate("CustomerTexts", "Phone"),
        "street": translate("CustomerTexts", "Street"),
        "city": translate("CustomerTexts", "City"),
        "region": translate("CustomerTexts", "Region"),
        "postal_code": translate("CustomerTexts", "Postal code"),
        "country": translate("CustomerTexts", "Country"),
        "website": translate("CustomerTexts", "Website"),
        "preferred_channel": translate("CustomerTexts", "Preferred channel"),
        "birthday": translate("CustomerTexts", "Birthday"),
        "source": translate("CustomerTexts", "Source"),
        "notes": translate("CustomerTexts", "Notes"),
        "owner_id": translate("CustomerTexts", "Owner"),
        "company_id": translate("CustomerTexts", "Company"),
        "name": translate("CustomerTexts", "Name"),
        "industry": translate("CustomerTexts", "Industry"),
        "employees": translate("CustomerTexts", "Employees"),
        "lawful_basis": translate("CustomerTexts", "Lawful basis"),
        "consent_given_on": translate("CustomerTexts", "Consent given"),
        "consent_withdrawn_on": translate("CustomerTexts", "Consent withdrawn"),
        "do_not_contact": translate("CustomerTexts", "Do not contact"),
    }
    return texts.get(name, name)


def change_value_text(name: str, value: str) -> str:
    """A value of a field change as the user reads it (a flag as yes/no, a basis by its name)."""
    if name == "do_not_contact":
        flags = {"1": translate("CustomerTexts", "Yes"), "0": translate("CustomerTexts", "No")}
        return flags.get(value, value)
    if name == "lawful_basis":
        from ..dialogs.consent import lawful_basis_text

        return lawful_basis_text(value)
    return value


def status_text(status: str) -> str:
    texts = {
        "open": translate("CustomerTexts", "Open"),
        "in_progress": translate("CustomerTexts", "In progress"),
        "resolved": translate("CustomerTexts", "Resolved"),
        "paid": translate("CustomerTexts", "Paid"),
        "cancelled": translate("CustomerTexts", "Cancelled"),
        "won": translate("CustomerTexts", "Won"),
        "lost": translate("CustomerTexts", "Lost"),
    }
    return texts.get(status, status)


def stage_text(name: str, key: str) -> str:
    """A deal stage's name; a default stage (stored by key) in the words of the pipeline."""
    if name or not key:
        return name
    try:
        from types import SimpleNamespace

        from ..pipeline.common import LABELS
    except ImportError:
        return key
    return LABELS.stage(SimpleNamespace(name=name, key=key))


def case_kind_text(kind: str) -> str:
    texts = {
        "complaint": translate("CustomerTexts", "Complaint"),
        "question": translate("CustomerTexts", "Question"),
        "feedback": translate("CustomerTexts", "Feedback"),
    }
    return texts.get(kind, kind)


def priority_text(priority: int) -> str:
    return (translate("CustomerTexts", "Normal"), translate("CustomerTexts", "High"),
            translate("CustomerTexts", "Urgent"))[max(0, min(priority, 2))]


def relation_text(relation: str) -> str:
    texts = {
        "colleague": translate("CustomerTexts", "Colleague"),
        "employee": translate("CustomerTexts", "Works here"),
        "reports_to": translate("CustomerTexts", "Reports to"),
        "~reports_to": translate("CustomerTexts", "Manages"),
        "referred_by": translate("CustomerTexts", "Referred by"),
        "~referred_by": translate("CustomerTexts", "Referred"),
        "assistant_of": translate("CustomerTexts", "Assistant of"),
        "~assistant_of": translate("CustomerTexts", "Has assistant"),
        "partner_of": translate("CustomerTexts", "Partner of"),
        "~partner_of": translate("CustomerTexts", "Partner of"),
        "other": translate("CustomerTexts", "Related"),
        "~other": translate("CustomerTexts", "Related"),
    }
    return texts.get(relation, relation)


def money_text(minor: int, currency: str, locale: QLocale) -> str:
    amount = locale.toString(minor / 100, "f", 2)
    return f"{currency} {amount}".strip()


def money_total_text(money: Money, locale: QLocale) -> str:
    if not money:
        return "—"
    return " + ".join(money_text(minor, currency, locale) for currency, minor in money.amounts)


def local(utc: dt.datetime) -> dt.datetime:
    """A stored naive-UTC time on the user's clock."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def date_text(utc: dt.datetime | None, locale: QLocale) -> str:
    if utc is None:
        return "—"
    return locale.toString(local(utc).date(), QLocale.FormatType.ShortFormat)


def datetime_text(utc: dt.datetime | None, locale: QLocale) -> str:
    if utc is None:
        return ""
    return locale.toString(local(utc), QLocale.FormatType.ShortFormat)


def days_ago_text(days: int) -> str:
    if days <= 0:
        return translate("CustomerTexts", "today")
    if days == 1:
        return translate("CustomerTexts", "yesterday")
    return translate("CustomerTexts", "%n days ago", "", days)


def duration_text(seconds: int | None) -> str:
    if not seconds:
        return ""
    minutes = max(1, round(seconds / 60))
    if minutes == 1:
        return translate("CustomerTexts", "1 minute")
    return translate("CustomerTexts", "%n minutes", "", minutes)


def size_text(size: int, locale: QLocale) -> str:
    return locale.formattedDataSize(size)


def attachment_error_text(error: AttachmentError, locale: QLocale) -> str:
    if error.code == "missing":
        return translate("CustomerTexts", "The file %1 does not exist (any more).").replace("%1", error.path)
    if error.code == "not_a_file":
        return translate("CustomerTexts", "%1 is a folder, not a file.").replace("%1", error.path)
    if error.code == "not_an_image":
        text = translate("CustomerTexts", "%1 is not a picture. Choose a PNG, JPEG or similar image.")
        return text.replace("%1", error.path)
    if error.code == "too_large":
        return (translate("CustomerTexts", "The file %1 is larger than %2, the most that can be attached.")
                .replace("%1", error.path).replace("%2", size_text(error.limit, locale)))
    return translate("CustomerTexts", "The file %1 cannot be read. Check that you may open it.").replace(
        "%1", error.path)


def date_error_text() -> str:
    return translate("CustomerTexts", "Enter the date as YYYY-MM-DD, e.g. 1990-05-17.")


def error_text_of(error) -> str:
    """A failed save explained: the customer pages' own field problems, then the shared ones."""
    from ...core.errors import ValidationError
    from ..messages import error_text

    if isinstance(error, AttachmentError):
        return attachment_error_text(error, QLocale())
    if not isinstance(error, ValidationError):
        return error_text(error)
    lines = []
    for e in error.errors:
        if (e.field, e.code) == ("lines", "required"):
            lines.append(translate("CustomerTexts", "Add at least one line with a product or description."))
        elif (e.field, e.code) == ("lines", "negative"):
            lines.append(translate("CustomerTexts", "Quantities must be above zero and prices zero or more."))
        elif (e.field, e.code) == ("due_at", "before_order"):
            lines.append(translate("CustomerTexts", "The invoice cannot be due before the order date."))
        elif (e.field, e.code) == ("amount", "negative"):
            lines.append(translate("CustomerTexts", "Enter an amount above zero."))
        elif (e.field, e.code) == ("subject", "required"):
            lines.append(translate("CustomerTexts", "Enter a subject."))
        elif (e.field, e.code) == ("other_id", "self"):
            lines.append(translate("CustomerTexts",
                                   "Choose someone else: a person cannot be related to themselves."))
        elif (e.field, e.code) == ("other_id", "exists"):
            lines.append(translate("CustomerTexts", "These two people are already related this way."))
        else:
            lines.append(error_text(ValidationError([e])))
    return "\n".join(lines)
