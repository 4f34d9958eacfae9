"""Who changed which field of a person or company, and when (written by triggers, see 0006)."""

from __future__ import annotations

from collections.abc import Sequence

import peewee as pw

from ..core.customer import FieldChange
from .common import chunks, marks, parse_ts


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


# Tags and custom values live in tables of their own, written by inserts the bulk path must
# keep free of triggers; their changes are recorded here, on the edit paths only.
_TAGS = {
    "contact": "SELECT x.contact_id, t.name FROM contact_tag x JOIN tag t ON t.id = x.tag_id "
               "WHERE x.contact_id IN ({})",
    "company": "SELECT x.company_id, t.name FROM company_tag x JOIN tag t ON t.id = x.tag_id "
               "WHERE x.company_id IN ({})",
}
_CUSTOM = ("SELECT v.record_id, f.label, v.value FROM custom_value v "
           "JOIN custom_field f ON f.id = v.field_id WHERE f.entity = ? AND v.record_id IN ({})")
CUSTOM_PREFIX = "custom:"


def tracked_values(db: pw.SqliteDatabase, entity: str, ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """For each record: its tags ("tags": names in order, comma-separated) and custom values
    ("custom:<label>"), the fields whose changes no trigger sees."""
    tags: dict[int, list[str]] = {}
    values: dict[int, dict[str, str]] = {i: {} for i in ids}
    for part in chunks(list(ids)):
        for record_id, name in db.execute_sql(_TAGS[entity].format(marks(len(part))), part):
            tags.setdefault(record_id, []).append(name)
        for record_id, label, value in db.execute_sql(_CUSTOM.format(marks(len(part))), (entity, *part)):
            values[record_id][CUSTOM_PREFIX + label] = value
    for record_id, names in tags.items():
        values[record_id]["tags"] = ", ".join(sorted(names, key=str.casefold))
    return values


def record_changes(db: pw.SqliteDatabase, entity: str, before: dict[int, dict[str, str]],
                   after: dict[int, dict[str, str]], changed_at: str) -> None:
    """Write a field change for every tracked value that differs, authored like the triggers'."""
    rows = []
    for record_id, old in before.items():
        new = after.get(record_id, {})
        for field in sorted(old.keys() | new.keys()):
            if old.get(field, "") != new.get(field, ""):
                rows.append((entity, record_id, field, old.get(field, ""), new.get(field, ""), changed_at))
    if rows:
        db.connection().executemany(
            "INSERT INTO field_change(entity, record_id, field, old_value, new_value, changed_at, user_id) "
            "VALUES (?, ?, ?, ?, ?, ?, (SELECT user_id FROM history_actor WHERE id = 1))", rows)
