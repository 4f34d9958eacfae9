"""Tags, users and custom field definitions: the small lookup tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import peewee as pw

from ..core.records import Tag as TagRecord
from ..core.records import User
from .common import new_uuid, ts
from .schema import AppUser, CustomField, Tag


class TagStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def all(self) -> list[TagRecord]:
        query = (Tag.select(Tag.id, Tag.name, Tag.kind, Tag.color)
                 .where(Tag.deleted_at.is_null()).order_by(pw.fn.lower(Tag.name)).tuples())
        return [TagRecord(*row) for row in query]

    def ensure(self, names: Iterable[str], now: dt.datetime, kinds: dict[str, str] | None = None
               ) -> dict[str, int]:
        """Ids for tag names (case-insensitive), creating the missing ones.

        Every spelling given is a key: "VIP" and "vip" both map to the one tag.
        """
        names = [n for n in names if n]
        resolved = self.resolve(names, now, kinds)
        return {n: resolved[n.casefold()][0] for n in names}

    def resolve(self, names: Iterable[str], now: dt.datetime, kinds: dict[str, str] | None = None
                ) -> dict[str, tuple[int, str]]:
        """(id, stored spelling) of each tag name by its case-folded key, creating the missing.

        A missing tag is created as the first of its spellings in ``names``.
        """
        wanted: dict[str, str] = {}
        for name in names:
            if name:
                wanted.setdefault(name.casefold(), name)
        if not wanted:
            return {}
        found: dict[str, tuple[int, str]] = {}
        for tag_id, name in self.db.execute_sql(
                "SELECT id, name FROM tag WHERE deleted_at IS NULL"):
            if name.casefold() in wanted:
                found[name.casefold()] = (tag_id, name)
        stamp = ts(now)
        for key, name in wanted.items():
            if key not in found:
                kind = (kinds or {}).get(name) or _default_kind(name)
                cur = self.db.execute_sql(
                    "INSERT INTO tag(uuid, name, kind, color, created_at, updated_at) "
                    "VALUES (?, ?, ?, '', ?, ?)", (new_uuid(), name, kind, stamp, stamp))
                found[key] = (cur.lastrowid, name)
        return found

    def create(self, name: str, kind: str, color: str, now: dt.datetime) -> int:
        stamp = ts(now)
        cur = self.db.execute_sql(
            "INSERT INTO tag(uuid, name, kind, color, created_at, updated_at) VALUES (?,?,?,?,?,?)",
            (new_uuid(), name, kind, color, stamp, stamp))
        return cur.lastrowid

    def update(self, tag_id: int, name: str, kind: str, color: str, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE tag SET name = ?, kind = ?, color = ?, updated_at = ? WHERE id = ?",
                            (name, kind, color, ts(now), tag_id))

    def set_deleted(self, tag_id: int, deleted: bool, now: dt.datetime) -> bool:
        """Retire a tag or bring it back (the undo of creating one); False when it already was, or
        when another tag took its name meanwhile."""
        state = ("deleted_at IS NULL" if deleted else
                 "deleted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tag other "
                 "WHERE other.deleted_at IS NULL AND lower(other.name) = lower(tag.name))")
        return self.db.execute_sql(f"UPDATE tag SET deleted_at = ?, updated_at = ? WHERE id = ? AND {state}",
                                   (ts(now) if deleted else None, ts(now), tag_id)).rowcount > 0

    def users_of(self, tag_id: int) -> tuple[list[int], list[int]]:
        """(contact ids, company ids) carrying a tag: their search documents name it."""
        contacts = [r[0] for r in self.db.execute_sql(
            "SELECT contact_id FROM contact_tag WHERE tag_id = ?", (tag_id,))]
        companies = [r[0] for r in self.db.execute_sql(
            "SELECT company_id FROM company_tag WHERE tag_id = ?", (tag_id,))]
        return contacts, companies

    def count(self) -> int:
        return Tag.select().where(Tag.deleted_at.is_null()).count()


_KIND_WORDS = {
    "customer": "customer", "client": "customer", "客户": "customer",
    "prospect": "prospect", "lead": "prospect", "潜在客户": "prospect", "线索": "prospect",
    "partner": "partner", "合作伙伴": "partner", "伙伴": "partner",
    "supplier": "supplier", "vendor": "supplier", "供应商": "supplier",
}


def _default_kind(name: str) -> str:
    return _KIND_WORDS.get(name.casefold(), "other")


class UserStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def all(self) -> list[User]:
        query = (AppUser.select(AppUser.id, AppUser.name, AppUser.email, AppUser.color)
                 .where(AppUser.deleted_at.is_null()).order_by(AppUser.id).tuples())
        return [User(*row) for row in query]

    def create(self, name: str, email: str, color: str, now: dt.datetime) -> int:
        stamp = ts(now)
        cur = self.db.execute_sql(
            "INSERT INTO app_user(uuid, name, email, color, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?)", (new_uuid(), name, email, color, stamp, stamp))
        return cur.lastrowid

    def update(self, user_id: int, name: str, email: str, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE app_user SET name = ?, email = ?, updated_at = ? WHERE id = ?",
                            (name, email, ts(now), user_id))

    def count(self) -> int:
        return AppUser.select().where(AppUser.deleted_at.is_null()).count()

    def set_deleted(self, user_id: int, deleted: bool, now: dt.datetime) -> bool:
        """Retire an owner or bring one back (the undo of adding one); False when it already was."""
        state = "deleted_at IS NULL" if deleted else "deleted_at IS NOT NULL"
        return self.db.execute_sql(
            f"UPDATE app_user SET deleted_at = ?, updated_at = ? WHERE id = ? AND {state}",
            (ts(now) if deleted else None, ts(now), user_id)).rowcount > 0

    def owns_anything(self, user_id: int) -> bool:
        """True when any row of any table names the user as its owner."""
        tables = [r[0] for r in self.db.execute_sql(
            "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
            "WHERE m.type = 'table' AND p.name = 'owner_id'")]
        return any(self.db.execute_sql(f"SELECT 1 FROM {table} WHERE owner_id = ? LIMIT 1",
                                       (user_id,)).fetchone() for table in tables)


class CustomFieldStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def fields(self, entity: str) -> list[tuple[int, str, str, str]]:
        """(id, key, label, type) of the live custom fields of an entity, in display order."""
        query = (CustomField.select(CustomField.id, CustomField.key, CustomField.label,
                                    CustomField.field_type)
                 .where(CustomField.entity == entity, CustomField.deleted_at.is_null())
                 .order_by(CustomField.position, CustomField.id).tuples())
        return list(query)

    def set_deleted(self, field_id: int, deleted: bool, now: dt.datetime) -> bool:
        """Retire a custom field or bring it back (the undo of adding one); False when it already was."""
        state = "deleted_at IS NULL" if deleted else "deleted_at IS NOT NULL"
        return self.db.execute_sql(
            f"UPDATE custom_field SET deleted_at = ?, updated_at = ? WHERE id = ? AND {state}",
            (ts(now) if deleted else None, ts(now), field_id)).rowcount > 0

    def has_values(self, field_id: int) -> bool:
        return self.db.execute_sql("SELECT 1 FROM custom_value WHERE field_id = ? AND value != '' LIMIT 1",
                                   (field_id,)).fetchone() is not None

    def create(self, entity: str, key: str, label: str, field_type: str, now: dt.datetime) -> int:
        stamp = ts(now)
        position = self.db.execute_sql(
            "SELECT coalesce(max(position), 0) + 1 FROM custom_field WHERE entity = ?",
            (entity,)).fetchone()[0]
        cur = self.db.execute_sql(
            "INSERT INTO custom_field(uuid, entity, key, label, field_type, position, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?)",
            (new_uuid(), entity, key, label, field_type, position, stamp, stamp))
        return cur.lastrowid

    def values(self, record_id: int, entity: str) -> dict[int, str]:
        rows = self.db.execute_sql(
            "SELECT v.field_id, v.value FROM custom_value v JOIN custom_field f ON f.id = v.field_id "
            "WHERE v.record_id = ? AND f.entity = ?", (record_id, entity))
        return dict(rows.fetchall())

    def set_values(self, record_id: int, entity: str, values: dict[int, str]) -> None:
        self.db.execute_sql(
            "DELETE FROM custom_value WHERE record_id = ? AND field_id IN "
            "(SELECT id FROM custom_field WHERE entity = ?)", (record_id, entity))
        self.db.connection().executemany(
            "INSERT INTO custom_value(field_id, record_id, value) VALUES (?, ?, ?)",
            [(fid, record_id, v) for fid, v in values.items() if v])
