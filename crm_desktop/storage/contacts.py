"""Reading and writing contacts: bulk-friendly inserts, list pages, soft deletion."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

import peewee as pw

from ..core.errors import EditConflict, NotFoundError
from ..core.phones import search_forms
from ..core.query import ListQuery
from ..core.records import Channel, ContactDraft, ContactRecord, DuplicateHit, Stamp
from ..core.text import index_text
from .common import chunks, marks, new_uuids, next_id, parse_ts, set_trashed, ts
from .history import record_changes, tracked_values
from .rules import score_page
from .search import SearchIndex
from .segments import count_list
from .tags import CustomFieldStore

SORT_SQL = {
    "name": "full_name COLLATE NOCASE",
    "company": "company_name COLLATE NOCASE",
    "title": "title COLLATE NOCASE",
    "email": "email COLLATE NOCASE",
    "phone": "phone",
    "city": "city COLLATE NOCASE",
    "country": "country COLLATE NOCASE",
    "created": "created_at",
    "updated": "updated_at",
}

# What a list row holds, in this order.
LIST_COLUMNS = (
    "id", "full_name", "company_id", "company_name", "title", "email", "phone", "city",
    "country", "owner_id", "source", "created_at", "updated_at", "score",
)
# All but the last are the contact's columns; the score (None until scored) is looked up for
# the page's rows only.
_LIST_OWN = ", ".join(LIST_COLUMNS[:-1])
SCORE_SQL = "(SELECT s.score FROM contact_score s WHERE s.contact_id = contact.id)"
# A list search matching this many people or more is paged along the sort's index (see page).
BROAD_MATCHES = 20_000

_ROW_FIELDS = (
    "given_name", "family_name", "title", "street", "city", "region", "postal_code", "country",
    "website", "preferred_channel", "source", "notes", "owner_id",
    "lawful_basis", "consent_note", "do_not_contact",
)


class ContactParts(NamedTuple):
    """What a contact's rows need that depends on the draft alone (see :func:`contact_parts`)."""

    uuid: str
    fields: tuple  # _ROW_FIELDS and full_name
    tail: tuple  # email, phone, birthday, consent days
    channels: list[tuple]  # contact_channel rows without the contact id
    name_text: str  # the search document's columns that do not depend on stored names
    emails_text: str
    phones_text: str
    notes_text: str


@dataclass
class ContactWrite:
    """A validated draft with what the services resolved for it."""

    draft: ContactDraft
    full_name: str
    tag_ids: Sequence[int] = ()
    parts: ContactParts | None = None


def _row_values(w: ContactWrite) -> list:
    d = w.draft
    return [
        *(getattr(d, f) for f in _ROW_FIELDS),
        w.full_name, d.company_id, d.company_name if d.company_id else "",
        d.emails[0].value if d.emails else "", d.phones[0].value if d.phones else "",
        d.birthday.isoformat() if d.birthday else None, *_consent_days(d),
    ]


def _consent_days(d: ContactDraft) -> tuple[str | None, str | None]:
    given, withdrawn = d.consent_given_on, d.consent_withdrawn_on
    return (given.isoformat() if given else None, withdrawn.isoformat() if withdrawn else None)


_ROW_COLUMNS = (*_ROW_FIELDS, "full_name", "company_id", "company_name", "email", "phone", "birthday",
                "consent_given_on", "consent_withdrawn_on")


def _channel_rows(contact_id: int, d: ContactDraft) -> list[tuple]:
    rows = []
    for pos, ch in enumerate(d.emails):
        rows.append((contact_id, "email", "", ch.label, ch.value, ch.value.lower(), pos))
    for pos, ch in enumerate(d.phones):
        rows.append((contact_id, "phone", "", ch.label, ch.value, ch.value, pos))
    for pos, ch in enumerate(d.handles):
        rows.append((contact_id, "handle", ch.kind, ch.label, ch.value, ch.value.lower(), pos))
    return rows


_draft_fields = attrgetter(*_ROW_FIELDS)
_INSERT_CHANNEL = ("INSERT INTO contact_channel(contact_id, channel, kind, label, value, normalized, "
                   "position) VALUES (?, ?, ?, ?, ?, ?, ?)")
_CONTACT_INSERT = f"contact({', '.join(('id', 'uuid', 'created_at', 'updated_at', *_ROW_COLUMNS))})"
_CHANNEL_INSERT = "contact_channel(contact_id, channel, kind, label, value, normalized, position)"
_FTS_INSERT = "contact_fts(rowid, name, company, emails, phones, tags, notes)"


# Dropped while a bulk load writes and built again by sorting at its end (see bulk_load).
BULK_DROPPED_INDEXES = (
    "contact_by_name", "contact_by_company_name", "contact_by_title", "contact_by_email",
    "contact_by_phone", "contact_by_city", "contact_by_country", "contact_by_owner",
    # the segments' (migration 0011): owner and place, a place in name order
    "contact_by_owner_place", "contact_by_city_name", "contact_by_country_name",
)
# FTS5 settings while loading, and their built-in values. `hashsize` is how many bytes of
# new terms FTS5 keeps in memory before it writes them as a segment (1 MB by default).
_FTS_LOAD = {"automerge": 0, "hashsize": 64 * 1024 * 1024}
_FTS_DEFAULTS = {"automerge": 4, "hashsize": 1024 * 1024}
# SQLite's page cache while loading (KiB, negative as PRAGMA cache_size takes it): a load
# into a table of 100k people touches more pages than the usual 32 MB hold, and the
# indexes built at its end read the whole table. It grows only as pages are used.
BULK_CACHE_KIB = -256 * 1024


def contact_parts(draft: ContactDraft, full_name: str, uuid: str) -> ContactParts:
    """The parts of a contact's rows and search document that need no database.

    Pure Python over one validated draft, so a bulk insert computes them for the next
    batch on another thread while SQLite writes this one.
    """
    d = draft
    emails, phones = d.emails, d.phones
    channels = [("email", "", ch.label, ch.value, ch.value.lower(), pos) for pos, ch in enumerate(emails)]
    channels += [("phone", "", ch.label, ch.value, ch.value, pos) for pos, ch in enumerate(phones)]
    if d.handles:
        channels += [("handle", ch.kind, ch.label, ch.value, ch.value.lower(), pos)
                     for pos, ch in enumerate(d.handles)]
    return ContactParts(
        uuid, (*_draft_fields(d), full_name),
        (emails[0].value if emails else "", phones[0].value if phones else "",
         d.birthday.isoformat() if d.birthday else None, *_consent_days(d)),
        channels, index_text(full_name),
        " ".join([e.value for e in emails]),
        " ".join([search_forms(p.value) for p in phones]),
        index_text(" ".join([p for p in (d.title, d.city, d.notes) if p])),
    )


def _variable_limit(conn) -> int:
    try:
        import sqlite3

        return conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except (AttributeError, ImportError):  # an older or another binding (SQLCipher's)
        return 999


def insert_rows(conn, target: str, width: int, rows: Sequence[tuple], verb: str = "INSERT") -> None:
    """Insert ``rows`` (each ``width`` values) with as few multi-row statements as fit.

    ``executemany`` binds and steps one row at a time and takes the GIL back after each
    step; a statement of ~1,000 rows is bound once and runs inside SQLite without the GIL
    (so Python on another thread goes on meanwhile), and costs a third less per row.
    """
    if not rows:
        return
    per = max(1, min(_variable_limit(conn) // width, 2000))
    one = "(" + ",".join("?" * width) + ")"
    full_sql = None
    for start in range(0, len(rows), per):
        part = rows[start:start + per]
        if len(part) == per:
            full_sql = full_sql or f"{verb} INTO {target} VALUES " + ",".join([one] * per)
            sql = full_sql
        else:
            sql = f"{verb} INTO {target} VALUES " + ",".join([one] * len(part))
        conn.execute(sql, list(chain.from_iterable(part)))


class ContactRows:
    """Every row of one bulk insert, built in a single pass over the writes."""

    def __init__(self) -> None:
        self.contacts: list[tuple] = []
        self.channels: list[tuple] = []
        self.tags: list[tuple[int, int]] = []
        self.custom: list[tuple] = []
        self.documents: list[tuple] = []

    def add_all(self, writes: Sequence[ContactWrite], first_id: int, stamp: str) -> None:
        companies: dict[str, str] = {}  # a batch names a few companies and tag sets many times:
        tag_texts: dict[tuple[str, ...], str] = {}  # each is folded for the index once
        contacts, channels, tags, documents = self.contacts, self.channels, self.tags, self.documents
        missing = [w for w in writes if w.parts is None]
        for w, uid in zip(missing, new_uuids(len(missing)), strict=True):
            w.parts = contact_parts(w.draft, w.full_name, uid)
        for cid, w in enumerate(writes, first_id):
            d, p = w.draft, w.parts
            company = d.company_name if d.company_id else ""
            contacts.append((cid, p.uuid, stamp, stamp, *p.fields, d.company_id, company, *p.tail))
            channels += [(cid, *ch) for ch in p.channels]
            if w.tag_ids:
                tags += [(cid, tid) for tid in w.tag_ids]
            if d.custom:
                self.custom += [(fid, cid, v) for fid, v in d.custom.items() if v]
            company_text = companies.get(company)
            if company_text is None:
                company_text = companies[company] = index_text(company)
            key = tuple(d.tags)
            tag_text = tag_texts.get(key)
            if tag_text is None:
                tag_text = tag_texts[key] = index_text(" ".join(key))
            documents.append((cid, p.name_text, company_text, p.emails_text, p.phones_text, tag_text,
                              p.notes_text))


def list_where(q: ListQuery, trashed: bool = False) -> tuple[str, list]:
    clauses = ["deleted_at IS NOT NULL" if trashed else "deleted_at IS NULL"]
    params: list = []
    expr = SearchIndex.match_expression(q.search) if q.search else None
    if expr:
        clauses.append(f"id IN ({SearchIndex.match_subquery('contact_fts')})")
        params.append(expr)
    if q.tag_id is not None:
        clauses.append("id IN (SELECT contact_id FROM contact_tag WHERE tag_id = ?)")
        params.append(q.tag_id)
    if q.owner_id is not None:
        clauses.append("owner_id = ?")
        params.append(q.owner_id)
    if q.company_id is not None:
        clauses.append("company_id = ?")
        params.append(q.company_id)
    if q.segment is not None:
        clauses.append(q.segment[0])
        params += q.segment[1]
    return " AND ".join(clauses), params


class ContactStore:
    def __init__(self, db: pw.SqliteDatabase, index: SearchIndex) -> None:
        self.db = db
        self.index = index
        self.custom = CustomFieldStore(db)

    # -- writing -------------------------------------------------------------------------
    @contextlib.contextmanager
    def bulk_session(self, checkpoint_pages: int = 10_000) -> Iterator[None]:
        """Checkpoint the write-ahead log less often while many batches are written.

        Every commit past the WAL's checkpoint threshold (1,000 pages by default) copies
        the log into the database and syncs it; a batch of 10,000 people writes far more
        than that, so each batch paid a full checkpoint. With a larger threshold one
        checkpoint serves several batches (~3 µs per contact less), and the usual
        threshold returns for the commits that follow.
        """
        (before,) = self.db.execute_sql("PRAGMA wal_autocheckpoint").fetchone()
        self.db.execute_sql(f"PRAGMA wal_autocheckpoint = {int(checkpoint_pages)}")
        try:
            yield
        finally:
            self.db.execute_sql(f"PRAGMA wal_autocheckpoint = {int(before)}")

    def row_count(self) -> int:
        """Rows in the contact table (the trashed included): what a bulk load is weighed against."""
        return self.db.execute_sql("SELECT count(*) FROM contact").fetchone()[0]

    @contextlib.contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Write many contacts the way database loaders do; only inside a write transaction.

        The list's sort indexes whose keys land anywhere in their b-tree (name, company,
        title, e-mail, phone, city, country, owner, and the segments' owner-and-place and
        place-by-name ones) are dropped and built again at the end
        by CREATE INDEX, one sort each, instead of a random b-tree insert per row and index;
        the indexes whose keys only append (ids, uuid, creation and update times) and those
        that later batches of an import read (channels, companies) are kept. The FTS5 index
        buffers up to 64 MB of terms before it writes a segment and merges none while
        loading. Everything happens in the caller's transaction: when it rolls back (an
        error, a crash) the database is as before, indexes included. On success the
        indexes and the FTS5 settings are what they were, and every search, sort and
        duplicate check gives what the row-by-row path gives.
        """
        names = ", ".join(f"'{n}'" for n in BULK_DROPPED_INDEXES)
        indexes = self.db.execute_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contact' "
            # In the order they were made, which is the order they are made again in: with no
            # statistics SQLite settles a tie between two indexes by the one made last (0011).
            f"AND name IN ({names}) ORDER BY rowid").fetchall()
        keys = ", ".join(f"'{k}'" for k in _FTS_LOAD)
        stored = dict(self.db.execute_sql(f"SELECT k, v FROM contact_fts_config WHERE k IN ({keys})"))
        (cache,) = self.db.execute_sql("PRAGMA cache_size").fetchone()
        for name, _sql in indexes:
            self.db.execute_sql(f"DROP INDEX {name}")
        self._fts_config(_FTS_LOAD)
        self.db.execute_sql(f"PRAGMA cache_size = {min(int(cache), BULK_CACHE_KIB)}")
        try:
            yield
        except BaseException:
            # The caller's rollback restores the schema and the settings table; the FTS5
            # module keeps its settings in memory too, so they are set back here as well.
            with contextlib.suppress(Exception):
                self._fts_config({k: stored.get(k, v) for k, v in _FTS_DEFAULTS.items()})
                self.db.execute_sql(f"PRAGMA cache_size = {int(cache)}")
            raise
        try:
            self._fts_config({k: stored.get(k, v) for k, v in _FTS_DEFAULTS.items()})
            unset = [k for k in _FTS_LOAD if k not in stored]
            if unset:  # as before the load: no row, the built-in default
                self.db.execute_sql(f"DELETE FROM contact_fts_config WHERE k IN ({marks(len(unset))})", unset)
            for _name, sql in indexes:
                self.db.execute_sql(sql)
        finally:
            self.db.execute_sql(f"PRAGMA cache_size = {int(cache)}")

    def _fts_config(self, values: dict[str, int]) -> None:
        for key, value in values.items():
            self.db.execute_sql("INSERT INTO contact_fts(contact_fts, rank) VALUES (?, ?)", (key, int(value)))

    def insert(self, writes: Sequence[ContactWrite], now: dt.datetime) -> list[int]:
        """Insert validated contacts with their channels, tags and index documents."""
        return self.write_rows(self.rows(writes, now))

    def rows(self, writes: Sequence[ContactWrite], now: dt.datetime) -> ContactRows:
        """The rows :meth:`insert` writes for ``writes``, numbered from the next free id; write
        them with :meth:`write_rows` in the same transaction. (Building them is Python, writing
        them is SQLite, which runs without the GIL: a caller may want to tell them apart.)"""
        rows = ContactRows()
        if writes:
            rows.add_all(writes, next_id(self.db, "contact"), ts(now))
        return rows

    def write_rows(self, rows: ContactRows) -> list[int]:
        """Write what :meth:`rows` built; returns the new contacts' ids."""
        if not rows.contacts:
            return []
        conn = self.db.connection()
        insert_rows(conn, _CONTACT_INSERT, 4 + len(_ROW_COLUMNS), rows.contacts)
        insert_rows(conn, _CHANNEL_INSERT, 7, rows.channels)
        insert_rows(conn, "contact_tag(contact_id, tag_id)", 2, rows.tags, "INSERT OR IGNORE")
        insert_rows(conn, "custom_value(field_id, record_id, value)", 3, rows.custom)
        insert_rows(conn, _FTS_INSERT, 7, rows.documents)
        return [row[0] for row in rows.contacts]

    def update(self, contact_id: int, w: ContactWrite, now: dt.datetime,
               expected: dt.datetime | None = None) -> None:
        """Store an edit; with ``expected`` (the updated_at the edit was read at) only if nobody
        saved the person since: the same UPDATE checks it, EditConflict says it did not match."""
        assignments = ", ".join(f"{c} = ?" for c in _ROW_COLUMNS)
        check = " AND updated_at = ?" if expected is not None else ""
        cur = self.db.execute_sql(
            f"UPDATE contact SET {assignments}, updated_at = ? WHERE id = ? AND deleted_at IS NULL{check}",
            (*_row_values(w), ts(now), contact_id, *((ts(expected),) if expected is not None else ())))
        if cur.rowcount == 0:
            row = self.db.execute_sql("SELECT full_name FROM contact WHERE id = ? AND deleted_at IS NULL",
                                      (contact_id,)).fetchone()
            if row is None or expected is None:
                raise NotFoundError("contact", contact_id)
            raise EditConflict("contact", contact_id, row[0])
        before = tracked_values(self.db, "contact", [contact_id])
        self.db.execute_sql("DELETE FROM contact_channel WHERE contact_id = ?", (contact_id,))
        self.db.connection().executemany(_INSERT_CHANNEL, _channel_rows(contact_id, w.draft))
        self.db.execute_sql("DELETE FROM contact_tag WHERE contact_id = ?", (contact_id,))
        self.db.connection().executemany(
            "INSERT OR IGNORE INTO contact_tag(contact_id, tag_id) VALUES (?, ?)",
            [(contact_id, t) for t in w.tag_ids])
        self.custom.set_values(contact_id, "contact", w.draft.custom)
        record_changes(self.db, "contact", before, tracked_values(self.db, "contact", [contact_id]), ts(now))
        self.index.reindex_contacts([contact_id])

    def add_tag(self, ids: Sequence[int], tag_id: int, now: dt.datetime) -> None:
        before = tracked_values(self.db, "contact", ids)
        self.db.connection().executemany(
            "INSERT OR IGNORE INTO contact_tag(contact_id, tag_id) VALUES (?, ?)",
            [(i, tag_id) for i in ids])
        record_changes(self.db, "contact", before, tracked_values(self.db, "contact", ids), ts(now))
        self._touch(ids, now)
        self.index.reindex_contacts(ids)

    def remove_tag(self, ids: Sequence[int], tag_id: int, now: dt.datetime) -> None:
        before = tracked_values(self.db, "contact", ids)
        for chunk in chunks(list(ids)):
            self.db.execute_sql(
                f"DELETE FROM contact_tag WHERE tag_id = ? AND contact_id IN ({marks(len(chunk))})",
                (tag_id, *chunk))
        record_changes(self.db, "contact", before, tracked_values(self.db, "contact", ids), ts(now))
        self._touch(ids, now)
        self.index.reindex_contacts(ids)

    def _touch(self, ids: Sequence[int], now: dt.datetime) -> None:
        for chunk in chunks(list(ids)):
            self.db.execute_sql(
                f"UPDATE contact SET updated_at = ? WHERE id IN ({marks(len(chunk))})", (ts(now), *chunk))

    def soft_delete(self, ids: Sequence[int], now: dt.datetime) -> int:
        changed = set_trashed(self.db, "contact", ids, now, True)
        self.index.remove_contacts(ids)
        return changed

    def restore(self, ids: Sequence[int], now: dt.datetime) -> int:
        changed = set_trashed(self.db, "contact", ids, now, False)
        self.index.reindex_contacts(ids)
        return changed

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed contacts for good, with everything that hangs off them.

        Ids of live contacts are ignored: only what is in the trash can be purged.
        """
        removed = 0
        for chunk in chunks(list(ids)):
            trashed = [r[0] for r in self.db.execute_sql(
                f"SELECT id FROM contact WHERE deleted_at IS NOT NULL AND id IN ({marks(len(chunk))})",
                chunk)]
            if not trashed:
                continue
            m = marks(len(trashed))
            self.db.execute_sql(
                f"DELETE FROM custom_value WHERE record_id IN ({m}) AND field_id IN "
                f"(SELECT id FROM custom_field WHERE entity = 'contact')", trashed)
            cur = self.db.execute_sql(f"DELETE FROM contact WHERE id IN ({m})", trashed)
            removed += cur.rowcount
            self.index.remove_contacts(trashed)
        return removed

    def set_company(self, ids: Sequence[int], company_id: int | None, company_name: str,
                    now: dt.datetime) -> None:
        for chunk in chunks(list(ids)):
            self.db.execute_sql(
                f"UPDATE contact SET company_id = ?, company_name = ?, updated_at = ? "
                f"WHERE id IN ({marks(len(chunk))})", (company_id, company_name, ts(now), *chunk))
        self.index.reindex_contacts(ids)

    # -- reading -------------------------------------------------------------------------
    def get(self, contact_id: int, include_deleted: bool = False) -> ContactRecord:
        row = self.db.execute_sql(
            f"SELECT id, uuid, created_at, updated_at, deleted_at, {', '.join(_ROW_COLUMNS)} "
            f"FROM contact WHERE id = ?", (contact_id,)).fetchone()
        if row is None or (row[4] is not None and not include_deleted):
            raise NotFoundError("contact", contact_id)
        stamp = Stamp(row[0], row[1], parse_ts(row[2]), parse_ts(row[3]), parse_ts(row[4]))
        values = dict(zip(_ROW_COLUMNS, row[5:], strict=True))
        draft = ContactDraft(**{f: values[f] for f in _ROW_FIELDS})
        draft.company_id = values["company_id"]
        draft.company_name = values["company_name"]
        draft.birthday = dt.date.fromisoformat(values["birthday"]) if values["birthday"] else None
        draft.do_not_contact = bool(draft.do_not_contact)
        for name in ("consent_given_on", "consent_withdrawn_on"):
            setattr(draft, name, dt.date.fromisoformat(values[name]) if values[name] else None)
        for channel, kind, label, value in self.db.execute_sql(
                "SELECT channel, kind, label, value FROM contact_channel WHERE contact_id = ? "
                "ORDER BY channel, position", (contact_id,)):
            target = {"email": draft.emails, "phone": draft.phones}.get(channel, draft.handles)
            target.append(Channel(value, label, kind))
        draft.tags = [r[0] for r in self.db.execute_sql(
            "SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            "WHERE ct.contact_id = ? AND t.deleted_at IS NULL ORDER BY lower(t.name)", (contact_id,))]
        draft.custom = self.custom.values(contact_id, "contact")
        return ContactRecord(stamp, draft, values["full_name"])

    def count(self, q: ListQuery = ListQuery()) -> int:
        if (not q.search and q.tag_id is None and q.owner_id is None and q.company_id is None
                and q.segment is None):
            # All rows minus the trashed ones: SQLite counts a whole table from its b-tree
            # pages without reading rows, and the trashed are few and indexed, so this costs
            # well under a millisecond where a scan of the live rows costs ~50 ms per million.
            return self.db.execute_sql(
                "SELECT (SELECT count(*) FROM contact) "
                "- (SELECT count(*) FROM contact WHERE deleted_at IS NOT NULL)").fetchone()[0]
        if q.search and q.tag_id is None and q.owner_id is None and q.company_id is None \
                and q.segment is None:
            expr = SearchIndex.match_expression(q.search)
            if expr:
                # The index holds a document for every live contact and for nothing else
                # (see SearchIndex), so a search alone is counted there: no row lookup per match.
                return self.db.execute_sql(
                    "SELECT count(*) FROM contact_fts WHERE contact_fts MATCH ?", (expr,)).fetchone()[0]
        return count_list(self.db, "contact", q, list_where)  # in parts at once where that helps

    def page(self, q: ListQuery, offset: int, limit: int) -> list[tuple]:
        """``limit`` list rows (LIST_COLUMNS) starting at ``offset`` in the query's order."""
        if q.sort == "score":  # read in the order of the scores' own index
            where, params = list_where(q)
            return score_page(self.db, where, params, _LIST_OWN, q.descending, offset, limit)
        sql, params = self.page_sql(q)
        return self.db.execute_sql(sql, (*params, limit, offset)).fetchall()

    def page_sql(self, q: ListQuery) -> tuple[str, list]:
        """The statement ``page`` runs for ``q`` (any sort but the score's), and its parameters
        but the trailing LIMIT and OFFSET."""
        where, params = list_where(q)
        order = SORT_SQL.get(q.sort, SORT_SQL["name"])
        direction = "DESC" if q.descending else "ASC"
        if self._broad_search(q):
            # Many matches: walk the sort's index and keep the rows whose id is in the (once
            # collected) match set, until the page is full, instead of reading every matching
            # row and sorting them all (a filter "a" matches ~45% of the people: ~450,000 row
            # reads, all of an encrypted table's pages decrypted, against a few hundred).
            # The unary + keeps SQLite from driving the query by those ids.
            match = f"id IN ({SearchIndex.match_subquery('contact_fts')})"
            where = where.replace(match, f"+{match}", 1)
        return (f"SELECT {_LIST_OWN}, {SCORE_SQL} FROM contact WHERE {where} "
                f"ORDER BY {order} {direction}, id {direction} LIMIT ? OFFSET ?", list(params))

    def _broad_search(self, q: ListQuery) -> bool:
        """Whether the list's search matches at least BROAD_MATCHES people (counted no further)."""
        expr = SearchIndex.match_expression(q.search) if q.search else None
        if not expr:
            return False
        return self.db.execute_sql(
            "SELECT count(*) FROM (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ? LIMIT ?)",
            (expr, BROAD_MATCHES)).fetchone()[0] >= BROAD_MATCHES

    def tags_for(self, ids: Sequence[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for chunk in chunks(list(ids)):
            for cid, name in self.db.execute_sql(
                    f"SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
                    f"WHERE ct.contact_id IN ({marks(len(chunk))}) AND t.deleted_at IS NULL "
                    f"ORDER BY lower(t.name)", chunk):
                out.setdefault(cid, []).append(name)
        return out

    def names(self, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        out = {}
        for chunk in chunks(list(ids)):
            for cid, name, company in self.db.execute_sql(
                    f"SELECT id, full_name, company_name FROM contact WHERE id IN ({marks(len(chunk))})",
                    chunk):
                out[cid] = (name, company)
        return out

    def trashed(self, limit: int = 10_000) -> list[tuple[int, str, str]]:
        return self.db.execute_sql(
            "SELECT id, full_name, deleted_at FROM contact WHERE deleted_at IS NOT NULL "
            "ORDER BY deleted_at DESC LIMIT ?", (limit,)).fetchall()

    def find_by_channel(self, channel: str, values: Sequence[str], exclude_id: int | None = None
                        ) -> list[DuplicateHit]:
        if not values:
            return []
        rows = self.db.execute_sql(
            f"SELECT c.id, c.full_name, ch.normalized FROM contact_channel ch "
            f"JOIN contact c ON c.id = ch.contact_id "
            f"WHERE ch.channel = ? AND ch.normalized IN ({marks(len(values))}) "
            f"AND c.deleted_at IS NULL AND c.id IS NOT ?", (channel, *values, exclude_id))
        return [DuplicateHit(cid, name, channel, value) for cid, name, value in rows]

    def existing_channels(self, channel: str, values: Sequence[str]) -> set[str]:
        """Which of ``values`` some live contact already has (for bulk duplicate checks)."""
        found: set[str] = set()
        for chunk in chunks(list(values)):
            for (value,) in self.db.execute_sql(
                    f"SELECT ch.normalized FROM contact_channel ch JOIN contact c ON c.id = ch.contact_id "
                    f"WHERE ch.channel = ? AND ch.normalized IN ({marks(len(chunk))}) "
                    f"AND c.deleted_at IS NULL", (channel, *chunk)):
                found.add(value)
        return found

    def ids_of_company(self, company_id: int) -> list[int]:
        return [r[0] for r in self.db.execute_sql(
            "SELECT id FROM contact WHERE company_id = ?", (company_id,))]
