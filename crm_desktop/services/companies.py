"""Use cases on companies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..core.query import ListQuery
from ..core.records import CompanyDraft, CompanyRecord, DuplicateHit
from ..core.text import company_key
from ..core.validation import validate_company
from .changes import Change
from .context import ServiceContext, later_than


class CompanyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.companies

    def validate(self, draft: CompanyDraft) -> CompanyDraft:
        return validate_company(draft, self.ctx.region)

    def create(self, draft: CompanyDraft) -> int:
        clean = self.validate(draft)
        with self.ctx.write():
            now = self.ctx.clock.now()
            tag_ids = self.ctx.storage.tags.ensure(clean.tags, now)
            company_id = self.store.insert(clean, [tag_ids[t] for t in clean.tags], now)
        self.ctx.changes.emit(Change("company", "create", (company_id,)))
        return company_id

    def update(self, company_id: int, draft: CompanyDraft, expected: dt.datetime | None = None
               ) -> dt.datetime:
        """Store an edit; returns the company's new updated_at. With ``expected`` (the
        updated_at the edit started from) EditConflict is raised, and nothing written, when
        someone saved the company since."""
        clean = self.validate(draft)
        with self.ctx.write():
            now = later_than(self.ctx.clock.now(), expected)
            tag_ids = self.ctx.storage.tags.ensure(clean.tags, now)
            self.store.update(company_id, clean, [tag_ids[t] for t in clean.tags], now, expected)
            # Its people are found by company name too.
            people = self.ctx.storage.contacts.ids_of_company(company_id)
            self.ctx.storage.index.reindex_contacts(people)
        self.ctx.changes.emit(Change("company", "update", (company_id,)))
        if people:
            self.ctx.changes.emit(Change("contact", "update", tuple(people)))
        return now

    def add_tag(self, ids: Sequence[int], tag_name: str) -> int:
        name = " ".join(tag_name.split())
        with self.ctx.write():
            now = self.ctx.clock.now()
            tag_id = self.ctx.storage.tags.ensure([name], now)[name]
            self.store.add_tag(ids, tag_id, now)
        self.ctx.changes.emit(Change("company", "update", tuple(ids)))
        return tag_id

    def remove_tag(self, ids: Sequence[int], tag_id: int) -> None:
        with self.ctx.write():
            self.store.remove_tag(ids, tag_id, self.ctx.clock.now())
        self.ctx.changes.emit(Change("company", "update", tuple(ids)))

    def delete(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            n = self.store.soft_delete(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("company", "delete", tuple(ids)))
        return n

    def restore(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            n = self.store.restore(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("company", "restore", tuple(ids)))
        return n

    def purge(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            removed, unlinked = self.store.purge(ids)
            self.ctx.storage.index.reindex_contacts(unlinked)
        self.ctx.changes.emit(Change("company", "purge", tuple(ids)))
        if unlinked:
            self.ctx.changes.emit(Change("contact", "update", tuple(unlinked)))
        return removed

    def get(self, company_id: int) -> CompanyRecord:
        with self.ctx.read():
            return self.store.get(company_id)

    def duplicates(self, draft: CompanyDraft, exclude_id: int | None = None) -> list[DuplicateHit]:
        """Live companies with the same normalised name."""
        key = company_key(draft.name)
        if not key:
            return []
        with self.ctx.read():
            found = self.store.find_by_key([draft.name])
            if key not in found or found[key] == exclude_id:
                return []
            name = self.store.name_of(found[key]) or ""
        return [DuplicateHit(found[key], name, "name", draft.name)]

    def count(self, query: ListQuery = ListQuery()) -> int:
        with self.ctx.read():
            return self.store.count(query)

    def page(self, query: ListQuery, offset: int, limit: int) -> list[tuple]:
        with self.ctx.read():
            return self.store.page(query, offset, limit)

    def people_counts(self, ids: Sequence[int]) -> dict[int, int]:
        with self.ctx.read():
            return self.store.people_counts(ids)

    def tags_for(self, ids: Sequence[int]) -> dict[int, list[str]]:
        with self.ctx.read():
            return self.store.tags_for(ids)

    def choices(self) -> list[tuple[int, str]]:
        """(id, name) of live companies, for pickers."""
        with self.ctx.read():
            return self.store.all_names()
