"""Everything stored about one person, read out in full or erased for good.

The tables are found from the schema (every table with a ``contact_id`` column, and
those hanging off a person's deals and orders), so data added by later migrations is
included without this module knowing it. Erasure runs with ``secure_delete`` on, so the
deleted content is overwritten in the file instead of lingering in free pages, and the
search index is optimised afterwards so no old index segment keeps the person's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import peewee as pw

from ..core.errors import NotFoundError
from .common import chunks, marks

# Tables reached through another table: (table, its column, parent table).
_CHILDREN = (
    ("deal_line", "deal_id", "deal"), ("stage_history", "deal_id", "deal"), ("deal_tag", "deal_id", "deal"),
    ("order_line", "order_id", "sales_order"), ("payment", "order_id", "sales_order"),
    ("notification", "task_id", "task"),
)
# Business records that belong to a company as well: unlinked from the person, not deleted.
_SHARED_WITH_COMPANY = ("deal", "sales_order")
_SKIP = {"contact", "contact_fts", "contact_score"}


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: list[str]
    rows: list[tuple]


@dataclass
class Erasure:
    removed: dict[str, int] = field(default_factory=dict)
    unlinked: dict[str, int] = field(default_factory=dict)
    attachment_hashes: list[str] = field(default_factory=list)


class PersonalDataStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    # -- schema ------------------------------------------------------------------------
    def _columns(self, table: str) -> list[str]:
        return [r[1] for r in self.db.execute_sql(f'PRAGMA table_info("{table}")')]

    def _tables(self) -> list[str]:
        rows = self.db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' "
                                   "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name")
        return [r[0] for r in rows]

    def _linked_tables(self) -> list[str]:
        """Tables with a ``contact_id`` column, other than the contact itself."""
        return [t for t in self._tables() if t not in _SKIP and "contact_id" in self._columns(t)]

    def _select(self, table: str, where: str, params: Sequence) -> Sheet:
        columns = self._columns(table)
        rows = self.db.execute_sql(f'SELECT * FROM "{table}" WHERE {where}', params).fetchall()
        return Sheet(table, columns, [tuple(r) for r in rows])

    # -- reading -----------------------------------------------------------------------
    def sheets(self, contact_id: int) -> list[Sheet]:
        """Every row about the person: the record, channels, tags, fields, history, linked rows."""
        person = self._select("contact", "id = ?", (contact_id,))
        if not person.rows:
            raise NotFoundError("contact", contact_id)
        sheets = [person]
        sheets.append(self._query(
            "tags", "SELECT t.name, t.kind FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
                    "WHERE ct.contact_id = ?", ["tag", "kind"], (contact_id,)))
        sheets.append(self._query(
            "custom_fields", "SELECT f.label, v.value FROM custom_value v "
                             "JOIN custom_field f ON f.id = v.field_id "
                             "WHERE f.entity = 'contact' AND v.record_id = ?",
            ["field", "value"], (contact_id,)))
        sheets.append(self._select("field_change", "entity = 'contact' AND record_id = ?", (contact_id,)))
        for table in self._linked_tables():
            where = "contact_id = ?" + (" OR other_id = ?" if table == "relationship" else "")
            params = (contact_id, contact_id) if table == "relationship" else (contact_id,)
            sheets.append(self._select(table, where, params))
        tables = self._tables()
        for child, column, parent in _CHILDREN:
            if child in tables and parent in tables:
                where = f"{column} IN (SELECT id FROM {parent} WHERE contact_id = ?)"
                sheets.append(self._select(child, where, (contact_id,)))
        return sheets

    def _query(self, name: str, sql: str, columns: list[str], params: Sequence) -> Sheet:
        return Sheet(name, columns, [tuple(r) for r in self.db.execute_sql(sql, params).fetchall()])

    def attachments(self, contact_id: int) -> list[tuple[int, str, str]]:
        """(id, file name, sha256) of the person's attached files, trashed ones too."""
        return [tuple(r) for r in self.db.execute_sql(
            "SELECT id, filename, sha256 FROM attachment WHERE contact_id = ? ORDER BY id", (contact_id,))]

    # -- erasing -------------------------------------------------------------------------
    def erase(self, contact_id: int) -> Erasure:
        """Delete the person and everything about them; call inside a write transaction."""
        if not self.db.execute_sql("SELECT 1 FROM contact WHERE id = ?", (contact_id,)).fetchone():
            raise NotFoundError("contact", contact_id)
        self.db.execute_sql("PRAGMA secure_delete = ON")
        result = Erasure(attachment_hashes=[r[2] for r in self.attachments(contact_id)])
        tables = self._tables()
        for child, column, parent in _CHILDREN:
            if child in tables and parent in tables:
                owned = f"SELECT id FROM {parent} WHERE contact_id = ?"
                if parent in _SHARED_WITH_COMPANY:
                    owned += " AND company_id IS NULL"
                self._delete(result, child, f"{column} IN ({owned})", (contact_id,))
        for table in self._linked_tables():
            if table in _SHARED_WITH_COMPANY:
                self._unlink(result, table, contact_id)
            elif table == "relationship":
                self._delete(result, table, "contact_id = ? OR other_id = ?", (contact_id, contact_id))
            else:
                self._delete(result, table, "contact_id = ?", (contact_id,))
        self._erase_own_rows(result, contact_id, tables)
        return result

    def _erase_own_rows(self, result: Erasure, contact_id: int, tables: list[str]) -> None:
        self._delete(result, "custom_value", "record_id = ? AND field_id IN "
                     "(SELECT id FROM custom_field WHERE entity = 'contact')", (contact_id,))
        self._delete(result, "contact_tag", "contact_id = ?", (contact_id,))
        self._delete(result, "contact_channel", "contact_id = ?", (contact_id,))
        if "contact_score" in tables:
            self._delete(result, "contact_score", "contact_id = ?", (contact_id,))
        if "import_row" in tables:
            self._delete(result, "import_row", "entity = 'contact' AND record_id = ?", (contact_id,))
        if "merge_log" in tables:  # a merge keeps a copy of the merged-away record
            self._delete(result, "merge_log", "entity = 'contact' AND (survivor_id = ? OR loser_id = ?)",
                         (contact_id, contact_id))
        self.db.execute_sql("DELETE FROM contact_fts WHERE rowid = ?", (contact_id,))
        self._delete(result, "contact", "id = ?", (contact_id,))
        # After the row: deleting it must not leave a history row of its own behind.
        self._delete(result, "field_change", "entity = 'contact' AND record_id = ?", (contact_id,))

    def _delete(self, result: Erasure, table: str, where: str, params: Sequence) -> None:
        count = self.db.execute_sql(f'DELETE FROM "{table}" WHERE {where}', params).rowcount
        if count:
            result.removed[table] = result.removed.get(table, 0) + count

    def _unlink(self, result: Erasure, table: str, contact_id: int) -> None:
        """The person's own deals/orders go; those of a company lose the link to the person."""
        self._delete(result, table, "contact_id = ? AND company_id IS NULL", (contact_id,))
        count = self.db.execute_sql(f'UPDATE "{table}" SET contact_id = NULL WHERE contact_id = ?',
                                    (contact_id,)).rowcount
        if count:
            result.unlinked[table] = count

    def finish_erasure(self) -> None:
        """After the transaction: no old search segment or WAL page keeps the erased words."""
        self.db.execute_sql("INSERT INTO contact_fts(contact_fts) VALUES('optimize')")
        self.db.execute_sql("PRAGMA secure_delete = OFF")
        self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def hash_in_use(self, sha256: str) -> bool:
        row = self.db.execute_sql("SELECT 1 FROM attachment WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
        return row is not None


class ConsentStore:
    """Who is marked "do not contact", asked for by the reminders and the exports."""

    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def flagged(self, contact_ids: Sequence[int]) -> set[int]:
        """Which of ``contact_ids`` are live people marked "do not contact"."""
        found: set[int] = set()
        for part in chunks(list(contact_ids)):
            found.update(r[0] for r in self.db.execute_sql(
                f"SELECT id FROM contact WHERE id IN ({marks(len(part))}) AND do_not_contact = 1 "
                "AND deleted_at IS NULL", part))
        return found

    def count_flagged(self, where: str, params: Sequence) -> int:
        """How many live people marked "do not contact" match ``where`` (a condition on the
        unaliased ``contact`` table). Read from the partial index of the flagged, who are few:
        a filter that matches many (a tag held by half a million) is checked on them only
        (1.6 s -> milliseconds at a million people, 1% flagged)."""
        return self.db.execute_sql(
            "SELECT count(*) FROM contact INDEXED BY contact_do_not_contact "
            f"WHERE do_not_contact = 1 AND deleted_at IS NULL AND {where}", params).fetchone()[0]

    def flagged_count(self) -> int:
        """How many live people are marked "do not contact" (read from their partial index)."""
        return self.db.execute_sql(
            "SELECT count(*) FROM contact WHERE do_not_contact = 1 AND deleted_at IS NULL").fetchone()[0]
