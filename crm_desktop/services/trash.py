"""The trash: everything a user deleted, until they empty it."""

from __future__ import annotations

from ..core.records import TrashItem
from ..storage.common import parse_ts
from .companies import CompanyService
from .contacts import ContactService
from .context import ServiceContext

BULK_PURGE = 20  # deleting this many for good at once is a bulk delete: a backup comes first


class TrashService:
    def __init__(self, ctx: ServiceContext, contacts: ContactService, companies: CompanyService):
        self.ctx = ctx
        self.contacts = contacts
        self.companies = companies
        self.backups = None  # a BackupService: deleting for good is preceded by a backup

    def items(self) -> list[TrashItem]:
        with self.ctx.read():
            rows = [TrashItem("contact", i, n, parse_ts(d))
                    for i, n, d in self.ctx.storage.contacts.trashed()]
            rows += [TrashItem("company", i, n, parse_ts(d))
                     for i, n, d in self.ctx.storage.companies.trashed()]
        return sorted(rows, key=lambda item: item.deleted_at, reverse=True)

    def restore(self, items: list[TrashItem]) -> None:
        self._by_kind(items, self.contacts.restore, self.companies.restore)

    def purge(self, items: list[TrashItem], *, backup: bool | None = None) -> None:
        """Delete for good; a bulk deletion (or ``backup=True``) is preceded by a backup."""
        if backup is None:
            backup = len(items) >= BULK_PURGE
        if items and backup and self.backups is not None:
            self.backups.before("delete")  # raises (and nothing is deleted) if no backup can be made
        self._by_kind(items, self.contacts.purge, self.companies.purge)

    def empty(self) -> int:
        items = self.items()
        self.purge(items, backup=True)
        return len(items)

    @staticmethod
    def _by_kind(items, on_contacts, on_companies) -> None:
        contact_ids = [i.record_id for i in items if i.kind == "contact"]
        company_ids = [i.record_id for i in items if i.kind == "company"]
        if contact_ids:
            on_contacts(contact_ids)
        if company_ids:
            on_companies(company_ids)
