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
from dataclasses import dataclass

import peewee as pw

from ..core.query import ListQuery
from . import companies as company_sql
from . import contacts as contact_sql


def _tags(link: str, owner: str) -> str:
    return (f"(SELECT group_concat(name, ', ') FROM (SELECT t.name FROM {link} x "
            f"JOIN tag t ON t.id = x.tag_id WHERE x.{owner}_id = {owner}.id AND t.deleted_at IS NULL "
            f"ORDER BY lower(t.name)))")


def _channels(channel: str) -> str:
    return (f"(SELECT group_concat(value, '; ') FROM (SELECT value FROM contact_channel "
            f"WHERE contact_id = contact.id AND channel = '{channel}' ORDER BY position))")


# Every e-mail and phone with its label, for vCards: fields split by \x1f, entries by \x1e.
_LABELLED_CHANNELS = (
    "(SELECT group_concat(channel || char(31) || label || char(31) || value, char(30)) FROM "
    "(SELECT channel, label, value FROM contact_channel WHERE contact_id = contact.id "
    "AND channel IN ('email', 'phone') ORDER BY channel, position))")


def _owner(table: str) -> str:
    return f"(SELECT name FROM app_user WHERE app_user.id = {table}.owner_id)"


@dataclass(frozen=True)
class Entity:
    """What can be exported of one table: SQL for each field, the list's filter and order."""

    table: str
    fields: Mapping[str, str]  # field key → SQL expression over the table's row
    sort_sql: Mapping[str, str]
    where: object  # (ListQuery) → (sql, params), the list's own filter


CONTACT = Entity("contact", {
    "id": "id", "uuid": "uuid", "name": "full_name", "given_name": "given_name",
    "family_name": "family_name", "company": "company_name", "title": "title", "email": "email",
    "phone": "phone", "emails": _channels("email"), "phones": _channels("phone"),
    "channels": _LABELLED_CHANNELS,
    "tags": _tags("contact_tag", "contact"), "owner": _owner("contact"), "street": "street",
    "city": "city", "region": "region", "postal_code": "postal_code", "country": "country",
    "website": "website", "birthday": "birthday", "source": "source", "notes": "notes",
    "created": "created_at", "updated": "updated_at",
}, contact_sql.SORT_SQL, contact_sql.list_where)

COMPANY = Entity("company", {
    "id": "id", "uuid": "uuid", "name": "name", "industry": "industry",
    "people": "(SELECT count(*) FROM contact c WHERE c.company_id = company.id AND c.deleted_at IS NULL)",
    "phone": "phone", "email": "email", "website": "website", "tags": _tags("company_tag", "company"),
    "owner": _owner("company"), "street": "street", "city": "city", "region": "region",
    "postal_code": "postal_code", "country": "country", "employees": "employees", "source": "source",
    "notes": "notes", "created": "created_at", "updated": "updated_at",
}, company_sql.SORT_SQL, company_sql.list_where)

ENTITIES = {"contact": CONTACT, "company": COMPANY}


class ExportStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def _where(self, entity: Entity, query: ListQuery, ids: Sequence[int] | None) -> tuple[str, list]:
        where, params = entity.where(query)
        if ids is not None:
            where += " AND id IN (SELECT value FROM json_each(?))"
            params = [*params, json.dumps(list(ids))]
        return where, params

    def count(self, entity: Entity, query: ListQuery, ids: Sequence[int] | None = None) -> int:
        where, params = self._where(entity, query, ids)
        return self.db.execute_sql(f"SELECT count(*) FROM {entity.table} WHERE {where}",
                                   params).fetchone()[0]

    def rows(self, entity: Entity, query: ListQuery, keys: Sequence[str], ids: Sequence[int] | None = None,
             batch: int = 2000, offset: int = 0) -> Iterator[list[tuple]]:
        """Batches of rows with the ``keys`` fields, in the list's order (ties by id, as ``page``),
        from the ``offset``-th on (SQLite steps over the ones before without building them)."""
        where, params = self._where(entity, query, ids)
        order = entity.sort_sql.get(query.sort, entity.sort_sql["name"])
        direction = "DESC" if query.descending else "ASC"
        columns = ", ".join(entity.fields[k] for k in keys)
        cursor = self.db.execute_sql(
            f"SELECT {columns} FROM {entity.table} WHERE {where} "
            f"ORDER BY {order} {direction}, id {direction} LIMIT -1 OFFSET ?", [*params, offset])
        try:
            while rows := cursor.fetchmany(batch):
                yield rows
        finally:
            cursor.close()

    def release_thread(self) -> None:
        """Close this thread's connection (a worker thread that is about to end)."""
        if not self.db.is_closed():
            self.db.close()
