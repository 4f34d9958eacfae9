"""Who changed which field of a person or company, and when (written by triggers, see 0006)."""

from __future__ import annotations

import peewee as pw

from ..core.customer import FieldChange
from .common import parse_ts


class HistoryStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def set_actor(self, user_id: int | None) -> None:
        """The user the triggers name as the author of the changes that follow."""
        self.db.execute_sql("UPDATE history_actor SET user_id = ? WHERE id = 1", (user_id,))

    def changes(self, entity: str, record_id: int, limit: int = 500) -> list[FieldChange]:
        rows = self.db.execute_sql(
            "SELECT h.id, h.entity, h.record_id, h.field, h.old_value, h.new_value, h.changed_at, "
            "coalesce(u.name, '') FROM field_change h LEFT JOIN app_user u ON u.id = h.user_id "
            "WHERE h.entity = ? AND h.record_id = ? ORDER BY h.changed_at DESC, h.id DESC LIMIT ?",
            (entity, record_id, limit)).fetchall()
        return [FieldChange(i, e, r, f, o, n, parse_ts(at), u) for i, e, r, f, o, n, at, u in rows]
