"""Rows for exports, streamed from one SELECT in the list's own filter and order.

A list page reads windows of rows by OFFSET, which is right for a view and wrong for an
export: reading a million rows that way steps over rows quadratically. An export runs the
list's query once (the same WHERE as ``list_where``, the same ORDER BY as ``page``) and
fetches it in batches; the statement keeps one consistent snapshot of the database for the
whole file while writers carry on (WAL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import peewee as pw

from ..core import deals as deal_rules
from ..core.deals import DealFilter
from ..core.query import ListQuery
from . import companies as company_sql
from . import contacts as contact_sql
from . import deals as deal_sql

CUSTOM_PREFIX = "custom:"
_EXCEL_EPOCH_JULIAN = 2415018.5  # 1899-12-30 00:00, day 0 of Excel's 1900 date system
DIRECT_PAGES = 4  # pages of an export read by OFFSET before the list's order is taken (json_pages)


def _serial(timestamp_sql: str) -> str:
    """To the second, as ``export_values.local_time`` gives it: the fraction is cut off, not rounded."""
    return (f"(round((julianday(substr({timestamp_sql}, 1, 19), 'localtime') - {_EXCEL_EPOCH_JULIAN})"
            f" * 86400.0) / 86400.0)")


def _tags(link: str, owner: str) -> str:
    """The record's tag ids, comma-separated: read from the link table's primary key alone (a
    third of the time of joining and sorting the names per row); ``tag_names`` names them."""
    return f"(SELECT group_concat(tag_id) FROM {link} WHERE {owner}_id = {owner}.id)"


# The live tags in the order the lists name them (see ExportStore.json_pages): a temporary table of
# the reading connection, made for one export.
_TAG_ORDER = "temp.export_tag"


def _tag_names(link: str, owner: str, owner_id: str) -> str:
    """The record's live tag names, ", "-separated in the lists' order; NULL when it has none."""
    return (f"(SELECT group_concat(name, ', ') FROM (SELECT t.name FROM {link} l JOIN {_TAG_ORDER} t "
            f"ON t.id = l.tag_id WHERE l.{owner}_id = {owner_id} ORDER BY t.position))")


def _owner_name(owner_id: str) -> str:
    return f"(SELECT name FROM app_user WHERE id = {owner_id})"


def _channels(channel: str) -> str:
    return (f"(SELECT group_concat(value, '; ') FROM (SELECT value FROM contact_channel "
            f"WHERE contact_id = contact.id AND channel = '{channel}' ORDER BY position))")


def _handles(kind: str) -> str:
    return (f"(SELECT group_concat(value, '; ') FROM (SELECT value FROM contact_channel "
            f"WHERE contact_id = contact.id AND channel = 'handle' AND kind = '{kind}' ORDER BY position))")


# Every e-mail and phone with its label, for vCards: fields split by \x1f, entries by \x1e.
_LABELLED_CHANNELS = (
    "(SELECT group_concat(channel || char(31) || label || char(31) || value, char(30)) FROM "
    "(SELECT channel, label, value FROM contact_channel WHERE contact_id = contact.id "
    "AND channel IN ('email', 'phone') ORDER BY channel, position))")


@dataclass(frozen=True)
class Entity:
    """What can be exported of one table: SQL for each field, the list's filter and order."""

    table: str
    fields: Mapping[str, str]  # field key → SQL expression over the table's row
    sort_sql: Mapping[str, str]
    where: object  # (query) → (sql, params), the list's own filter
    source: str = ""  # the FROM clause, when not just the table
    id_column: str = "id"
    # SQL giving the names of fields that ``fields`` gives as stored ids (tags, owner), for
    # ``json_pages``: the names are then made on the reading thread, not per row in Python.
    names: Mapping[str, str] = field(default_factory=dict)

    @property
    def qualified_id(self) -> str:
        """The row's id as a subquery refers to it (``id`` alone would be the subquery's own)."""
        return self.id_column if "." in self.id_column else f"{self.table}.{self.id_column}"

    @property
    def from_sql(self) -> str:
        return self.source or f"FROM {self.table}"


@dataclass(frozen=True)
class DealQuery:
    """The deal list's query: its filter and its sort order (a key of DEAL_SORT_KEYS)."""

    filter: DealFilter = field(default_factory=lambda: DealFilter(status=""))
    sort: str = "updated"
    descending: bool = True


def _amount(value: str, currency: str) -> str:
    """Minor units as an amount: cents ÷ 100, yen ÷ 1, fils ÷ 1000 (core.deals' exponents)."""
    exponents = getattr(deal_rules, "_EXPONENTS", {})
    cases = " ".join(f"WHEN '{code}' THEN {10 ** exp}" for code, exp in sorted(exponents.items()) if exp != 2)
    divisor = f"(CASE upper({currency}) {cases} ELSE 100 END)" if cases else "100"
    return f"({value} * 1.0 / {divisor})"


CONTACT = Entity("contact", {
    "id": "id", "uuid": "uuid", "name": "full_name", "given_name": "given_name",
    "family_name": "family_name", "company": "company_name", "title": "title", "email": "email",
    "phone": "phone", "emails": _channels("email"), "phones": _channels("phone"),
    "channels": _LABELLED_CHANNELS,
    "wechat": _handles("wechat"), "qq": _handles("qq"), "linkedin": _handles("linkedin"),
    "tags": _tags("contact_tag", "contact"), "owner": "owner_id", "street": "street",
    "city": "city", "region": "region", "postal_code": "postal_code", "country": "country",
    "website": "website", "birthday": "birthday", "source": "source", "notes": "notes",
    "created": "created_at", "updated": "updated_at",
    "do_not_contact": "do_not_contact", "lawful_basis": "lawful_basis", "consent_given": "consent_given_on",
    "consent_withdrawn": "consent_withdrawn_on", "consent_note": "consent_note",
    "score": contact_sql.SCORE_SQL,
}, {**contact_sql.SORT_SQL, "score": contact_sql.SCORE_SQL}, contact_sql.list_where,
    names={"tags": _tag_names("contact_tag", "contact", "contact.id"),
           "owner": _owner_name("contact.owner_id")})

COMPANY = Entity("company", {
    "id": "id", "uuid": "uuid", "name": "name", "industry": "industry",
    "people": "(SELECT count(*) FROM contact c WHERE c.company_id = company.id AND c.deleted_at IS NULL)",
    "phone": "phone", "email": "email", "website": "website", "tags": _tags("company_tag", "company"),
    "owner": "owner_id", "street": "street", "city": "city", "region": "region",
    "postal_code": "postal_code", "country": "country", "employees": "employees", "source": "source",
    "notes": "notes", "created": "created_at", "updated": "updated_at",
}, company_sql.SORT_SQL, company_sql.list_where,
    names={"tags": _tag_names("company_tag", "company", "company.id"),
           "owner": _owner_name("company.owner_id")})

DEAL = Entity("deal", {
    "id": "d.id", "uuid": "d.uuid", "title": "d.title", "company": "coalesce(co.name, '')",
    "contact": "coalesce(ct.full_name, '')",
    "stage": "coalesce(s.name, '') || char(31) || coalesce(s.key, '')",  # a default stage is named by key
    "value": _amount("d.value_minor", "d.currency"), "currency": "d.currency",
    "probability": "coalesce(d.probability, s.probability)", "expected_close": "d.expected_close",
    "owner": "coalesce(u.name, '')", "status": "d.status", "lost_reason": "d.lost_reason",
    "closed": "d.closed_at", "source": "d.source", "next_step": "d.next_step", "notes": "d.notes",
    "tags": "(SELECT group_concat(tag_id) FROM deal_tag WHERE deal_id = d.id)",
    "created": "d.created_at", "updated": "d.updated_at",
}, deal_sql.DEAL_SORT_KEYS, lambda q: deal_sql.where(q.filter),
    source=("FROM deal d LEFT JOIN stage s ON s.id = d.stage_id LEFT JOIN company co ON co.id = d.company_id "
            "LEFT JOIN contact ct ON ct.id = d.contact_id LEFT JOIN app_user u ON u.id = d.owner_id"),
    id_column="d.id", names={"tags": _tag_names("deal_tag", "deal", "d.id")})

ENTITIES = {"contact": CONTACT, "company": COMPANY, "deal": DEAL}


class ExportStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def _where(self, entity: Entity, query: ListQuery, ids: Sequence[int] | None) -> tuple[str, list]:
        where, params = entity.where(query)
        if ids is not None:
            where += f" AND {entity.id_column} IN (SELECT value FROM json_each(?))"
            params = [*params, json.dumps(list(ids))]
        return where, params

    def condition(self, entity: Entity, query: ListQuery, ids: Sequence[int] | None = None
                  ) -> tuple[str, list]:
        """The WHERE condition (and its parameters) of an export of ``query`` (and ``ids``)."""
        return self._where(entity, query, ids)

    def count(self, entity: Entity, query: ListQuery, ids: Sequence[int] | None = None) -> int:
        where, params = self._where(entity, query, ids)
        return self.db.execute_sql(f"SELECT count(*) {entity.from_sql} WHERE {where}",
                                   params).fetchone()[0]

    def rows(self, entity: Entity, query: ListQuery, keys: Sequence[str], ids: Sequence[int] | None = None,
             batch: int = 2000, offset: int = 0, serials: frozenset[str] = frozenset()
             ) -> Iterator[list[tuple]]:
        """Batches of rows with the ``keys`` fields, in the list's order (ties by id, as ``page``),
        from the ``offset``-th on (SQLite steps over the ones before without building them).

        The timestamps of the ``serials`` keys come as spreadsheet serial numbers in local time
        (days since 1899-12-30, to the second), worked out by SQLite in C rather than in Python.
        """
        where, params = self._where(entity, query, ids)
        order = entity.sort_sql.get(query.sort) or next(iter(entity.sort_sql.values()))
        direction = "DESC" if query.descending else "ASC"
        sql = [self._field_sql(entity, k) for k in keys]
        columns = ", ".join(_serial(s) if k in serials else s for k, s in zip(keys, sql, strict=True))
        cursor = self.db.execute_sql(
            f"SELECT {columns} {entity.from_sql} WHERE {where} "
            f"ORDER BY {order} {direction}, {entity.id_column} {direction} LIMIT -1 OFFSET ?",
            [*params, offset])
        try:
            while rows := cursor.fetchmany(batch):
                yield rows
        finally:
            cursor.close()

    def json_pages(self, entity: Entity, query: ListQuery, keys: Sequence[str],
                   ids: Sequence[int] | None = None, batch: int = 2000, offset: int = 0,
                   serials: frozenset[str] = frozenset(), reals: frozenset[str] = frozenset(),
                   stop=None, named: frozenset[str] = frozenset()) -> Iterator[str]:
        """The rows ``rows`` gives, as JSON text: one string per page of ``batch`` rows, ``[[...], ...]``.

        Each page is built by SQLite alone, in one step of one statement, during which the
        sqlite3 module lets go of the GIL: read on a thread of its own, the rows cost the thread
        that writes them one ``json.loads`` per page instead of a Python tuple per row. The
        list's order is taken once into a temporary table of ids (its rowid is the position);
        pages are read from it by position (the first ``DIRECT_PAGES`` straight from the list's
        query), all in one read transaction (one snapshot). Real
        numbers of the ``serials`` and ``reals`` keys keep all 17 digits (JSON would keep 15).
        ``stop`` (a threading.Event) ends the reading after the current page. The ``named`` keys
        come as names (``Entity.names``) instead of ids: tags as ``tag_names`` sorted by
        ``str.lower`` (ties by id), owners by name, so the writing thread has nothing to convert.
        """
        where, params = self._where(entity, query, ids)
        order = entity.sort_sql.get(query.sort) or next(iter(entity.sort_sql.values()))
        direction = "DESC" if query.descending else "ASC"
        values = []
        for key in keys:
            sql = entity.names[key] if key in named else self._field_sql(entity, key)
            if key in serials or key in reals:
                number = _serial(sql) if key in serials else sql
                sql = f"(CASE WHEN {sql} IS NULL THEN NULL ELSE json(printf('%!.17g', {number})) END)"
            values.append(sql)
        # The rows' JSON texts joined as they are (json_group_array would parse each one again).
        page = (f"SELECT '[' || coalesce(group_concat(j, ','), '') || ']' FROM "
                f"(SELECT json_array({', '.join(values)}) AS j "
                f"{entity.from_sql} JOIN temp.export_order _pos ON _pos.listed_id = {entity.id_column} "
                f"WHERE _pos.rowid > ? AND _pos.rowid <= ? ORDER BY _pos.rowid)")
        ordered = (f"{entity.from_sql} WHERE {where} "
                   f"ORDER BY {order} {direction}, {entity.id_column} {direction}")
        # The first pages straight from the list's query, by LIMIT and OFFSET (cheap so near the
        # start): the writer has them while the order of the whole list is taken (~60 ms at 100k
        # rows, ~0.6 s at 1M, during which it waited).
        direct = (f"SELECT count(*), '[' || coalesce(group_concat(j, ','), '') || ']' FROM "
                  f"(SELECT json_array({', '.join(values)}) AS j {ordered} LIMIT ? OFFSET ?)")
        self.db.execute_sql("BEGIN")
        try:
            if named:
                self._order_tags()
            start = offset
            for _ in range(DIRECT_PAGES):
                if stop is not None and stop.is_set():
                    return
                count, text = self.db.execute_sql(direct, [*params, batch, start]).fetchone()
                if count:
                    yield text
                if count < batch:
                    return
                start += batch
            self.db.execute_sql("DROP TABLE IF EXISTS temp.export_order")
            self.db.execute_sql(f"CREATE TEMP TABLE export_order AS SELECT {entity.id_column} AS listed_id "
                                f"{ordered}", params)
            (last,) = self.db.execute_sql("SELECT coalesce(max(rowid), 0) FROM temp.export_order").fetchone()
            for first in range(start, last, batch):
                if stop is not None and stop.is_set():
                    return
                (text,) = self.db.execute_sql(page, (first, first + batch)).fetchone()
                yield text
        finally:
            self.db.execute_sql("ROLLBACK")  # the temporary table goes with it

    def _order_tags(self) -> None:
        """The live tags with their position in the order a list names a record's tags: by name
        as ``str.lower`` folds it (SQLite's lower() folds ASCII only), equal names by id (the
        order of the link tables' keys). Gone with the export's transaction."""
        ordered = sorted(self.tag_names().items(), key=lambda item: (item[1].lower(), item[0]))
        self.db.execute_sql(f"DROP TABLE IF EXISTS {_TAG_ORDER}")
        self.db.execute_sql(f"CREATE TEMP TABLE {_TAG_ORDER.split('.')[1]} "
                            "(id INTEGER PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL)")
        self.db.cursor().executemany(f"INSERT INTO {_TAG_ORDER} VALUES (?, ?, ?)",
                                     [(i, name, n) for n, (i, name) in enumerate(ordered)])

    def currencies(self, entity: Entity, query, ids: Sequence[int] | None = None) -> list[str]:
        """The currencies of the deals an export takes (to format their amounts); at most two."""
        where, params = self._where(entity, query, ids)
        return [r[0] for r in self.db.execute_sql(
            f"SELECT DISTINCT d.currency {entity.from_sql} WHERE {where} LIMIT 2", params)]

    @staticmethod
    def _field_sql(entity: Entity, key: str) -> str:
        """A field's SQL; ``custom:<id>`` is the value of that custom field."""
        if key.startswith(CUSTOM_PREFIX):
            field_id = int(key.removeprefix(CUSTOM_PREFIX))
            return (f"(SELECT value FROM custom_value WHERE field_id = {field_id} "
                    f"AND record_id = {entity.qualified_id})")
        return entity.fields[key]

    def user_names(self) -> dict[int, str]:
        """Every owner's name by id (owners are few: named in Python, not per row in SQL)."""
        return dict(self.db.execute_sql("SELECT id, name FROM app_user").fetchall())

    def tag_names(self) -> dict[int, str]:
        """Every live tag's name by id."""
        return dict(self.db.execute_sql("SELECT id, name FROM tag WHERE deleted_at IS NULL").fetchall())

    def release_thread(self) -> None:
        """Close this thread's connection (a worker thread that is about to end)."""
        if not self.db.is_closed():
            self.db.close()
