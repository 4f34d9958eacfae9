"""Service cases: complaints, questions and feedback, open → in progress → resolved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import peewee as pw

from ..core.cases import Case, CaseDraft
from ..core.customer import Target
from ..core.errors import NotFoundError
from .common import chunks, marks, new_uuid, parse_ts, set_trashed, ts
from .timeline import _scope

_COLUMNS = ("c.id, c.subject, c.kind, c.status, c.priority, c.description, c.opened_at, c.resolved_at, "
            "c.contact_id, c.company_id")


def _case(row: tuple) -> Case:
    id_, subject, kind, status, priority, description, opened, resolved, contact_id, company_id = row
    return Case(id_, subject, kind, status, priority, description, parse_ts(opened), parse_ts(resolved),
                contact_id, company_id)


class CaseStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def add(self, draft: CaseDraft, now: dt.datetime) -> int:
        stamp = ts(now)
        return self.db.execute_sql(
            "INSERT INTO service_case(uuid, kind, subject, description, status, priority, opened_at, "
            "contact_id, company_id, owner_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), draft.kind, draft.subject, draft.description, draft.priority, stamp,
             draft.contact_id, draft.company_id, draft.owner_id, stamp, stamp)).lastrowid

    def set_status(self, case_id: int, status: str, now: dt.datetime) -> None:
        resolved = ts(now) if status == "resolved" else None
        cur = self.db.execute_sql(
            "UPDATE service_case SET status = ?, resolved_at = ?, updated_at = ? WHERE id = ? "
            "AND deleted_at IS NULL", (status, resolved, ts(now), case_id))
        if cur.rowcount == 0:
            raise NotFoundError("case", case_id)

    def get(self, case_id: int) -> Case:
        row = self.db.execute_sql(f"SELECT {_COLUMNS} FROM service_case c WHERE c.id = ? "
                                  "AND c.deleted_at IS NULL", (case_id,)).fetchone()
        if row is None:
            raise NotFoundError("case", case_id)
        return _case(row)

    def for_target(self, target: Target, limit: int = 1000) -> list[Case]:
        where, params = _scope("c", target)
        rows = self.db.execute_sql(
            f"SELECT {_COLUMNS} FROM service_case c WHERE {where} AND c.deleted_at IS NULL "
            "ORDER BY c.status = 'resolved', c.priority DESC, c.opened_at DESC LIMIT ?", (*params, limit))
        return [_case(r) for r in rows]

    def soft_delete(self, ids: Sequence[int], now: dt.datetime) -> int:
        return set_trashed(self.db, "service_case", ids, now, True)

    def restore(self, ids: Sequence[int], now: dt.datetime) -> int:
        return set_trashed(self.db, "service_case", ids, now, False)

    def trashed(self) -> list[tuple[int, str, str]]:
        """(id, subject, deleted_at) of the cases in the trash."""
        return self.db.execute_sql(
            "SELECT id, subject, deleted_at FROM service_case WHERE deleted_at IS NOT NULL").fetchall()

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed cases for good; their conversation stays on the timeline."""
        n = 0
        for part in chunks(list(ids)):
            n += self.db.execute_sql(f"DELETE FROM service_case WHERE id IN ({marks(len(part))}) "
                                     "AND deleted_at IS NOT NULL", part).rowcount
        return n
