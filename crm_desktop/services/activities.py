"""Logging what happened with a customer, and reading it back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from ..core.activities import ACTIVITY_KINDS, INTERACTION_KINDS, Activity, ActivityDraft
from ..core.errors import FieldError, ValidationError
from ..core.records import TrashItem
from ..storage.common import parse_ts
from .changes import Change
from .context import ServiceContext, later_than


class ActivityService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.activities

    def log(self, draft: ActivityDraft, *, emit: bool = True) -> int:
        """Record one activity; its owner defaults to the current user, its time to now.

        Called inside another service's write transaction (a stage move and its timeline
        entry commit together), it joins that transaction; that caller then passes
        ``emit=False`` and announces its own change after the commit.
        """
        if draft.kind not in ACTIVITY_KINDS:
            raise ValidationError([FieldError("kind", "invalid", draft.kind)])
        if draft.contact_id is None and draft.company_id is None and draft.deal_id is None:
            raise ValidationError([FieldError("contact_id", "required")])
        if draft.owner_id is None:
            draft = replace(draft, owner_id=self.ctx.settings.current_user_id)
        with self.ctx.write():
            activity_id = self.store.add(draft, self.ctx.clock.now())
        if emit:
            self.ctx.changes.emit(Change("activity", "create", (activity_id,)))
        return activity_id

    def update(self, activity_id: int, draft: ActivityDraft, expected: dt.datetime | None = None
               ) -> dt.datetime:
        """Correct a logged activity: its kind, subject, notes, outcome, time, duration or pin.

        Returns its new updated_at. With ``expected`` (the updated_at the edit started from)
        EditConflict is raised, and nothing written, when someone saved it since."""
        if draft.kind not in ACTIVITY_KINDS:
            raise ValidationError([FieldError("kind", "invalid", draft.kind)])
        with self.ctx.write():
            now = later_than(self.ctx.clock.now(), expected)
            self.store.update(activity_id, draft, now, expected)
        self.ctx.changes.emit(Change("activity", "update", (activity_id,)))
        return now

    def get(self, activity_id: int) -> Activity:
        with self.ctx.read():
            return self.store.get(activity_id)

    def for_record(self, **target) -> list[Activity]:
        with self.ctx.read():
            return self.store.for_record(**target)

    def last_interaction(self, contact_ids: Sequence[int]) -> dict[int, dt.datetime]:
        with self.ctx.read():
            return self.store.last_interaction(contact_ids, INTERACTION_KINDS)

    def for_case(self, case_id: int) -> list[Activity]:
        with self.ctx.read():
            return self.store.for_case(case_id)

    def set_pinned(self, activity_id: int, pinned: bool) -> None:
        """Pin a note (or any entry) on top of its timeline, or let it go back in time order."""
        with self.ctx.write():
            self.store.set_pinned(activity_id, pinned, self.ctx.clock.now())
        self.ctx.changes.emit(Change("activity", "update", (activity_id,)))

    def delete(self, ids: Sequence[int]) -> int:
        """Move activities to the trash."""
        with self.ctx.write():
            n = self.store.soft_delete(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("activity", "delete", tuple(ids)))
        return n

    def restore(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            n = self.store.restore(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("activity", "restore", tuple(ids)))
        return n

    def trashed(self) -> list[TrashItem]:
        """Activities in the trash, for the trash page (kind "activity")."""
        with self.ctx.read():
            rows = self.store.trashed()
        return [TrashItem("activity", i, subject or kind, parse_ts(at)) for i, kind, subject, at in rows]

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed activities for good."""
        with self.ctx.write():
            n = self.store.purge(ids)
        self.ctx.changes.emit(Change("activity", "purge", tuple(ids)))
        return n
