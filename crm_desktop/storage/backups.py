"""Backup files at the SQLite level: copy, verify, count, restore, encrypt and decrypt.

Copies are made with SQLite's online backup API in steps, so the app keeps reading and
writing while a large database is copied (a write by another connection restarts the
copy; one on the same connection is carried into it). A copy goes to a temporary name in
the target folder and is renamed only once it is complete, ``PRAGMA integrity_check`` says
"ok" and it is synced to disk: a crash, a power cut or a full disk never leaves a
half-written or unsynced backup under a backup's name.

The copy is written without syncing as it goes and synced once, after its check and before
its rename (then the folder, so the rename is durable too). Nothing is called a backup
before it is on disk; meanwhile the kernel writes most of the copy back while the check
reads it, so the sync finds little left, and a copy that fails its check is never synced.

An encrypted database (SQLCipher, through ``sqlcipher3``) is copied with the same
passphrase, so its backups are encrypted too. ``sqlcipher3`` is imported only for
encrypted files.

A plain database in WAL mode is copied faster as a file, under a read snapshot whose pages
are all in the database file (see ``copy_database``); the backup API is the fallback.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..core.backups import BackupCounts
from ..core.errors import StorageError, StorageProblem
from .errors import translated_errors

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
STEP_PAGES = 4096  # pages copied per step: 16 MiB, some tens of milliseconds
COUNTED_TABLES = {"contacts": "contact", "companies": "company", "deals": "deal", "activities": "activity"}

# progress(done_pages, total_pages) -> False to cancel
Progress = Callable[[int, int], bool | None]


class Cancelled(Exception):
    """The user cancelled a copy; nothing was left behind."""


def cipher_available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def _cipher_module():
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:  # pragma: no cover - the dependency is installed with the app
        raise StorageError(StorageProblem.CANNOT_OPEN, "", "sqlcipher3 is not installed") from exc
    return dbapi2


def _quote(text: str) -> str:
    return text.replace("'", "''")


def connect(path: Path | str, passphrase: str | None = None, *, timeout: float = 5.0,
            raw_key: str | None = None, **kwargs):
    """A DB-API connection: the standard sqlite3 one, or SQLCipher's keyed with ``passphrase``.

    ``raw_key`` (from ``derive_key``) keys it with the key already derived from the passphrase,
    skipping the key derivation (256,000 PBKDF2 rounds, about a second here) that SQLCipher
    otherwise runs for every connection.
    """
    if not passphrase:
        return sqlite3.connect(str(path), timeout=timeout, **kwargs)
    cipher = _cipher_module()
    conn = cipher.connect(str(path), timeout=timeout, **kwargs)
    try:
        with contextlib.suppress(cipher.DatabaseError):
            conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not stderr's
        if raw_key:
            conn.execute(f"PRAGMA key = \"x'{bytes.fromhex(raw_key).hex()}'\"")
        else:
            conn.execute(f"PRAGMA key = '{_quote(passphrase)}'")
    except BaseException:
        conn.close()
        raise
    return conn


_KDF_DIGESTS = {"PBKDF2_HMAC_SHA512": "sha512", "PBKDF2_HMAC_SHA256": "sha256", "PBKDF2_HMAC_SHA1": "sha1"}
_KEY_BYTES = 32  # AES-256


def derive_key(path: Path | str, passphrase: str) -> str | None:
    """The encryption key SQLCipher derives from ``passphrase`` for the file at ``path``, in hex.

    Derived as SQLCipher does (PBKDF2 with the file's salt and the settings in force), so later
    connections can be keyed with it directly (``connect(raw_key=...)``): the key is the same,
    only its derivation is not repeated. The salt is read through SQLCipher, on a connection
    keyed with a dummy raw key (no derivation), never by opening the file here (closing such a
    handle would drop the locks SQLite holds for the open connections). None when the file
    has no salt yet or the settings are not PBKDF2's; whether the key fits, the caller checks
    by reading with it.
    """
    cipher = _cipher_module()
    try:
        if Path(path).stat().st_size < 1024:
            return None  # a new file gets its salt when it is first written
    except OSError:
        return None
    conn = cipher.connect(str(path))
    try:
        with contextlib.suppress(cipher.DatabaseError):
            conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA key = \"x'" + "00" * _KEY_BYTES + "'\"")
        salt = conn.execute("PRAGMA cipher_salt").fetchone()[0]
        algorithm = conn.execute("PRAGMA cipher_kdf_algorithm").fetchone()[0]
        rounds = int(conn.execute("PRAGMA kdf_iter").fetchone()[0])
    except cipher.Error:
        return None
    finally:
        conn.close()
    digest = _KDF_DIGESTS.get(str(algorithm))
    if digest is None or not salt:
        return None
    return hashlib.pbkdf2_hmac(digest, passphrase.encode(), bytes.fromhex(salt), rounds, _KEY_BYTES).hex()


def has_plain_header(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def looks_encrypted(path: Path) -> bool:
    """A file without SQLite's header whose size is whole pages and whose start looks random."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return (size >= 1024 and size % 512 == 0 and head != SQLITE_HEADER[: len(head)]
            and len(set(head)) >= 10)


def _private(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def private_dir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    return folder


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial")


@contextlib.contextmanager
def _partial(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target``, renamed to it on success, removed on any failure."""
    tmp = _temp_name(target)
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
        raise


def copy_live(source, target: Path, passphrase: str | None = None, progress: Progress | None = None,
              pages: int = STEP_PAGES, *, quick: bool = False) -> Path:
    """Copy the open connection ``source`` to ``target`` (verified, private, all or nothing).

    The temporary copy is written without a journal (it has no readers, and a failure
    removes it), checked (``quick``: with quick_check) and synced once before its rename.
    """
    private_dir(target.parent)
    with translated_errors(str(target)), _partial(target) as tmp:
        dest = connect(tmp, passphrase)
        try:
            dest.execute("PRAGMA journal_mode = OFF")
            dest.execute("PRAGMA synchronous = OFF")
            source.backup(dest, pages=pages, progress=_step(progress))
        finally:
            dest.close()
        _verify(tmp, target, passphrase, quick)
    _fsync_dir(target.parent)
    return target


CHILD_NICENESS = 10  # the copy and its check give way to the app


def _verify(tmp: Path, target: Path, passphrase: str | None, quick: bool) -> None:
    """Check the finished copy (CORRUPT when it is not sound), then make it private and durable.

    The sync comes after the check and before the caller's rename: a backup's name is given
    only to a copy that is on disk, and one that fails the check costs no sync.
    """
    _private(tmp)
    problems = _at_low_priority(lambda: integrity_problems(tmp, passphrase, quick=quick))
    if problems:
        raise StorageError(StorageProblem.CORRUPT, str(target), "; ".join(problems[:3]))
    _fsync(tmp)


def _at_low_priority(work: Callable[[], list[str]]) -> list[str]:
    """``work()`` on a thread of its own at a lower priority than the app's, on Linux (where a
    priority can be set per thread; it ends with the thread, as an unprivileged process could
    not raise it again). The check of a copy keeps a core busy for minutes at a million
    contacts; the window's thread then comes first whenever it has something to do."""
    if sys.platform != "linux":
        return work()
    outcome: dict[str, object] = {}

    def run() -> None:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), CHILD_NICENESS)
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the waiting thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="backup-check")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# -- a copy of the file under a read snapshot ----------------------------------------------
SNAPSHOT_WAITS = (0.0, 0.01, 0.03, 0.1, 0.2, 0.5)  # seconds before each try; then the backup API
COPY_BY_FILE, COPY_BY_BACKUP_API = "file", "backup-api"


class _NoSnapshot(Exception):
    """The file could not be copied under a snapshot this time; the backup API copies it."""


def copy_database(path: Path, target: Path, passphrase: str | None = None, progress: Progress | None = None,
                  *, quick: bool = False, timeout: float = 5.0) -> str:
    """A verified copy of the database file ``path`` as it is now, while others read and write it.

    Returns how it was copied: ``COPY_BY_FILE`` for a plain database in WAL mode whose pages
    could be pinned in the database file (``_copy_snapshot``), else ``COPY_BY_BACKUP_API``.
    """
    if not passphrase:
        private_dir(target.parent)
        try:
            with translated_errors(str(target)), _partial(target) as tmp:
                _copy_snapshot(path, tmp, progress, timeout)
                _verify(tmp, target, None, quick)
            _fsync_dir(target.parent)
            return COPY_BY_FILE
        except _NoSnapshot as exc:
            log.info("copying %s through the backup API: %s", path, exc)
    source = connect(path, passphrase, timeout=timeout)
    try:
        copy_live(source, target, passphrase, progress, quick=quick)
    finally:
        source.close()
    return COPY_BY_BACKUP_API


def _copy_snapshot(path: Path, tmp: Path, progress: Progress | None, timeout: float) -> None:
    """Copy the database file while a read transaction pins a snapshot that lies wholly in it.

    In WAL mode a reader's snapshot is the database file plus the WAL frames up to its mark.
    A checkpoint never copies frames past the mark of a live reader into the file (nor any
    frame while a reader that reads only the file is live), but it may copy those before
    it. So: begin a read, then checkpoint PASSIVE on a second connection. If that reports
    every frame of the WAL checkpointed, the file holds exactly our snapshot (our mark is
    the WAL's end) and nothing can change it before our read ends: the file's first
    ``page_count`` pages are the copy. Otherwise (a write came in between, or an older
    reader holds the checkpoint back) end the read, wait a little and try again.
    """
    reader = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    checker = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    try:
        mode = reader.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            raise _NoSnapshot(f"journal mode {mode}")
        for wait in SNAPSHOT_WAITS:
            time.sleep(wait)
            reader.execute("BEGIN")
            try:
                reader.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read starts here
                if _all_checkpointed(checker):
                    size = reader.execute("PRAGMA page_count").fetchone()[0] * \
                        reader.execute("PRAGMA page_size").fetchone()[0]
                    _copy_head(path, tmp, size, progress)
                    return
            finally:
                reader.execute("COMMIT")
        raise _NoSnapshot("the write-ahead log could not be checkpointed under a read")
    finally:
        checker.close()
        reader.close()


def _all_checkpointed(checker: sqlite3.Connection) -> bool:
    busy, frames, checkpointed = checker.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return busy == 0 and 0 <= frames == checkpointed


def _copy_head(path: Path, tmp: Path, size: int, progress: Progress | None) -> None:
    """The first ``size`` bytes of ``path`` into ``tmp``, reporting progress in 4 KiB pages."""
    if os.name == "posix":
        _copy_in_child(path, tmp, size, progress)
    else:  # Windows' locks belong to handles: opening and closing the file here is harmless
        try:
            _copy_in_process(path, tmp, size, progress)
        except OSError as exc:  # e.g. the byte range SQLite locks past 1 GiB cannot be read there
            raise _NoSnapshot(str(exc)) from exc
    if tmp.stat().st_size < size:
        raise _NoSnapshot("the file is shorter than its snapshot")
    os.truncate(tmp, size)  # pages past the snapshot's end are not part of it


def _copy_in_process(path: Path, tmp: Path, size: int, progress: Progress | None) -> None:
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        done = 0
        while done < size:
            chunk = src.read(min(1 << 23, size - done))
            if not chunk:
                break
            dst.write(chunk)
            done += len(chunk)
            _report(progress, done, size)


def _copy_in_child(path: Path, tmp: Path, size: int, progress: Progress | None) -> None:
    """``cp`` in a child process: POSIX locks belong to the process, and closing any handle of
    the database file in this one would drop the locks SQLite holds on it for our connections
    (https://www.sqlite.org/howtocorrupt.html, section 2.2).

    ``cp`` (coreutils 9 copies with copy_file_range, in the kernel) is not asked to sync:
    the copy is synced once it has been checked (``_verify``). It runs at a lower priority
    than the app, whose window must stay responsive meanwhile. ``cp`` creates ``tmp`` itself
    (with the database's own mode, private, made 0600 again by ``_verify``): into an existing
    file, emptied by its open, ext4 writes the whole copy back when ``cp`` closes it (its
    "replace by truncate" safeguard), and the copy took twice as long.
    """
    cp = shutil.which("cp")
    if cp is None:
        raise _NoSnapshot("no cp command")
    tmp.unlink(missing_ok=True)
    child = subprocess.Popen([cp, "--", str(path), str(tmp)], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, child.pid, CHILD_NICENESS)
        while child.poll() is None:
            _report(progress, _size_of(tmp), size)
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=0.02)
        error = child.stderr.read().decode(errors="replace").strip()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stderr.close()
    if child.returncode != 0:  # e.g. a full disk: the backup API says which error it is
        raise _NoSnapshot(f"cp failed: {error}")
    _report(progress, size, size)


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def copy_aside(path: Path, target: Path) -> None:
    """A byte copy of ``path``, a file SQLite may hold open in this process, to ``target``.

    On POSIX by ``cp`` in a child process, as ``_copy_in_child``: opening and closing the
    file here would drop the locks SQLite holds on it for this process's connections.
    """
    cp = shutil.which("cp") if os.name == "posix" else None
    if cp is None:
        shutil.copyfile(path, target)
        return
    done = subprocess.run([cp, "--", str(path), str(target)], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise OSError(done.stderr.decode(errors="replace").strip() or f"cp failed: {done.returncode}")


def _report(progress: Progress | None, done: int, size: int) -> None:
    if progress is not None and progress(min(done, size) // 4096, size // 4096) is False:
        raise Cancelled()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _step(progress: Progress | None):
    if progress is None:
        return None

    def report(_status: int, remaining: int, total: int) -> None:
        if progress(total - remaining, total) is False:
            raise Cancelled()

    return report


def copy_file(source: Path, target: Path, passphrase: str | None = None, progress: Progress | None = None,
              pages: int = STEP_PAGES) -> Path:
    """Copy the database file ``source`` (not open here) through the backup API."""
    src = connect(source, passphrase)
    try:
        with translated_errors(str(source)):
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return copy_live(src, target, passphrase, progress, pages)
    finally:
        src.close()


def load_into(backup: Path, live, passphrase: str | None = None, progress: Progress | None = None,
              pages: int = STEP_PAGES) -> None:
    """Copy the backup file into the open database connection ``live``, in place.

    The backup API overwrites the destination inside one write transaction: other
    connections (the list readers) see the restored content at their next read, and a
    crash part-way leaves the database as it was.
    """
    src = connect(backup, passphrase)
    try:
        with translated_errors(str(backup)):
            src.backup(live, pages=pages, progress=_step(progress))
    finally:
        src.close()


def integrity_problems(path: Path, passphrase: str | None = None, *, quick: bool = False,
                       fts: bool = False) -> list[str]:
    """What ``PRAGMA integrity_check`` (or ``quick_check``) finds wrong; [] for a sound file.

    ``fts`` also checks the full-text indexes against their content (outside integrity_check's
    view; it re-reads every document, so only an explicit verify asks for it).
    """
    try:
        conn = connect(path, passphrase)
    except Exception as exc:
        return [str(exc)]
    try:
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: the check visits every page
        rows = conn.execute(f"PRAGMA {'quick_check' if quick else 'integrity_check'}(20)").fetchall()
        names = conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
                             ).fetchall() if fts else []
        for (name,) in names:
            conn.execute(f"INSERT INTO \"{name}\"(\"{name}\") VALUES('integrity-check')")
    except Exception as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if [r[0] for r in rows] == ["ok"] else [str(r[0]) for r in rows]


def counts(path: Path, passphrase: str | None = None) -> tuple[BackupCounts, int]:
    """Live records of each kind in the file, and its schema version (PRAGMA user_version)."""
    conn = connect(path, passphrase)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        found = {}
        for key, table in COUNTED_TABLES.items():
            if table in tables:
                sql = f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL"
                found[key] = conn.execute(sql).fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    return BackupCounts(**found), version


def can_open(path: Path, passphrase: str | None) -> bool:
    """Whether ``passphrase`` (None: no encryption) reads the file."""
    try:
        conn = connect(path, passphrase)
    except Exception:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except Exception:
        return False
    finally:
        conn.close()


def convert(source: Path, target: Path, old: str | None, new: str | None) -> Path:
    """Write ``source`` (readable with ``old``) to ``target`` encrypted with ``new`` (None: plain).

    Goes through ``sqlcipher_export`` (SQLCipher cannot back up between different keys);
    the result is checked and compared with the source before it gets its name.

    ``source`` is opened through ``sqlcipher3``, a SQLite library of its own: when it is a
    plain database the app has open (through the standard ``sqlite3``), closing that
    connection drops the POSIX locks the app's connections hold on the file. So the caller
    passes a file no connection of this process has open (``BackupService.set_passphrase``
    converts the verified backup it has just made), or an encrypted one, which the app
    reads through ``sqlcipher3`` too (one library keeps its file open while others hold locks).
    """
    cipher = _cipher_module()
    private_dir(target.parent)
    with translated_errors(str(target)), _partial(target) as tmp:
        conn = cipher.connect(str(source))
        try:
            with contextlib.suppress(cipher.DatabaseError):
                conn.execute("PRAGMA cipher_log_level = NONE")
            if old:
                conn.execute(f"PRAGMA key = '{_quote(old)}'")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"ATTACH DATABASE '{_quote(str(tmp))}' AS converted KEY '{_quote(new or '')}'")
            conn.execute("SELECT sqlcipher_export('converted')")
            conn.execute(f"PRAGMA converted.user_version = {int(version)}")
            conn.execute("DETACH DATABASE converted")
        finally:
            conn.close()
        _private(tmp)
        _check_converted(source, old, tmp, new)
    return target


def _check_converted(source: Path, old: str | None, copy: Path, new: str | None) -> None:
    problems = integrity_problems(copy, new, quick=True)  # written just now; the counts must match too
    if not problems and counts(source, old) != counts(copy, new):
        problems = ["the copy does not hold the same records"]
    if problems:
        raise StorageError(StorageProblem.CORRUPT, str(copy), "; ".join(problems[:3]))


def replace_database(database: Path, replacement: Path) -> None:
    """Put ``replacement`` in place of the (closed) ``database``: one rename, WAL files dropped."""
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(replacement, database)
    _private(database)
    _fsync_dir(database.parent)


def checkpoint(path: Path, passphrase: str | None = None) -> None:
    """Fold the WAL into the file of a database no one else has open."""
    conn = connect(path, passphrase)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
