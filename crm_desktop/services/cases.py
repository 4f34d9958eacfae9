"""Service cases and their conversation (activities that name the case)."""

from __future__ import annotations

from dataclasses import replace

from ..core.activities import ActivityDraft
from ..core.cases import Case, CaseDraft, check_status, validate_case
from ..core.customer import Target
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
