"""The activity log: calls, e-mails, meetings, notes and what the app recorded itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import peewee as pw

from ..core.activities import Activity, ActivityDraft
from ..core.errors import EditConflict, NotFoundError
from .common import chunks, marks, new_uuid, parse_ts, set_trashed, ts

_COLUMNS = ("id, uuid, kind, subject, body, outcome, occurred_at, duration_s, pinned, "
            "contact_id, company_id, deal_id, owner_id, created_at, case_id, updated_at")


def _row(row: tuple) -> Activity:
    (id_, uuid, kind, subject, body, outcome, occurred, duration, pinned,
     contact_id, company_id, deal_id, owner_id, created, case_id, updated) = row
    return Activity(id_, uuid, kind, subject, body, outcome, parse_ts(occurred), duration,
                    bool(pinned), contact_id, company_id, deal_id, owner_id, parse_ts(created), case_id,
                    parse_ts(updated))


class ActivityStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def add(self, draft: ActivityDraft, now: dt.datetime) -> int:
        stamp = ts(now)
        cur = self.db.execute_sql(
            "INSERT INTO activity(uuid, kind, subject, body, outcome, occurred_at, duration_s, "
            "pinned, contact_id, company_id, deal_id, owner_id, created_at, updated_at, case_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), draft.kind, draft.subject, draft.body, draft.outcome,
             ts(draft.occurred_at or now), draft.duration_s, int(draft.pinned), draft.contact_id,
             draft.company_id, draft.deal_id, draft.owner_id, stamp, stamp, draft.case_id))
        return cur.lastrowid

    def update(self, activity_id: int, draft: ActivityDraft, now: dt.datetime,
               expected: dt.datetime | None = None) -> None:
        """Change what was logged (kind, texts, time, duration, pin); links stay as they were.

        With ``expected`` (the updated_at the edit was read at) only if nobody saved it since:
        the same UPDATE checks it, and EditConflict says it did not match."""
        check = " AND updated_at = ?" if expected is not None else ""
        cur = self.db.execute_sql(
            "UPDATE activity SET kind = ?, subject = ?, body = ?, outcome = ?, occurred_at = ?, "
            f"duration_s = ?, pinned = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL{check}",
            (draft.kind, draft.subject, draft.body, draft.outcome, ts(draft.occurred_at or now),
             draft.duration_s, int(draft.pinned), ts(now), activity_id,
             *((ts(expected),) if expected is not None else ())))
        if cur.rowcount == 0:
            row = self.db.execute_sql("SELECT subject FROM activity WHERE id = ? AND deleted_at IS NULL",
                                      (activity_id,)).fetchone()
            if row is None or expected is None:
                raise NotFoundError("activity", activity_id)
            raise EditConflict("activity", activity_id, row[0])

    def get(self, activity_id: int) -> Activity:
        row = self.db.execute_sql(
            f"SELECT {_COLUMNS} FROM activity WHERE id = ? AND deleted_at IS NULL",
            (activity_id,)).fetchone()
        if row is None:
            raise NotFoundError("activity", activity_id)
        return _row(row)

    def for_record(self, *, contact_id: int | None = None, company_id: int | None = None,
                   deal_id: int | None = None, limit: int = 200, offset: int = 0) -> list[Activity]:
        """Live entries about one contact, company or deal, newest first."""
        column, value = _target(contact_id, company_id, deal_id)
        rows = self.db.execute_sql(
            f"SELECT {_COLUMNS} FROM activity WHERE {column} = ? AND deleted_at IS NULL "
            "ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?", (value, limit, offset))
        return [_row(r) for r in rows]

    def last_interaction(self, contact_ids: Sequence[int], kinds: Sequence[str]
                         ) -> dict[int, dt.datetime]:
        """When each contact was last talked to (by the given kinds); absent if never."""
        found: dict[int, dt.datetime] = {}
        for part in chunks(list(contact_ids)):
            rows = self.db.execute_sql(
                f"SELECT contact_id, MAX(occurred_at) FROM activity "
                f"WHERE contact_id IN ({marks(len(part))}) AND kind IN ({marks(len(kinds))}) "
                "AND deleted_at IS NULL GROUP BY contact_id", (*part, *kinds))
            found.update((cid, parse_ts(at)) for cid, at in rows)
        return found

    def for_case(self, case_id: int, limit: int = 500) -> list[Activity]:
        """A service case's conversation, oldest first."""
        rows = self.db.execute_sql(
            f"SELECT {_COLUMNS} FROM activity WHERE case_id = ? AND deleted_at IS NULL "
            "ORDER BY occurred_at, id LIMIT ?", (case_id, limit))
        return [_row(r) for r in rows]

    def set_pinned(self, activity_id: int, pinned: bool, now: dt.datetime) -> None:
        cur = self.db.execute_sql("UPDATE activity SET pinned = ?, updated_at = ? WHERE id = ? "
                                  "AND deleted_at IS NULL", (int(pinned), ts(now), activity_id))
        if cur.rowcount == 0:
            raise NotFoundError("activity", activity_id)

    def soft_delete(self, ids: Sequence[int], now: dt.datetime) -> int:
        return set_trashed(self.db, "activity", ids, now, True)

    def restore(self, ids: Sequence[int], now: dt.datetime) -> int:
        return set_trashed(self.db, "activity", ids, now, False)

    def purge(self, ids: Sequence[int]) -> int:
        n = 0
        for part in chunks(list(ids)):
            n += self.db.execute_sql(f"DELETE FROM activity WHERE id IN ({marks(len(part))}) "
                                     "AND deleted_at IS NOT NULL", part).rowcount
        return n

    def trashed(self, limit: int = 10_000) -> list[tuple[int, str, str, str]]:
        return self.db.execute_sql(
            "SELECT id, kind, subject, deleted_at FROM activity WHERE deleted_at IS NOT NULL "
            "ORDER BY deleted_at DESC LIMIT ?", (limit,)).fetchall()


def _target(contact_id: int | None, company_id: int | None, deal_id: int | None) -> tuple[str, int]:
    given = [(c, v) for c, v in (("contact_id", contact_id), ("company_id", company_id),
                                 ("deal_id", deal_id)) if v is not None]
    if len(given) != 1:
        raise ValueError("name exactly one of contact_id, company_id, deal_id")
    return given[0]
