"""The rows of attached files; the files themselves live in the managed attachments folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import peewee as pw

from ..core.customer import Attachment, Target
from ..core.errors import NotFoundError
from .common import chunks, marks, new_uuid, parse_ts, set_trashed, ts
from .timeline import _scope

_COLUMNS = "f.id, f.filename, f.sha256, f.size, f.mime, f.created_at, f.contact_id, f.company_id"


def _attachment(row: tuple) -> Attachment:
    id_, name, sha, size, mime, created, contact_id, company_id = row
    return Attachment(id_, name, sha, size, mime, parse_ts(created), contact_id, company_id)


class AttachmentStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def add(self, filename: str, sha256: str, size: int, mime: str, contact_id: int | None,
            company_id: int | None, deal_id: int | None, now: dt.datetime) -> int:
        stamp = ts(now)
        return self.db.execute_sql(
            "INSERT INTO attachment(uuid, filename, sha256, size, mime, contact_id, company_id, deal_id, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), filename, sha256, size, mime, contact_id, company_id, deal_id, stamp, stamp),
        ).lastrowid

    def get(self, attachment_id: int, include_deleted: bool = False) -> Attachment:
        row = self.db.execute_sql(
            f"SELECT {_COLUMNS} FROM attachment f WHERE f.id = ?"
            + ("" if include_deleted else " AND f.deleted_at IS NULL"), (attachment_id,)).fetchone()
        if row is None:
            raise NotFoundError("attachment", attachment_id)
        return _attachment(row)

    def for_target(self, target: Target, limit: int = 1000) -> list[Attachment]:
        where, params = _scope("f", target)
        rows = self.db.execute_sql(
            f"SELECT {_COLUMNS} FROM attachment f WHERE {where} AND f.deleted_at IS NULL "
            "ORDER BY f.created_at DESC, f.id DESC LIMIT ?", (*params, limit))
        return [_attachment(r) for r in rows]

    def set_photo(self, target: Target, attachment_id: int | None) -> None:
        """Make an attached image the target's photo (None: no photo)."""
        self.db.execute_sql("DELETE FROM customer_photo WHERE entity = ? AND record_id = ?",
                            (target.kind, target.id))
        if attachment_id is not None:
            self.db.execute_sql("INSERT INTO customer_photo(entity, record_id, attachment_id) "
                                "VALUES (?, ?, ?)", (target.kind, target.id, attachment_id))

    def photo(self, target: Target) -> Attachment | None:
        try:
            return self._photo(target)
        except pw.OperationalError:  # a database made before photos were kept: none yet
            return None

    def _photo(self, target: Target) -> Attachment | None:
        row = self.db.execute_sql(
            f"SELECT {_COLUMNS} FROM customer_photo p JOIN attachment f ON f.id = p.attachment_id "
            "WHERE p.entity = ? AND p.record_id = ? AND f.deleted_at IS NULL",
            (target.kind, target.id)).fetchone()
        return _attachment(row) if row else None

    def photo_uses(self, attachment_id: int) -> int:
        """How many people and companies show this attached image as their photo."""
        return self.db.execute_sql("SELECT count(*) FROM customer_photo WHERE attachment_id = ?",
                                   (attachment_id,)).fetchone()[0]

    def uses_of(self, sha256: str) -> int:
        """How many rows (trashed ones too, they can be restored) point at this content."""
        row = self.db.execute_sql("SELECT count(*) FROM attachment WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0]

    def soft_delete(self, ids: Sequence[int], now: dt.datetime) -> int:
        return set_trashed(self.db, "attachment", ids, now, True)

    def restore(self, ids: Sequence[int], now: dt.datetime) -> int:
        return set_trashed(self.db, "attachment", ids, now, False)

    def purge(self, ids: Sequence[int]) -> list[str]:
        """Delete trashed rows for good; the content hashes no row uses any more."""
        hashes: set[str] = set()
        for part in chunks(list(ids)):
            hashes.update(r[0] for r in self.db.execute_sql(
                f"SELECT sha256 FROM attachment WHERE id IN ({marks(len(part))}) AND deleted_at IS NOT NULL",
                part))
            self.db.execute_sql(f"DELETE FROM attachment WHERE id IN ({marks(len(part))}) "
                                "AND deleted_at IS NOT NULL", part)
        return sorted(h for h in hashes if self.uses_of(h) == 0)

    def trashed(self, limit: int = 10_000) -> list[tuple[int, str, str]]:
        return self.db.execute_sql(
            "SELECT id, filename, deleted_at FROM attachment WHERE deleted_at IS NOT NULL "
            "ORDER BY deleted_at DESC LIMIT ?", (limit,)).fetchall()
