"""Service cases and their conversation (activities that name the case)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..core.activities import ActivityDraft
from ..core.cases import Case, CaseDraft, check_status, validate_case
from ..core.customer import Target
from ..core.errors import EditConflict
from ..core.records import TrashItem
from ..storage.common import parse_ts
from .activities import ActivityService
from .changes import Change
from .context import ServiceContext


class CaseService:
    def __init__(self, ctx: ServiceContext, activities: ActivityService) -> None:
        self.ctx = ctx
        self.store = ctx.storage.cases
        self.activities = activities

    def open(self, draft: CaseDraft) -> int:
        clean = validate_case(draft)
        if clean.owner_id is None:
            clean = replace(clean, owner_id=self.ctx.settings.current_user_id)
        with self.ctx.write():
            case_id = self.store.add(clean, self.ctx.clock.now())
        self.ctx.changes.emit(Change("case", "create", (case_id,)))
        return case_id

    def set_status(self, case_id: int, status: str) -> None:
        """open → in progress → resolved (and back, if it comes up again)."""
        check_status(status)
        with self.ctx.write():
            self.store.set_status(case_id, status, self.ctx.clock.now())
        self.ctx.changes.emit(Change("case", "update", (case_id,)))

    def put_status(self, case_id: int, status: str, expected: str) -> None:
        """Give a case the status ``status`` back (an undo), only if it still has the status
        ``expected``: EditConflict, and nothing written, otherwise."""
        check_status(status)
        with self.ctx.write():
            case = self.store.get(case_id)
            if case.status != expected:
                raise EditConflict("case", case_id, case.subject)
            self.store.set_status(case_id, status, self.ctx.clock.now())
        self.ctx.changes.emit(Change("case", "update", (case_id,)))

    def delete(self, ids: Sequence[int]) -> int:
        """Move cases to the trash (the undo of opening one)."""
        with self.ctx.write():
            n = self.store.soft_delete(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("case", "delete", tuple(ids)))
        return n

    def restore(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            n = self.store.restore(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("case", "restore", tuple(ids)))
        return n

    def trashed(self) -> list[TrashItem]:
        """Cases in the trash, for the trash page (kind "case")."""
        with self.ctx.read():
            rows = self.store.trashed()
        return [TrashItem("case", i, subject, parse_ts(at)) for i, subject, at in rows]

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed cases for good."""
        with self.ctx.write():
            n = self.store.purge(ids)
        self.ctx.changes.emit(Change("case", "purge", tuple(ids)))
        return n

    def reply(self, case_id: int, draft: ActivityDraft) -> int:
        """Add to a case's conversation: the activity names the case and lands on the timeline."""
        case = self.get(case_id)
        draft = replace(draft, case_id=case_id, contact_id=draft.contact_id or case.contact_id,
                        company_id=draft.company_id or (None if case.contact_id else case.company_id))
        return self.activities.log(draft)

    def get(self, case_id: int) -> Case:
        with self.ctx.read():
            return self.store.get(case_id)

    def for_target(self, target: Target) -> list[Case]:
        with self.ctx.read():
            return self.store.for_target(target)
