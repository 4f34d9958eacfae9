"""Merging two records into one, and undoing it.

Everything that points at the merged record (the "loser") is found from the schema's
foreign keys, so rows of tables added by later migrations move too. Rows are moved with
UPDATE OR IGNORE (a row the survivor already has an equal of stays with the loser) and
their rowids are written down; rows of tables without rowids (tag links) are copied to the
survivor and the copies written down. The merge record (``merge_log.payload``) holds all
of that plus the survivor's values before, so ``undo`` puts every row back.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import peewee as pw

from ..core.errors import NotFoundError
from .common import chunks, marks, new_uuid, parse_ts, ts
from .search import SearchIndex

TABLES = {"contact": "contact", "company": "company"}
# Moved by hand (channels keep one of each value) or not moved at all (a score is recomputed).
_SPECIAL = {"contact_channel", "contact_score"}
# Columns a merge may set on the survivor's row.
COLUMNS = {
    "contact": ("given_name", "family_name", "full_name", "title", "company_id", "company_name", "email",
                "phone", "street", "city", "region", "postal_code", "country", "website",
                "preferred_channel", "birthday", "source", "notes", "owner_id", "do_not_contact"),
    "company": ("name", "name_key", "website", "industry", "employees", "phone", "email", "street", "city",
                "region", "postal_code", "country", "source", "notes", "owner_id"),
}


@dataclass(frozen=True)
class Reference:
    table: str
    column: str
    others: tuple[str, ...]  # other columns of the table pointing at the same kind of record
    rowid: bool  # False for WITHOUT ROWID tables


@dataclass(frozen=True)
class MergeEntry:
    id: int
    entity: str
    survivor_id: int
    loser_id: int
    merged_at: dt.datetime
    undone_at: dt.datetime | None
    activity_id: int | None


class MergeStore:
    def __init__(self, db: pw.SqliteDatabase, index: SearchIndex) -> None:
        self.db = db
        self.index = index

    def name_of(self, entity: str, record_id: int) -> str:
        """The display name of a contact or company, trashed or not ("" if it is gone)."""
        column = "full_name" if entity == "contact" else "name"
        row = self.db.execute_sql(f"SELECT {column} FROM {entity} WHERE id = ?", (record_id,)).fetchone()
        return row[0] if row else ""

    # -- what points at a record ---------------------------------------------------------
    def references(self, entity: str) -> list[Reference]:
        """Every (table, column) with a foreign key to ``entity``, read from the schema."""
        target = TABLES[entity]
        found = []
        tables = [r[0] for r in self.db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            if table in _SPECIAL:
                continue
            columns = [r[3] for r in self.db.execute_sql(f"PRAGMA foreign_key_list({table})")
                       if r[2] == target and r[4] in ("id", None)]
            sql = self.db.execute_sql("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
            rowid = "WITHOUT ROWID" not in sql.upper()
            for column in columns:
                found.append(Reference(table, column, tuple(c for c in columns if c != column), rowid))
        return found

    # -- merging -------------------------------------------------------------------------
    def merge(self, entity: str, survivor_id: int, loser_id: int, values: dict[str, object],
              custom: dict[int, str], now: dt.datetime) -> tuple[int, dict]:
        """Merge ``loser_id`` into ``survivor_id``; returns the merge record's id and payload."""
        table = TABLES[entity]
        before = self._row(table, survivor_id, COLUMNS[entity])
        self._row(table, loser_id, ("id",))
        payload: dict = {"fields": {}, "moved": {}, "copied": {}, "channels": [], "custom": {},
                         "company_names": []}
        changed = {c: v for c, v in values.items() if c in COLUMNS[entity] and before[c] != v}
        if changed:
            self.db.execute_sql(
                f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in changed)}, updated_at = ? WHERE id = ?",
                (*changed.values(), ts(now), survivor_id))
            payload["fields"] = {c: [before[c], v] for c, v in changed.items()}
        if entity == "contact":
            payload["channels"] = self._move_channels(survivor_id, loser_id)
        for ref in self.references(entity):
            self._move(ref, survivor_id, loser_id, payload)
        payload["custom"] = self._merge_custom(entity, survivor_id, custom)
        if entity == "company":
            payload["company_names"] = self._rename_people(payload, survivor_id)
        self.db.execute_sql(f"UPDATE {table} SET deleted_at = ?, updated_at = ? WHERE id = ?",
                            (ts(now), ts(now), loser_id))
        cur = self.db.execute_sql(
            "INSERT INTO merge_log(uuid, entity, survivor_id, loser_id, payload, merged_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (new_uuid(), entity, survivor_id, loser_id, json.dumps(payload, ensure_ascii=False), ts(now)))
        self._reindex(entity, survivor_id, loser_id, payload, merged=True)
        return cur.lastrowid, payload

    def _row(self, table: str, record_id: int, columns) -> dict:
        row = self.db.execute_sql(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ? "
                                  "AND deleted_at IS NULL", (record_id,)).fetchone()
        if row is None:
            raise NotFoundError(table, record_id)
        return dict(zip(columns, row, strict=True))

    def _move_channels(self, survivor_id: int, loser_id: int) -> list[list[int]]:
        """The loser's e-mails, phones and handles the survivor lacks: [id, old position]."""
        rows = self.db.execute_sql(
            "SELECT id, position FROM contact_channel l WHERE contact_id = ? AND NOT EXISTS "
            "(SELECT 1 FROM contact_channel s WHERE s.contact_id = ? AND s.channel = l.channel "
            "AND s.normalized = l.normalized)", (loser_id, survivor_id)).fetchall()
        if rows:
            offset = self.db.execute_sql("SELECT coalesce(max(position), -1) + 1 FROM contact_channel "
                                         "WHERE contact_id = ?", (survivor_id,)).fetchone()[0]
            self.db.connection().executemany(
                "UPDATE contact_channel SET contact_id = ?, position = position + ? WHERE id = ?",
                [(survivor_id, offset, rid) for rid, _ in rows])
        return [list(r) for r in rows]

    def _move(self, ref: Reference, survivor_id: int, loser_id: int, payload: dict) -> None:
        # A row linking the two records to each other would link the survivor to itself: it stays.
        guard = "".join(f" AND {o} IS NOT ?" for o in ref.others)
        guard_params = [survivor_id] * len(ref.others)
        if not ref.rowid:
            self._copy(ref, survivor_id, loser_id, payload, guard, guard_params)
            return
        ids = [r[0] for r in self.db.execute_sql(
            f"SELECT rowid FROM {ref.table} WHERE {ref.column} = ?{guard}", (loser_id, *guard_params))]
        moved: list[int] = []
        for part in chunks(ids):
            self.db.execute_sql(f"UPDATE OR IGNORE {ref.table} SET {ref.column} = ? "
                                f"WHERE rowid IN ({marks(len(part))})", (survivor_id, *part))
            moved += [r[0] for r in self.db.execute_sql(
                f"SELECT rowid FROM {ref.table} WHERE {ref.column} = ? AND rowid IN ({marks(len(part))})",
                (survivor_id, *part))]
        if moved:
            payload["moved"][f"{ref.table}.{ref.column}"] = moved

    def _copy(self, ref: Reference, survivor_id: int, loser_id: int, payload: dict, guard: str,
              guard_params: list) -> None:
        columns = [r[1] for r in self.db.execute_sql(f"PRAGMA table_info({ref.table})")]
        rows = self.db.execute_sql(
            f"SELECT {', '.join(columns)} FROM {ref.table} WHERE {ref.column} = ?{guard}",
            (loser_id, *guard_params)).fetchall()
        at = columns.index(ref.column)
        copies = []
        for row in rows:
            copy = list(row)
            copy[at] = survivor_id
            cur = self.db.execute_sql(f"INSERT OR IGNORE INTO {ref.table}({', '.join(columns)}) "
                                      f"VALUES ({marks(len(columns))})", copy)
            if cur.rowcount:
                copies.append(copy)
        if copies:
            payload["copied"][f"{ref.table}.{ref.column}"] = {"columns": columns, "rows": copies}

    def _merge_custom(self, entity: str, survivor_id: int, custom: dict[int, str]) -> dict[str, str | None]:
        prior: dict[str, str | None] = {}
        for field_id, value in custom.items():
            row = self.db.execute_sql("SELECT value FROM custom_value WHERE field_id = ? AND record_id = ?",
                                      (field_id, survivor_id)).fetchone()
            old = row[0] if row else None
            if old == value:
                continue
            prior[str(field_id)] = old
            self.db.execute_sql("INSERT OR REPLACE INTO custom_value(field_id, record_id, value) "
                                "VALUES (?, ?, ?)", (field_id, survivor_id, value))
        return prior

    def _rename_people(self, payload: dict, survivor_id: int) -> list[int]:
        """People moved to the surviving company carry its name on their rows."""
        people = payload["moved"].get("contact.company_id", [])
        name = self.db.execute_sql("SELECT name FROM company WHERE id = ?", (survivor_id,)).fetchone()[0]
        for part in chunks(people):
            self.db.execute_sql(f"UPDATE contact SET company_name = ? WHERE id IN ({marks(len(part))})",
                                (name, *part))
        return people

    # -- undoing -------------------------------------------------------------------------
    def get(self, merge_id: int) -> tuple[MergeEntry, dict]:
        row = self.db.execute_sql(
            "SELECT id, entity, survivor_id, loser_id, merged_at, undone_at, activity_id, payload "
            "FROM merge_log WHERE id = ?", (merge_id,)).fetchone()
        if row is None:
            raise NotFoundError("merge", merge_id)
        return _entry(row[:7]), json.loads(row[7])

    def set_activity(self, merge_id: int, activity_id: int) -> None:
        self.db.execute_sql("UPDATE merge_log SET activity_id = ? WHERE id = ?", (activity_id, merge_id))

    def loser_exists(self, entity: str, loser_id: int) -> bool:
        return self.db.execute_sql(f"SELECT 1 FROM {TABLES[entity]} WHERE id = ?",
                                   (loser_id,)).fetchone() is not None

    def undo(self, merge_id: int, now: dt.datetime) -> MergeEntry:
        entry, payload = self.get(merge_id)
        table, survivor, loser = TABLES[entry.entity], entry.survivor_id, entry.loser_id
        self.db.execute_sql(f"UPDATE {table} SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                            (ts(now), loser))
        for key, rowids in payload["moved"].items():
            ref_table, column = key.split(".")
            for part in chunks(rowids):
                self.db.execute_sql(f"UPDATE OR IGNORE {ref_table} SET {column} = ? WHERE {column} = ? "
                                    f"AND rowid IN ({marks(len(part))})", (loser, survivor, *part))
        for key, copied in payload["copied"].items():
            ref_table = key.split(".")[0]
            where = " AND ".join(f"{c} IS ?" for c in copied["columns"])
            for row in copied["rows"]:
                self.db.execute_sql(f"DELETE FROM {ref_table} WHERE {where}", row)
        self.db.connection().executemany(
            "UPDATE contact_channel SET contact_id = ?, position = ? WHERE id = ? AND contact_id = ?",
            [(loser, position, rid, survivor) for rid, position in payload["channels"]])
        self._undo_custom(survivor, payload["custom"])
        self._undo_fields(table, survivor, payload["fields"], now)
        if entry.entity == "company":
            name = self.db.execute_sql("SELECT name FROM company WHERE id = ?", (loser,)).fetchone()[0]
            for part in chunks(payload["company_names"]):
                self.db.execute_sql(f"UPDATE contact SET company_name = ? WHERE company_id = ? "
                                    f"AND id IN ({marks(len(part))})", (name, loser, *part))
        self.db.execute_sql("UPDATE merge_log SET undone_at = ? WHERE id = ?", (ts(now), merge_id))
        self._reindex(entry.entity, survivor, loser, payload, merged=False)
        return entry

    def _undo_custom(self, survivor: int, prior: dict[str, str | None]) -> None:
        for field_id, old in prior.items():
            if old is None:
                self.db.execute_sql("DELETE FROM custom_value WHERE field_id = ? AND record_id = ?",
                                    (int(field_id), survivor))
            else:
                self.db.execute_sql("INSERT OR REPLACE INTO custom_value(field_id, record_id, value) "
                                    "VALUES (?, ?, ?)", (int(field_id), survivor, old))

    def _undo_fields(self, table: str, survivor: int, fields: dict, now: dt.datetime) -> None:
        """Put back the survivor's values the merge set, except those edited since."""
        for column, (old, new) in fields.items():
            self.db.execute_sql(f"UPDATE {table} SET {column} = ?, updated_at = ? WHERE id = ? "
                                f"AND {column} IS ?", (old, ts(now), survivor, new))

    def _reindex(self, entity: str, survivor: int, loser: int, payload: dict, merged: bool) -> None:
        if entity == "contact":
            self.index.reindex_contacts([survivor] + ([] if merged else [loser]))
            if merged:
                self.index.remove_contacts([loser])
            return
        self.index.reindex_companies([survivor] + ([] if merged else [loser]))
        if merged:
            self.index.remove_companies([loser])
        if payload["company_names"]:
            self.index.reindex_contacts(payload["company_names"])

    # -- history -------------------------------------------------------------------------
    def merges_of(self, entity: str, record_id: int) -> list[MergeEntry]:
        """Merges into (or of) a record, newest first."""
        rows = self.db.execute_sql(
            "SELECT id, entity, survivor_id, loser_id, merged_at, undone_at, activity_id FROM merge_log "
            "WHERE entity = ? AND (survivor_id = ? OR loser_id = ?) ORDER BY merged_at DESC, id DESC",
            (entity, record_id, record_id))
        return [_entry(r) for r in rows]

    def by_activity(self, activity_id: int) -> MergeEntry | None:
        row = self.db.execute_sql(
            "SELECT id, entity, survivor_id, loser_id, merged_at, undone_at, activity_id FROM merge_log "
            "WHERE activity_id = ?", (activity_id,)).fetchone()
        return _entry(row) if row else None

    def recent(self, limit: int = 50) -> list[MergeEntry]:
        rows = self.db.execute_sql(
            "SELECT id, entity, survivor_id, loser_id, merged_at, undone_at, activity_id FROM merge_log "
            "ORDER BY merged_at DESC, id DESC LIMIT ?", (limit,))
        return [_entry(r) for r in rows]

    def later_merges(self, merge_id: int, entity: str, record_ids: tuple[int, int]) -> int:
        """Merges not undone, made after ``merge_id``, that touched either record."""
        a, b = record_ids
        return self.db.execute_sql(
            "SELECT count(*) FROM merge_log WHERE id > ? AND entity = ? AND undone_at IS NULL "
            "AND (survivor_id IN (?, ?) OR loser_id IN (?, ?))", (merge_id, entity, a, b, a, b)).fetchone()[0]


def _entry(row) -> MergeEntry:
    return MergeEntry(row[0], row[1], row[2], row[3], parse_ts(row[4]), parse_ts(row[5]), row[6])


def _values_sql(entity: str) -> str:
    return f"SELECT {', '.join(COLUMNS[entity])}, updated_at FROM {TABLES[entity]} WHERE id = ?"


def read_values(db: pw.SqliteDatabase, entity: str, record_id: int
                ) -> tuple[dict, dt.datetime, dict[int, str]]:
    """A live record's mergeable columns, when it was last changed, and its custom values."""
    row = db.execute_sql(_values_sql(entity) + " AND deleted_at IS NULL", (record_id,)).fetchone()
    if row is None:
        raise NotFoundError(entity, record_id)
    custom = dict(db.execute_sql(
        "SELECT v.field_id, v.value FROM custom_value v JOIN custom_field f ON f.id = v.field_id "
        "WHERE v.record_id = ? AND f.entity = ? AND f.deleted_at IS NULL", (record_id, entity)).fetchall())
    return dict(zip(COLUMNS[entity], row[:-1], strict=True)), parse_ts(row[-1]), custom
