"""Reading and writing companies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import peewee as pw

from ..core.errors import EditConflict, NotFoundError
from ..core.query import ListQuery
from ..core.records import CompanyDraft, CompanyRecord, Stamp
from ..core.text import company_key
from .common import chunks, marks, new_uuid, parse_ts, set_trashed, ts
from .history import record_changes, tracked_values
from .search import SearchIndex
from .segments import count_list
from .tags import CustomFieldStore

SORT_SQL = {
    "name": "name COLLATE NOCASE",
    "industry": "industry COLLATE NOCASE",
    "city": "city COLLATE NOCASE",
    "country": "country COLLATE NOCASE",
    "phone": "phone",
    "employees": "employees",
    "created": "created_at",
    "updated": "updated_at",
}

LIST_COLUMNS = (
    "id", "name", "industry", "website", "phone", "email", "city", "country", "owner_id",
    "created_at", "updated_at", "employees",
)

_FIELDS = (
    "name", "website", "industry", "employees", "phone", "email", "street", "city", "region",
    "postal_code", "country", "source", "notes", "owner_id",
)


def list_where(q: ListQuery, trashed: bool = False) -> tuple[str, list]:
    clauses = ["deleted_at IS NOT NULL" if trashed else "deleted_at IS NULL"]
    params: list = []
    expr = SearchIndex.match_expression(q.search) if q.search else None
    if expr:
        clauses.append(f"id IN ({SearchIndex.match_subquery('company_fts')})")
        params.append(expr)
    if q.tag_id is not None:
        clauses.append("id IN (SELECT company_id FROM company_tag WHERE tag_id = ?)")
        params.append(q.tag_id)
    if q.owner_id is not None:
        clauses.append("owner_id = ?")
        params.append(q.owner_id)
    if q.segment is not None:
        clauses.append(q.segment[0])
        params += q.segment[1]
    return " AND ".join(clauses), params


class CompanyStore:
    def __init__(self, db: pw.SqliteDatabase, index: SearchIndex) -> None:
        self.db = db
        self.index = index
        self.custom = CustomFieldStore(db)

    # -- writing -------------------------------------------------------------------------
    def insert(self, draft: CompanyDraft, tag_ids: Sequence[int], now: dt.datetime) -> int:
        stamp = ts(now)
        cols = ", ".join(("uuid", "created_at", "updated_at", "name_key", *_FIELDS))
        cur = self.db.execute_sql(
            f"INSERT INTO company({cols}) VALUES ({marks(4 + len(_FIELDS))})",
            (new_uuid(), stamp, stamp, company_key(draft.name), *(getattr(draft, f) for f in _FIELDS)))
        company_id = cur.lastrowid
        self._set_tags(company_id, tag_ids)
        self.custom.set_values(company_id, "company", draft.custom)
        self.index.reindex_companies([company_id])
        return company_id

    def update(self, company_id: int, draft: CompanyDraft, tag_ids: Sequence[int],
               now: dt.datetime, expected: dt.datetime | None = None) -> None:
        """Store an edit; with ``expected`` (the updated_at it was read at) only if nobody saved
        the company since: the same UPDATE checks it, EditConflict says it did not match."""
        assignments = ", ".join(f"{f} = ?" for f in _FIELDS)
        check = " AND updated_at = ?" if expected is not None else ""
        cur = self.db.execute_sql(
            f"UPDATE company SET {assignments}, name_key = ?, updated_at = ? "
            f"WHERE id = ? AND deleted_at IS NULL{check}",
            (*(getattr(draft, f) for f in _FIELDS), company_key(draft.name), ts(now), company_id,
             *((ts(expected),) if expected is not None else ())))
        if cur.rowcount == 0:
            row = self.db.execute_sql("SELECT name FROM company WHERE id = ? AND deleted_at IS NULL",
                                      (company_id,)).fetchone()
            if row is None or expected is None:
                raise NotFoundError("company", company_id)
            raise EditConflict("company", company_id, row[0])
        before = tracked_values(self.db, "company", [company_id])
        self._set_tags(company_id, tag_ids)
        self.custom.set_values(company_id, "company", draft.custom)
        record_changes(self.db, "company", before, tracked_values(self.db, "company", [company_id]), ts(now))
        self.index.reindex_companies([company_id])

    def _set_tags(self, company_id: int, tag_ids: Sequence[int]) -> None:
        self.db.execute_sql("DELETE FROM company_tag WHERE company_id = ?", (company_id,))
        self.db.connection().executemany(
            "INSERT OR IGNORE INTO company_tag(company_id, tag_id) VALUES (?, ?)",
            [(company_id, t) for t in tag_ids])

    def add_tag(self, ids: Sequence[int], tag_id: int, now: dt.datetime) -> None:
        before = tracked_values(self.db, "company", ids)
        self.db.connection().executemany(
            "INSERT OR IGNORE INTO company_tag(company_id, tag_id) VALUES (?, ?)",
            [(i, tag_id) for i in ids])
        record_changes(self.db, "company", before, tracked_values(self.db, "company", ids), ts(now))
        self._touch(ids, now)
        self.index.reindex_companies(ids)

    def remove_tag(self, ids: Sequence[int], tag_id: int, now: dt.datetime) -> None:
        before = tracked_values(self.db, "company", ids)
        for chunk in chunks(list(ids)):
            self.db.execute_sql(
                f"DELETE FROM company_tag WHERE tag_id = ? AND company_id IN ({marks(len(chunk))})",
                (tag_id, *chunk))
        record_changes(self.db, "company", before, tracked_values(self.db, "company", ids), ts(now))
        self._touch(ids, now)
        self.index.reindex_companies(ids)

    def _touch(self, ids: Sequence[int], now: dt.datetime) -> None:
        for chunk in chunks(list(ids)):
            self.db.execute_sql(
                f"UPDATE company SET updated_at = ? WHERE id IN ({marks(len(chunk))})", (ts(now), *chunk))

    def soft_delete(self, ids: Sequence[int], now: dt.datetime) -> int:
        changed = set_trashed(self.db, "company", ids, now, True)
        self.index.remove_companies(ids)
        return changed

    def restore(self, ids: Sequence[int], now: dt.datetime) -> int:
        changed = set_trashed(self.db, "company", ids, now, False)
        self.index.reindex_companies(ids)
        return changed

    def purge(self, ids: Sequence[int]) -> tuple[int, list[int]]:
        """Delete trashed companies for good.

        Returns how many were deleted and the ids of the contacts that were unlinked from them.
        """
        unlinked: list[int] = []
        removed = 0
        for chunk in chunks(list(ids)):
            m = marks(len(chunk))
            live = [r[0] for r in self.db.execute_sql(
                f"SELECT id FROM company WHERE deleted_at IS NOT NULL AND id IN ({m})", chunk)]
            if not live:
                continue
            lm = marks(len(live))
            unlinked += [r[0] for r in self.db.execute_sql(
                f"SELECT id FROM contact WHERE company_id IN ({lm})", live)]
            self.db.execute_sql(
                f"UPDATE contact SET company_id = NULL, company_name = '' WHERE company_id IN ({lm})", live)
            self.db.execute_sql(
                f"DELETE FROM custom_value WHERE record_id IN ({lm}) AND field_id IN "
                f"(SELECT id FROM custom_field WHERE entity = 'company')", live)
            removed += self.db.execute_sql(f"DELETE FROM company WHERE id IN ({lm})", live).rowcount
            self.index.remove_companies(live)
        return removed, unlinked

    # -- reading -------------------------------------------------------------------------
    def get(self, company_id: int, include_deleted: bool = False) -> CompanyRecord:
        row = self.db.execute_sql(
            f"SELECT id, uuid, created_at, updated_at, deleted_at, {', '.join(_FIELDS)} "
            f"FROM company WHERE id = ?", (company_id,)).fetchone()
        if row is None or (row[4] is not None and not include_deleted):
            raise NotFoundError("company", company_id)
        stamp = Stamp(row[0], row[1], parse_ts(row[2]), parse_ts(row[3]), parse_ts(row[4]))
        draft = CompanyDraft(**dict(zip(_FIELDS, row[5:], strict=True)))
        draft.tags = [r[0] for r in self.db.execute_sql(
            "SELECT t.name FROM company_tag ct JOIN tag t ON t.id = ct.tag_id "
            "WHERE ct.company_id = ? AND t.deleted_at IS NULL ORDER BY lower(t.name)", (company_id,))]
        draft.custom = self.custom.values(company_id, "company")
        people = self.db.execute_sql(
            "SELECT count(*) FROM contact WHERE company_id = ? AND deleted_at IS NULL",
            (company_id,)).fetchone()[0]
        return CompanyRecord(stamp, draft, people)

    def find_by_key(self, names: Sequence[str]) -> dict[str, int]:
        """Live company ids by normalised name, for the names given."""
        keys = {company_key(n) for n in names if n}
        out: dict[str, int] = {}
        for chunk in chunks(sorted(keys)):
            for key, cid in self.db.execute_sql(
                    f"SELECT name_key, min(id) FROM company WHERE deleted_at IS NULL "
                    f"AND name_key IN ({marks(len(chunk))}) GROUP BY name_key", chunk):
                out[key] = cid
        return out

    def name_of(self, company_id: int) -> str | None:
        row = self.db.execute_sql("SELECT name FROM company WHERE id = ?", (company_id,)).fetchone()
        return row[0] if row else None

    def count(self, q: ListQuery = ListQuery()) -> int:
        return count_list(self.db, "company", q, list_where)  # in parts at once where that helps

    def page(self, q: ListQuery, offset: int, limit: int) -> list[tuple]:
        where, params = list_where(q)
        order = SORT_SQL.get(q.sort, SORT_SQL["name"])
        direction = "DESC" if q.descending else "ASC"
        return self.db.execute_sql(
            f"SELECT {', '.join(LIST_COLUMNS)} FROM company WHERE {where} "
            f"ORDER BY {order} {direction}, id {direction} LIMIT ? OFFSET ?",
            (*params, limit, offset)).fetchall()

    def people_counts(self, ids: Sequence[int]) -> dict[int, int]:
        out: dict[int, int] = {}
        for chunk in chunks(list(ids)):
            for cid, n in self.db.execute_sql(
                    f"SELECT company_id, count(*) FROM contact WHERE deleted_at IS NULL "
                    f"AND company_id IN ({marks(len(chunk))}) GROUP BY company_id", chunk):
                out[cid] = n
        return out

    def tags_for(self, ids: Sequence[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for chunk in chunks(list(ids)):
            for cid, name in self.db.execute_sql(
                    f"SELECT ct.company_id, t.name FROM company_tag ct JOIN tag t ON t.id = ct.tag_id "
                    f"WHERE ct.company_id IN ({marks(len(chunk))}) AND t.deleted_at IS NULL "
                    f"ORDER BY lower(t.name)", chunk):
                out.setdefault(cid, []).append(name)
        return out

    def names(self, ids: Sequence[int]) -> dict[int, str]:
        out = {}
        for chunk in chunks(list(ids)):
            for cid, name in self.db.execute_sql(
                    f"SELECT id, name FROM company WHERE id IN ({marks(len(chunk))})", chunk):
                out[cid] = name
        return out

    def trashed(self, limit: int = 10_000) -> list[tuple[int, str, str]]:
        return self.db.execute_sql(
            "SELECT id, name, deleted_at FROM company WHERE deleted_at IS NOT NULL "
            "ORDER BY deleted_at DESC LIMIT ?", (limit,)).fetchall()

    def all_names(self, limit: int = 100_000) -> list[tuple[int, str]]:
        return self.db.execute_sql(
            "SELECT id, name FROM company WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE "
            "LIMIT ?", (limit,)).fetchall()
