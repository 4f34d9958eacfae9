"""How a list is asked for: search text, filters and sort order. Storage turns it into SQL."""

from __future__ import annotations

from dataclasses import dataclass, replace

CONTACT_SORT_KEYS = ("name", "company", "title", "email", "phone", "city", "country", "created", "updated")
COMPANY_SORT_KEYS = (
    "name", "industry", "city", "country", "phone", "employees", "created", "updated",
)


@dataclass(frozen=True)
class ListQuery:
    search: str = ""
    tag_id: int | None = None
    owner_id: int | None = None
    company_id: int | None = None
    sort: str = "name"
    descending: bool = False
    # A saved segment's filter compiled by storage.segments: (SQL condition, parameters).
    segment: tuple[str, tuple] | None = None

    def with_(self, **changes) -> ListQuery:
        return replace(self, **changes)
