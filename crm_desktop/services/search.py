"""The global search box: people and companies as you type."""

from __future__ import annotations

from ..core.records import SearchHit
from .context import ServiceContext


class SearchService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Up to ``limit`` hits: people first, then companies, each best match first."""
        storage = self.ctx.storage
        with self.ctx.read():
            contact_ids = storage.index.find("contact_fts", text, limit)
            company_ids = storage.index.find("company_fts", text, max(5, limit // 4))
            contacts = storage.contacts.names(contact_ids)
            companies = storage.companies.names(company_ids)
        hits = []
        for cid in contact_ids:
            if cid in contacts:
                name, company = contacts[cid]
                hits.append(SearchHit("contact", cid, name, company))
        for cid in company_ids:
            if cid in companies:
                hits.append(SearchHit("company", cid, companies[cid], ""))
        return hits[:limit] if len(hits) > limit else hits

