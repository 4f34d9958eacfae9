"""The history of a record's fields: who changed what, when."""

from __future__ import annotations

from ..core.customer import FieldChange
from .context import ServiceContext


class HistoryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.history

    def remember_user(self) -> None:
        """Name the current user as the author of the changes this app makes from now on."""
        with self.ctx.write():
            self.store.set_actor(self.ctx.settings.current_user_id)

    def changes(self, entity: str, record_id: int) -> list[FieldChange]:
        with self.ctx.read():
            return self.store.changes(entity, record_id)
