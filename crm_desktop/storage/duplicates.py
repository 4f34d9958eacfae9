"""What a duplicate scan reads (in blocks, streamed), and the pairs marked "not a duplicate"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import peewee as pw

from .common import ts
from .edits import owners

FETCH = 20_000


def _id_lists(cursor) -> Iterator[list[int]]:
    for (joined,) in cursor:
        yield [int(x) for x in joined.split(",")]


class DuplicateStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    # -- blocks sharing one value ------------------------------------------------------------
    def contact_channel_blocks(self, channel: str) -> Iterator[list[int]]:
        """Ids of live contacts sharing one normalised e-mail or phone, a list per value."""
        # The trashed are few and indexed: leaving them out this way reads no contact row
        # (a join read a million of them, each on a page of its own).
        cursor = self.db.execute_sql(
            "SELECT group_concat(DISTINCT ch.contact_id) FROM contact_channel ch "
            "WHERE ch.channel = ? AND ch.normalized <> '' AND ch.contact_id NOT IN "
            "(SELECT id FROM contact WHERE deleted_at IS NOT NULL) GROUP BY ch.normalized "
            "HAVING count(DISTINCT ch.contact_id) > 1", (channel,))
        yield from _id_lists(cursor)

    def company_column_blocks(self, column: str) -> Iterator[list[int]]:
        """Ids of live companies sharing one non-empty value of ``column`` (phone, name_key)."""
        if column not in ("phone", "name_key", "email"):
            raise ValueError(column)
        cursor = self.db.execute_sql(
            f"SELECT group_concat(id) FROM company WHERE deleted_at IS NULL AND {column} <> '' "
            f"GROUP BY lower({column}) HAVING count(*) > 1")
        yield from _id_lists(cursor)

    # -- every live record, in chunks ----------------------------------------------------------
    def contact_rows(self) -> Iterator[list[tuple]]:
        """(id, full_name, company_id, company_name) of every live contact, FETCH at a time."""
        cursor = self.db.execute_sql(
            "SELECT id, full_name, company_id, company_name FROM contact WHERE deleted_at IS NULL")
        while rows := cursor.fetchmany(FETCH):
            yield rows

    def company_rows(self) -> Iterator[list[tuple]]:
        """(id, name, name_key, website) of every live company, FETCH at a time."""
        cursor = self.db.execute_sql(
            "SELECT id, name, name_key, website FROM company WHERE deleted_at IS NULL")
        while rows := cursor.fetchmany(FETCH):
            yield rows

    def count(self, entity: str) -> int:
        table = {"contact": "contact", "company": "company"}[entity]
        return self.db.execute_sql(
            f"SELECT (SELECT count(*) FROM {table}) - "
            f"(SELECT count(*) FROM {table} WHERE deleted_at IS NOT NULL)").fetchone()[0]

    # -- "not a duplicate" ---------------------------------------------------------------------
    def excluded(self, entity: str) -> set[tuple[int, int]]:
        return {(a, b) for a, b in self.db.execute_sql(
            "SELECT low_id, high_id FROM not_duplicate WHERE entity = ?", (entity,))}

    def mark_distinct(self, entity: str, a: int, b: int, now: dt.datetime) -> bool:
        """Mark the pair; False when it was marked already."""
        low, high = min(a, b), max(a, b)
        return self.db.execute_sql("INSERT OR IGNORE INTO not_duplicate(entity, low_id, high_id, created_at) "
                                   "VALUES (?, ?, ?, ?)", (entity, low, high, ts(now))).rowcount > 0

    def unmark_distinct(self, entity: str, a: int, b: int) -> bool:
        """Forget the pair's mark; False when it was not marked."""
        return self.db.execute_sql(
            "DELETE FROM not_duplicate WHERE entity = ? AND low_id = ? AND high_id = ?",
            (entity, min(a, b), max(a, b))).rowcount > 0

    def live(self, entity: str, ids: list[int]) -> set[int]:
        """Those of ``ids`` whose record is not in the trash (nor merged into another)."""
        return set(owners(self.db, entity, ids))

    def describe(self, entity: str, ids: list[int]) -> dict[int, tuple[str, str]]:
        """(name, a second line: company or e-mail) of records, trashed ones included."""
        out: dict[int, tuple[str, str]] = {}
        sql = ("SELECT id, full_name, CASE WHEN company_name <> '' THEN company_name ELSE email END "
               "FROM contact" if entity == "contact" else
               "SELECT id, name, CASE WHEN website <> '' THEN website ELSE city END FROM company")
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            for rid, name, detail in self.db.execute_sql(
                    f"{sql} WHERE id IN ({','.join('?' * len(part))})", part):
                out[rid] = (name, detail or "")
        return out
