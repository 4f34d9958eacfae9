"""Keeping the FTS5 tables in step with the records, and querying them.

Every write that changes what a record can be found by calls ``reindex_*`` for
the touched ids inside the same transaction, so the index never disagrees with
the data a user sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import peewee as pw

from ..core.phones import search_forms
from ..core.records import Channel
from ..core.text import fts_match_expression, index_text

_CHUNK = 500  # ids per statement: well under SQLite's variable limit
_RANGE = 5000  # contacts per range read when indexing everything


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def contact_document(
    full_name: str, company: str, emails: Iterable[str], phones: Iterable[str],
    tags: Iterable[str], notes: str, title: str, city: str,
) -> tuple[str, str, str, str, str, str]:
    return (
        index_text(full_name),
        index_text(company),
        " ".join(emails),
        " ".join(search_forms(p) for p in phones),
        index_text(" ".join(tags)),
        index_text(" ".join(p for p in (title, city, notes) if p)),
    )


class ContactDocuments:
    """Documents for many contacts at once: a bulk insert names the same few companies and
    tag sets over and over, so each distinct one is folded for the index only once."""

    def __init__(self) -> None:
        self._companies: dict[str, str] = {}
        self._tags: dict[tuple[str, ...], str] = {}

    def build(self, rowid: int, full_name: str, company: str, emails: Sequence[Channel],
              phones: Sequence[Channel], tags: Sequence[str], notes: str, title: str, city: str
              ) -> tuple:
        """(rowid, *contact_document(...)) for channels as records hold them."""
        company_text = self._companies.get(company)
        if company_text is None:
            company_text = self._companies[company] = index_text(company)
        key = tuple(tags)
        tag_text = self._tags.get(key)
        if tag_text is None:
            tag_text = self._tags[key] = index_text(" ".join(tags))
        return (
            rowid, index_text(full_name), company_text,
            " ".join([e.value for e in emails]),
            " ".join([search_forms(p.value) for p in phones]),
            tag_text,
            index_text(" ".join([p for p in (title, city, notes) if p])),
        )


def company_document(
    name: str, email: str, phone: str, website: str, tags: Iterable[str], notes: str,
    industry: str, city: str, country: str,
) -> tuple[str, str, str, str, str, str]:
    return (
        index_text(name),
        " ".join(p for p in (email, website) if p),
        search_forms(phone) if phone else "",
        index_text(" ".join(tags)),
        index_text(" ".join(p for p in (industry, notes) if p)),
        index_text(" ".join(p for p in (city, country) if p)),
    )


class SearchIndex:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    # -- writing ------------------------------------------------------------------------
    def put_contacts(self, rows: Sequence[tuple[int, tuple]]) -> None:
        """Insert documents for ids that have none yet (fresh inserts)."""
        self.put_documents([(rid, *doc) for rid, doc in rows])

    def put_documents(self, rows: Sequence[tuple]) -> None:
        """Insert (rowid, name, company, emails, phones, tags, notes) rows for new contacts."""
        self.db.connection().executemany(
            "INSERT INTO contact_fts(rowid, name, company, emails, phones, tags, notes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def remove_contacts(self, ids: Sequence[int]) -> None:
        for chunk in _chunks(list(ids)):
            self.db.execute_sql(f"DELETE FROM contact_fts WHERE rowid IN ({_marks(len(chunk))})", chunk)

    def reindex_contacts(self, ids: Sequence[int]) -> None:
        """Rebuild the documents of live contacts among ``ids``; drop the others."""
        ids = list(ids)
        self.remove_contacts(ids)
        for chunk in _chunks(ids):
            self.put_contacts(self._contact_documents(f"IN ({_marks(len(chunk))})", chunk))

    def _contact_documents(self, where: str, params: Sequence) -> list[tuple[int, tuple]]:
        """Documents of the live contacts whose id satisfies ``id <where>`` (IN or BETWEEN)."""
        rows = self.db.execute_sql(
            f"SELECT id, full_name, company_name, notes, title, city FROM contact "
            f"WHERE id {where} AND deleted_at IS NULL", params).fetchall()
        channels: dict[int, dict[str, list[str]]] = {}
        # "+channel": a condition the (channel, normalized) index must not serve. Without
        # it SQLite reads every e-mail and phone of the table through that index (seconds
        # at a million contacts) instead of this contact range through contact_channel_contact.
        for cid, channel, value in self.db.execute_sql(
            f"SELECT contact_id, channel, value FROM contact_channel WHERE contact_id {where} "
            f"AND +channel IN ('email', 'phone') ORDER BY position", params):
            channels.setdefault(cid, {}).setdefault(channel, []).append(value)
        tags: dict[int, list[str]] = {}  # in tag id order, as a bulk insert writes them
        for cid, name in self.db.execute_sql(
            f"SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            f"WHERE ct.contact_id {where} AND t.deleted_at IS NULL ORDER BY ct.contact_id, ct.tag_id",
            params):
            tags.setdefault(cid, []).append(name)
        docs = []
        for cid, full_name, company, notes, title, city in rows:
            ch = channels.get(cid, {})
            docs.append((cid, contact_document(
                full_name, company, ch.get("email", []), ch.get("phone", []),
                tags.get(cid, []), notes, title, city)))
        return docs

    def remove_companies(self, ids: Sequence[int]) -> None:
        for chunk in _chunks(list(ids)):
            self.db.execute_sql(f"DELETE FROM company_fts WHERE rowid IN ({_marks(len(chunk))})", chunk)

    def reindex_companies(self, ids: Sequence[int]) -> None:
        ids = list(ids)
        self.remove_companies(ids)
        for chunk in _chunks(ids):
            marks = _marks(len(chunk))
            rows = self.db.execute_sql(
                f"SELECT id, name, email, phone, website, notes, industry, city, country "
                f"FROM company WHERE id IN ({marks}) AND deleted_at IS NULL", chunk).fetchall()
            tags: dict[int, list[str]] = {}
            for cid, name in self.db.execute_sql(
                f"SELECT ct.company_id, t.name FROM company_tag ct JOIN tag t ON t.id = ct.tag_id "
                f"WHERE ct.company_id IN ({marks}) AND t.deleted_at IS NULL", chunk):
                tags.setdefault(cid, []).append(name)
            self.db.connection().executemany(
                "INSERT INTO company_fts(rowid, name, emails, phones, tags, notes, place) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(r[0], *company_document(r[1], r[2], r[3], r[4], tags.get(r[0], []), r[5],
                                          r[6], r[7], r[8])) for r in rows],
            )

    def rebuild(self) -> None:
        """Rebuild both indexes from scratch (after bulk loads or a repair)."""
        self.db.execute_sql("DELETE FROM contact_fts")
        self.db.execute_sql("DELETE FROM company_fts")
        self.index_all()

    def index_all(self) -> None:
        """Fill empty index tables with a document for every live record.

        Contacts are read in ranges of ids: a million of them cost two hundred range scans
        of the primary key and of the channel and tag indexes instead of a million-id list
        and IN lookups, and documents go in in rowid order, the cheapest for FTS5.
        """
        last = 0
        while True:
            (high,) = self.db.execute_sql(
                "SELECT max(id) FROM (SELECT id FROM contact WHERE id > ? ORDER BY id LIMIT ?)",
                (last, _RANGE)).fetchone()
            if high is None:
                break
            self.put_contacts(self._contact_documents("BETWEEN ? AND ?", (last + 1, high)))
            last = high
        ids = [r[0] for r in self.db.execute_sql("SELECT id FROM company WHERE deleted_at IS NULL")]
        self.reindex_companies(ids)

    # -- reading ------------------------------------------------------------------------
    def find(self, table: str, text: str, limit: int) -> list[int]:
        """Ids of records matching ``text``: matches in the name first, then anywhere."""
        expr = fts_match_expression(text)
        if expr is None:
            return []
        found: list[int] = []
        for match in (f"name : ({expr})", expr):
            rows = self.db.execute_sql(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?", (match, limit + len(found)))
            for (rowid,) in rows:
                if rowid not in found:
                    found.append(rowid)
                    if len(found) >= limit:
                        return found
        return found

    @staticmethod
    def match_subquery(table: str) -> str:
        return f"SELECT rowid FROM {table} WHERE {table} MATCH ?"

    @staticmethod
    def match_expression(text: str) -> str | None:
        return fts_match_expression(text)
