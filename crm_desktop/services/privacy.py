"""Data-protection requests about one person (GDPR/CCPA style): give them their data, or forget them.

``export_person`` writes a zip with ``person.xlsx`` (one sheet per kind of record, every
column, formula-like text neutralised) and the person's attached files under ``files/``.
``erase_person`` removes the person with their timeline, history, search-index entry and
files, after a backup; backups made before keep their copy until rotation removes them,
which ``Erased.backups_holding_copy`` and ``Erased.kept_until`` tell the user.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..core.backups import REASON_BEFORE_ERASE
from ..storage.privacy import PersonalDataStore
from .changes import Change
from .context import ServiceContext

_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


@dataclass(frozen=True)
class Erased:
    contact_id: int
    removed: dict[str, int] = field(default_factory=dict)
    unlinked: dict[str, int] = field(default_factory=dict)
    files_removed: int = 0
    backups_holding_copy: int = 0  # backups made before the erasure, which still hold the person
    kept_until: dt.date | None = None  # when rotation removes the last of them, at the latest


def safe_member_name(name: str, taken: set[str]) -> str:
    """A file name for the zip that cannot leave ``files/`` (no folders, no '..', no drive)."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .") or "file"
    stem, dot, ext = base.rpartition(".") if "." in base else (base, "", "")
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}){dot}{ext}"
    taken.add(candidate.lower())
    return candidate


class PrivacyService:
    def __init__(self, ctx: ServiceContext, attachments_folder: Path | None, backups=None) -> None:
        self.ctx = ctx
        self.store = PersonalDataStore(ctx.storage.database.db)
        self.folder = attachments_folder or ctx.storage.database.path.parent / "attachments"
        self.backups = backups

    # -- export ------------------------------------------------------------------------
    def export_person(self, contact_id: int, target: Path) -> Path:
        """Write everything held about the person to the zip ``target`` (complete or not at all)."""
        target = Path(target)
        with self.ctx.read():
            sheets = self.store.sheets(contact_id)
            files = self.store.attachments(contact_id)
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".zip", dir=target.parent)
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
                with archive.open("person.xlsx", "w") as xlsx:
                    self._workbook(xlsx, sheets)
                self._files(archive, files)
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target

    @staticmethod
    def _workbook(stream, sheets) -> None:
        from ..interchange.writers import ColumnSpec, XlsxWriter  # only here: not needed at start-up

        with tempfile.SpooledTemporaryFile(max_size=16 << 20) as buffer:  # the writer needs to seek
            writer = XlsxWriter(buffer)
            for sheet in sheets:
                writer.begin_sheet(sheet.name, [ColumnSpec(c) for c in sheet.columns] or [ColumnSpec("")])
                writer.write_rows([["" if v is None else v for v in row] for row in sheet.rows])
            writer.close()
            buffer.seek(0)
            while block := buffer.read(1 << 20):
                stream.write(block)

    def _files(self, archive: zipfile.ZipFile, files) -> None:
        taken: set[str] = set()
        listing = ["id\tfile\tsha256\tincluded"]
        for attachment_id, filename, sha in files:
            content = self.folder / sha[:2] / sha
            name = safe_member_name(filename, taken)
            included = content.is_file()
            if included:
                archive.write(content, f"files/{name}")
            listing.append(f"{attachment_id}\t{name}\t{sha}\t{'yes' if included else 'missing'}")
        archive.writestr("files.tsv", "\n".join(listing) + "\n")

    # -- erasure -------------------------------------------------------------------------
    def erase_person(self, contact_id: int) -> Erased:
        """Remove the person and everything about them for good (after a backup)."""
        with self.ctx.read():
            self.store.sheets(contact_id)  # NotFoundError before any backup
        holding = self.backups.list() if self.backups is not None else []
        if self.backups is not None:
            self.backups.before(REASON_BEFORE_ERASE)
            holding = self.backups.list()
        with self.ctx.write():
            erasure = self.store.erase(contact_id)
        with self.ctx.read():
            self.store.finish_erasure()
        removed_files = self._remove_unused(erasure.attachment_hashes)
        self.ctx.changes.emit(Change("contact", "purge", (contact_id,)))
        return Erased(contact_id, erasure.removed, erasure.unlinked, removed_files, len(holding),
                      self._kept_until(holding))

    def _remove_unused(self, hashes: list[str]) -> int:
        removed = 0
        for sha in set(hashes):
            with self.ctx.read():
                if self.store.hash_in_use(sha):
                    continue
            with contextlib.suppress(FileNotFoundError):
                (self.folder / sha[:2] / sha).unlink()
                removed += 1
        return removed

    def _kept_until(self, holding) -> dt.date | None:
        """The latest day rotation can keep a backup made today: the monthly rule's reach."""
        if not holding or self.backups is None:
            return None
        months = max(self.backups.policy.monthly, 1)
        today = self.ctx.clock.now().date()
        return today + dt.timedelta(days=31 * months + 7)
