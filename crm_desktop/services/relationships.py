"""Related people: colleagues at the same company, and relationships a user records."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.customer import RELATIONSHIP_KINDS, Person
from ..core.errors import FieldError, ValidationError
from .changes import Change
from .context import ServiceContext


class RelationshipService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.relationships

    def add(self, contact_id: int, other_id: int, kind: str, note: str = "") -> int:
        """Record that ``contact_id`` <kind> ``other_id``, e.g. Ann reports_to Bob."""
        if kind not in RELATIONSHIP_KINDS:
            raise ValidationError([FieldError("kind", "invalid", kind)])
        if contact_id == other_id:
            raise ValidationError([FieldError("other_id", "self")])
        with self.ctx.write():
            self.ctx.storage.contacts.get(other_id)
            if self.store.exists(contact_id, other_id, kind):
                raise ValidationError([FieldError("other_id", "exists")])
            rel_id = self.store.add(contact_id, other_id, kind, note.strip(), self.ctx.clock.now())
        self.ctx.changes.emit(Change("relationship", "create", (contact_id, other_id)))
        return rel_id

    def remove(self, relationship_id: int) -> None:
        with self.ctx.write():
            self.store.remove(relationship_id, self.ctx.clock.now())
        self.ctx.changes.emit(Change("relationship", "delete", (relationship_id,)))

    def delete(self, ids: Sequence[int]) -> int:
        """Remove relationships (the undo of adding them); how many were still recorded."""
        with self.ctx.write():
            now = self.ctx.clock.now()
            live = [i for i in ids if self.store.is_live(i)]
            for relationship_id in live:
                self.store.remove(relationship_id, now)
        self.ctx.changes.emit(Change("relationship", "delete", tuple(ids)))
        return len(live)

    def restore(self, ids: Sequence[int]) -> int:
        """Record removed relationships again (the undo of removing them); how many came back."""
        with self.ctx.write():
            now = self.ctx.clock.now()
            n = sum(self.store.restore(i, now) for i in ids)
        self.ctx.changes.emit(Change("relationship", "restore", tuple(ids)))
        return n

    def related(self, contact_id: int) -> list[Person]:
        """Recorded relationships first, then colleagues not already named."""
        with self.ctx.read():
            named = self.store.related(contact_id)
            colleagues = self.store.colleagues(contact_id)
        seen = {p.id for p in named}
        return named + [p for p in colleagues if p.id not in seen]
