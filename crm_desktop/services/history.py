"""The history of a record's fields: who changed what, when."""

from __future__ import annotations

from ..core.customer import FieldChange
from .changes import Change
from .context import ServiceContext


class HistoryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.history
        ctx.changes.subscribe(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.entity == "settings":  # the current user may be someone else now
            self.remember_user()

    def remember_user(self) -> None:
        """Name the current user as the author of the changes this app makes from now on."""
        with self.ctx.write():
            self.store.set_actor(self.ctx.settings.current_user_id)

    def changes(self, entity: str, record_id: int) -> list[FieldChange]:
        with self.ctx.read():
            return self.store.changes(entity, record_id)
