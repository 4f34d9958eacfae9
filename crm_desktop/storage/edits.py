"""What undoing an edit of many records needs to read: the owner each record had."""

from __future__ import annotations

from collections.abc import Sequence

import peewee as pw

from .common import chunks, marks

_TABLES = {"contact": "contact", "company": "company"}


def owners(db: pw.SqliteDatabase, entity: str, ids: Sequence[int]) -> dict[int, int | None]:
    """The owner of each live record among ``ids`` (None: no owner)."""
    table = _TABLES[entity]
    found: dict[int, int | None] = {}
    for part in chunks(list(ids)):
        found.update(db.execute_sql(
            f"SELECT id, owner_id FROM {table} WHERE deleted_at IS NULL AND id IN ({marks(len(part))})",
            part).fetchall())
    return found
