"""Import batches, their undo records, saved mappings, and the bulk look-ups an import needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee as pw

from .common import chunks, marks, new_uuid, parse_ts, ts


@dataclass(frozen=True)
class ImportBatch:
    id: int
    entity: str
    file_name: str
    file_format: str
    sheet: str
    mapping: str
    rows_read: int
    created: int
    updated: int
    skipped: int
    rejected: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    undone_at: dt.datetime | None


@dataclass(frozen=True)
class ImportProfile:
    id: int
    name: str
    entity: str
    header_key: str
    mapping: str


@dataclass(frozen=True)
class UndoRow:
    entity: str
    record_id: int
    action: str  # "created" | "updated"
    prior: str | None
    after_updated_at: str | None


_BATCH = ("id, entity, file_name, file_format, sheet, mapping, rows_read, created_count, updated_count, "
          "skipped_count, rejected_count, started_at, finished_at, undone_at")
_TABLES = {"contact": "contact", "company": "company"}


def _batch(row: tuple) -> ImportBatch:
    return ImportBatch(*row[:11], parse_ts(row[11]), parse_ts(row[12]), parse_ts(row[13]))


class ImportStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    # -- batches -------------------------------------------------------------------------
    def create_batch(self, entity: str, file_name: str, file_format: str, sheet: str, mapping: str,
                     now: dt.datetime) -> int:
        stamp = ts(now)
        cur = self.db.execute_sql(
            "INSERT INTO import_batch(uuid, entity, file_name, file_format, sheet, mapping, started_at, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), entity, file_name, file_format, sheet, mapping, stamp, stamp, stamp))
        return cur.lastrowid

    def finish_batch(self, batch_id: int, rows_read: int, created: int, updated: int, skipped: int,
                     rejected: int, now: dt.datetime) -> None:
        self.db.execute_sql(
            "UPDATE import_batch SET rows_read = ?, created_count = ?, updated_count = ?, skipped_count = ?, "
            "rejected_count = ?, finished_at = ?, updated_at = ? WHERE id = ?",
            (rows_read, created, updated, skipped, rejected, ts(now), ts(now), batch_id))

    def add_rows(self, batch_id: int, rows: Iterable[tuple[str, int, str, str | None, str | None]]) -> None:
        """(entity, record id, action, prior JSON, updated_at after the import) per record; ``rows``
        may be a generator (a million undo rows are not held in memory at once)."""
        self.db.connection().executemany(
            "INSERT OR REPLACE INTO import_row(batch_id, entity, record_id, action, prior, after_updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)", ((batch_id, *r) for r in rows))

    def stamp_rows(self, batch_id: int) -> None:
        """Note each record's updated_at as the import left it (undo compares against it)."""
        for entity, table in _TABLES.items():
            self.db.execute_sql(
                f"UPDATE import_row SET after_updated_at = (SELECT t.updated_at FROM {table} t "
                f"WHERE t.id = import_row.record_id) WHERE batch_id = ? AND entity = ?", (batch_id, entity))

    def batches(self, limit: int = 200) -> list[ImportBatch]:
        return [_batch(r) for r in self.db.execute_sql(
            f"SELECT {_BATCH} FROM import_batch WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT ?",
            (limit,))]

    def batch(self, batch_id: int) -> ImportBatch | None:
        row = self.db.execute_sql(f"SELECT {_BATCH} FROM import_batch WHERE id = ?", (batch_id,)).fetchone()
        return _batch(row) if row else None

    def rows_of(self, batch_id: int) -> list[UndoRow]:
        return [UndoRow(*r) for r in self.db.execute_sql(
            "SELECT entity, record_id, action, prior, after_updated_at FROM import_row WHERE batch_id = ? "
            "ORDER BY entity, record_id", (batch_id,))]

    def mark_undone(self, batch_id: int, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE import_batch SET undone_at = ?, updated_at = ? WHERE id = ?",
                            (ts(now), ts(now), batch_id))

    def updated_at(self, entity: str, ids: Sequence[int]) -> dict[int, tuple[str, str | None]]:
        """id → (updated_at, deleted_at) of the records that still exist."""
        table = _TABLES[entity]
        found: dict[int, tuple[str, str | None]] = {}
        for chunk in chunks(list(ids)):
            for rid, updated, deleted in self.db.execute_sql(
                    f"SELECT id, updated_at, deleted_at FROM {table} WHERE id IN ({marks(len(chunk))})",
                    tuple(chunk)):
                found[rid] = (updated, deleted)
        return found

    # -- bulk look-ups for duplicates -----------------------------------------------------------
    def contacts_by_channel(self, channel: str, values: Sequence[str]) -> dict[str, int]:
        """normalised e-mail or phone → the lowest live contact id that has it."""
        found: dict[str, int] = {}
        for chunk in chunks(list(values)):
            for value, cid in self.db.execute_sql(
                    f"SELECT ch.normalized, min(ch.contact_id) FROM contact_channel ch "
                    f"JOIN contact c ON c.id = ch.contact_id WHERE ch.channel = ? "
                    f"AND ch.normalized IN ({marks(len(chunk))}) AND c.deleted_at IS NULL "
                    f"GROUP BY ch.normalized", (channel, *chunk)):
                found[value] = cid
        return found

    def ids_by_uuid(self, entity: str, uuids: Sequence[str]) -> dict[str, int]:
        """uuid → id of the live records of ``entity`` with these stable IDs."""
        table = _TABLES[entity]
        found: dict[str, int] = {}
        for chunk in chunks(list(uuids)):
            found.update(self.db.execute_sql(
                f"SELECT uuid, id FROM {table} WHERE uuid IN ({marks(len(chunk))}) AND deleted_at IS NULL",
                tuple(chunk)).fetchall())
        return found

    def contacts_of_companies(self, company_ids: Sequence[int]) -> list[tuple[int, str, int]]:
        """(contact id, full name, company id) of live contacts at these companies."""
        out: list[tuple[int, str, int]] = []
        for chunk in chunks(list(company_ids)):
            out += self.db.execute_sql(
                f"SELECT id, full_name, company_id FROM contact WHERE company_id IN ({marks(len(chunk))}) "
                f"AND deleted_at IS NULL", tuple(chunk)).fetchall()
        return out

    def contacts_by_name(self, names: Sequence[str]) -> list[tuple[int, str]]:
        """(id, full name) of live contacts without a company whose name is one of ``names``."""
        out: list[tuple[int, str]] = []
        for chunk in chunks(list(names)):
            out += self.db.execute_sql(
                f"SELECT id, full_name FROM contact WHERE full_name IN ({marks(len(chunk))}) "
                f"AND deleted_at IS NULL", tuple(chunk)).fetchall()
        return out

    # -- saved mappings ---------------------------------------------------------------------------
    def save_profile(self, name: str, entity: str, header_key: str, mapping: str, now: dt.datetime) -> int:
        stamp = ts(now)
        self.db.execute_sql(
            "INSERT INTO import_profile(name, entity, header_key, mapping, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET entity = excluded.entity, "
            "header_key = excluded.header_key, mapping = excluded.mapping, updated_at = excluded.updated_at",
            (name, entity, header_key, mapping, stamp, stamp))
        return self.db.execute_sql("SELECT id FROM import_profile WHERE name = ?", (name,)).fetchone()[0]

    def profiles(self, entity: str) -> list[ImportProfile]:
        return [ImportProfile(*r) for r in self.db.execute_sql(
            "SELECT id, name, entity, header_key, mapping FROM import_profile WHERE entity = ? ORDER BY name",
            (entity,))]

    def delete_profile(self, profile_id: int) -> None:
        self.db.execute_sql("DELETE FROM import_profile WHERE id = ?", (profile_id,))
