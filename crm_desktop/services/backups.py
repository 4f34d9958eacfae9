"""Backups, restore and encryption of the database, for the GUI and the command line.

Every backup is a consistent copy made on connections of its own (so it may run on a worker
thread while the app is used): the database file copied under a read snapshot, or SQLite's
online backup API where that cannot be done (see ``storage.backups.copy_database``); it is
verified, described in a manifest (date, reason, size, counts) and followed by rotation.
``before(reason)`` is the hook other services call before an import, a bulk delete or a merge.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ..core.backups import (
    MANIFEST_SUFFIX,
    REASON_BEFORE_ENCRYPTION,
    REASON_BEFORE_RESTORE,
    REASON_DAILY,
    BackupCounts,
    BackupInfo,
    RotationPolicy,
    backup_name,
    is_due,
    parse_backup_name,
)
from ..core.clock import Clock
from ..core.errors import BackupError, StorageError, StorageProblem
from ..core.paths import DataPaths
from ..core.settings import Settings
from ..storage import backups as files
from ..storage.errors import translated_errors
from .changes import Change, ChangeFeed
from .context import ServiceContext

log = logging.getLogger(__name__)

Progress = Callable[[int, int], bool | None]
KEYRING_SERVICE = "crm-desktop"


class _FileOnly:
    """What backups need of a database that is not opened for writing (the command line's)."""

    def __init__(self, path: Path, passphrase: str | None, backup_dir: Path) -> None:
        self.path = path
        self.passphrase = passphrase
        self.backup_dir = backup_dir
        self.busy_timeout_ms = 60_000


class _OfflineContext:
    """Settings, clock and change feed without storage: enough for making and listing backups."""

    def __init__(self, settings: Settings, settings_path: Path | None, clock: Clock) -> None:
        self.settings = settings
        self.settings_path = settings_path
        self.clock = clock
        self.changes = ChangeFeed()

    @contextlib.contextmanager
    def read(self):
        with translated_errors():
            yield


class BackupService:
    def __init__(self, ctx: ServiceContext, default_folder: Path | None = None, database=None) -> None:
        self.ctx = ctx
        self._default_folder = default_folder
        self._database = database

    @classmethod
    def offline(cls, paths: DataPaths, passphrase: str | None = None,
                clock: Clock | None = None) -> BackupService:
        """Backups of a database no one needs to open for writing: they never wait for a writer.

        The command line uses this, so that ``crm-desktop backup`` works while the app is in
        the middle of a long import.
        """
        settings = Settings.load(paths.settings)
        folder = Path(settings.backup_dir).expanduser() if settings.backup_dir else paths.backups
        ctx = _OfflineContext(settings, paths.settings, clock or Clock())
        return cls(ctx, paths.backups, _FileOnly(paths.database, passphrase, folder))

    # -- where and how many ------------------------------------------------------------
    @property
    def database(self):
        return self._database if self._database is not None else self.ctx.storage.database

    @property
    def folder(self) -> Path:
        chosen = self.ctx.settings.backup_dir
        if chosen:
            return Path(chosen).expanduser()
        return self._default_folder or self.database.backup_dir

    @property
    def policy(self) -> RotationPolicy:
        s = self.ctx.settings
        return RotationPolicy(s.backup_keep_recent, s.backup_keep_daily, s.backup_keep_weekly,
                              s.backup_keep_monthly)

    def set_folder(self, folder: Path | None) -> None:
        """Use ``folder`` for new backups (None: the default beside the database); saved at once."""
        if folder is not None:
            with _folder_errors(Path(folder)):
                files.private_dir(Path(folder))
        self.ctx.settings.backup_dir = "" if folder is None else str(folder)
        self.database.backup_dir = self.folder  # backups before a migration go there too
        if self.ctx.settings_path is not None:
            self.ctx.settings.save(self.ctx.settings_path)
        self.ctx.changes.emit(Change("settings", "update"))

    # -- making backups ----------------------------------------------------------------
    def create(self, reason: str = "manual", progress: Progress | None = None, *,
               quick: bool = False) -> BackupInfo:
        """A verified backup of the database as it is now, then rotation. Safe on a worker thread.

        The copy is checked with ``PRAGMA integrity_check``, or with ``quick_check`` when
        ``quick`` (for the backups a user waits for before an import or a delete: at a million
        contacts the full check takes minutes, the quick one seconds); "Verify" runs the full one.
        """
        now = self.ctx.clock.now()
        target = self.folder / backup_name(self.database.path.stem, now, reason)
        while target.exists():  # two in one second: keep both
            now += dt.timedelta(seconds=1)
            target = self.folder / backup_name(self.database.path.stem, now, reason)
        passphrase = self.database.passphrase
        with self.ctx.read(), _folder_errors(self.folder):
            method = files.copy_database(self.database.path, target, passphrase, progress, quick=quick,
                                         timeout=self.database.busy_timeout_ms / 1000)
        info = self._describe(target, verified=True, check="quick_check" if quick else "integrity_check")
        log.info("backup %s (%s, copied by %s)", target, reason, method)
        self.rotate()
        # No change is announced: this may run on a worker thread, and no record changed.
        return info

    def before(self, reason: str) -> BackupInfo:
        """The hook before an import, bulk delete, merge or erase: ``before("import")``.

        Raises StorageError when no backup can be made (e.g. the disk is full): the caller
        then does not go on with its change.
        """
        name = reason if reason.startswith("before-") else f"before-{reason}"
        return self.create(name, quick=True)

    def last_backup_time(self) -> dt.datetime | None:
        stamps = [parsed[0] for p in self._files() if (parsed := parse_backup_name(p.name))]
        return max(stamps, default=None)

    def backup_if_due(self, every: dt.timedelta = dt.timedelta(days=1)) -> BackupInfo | None:
        """The backup on start: made when the last one is older than a day."""
        if not is_due(self.last_backup_time(), self.ctx.clock.now(), every):
            return None
        return self.create(REASON_DAILY)

    # -- the list ------------------------------------------------------------------------
    def _files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [p for p in self.folder.iterdir() if p.is_file() and parse_backup_name(p.name)]

    def list(self) -> list[BackupInfo]:
        """Every backup in the folder, newest first, with what its manifest says."""
        infos = [self._info(p) for p in self._files()]
        return sorted(infos, key=lambda i: i.created_at, reverse=True)

    def _info(self, path: Path) -> BackupInfo:
        when, reason = parse_backup_name(path.name)
        manifest = _read_manifest(path)
        size = path.stat().st_size
        counts = BackupCounts.from_dict(manifest["counts"]) if "counts" in manifest else None
        return BackupInfo(str(path), when, reason, size, manifest.get("verified"), counts,
                          bool(manifest.get("encrypted", not _plain(path))),
                          int(manifest.get("schema_version", 0)), list(manifest.get("problems", [])),
                          str(manifest.get("check", "")))

    def _describe(self, path: Path, *, verified: bool, problems: list[str] | None = None,
                  check: str = "integrity_check") -> BackupInfo:
        passphrase = self.database.passphrase if not _plain(path) else None
        counts, version = (None, 0)
        if not problems:
            counts, version = files.counts(path, passphrase)
        manifest = {"verified": verified and not problems, "check": check,
                    "encrypted": passphrase is not None, "schema_version": version,
                    "problems": problems or []}
        if counts is not None:
            manifest["counts"] = counts.as_dict()
        _write_manifest(path, manifest)
        return self._info(path)

    def verify(self, path: Path) -> BackupInfo:
        """Run ``PRAGMA integrity_check`` on a backup and record the result in its manifest."""
        path = Path(path)
        passphrase = self._passphrase_for(path)
        problems = files.integrity_problems(path, passphrase, fts=True)
        return self._describe(path, verified=not problems, problems=problems)

    def _passphrase_for(self, path: Path) -> str | None:
        if _plain(path):
            return None
        if self.database.passphrase and files.can_open(path, self.database.passphrase):
            return self.database.passphrase
        raise StorageError(StorageProblem.ENCRYPTED, str(path))

    def newest_good(self) -> BackupInfo | None:
        """The newest backup that passes the integrity check now."""
        for info in self.list():
            with contextlib.suppress(StorageError):
                if self.verify(Path(info.path)).verified:
                    return self._info(Path(info.path))
        return None

    # -- rotation ----------------------------------------------------------------------
    def rotate(self) -> list[Path]:
        """Delete the backups the rotation policy no longer keeps; the removed paths.

        A copy cut short by the app being killed (a ``.partial`` file a day old) goes too.
        """
        self._remove_stale_partials()
        paths = self._files()
        stamps = [parse_backup_name(p.name)[0] for p in paths]
        keep = self.policy.keeps(stamps)
        removed = []
        for index, path in enumerate(paths):
            if index not in keep:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                Path(f"{path}{MANIFEST_SUFFIX}").unlink(missing_ok=True)
                removed.append(path)
        return removed

    def _remove_stale_partials(self, age: dt.timedelta = dt.timedelta(days=1)) -> None:
        if not self.folder.is_dir():
            return
        cutoff = dt.datetime.now().timestamp() - age.total_seconds()
        for path in self.folder.glob(".*.partial"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()

    # -- restore -------------------------------------------------------------------------
    def restore(self, backup: Path, progress: Progress | None = None) -> Path:
        """Replace the database's content by ``backup``, after backing up the current state.

        The backup is checked first; the current state is backed up (a damaged database,
        which cannot be, is copied aside as it is); then the backup is copied into the
        open database through the backup API, in one transaction, so the app's other
        connections simply read the restored data next. An older schema is migrated.
        Returns where the previous state was kept.
        """
        backup = Path(backup)
        passphrase = self._passphrase_for(backup)
        problems = files.integrity_problems(backup, passphrase)
        if problems:
            raise StorageError(StorageProblem.CORRUPT, str(backup), "; ".join(problems[:3]))
        try:
            safety = Path(self.create(REASON_BEFORE_RESTORE, quick=True).path)
        except StorageError as exc:
            if exc.problem is not StorageProblem.CORRUPT:
                raise
            safety = _copy_damaged(self.database.path, self.folder)
        with self.ctx.read():
            files.load_into(backup, self.database.db.connection(), passphrase, progress)
        self.database.close()
        self.database.open()  # migrates a backup made by an older version
        self.ctx.changes.emit(Change("all", "reset"))
        return safety

    # -- encryption ----------------------------------------------------------------------
    @staticmethod
    def encryption_available() -> bool:
        return files.cipher_available()

    def set_passphrase(self, passphrase: str | None) -> BackupInfo:
        """Encrypt the database with ``passphrase``, change it, or (None) decrypt it.

        A backup of the current state comes first; the new file is converted from that
        verified copy (a file no connection of the app has open: SQLCipher is a SQLite
        library of its own, and its closing a plain database the app has open would drop
        the app's locks on it), written beside the database, checked against the copy and
        only then renamed over the database.
        """
        safety = self.create(REASON_BEFORE_ENCRYPTION, quick=True)
        old = self.database.passphrase
        path = self.database.path
        incoming = path.with_name(f".{path.name}.converting")
        files.convert(Path(safety.path), incoming, old, passphrase or None)
        self.database.close()
        files.replace_database(path, incoming)
        self.database.db.passphrase = passphrase or None
        self.database.open()
        self.ctx.changes.emit(Change("database", "encryption"))
        return safety

    # -- the OS keychain (optional: ``keyring``) -----------------------------------------
    def keychain_key(self) -> str:
        return str(self.database.path.resolve())

    def remember_passphrase(self, passphrase: str | None) -> bool:
        return remember_passphrase(self.keychain_key(), passphrase)


def keychain():
    """The ``keyring`` module when it is installed and has a usable backend, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        return None if isinstance(keyring.get_keyring(), fail.Keyring) else keyring
    except Exception:  # a broken backend is the same as none
        return None


def remember_passphrase(database_key: str, passphrase: str | None) -> bool:
    """Keep (or with None forget) the passphrase in the OS keychain; False when there is none."""
    ring = keychain()
    if ring is None:
        return False
    try:
        if passphrase:
            ring.set_password(KEYRING_SERVICE, database_key, passphrase)
        else:
            with contextlib.suppress(Exception):
                ring.delete_password(KEYRING_SERVICE, database_key)
    except Exception as exc:
        log.warning("keychain not usable: %s", exc)
        return False
    return True


def remembered_passphrase(database_key: str) -> str | None:
    ring = keychain()
    if ring is None:
        return None
    try:
        return ring.get_password(KEYRING_SERVICE, database_key)
    except Exception as exc:
        log.warning("keychain not usable: %s", exc)
        return None


def needs_passphrase(database: Path) -> bool:
    """Whether the database file is encrypted (and so cannot open without a passphrase)."""
    return database.exists() and database.stat().st_size > 0 and not _plain(database) \
        and files.looks_encrypted(database)


def check_passphrase(database: Path, passphrase: str) -> bool:
    """Whether ``passphrase`` opens the file; reads only, writes nothing."""
    return files.can_open(database, passphrase)


def quick_check(database: Path, passphrase: str | None = None) -> list[str]:
    """``PRAGMA quick_check`` of a closed database file, for the check at start-up."""
    if not database.exists() or database.stat().st_size == 0:
        return []
    return files.integrity_problems(database, passphrase, quick=True)


def restore_closed(database: Path, backup: Path, backup_folder: Path,
                   passphrase: str | None = None) -> Path | None:
    """Restore ``backup`` over a damaged ``database`` that cannot be opened.

    The damaged file is kept in the backup folder (renamed, not deleted; its path is
    returned), then the backup is copied into place through a verified temporary file.
    """
    problems = files.integrity_problems(backup, passphrase)
    if problems:
        raise StorageError(StorageProblem.CORRUPT, str(backup), "; ".join(problems[:3]))
    incoming = database.with_name(f".{database.name}.restoring")
    files.copy_file(backup, incoming, passphrase)
    kept = _keep_damaged(database, backup_folder) if database.exists() else None
    files.replace_database(database, incoming)
    return kept


def _copy_damaged(database: Path, folder: Path) -> Path:
    """Copy a damaged database (and its WAL) into ``folder`` under a name no backup has."""
    files.private_dir(folder)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{database.stem}-damaged-{stamp}{database.suffix}.broken"
    wal = Path(f"{database}-wal")
    if wal.exists():
        files.copy_aside(wal, Path(f"{kept}-wal"))
    files.copy_aside(database, kept)  # the app has it open: no handle of it is closed here
    return kept


def _keep_damaged(database: Path, folder: Path) -> Path:
    """Move a damaged database (and its WAL) into ``folder`` under a name no backup has."""
    files.private_dir(folder)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{database.stem}-damaged-{stamp}{database.suffix}.broken"
    wal = Path(f"{database}-wal")
    if wal.exists():
        shutil.move(str(wal), f"{kept}-wal")
    shutil.move(str(database), str(kept))  # the backup folder may be on another drive
    return kept


def backups_in(folder: Path) -> list[Path]:
    """Backup files in ``folder``, newest first (without opening the database)."""
    if not folder.is_dir():
        return []
    found = [(parsed[0], p) for p in folder.iterdir() if (parsed := parse_backup_name(p.name))]
    return [p for _, p in sorted(found, reverse=True)]


@contextlib.contextmanager
def _folder_errors(folder: Path):
    """A folder that cannot be written is a BackupError; a full disk a StorageError."""
    try:
        yield
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise StorageError(StorageProblem.DISK_FULL, str(folder), str(exc)) from exc
        raise BackupError(str(folder), exc.strerror or str(exc)) from exc


def _plain(path: Path) -> bool:
    try:
        return files.has_plain_header(path)
    except OSError:
        return True


def _read_manifest(path: Path) -> dict:
    try:
        raw = json.loads(Path(f"{path}{MANIFEST_SUFFIX}").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def _write_manifest(path: Path, manifest: dict) -> None:
    target = Path(f"{path}{MANIFEST_SUFFIX}")
    tmp = target.with_name(f".{target.name}.partial")
    try:
        tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except OSError as exc:  # the backup itself is complete; the manifest can be rebuilt by verify
        tmp.unlink(missing_ok=True)
        log.warning("backup manifest %s not written: %s", target, exc)
