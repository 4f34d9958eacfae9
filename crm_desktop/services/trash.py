"""The trash: everything a user deleted, until they empty it."""

from __future__ import annotations

from collections.abc import Callable

from ..core.records import TrashItem
from ..storage.common import parse_ts
from .companies import CompanyService
from .contacts import ContactService
from .context import ServiceContext

BULK_PURGE = 20  # deleting this many for good at once is a bulk delete: a backup comes first


class _Kind:
    """How the trash lists, restores and deletes one kind of record."""

    def __init__(self, trashed: Callable[[], list[TrashItem]], restore: Callable[[list[int]], object],
                 purge: Callable[[list[int]], object]) -> None:
        self.trashed, self.restore, self.purge = trashed, restore, purge


class TrashService:
    """Everything deletable goes to one trash: people and companies, and each kind that
    registers itself (deals, activities, files)."""

    def __init__(self, ctx: ServiceContext, contacts: ContactService, companies: CompanyService):
        self.ctx = ctx
        self.contacts = contacts
        self.companies = companies
        self.backups = None  # a BackupService: deleting for good is preceded by a backup
        self._kinds: dict[str, _Kind] = {
            "contact": _Kind(self._contacts, contacts.restore, contacts.purge),
            "company": _Kind(self._companies, companies.restore, companies.purge),
        }

    def register(self, kind: str, service) -> None:
        """Add a kind whose service has ``trashed()``, ``restore(ids)`` and ``purge(ids)``."""
        self._kinds[kind] = _Kind(service.trashed, service.restore, service.purge)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self._kinds)

    def items(self) -> list[TrashItem]:
        rows: list[TrashItem] = []
        for kind in self._kinds.values():
            rows += kind.trashed()
        return sorted(rows, key=lambda item: item.deleted_at, reverse=True)

    def _contacts(self) -> list[TrashItem]:
        with self.ctx.read():
            rows = self.ctx.storage.contacts.trashed()
        return [TrashItem("contact", i, n, parse_ts(d)) for i, n, d in rows]

    def _companies(self) -> list[TrashItem]:
        with self.ctx.read():
            rows = self.ctx.storage.companies.trashed()
        return [TrashItem("company", i, n, parse_ts(d)) for i, n, d in rows]

    def restore(self, items: list[TrashItem]) -> None:
        self._by_kind(items, "restore")

    def purge(self, items: list[TrashItem], *, backup: bool | None = None) -> None:
        """Delete for good; a bulk deletion (or ``backup=True``) is preceded by a backup."""
        if backup is None:
            backup = len(items) >= BULK_PURGE
        if items and backup and self.backups is not None:
            self.backups.before("delete")  # raises (and nothing is deleted) if no backup can be made
        self._by_kind(items, "purge")

    def empty(self) -> int:
        items = self.items()
        self.purge(items, backup=True)
        return len(items)

    def _by_kind(self, items: list[TrashItem], action: str) -> None:
        # Records before the records they belong to: a deal's activities before the deal.
        for name in reversed(self._kinds):
            ids = [i.record_id for i in items if i.kind == name]
            if ids:
                getattr(self._kinds[name], action)(ids)
