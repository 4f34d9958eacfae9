"""How people relate: "reports to", "referred by", … and who works at the same company."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from ..core.customer import Person
from ..core.errors import NotFoundError
from .common import new_uuid, ts


class RelationshipStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def add(self, contact_id: int, other_id: int, kind: str, note: str, now: dt.datetime) -> int:
        stamp = ts(now)
        return self.db.execute_sql(
            "INSERT INTO relationship(uuid, contact_id, other_id, kind, note, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), contact_id, other_id, kind, note, stamp, stamp)).lastrowid

    def exists(self, contact_id: int, other_id: int, kind: str) -> bool:
        return self.db.execute_sql(
            "SELECT 1 FROM relationship WHERE contact_id = ? AND other_id = ? AND kind = ? "
            "AND deleted_at IS NULL", (contact_id, other_id, kind)).fetchone() is not None

    def remove(self, relationship_id: int, now: dt.datetime) -> None:
        cur = self.db.execute_sql("UPDATE relationship SET deleted_at = ?, updated_at = ? WHERE id = ? "
                                  "AND deleted_at IS NULL", (ts(now), ts(now), relationship_id))
        if cur.rowcount == 0:
            raise NotFoundError("relationship", relationship_id)

    def is_live(self, relationship_id: int) -> bool:
        return self.db.execute_sql("SELECT 1 FROM relationship WHERE id = ? AND deleted_at IS NULL",
                                   (relationship_id,)).fetchone() is not None

    def restore(self, relationship_id: int, now: dt.datetime) -> bool:
        """A removed relationship recorded again (the undo of removing it); False if it is gone."""
        return self.db.execute_sql(
            "UPDATE relationship SET deleted_at = NULL, updated_at = ? WHERE id = ? "
            "AND deleted_at IS NOT NULL",
            (ts(now), relationship_id)).rowcount > 0

    def related(self, contact_id: int) -> list[Person]:
        """Relationships in both directions; one the other way round gets the kind "~kind"
        (Ann "reports_to" Bob shows on Bob's page as Ann "~reports_to")."""
        rows = self.db.execute_sql(
            "SELECT r.id, r.kind, c.id, c.full_name, c.title, c.email, c.phone, 0 FROM relationship r "
            "JOIN contact c ON c.id = r.other_id WHERE r.contact_id = ? AND r.deleted_at IS NULL "
            "AND c.deleted_at IS NULL UNION ALL "
            "SELECT r.id, r.kind, c.id, c.full_name, c.title, c.email, c.phone, 1 FROM relationship r "
            "JOIN contact c ON c.id = r.contact_id WHERE r.other_id = ? AND r.deleted_at IS NULL "
            "AND c.deleted_at IS NULL ORDER BY 4 COLLATE NOCASE", (contact_id, contact_id)).fetchall()
        return [Person(cid, name, title, email, phone, ("~" if inverse else "") + kind, rid)
                for rid, kind, cid, name, title, email, phone, inverse in rows]

    def colleagues(self, contact_id: int, limit: int = 500) -> list[Person]:
        rows = self.db.execute_sql(
            "SELECT c.id, c.full_name, c.title, c.email, c.phone FROM contact c JOIN contact me "
            "ON me.company_id = c.company_id WHERE me.id = ? AND c.id != me.id AND c.deleted_at IS NULL "
            "ORDER BY c.full_name COLLATE NOCASE LIMIT ?", (contact_id, limit)).fetchall()
        return [Person(*row, relation="colleague") for row in rows]
