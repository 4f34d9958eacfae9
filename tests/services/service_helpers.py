"""Small builders shared by the service tests."""

from __future__ import annotations

from crm_desktop.core.records import Channel, ContactDraft
from crm_desktop.services import Services


def person(given: str, family: str = "", *, email: str = "", phone: str = "", **fields) -> ContactDraft:
    return ContactDraft(
        given_name=given, family_name=family,
        emails=[Channel(email, "work")] if email else [],
        phones=[Channel(phone, "mobile")] if phone else [],
        **fields,
    )


def found(services: Services, text: str, kind: str = "contact") -> set[int]:
    """Ids of records of ``kind`` the global search finds for ``text``."""
    return {h.record_id for h in services.search.search(text, limit=100) if h.kind == kind}
