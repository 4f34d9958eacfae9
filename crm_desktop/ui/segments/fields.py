"""The names of the fields and operators a segment filter offers, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.segments import FIELDS

translate = QCoreApplication.translate


def field_labels(entity: str) -> dict[str, str]:
    """Field key -> label, in the order the builder offers them."""
    labels = {
        "name": translate("SegmentFields", "Name"),
        "title": translate("SegmentFields", "Title") if entity == "deal" else translate("SegmentFields",
                                                                                          "Job title"),
        "given_name": translate("SegmentFields", "Given name"),
        "family_name": translate("SegmentFields", "Family name"),
        "company": translate("SegmentFields", "Company"),
        "email": translate("SegmentFields", "Email"),
        "phone": translate("SegmentFields", "Phone"),
        "tags": translate("SegmentFields", "Tags"),
        "owner": translate("SegmentFields", "Owner"),
        "city": translate("SegmentFields", "City"),
        "country": translate("SegmentFields", "Country"),
        "region": translate("SegmentFields", "State / province"),
        "street": translate("SegmentFields", "Street"),
        "postal_code": translate("SegmentFields", "Postal code"),
        "source": translate("SegmentFields", "Source"),
        "industry": translate("SegmentFields", "Industry"),
        "website": translate("SegmentFields", "Website"),
        "employees": translate("SegmentFields", "Employees"),
        "people": translate("SegmentFields", "Number of people"),
        "last_interaction": translate("SegmentFields", "Last interaction"),
        "created": translate("SegmentFields", "Created"),
        "updated": translate("SegmentFields", "Updated"),
        "birthday": translate("SegmentFields", "Birthday"),
        "score": translate("SegmentFields", "Lead score"),
        "open_deals": translate("SegmentFields", "Open deals"),
        "notes": translate("SegmentFields", "Notes"),
        "value": translate("SegmentFields", "Deal value"),
        "currency": translate("SegmentFields", "Currency"),
        "status": translate("SegmentFields", "Status"),
        "stage": translate("SegmentFields", "Stage"),
        "pipeline": translate("SegmentFields", "Pipeline"),
        "expected_close": translate("SegmentFields", "Expected close"),
        "closed": translate("SegmentFields", "Closed"),
        "next_step": translate("SegmentFields", "Next step"),
        "probability": translate("SegmentFields", "Probability"),
        "do_not_contact": translate("SegmentFields", "Do not contact"),
    }
    return {key: labels[key] for key in labels if key in FIELDS[entity]}


def op_labels(kind: str) -> dict[str, str]:
    if kind == "interaction":
        return {"not_within_days": translate("SegmentFields", "none in the last … days"),
                "within_days": translate("SegmentFields", "in the last … days"),
                "never": translate("SegmentFields", "never")}
    if kind == "date":
        return {"within_days": translate("SegmentFields", "in the last … days"),
                "not_within_days": translate("SegmentFields", "not in the last … days"),
                "before": translate("SegmentFields", "before"), "after": translate("SegmentFields", "after"),
                "empty": translate("SegmentFields", "is empty"),
                "not_empty": translate("SegmentFields", "is not empty")}
    if kind == "tags":
        return {"has_any": translate("SegmentFields", "has any of"),
                "has_all": translate("SegmentFields", "has all of"),
                "has_none": translate("SegmentFields", "has none of")}
    if kind == "owner":
        return {"is": translate("SegmentFields", "is"), "is_not": translate("SegmentFields", "is not"),
                "empty": translate("SegmentFields", "is nobody"),
                "not_empty": translate("SegmentFields", "is anybody")}
    if kind == "number":
        return {"eq": "=", "ne": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤",
                "empty": translate("SegmentFields", "is empty"),
                "not_empty": translate("SegmentFields", "is not empty")}
    if kind == "choice":
        return {"is": translate("SegmentFields", "is"), "is_not": translate("SegmentFields", "is not")}
    if kind == "flag":
        return {"set": translate("SegmentFields", "is marked"),
                "not_set": translate("SegmentFields", "is not marked")}
    return {"contains": translate("SegmentFields", "contains"),
            "not_contains": translate("SegmentFields", "does not contain"),
            "is": translate("SegmentFields", "is"), "is_not": translate("SegmentFields", "is not"),
            "starts_with": translate("SegmentFields", "starts with"),
            "empty": translate("SegmentFields", "is empty"),
            "not_empty": translate("SegmentFields", "is not empty")}


def entity_labels() -> dict[str, str]:
    return {"contact": translate("SegmentFields", "People"),
            "company": translate("SegmentFields", "Companies"),
            "deal": translate("SegmentFields", "Deals")}
