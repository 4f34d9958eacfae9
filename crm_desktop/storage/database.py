"""Opening the database file: checks, pragmas, migrations, backups.

Nothing is written to a file that is not ours: a foreign or damaged file, a file
written by a newer version, or one locked by another process is refused with a
StorageError before any write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from pathlib import Path

import peewee as pw

from ..core.errors import StorageError, StorageProblem
from .errors import classify, translated_errors
from .schema import MODELS

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"
HISTORY_TABLE = "schema_migration"


def _pragmas(busy_timeout_ms: int) -> list[tuple[str, object]]:
    return [
        ("journal_mode", "wal"),
        ("foreign_keys", 1),
        ("busy_timeout", busy_timeout_ms),
        ("synchronous", "normal"),
        ("cache_size", -32_000),  # KiB
        ("temp_store", "memory"),
    ]


def _check_header(path: Path, passphrase: str | None = None) -> None:
    """Refuse a file that is not an SQLite database before anything is written to it.

    The header is read through SQLite (the library the app's connections use, read-only),
    never with ``open()``: this runs at every ``Database.open``, also when the app reopens
    its file after a restore while other threads' connections to it are still open, and on
    POSIX closing any handle of a file drops every lock the process holds on it, so SQLite's
    locks would vanish and another process could delete the WAL they still read
    (https://www.sqlite.org/howtocorrupt.html, section 2.2). SQLite's own close of this
    connection keeps the file open while others hold locks on it.
    """
    if not path.exists() or path.stat().st_size == 0 or passphrase:
        return
    try:
        conn = pw.sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # reads the header and page 1
        finally:
            conn.close()
    except pw.sqlite3.Error as exc:
        problem = classify(exc)
        if problem in (StorageProblem.NOT_A_DATABASE, StorageProblem.CANNOT_OPEN):
            raise StorageError(problem, str(path), str(exc)) from exc
        # Anything else (locked, a journal to roll back): the open that follows says what it is.


def migration_names() -> list[str]:
    return sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))


# Decrypted pages kept per connection of an encrypted database, used as needed (a plain one
# leaves this to the OS cache). Every page read from the file is decrypted and its HMAC-SHA512
# checked, ~40-80 us per 4 KiB page on a modest machine against ~1 us for a plain page: a
# broad list filter at a million contacts touches ~380 MiB of pages, and with 128 MiB it
# decrypted them all again on every keystroke (4.0 s; 1.0 s with 384 MiB or more).
CIPHER_CACHE_KIB = -524_288  # 512 MiB


class _SqliteOrCipher(pw.SqliteDatabase):
    """SQLite, or SQLCipher (``sqlcipher3``, imported only then) once a passphrase is set.

    Every thread has a connection of its own (the list readers, the customer page's jobs,
    backups). Keyed with the passphrase, each would run SQLCipher's key derivation again
    (256,000 PBKDF2 rounds: about a second on a modest machine, before the first row of a
    filtered list). The key is derived once per ``Database.open`` instead and later
    connections are keyed with it (the same key: the file's encryption is unchanged); if
    it does not open the file, the passphrase itself is used, so a wrong passphrase is
    refused exactly as before.
    """

    passphrase: str | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._key_lock = threading.Lock()
        self._raw_key: str | None = None
        self._key_known = False
        # Called by Database.close(): connections a store keeps of its own (the segments'
        # counting connections) must not outlive the file they were opened on.
        self.on_close: list = []

    def forget_key(self) -> None:
        """Derive the key again at the next connection (the passphrase or the file changed)."""
        with self._key_lock:
            self._raw_key, self._key_known = None, False

    def _key(self) -> str | None:
        from .backups import derive_key

        with self._key_lock:  # one derivation, however many threads connect at once
            if not self._key_known:
                self._raw_key = derive_key(self.database, self.passphrase)
                self._key_known = True
            return self._raw_key

    def _connect(self):
        if not self.passphrase:
            return super()._connect()
        conn = self._connect_keyed(self._key())
        if conn is None:
            conn = self._connect_keyed(None)
        try:
            self._add_conn_hooks(conn)
            # Pages are decrypted on their way into SQLite's cache; the OS cache holds only
            # ciphertext, so this cache is larger (see CIPHER_CACHE_KIB).
            conn.execute(f"PRAGMA cache_size = {CIPHER_CACHE_KIB}")
        except Exception:
            conn.close()
            raise
        return conn

    def _connect_keyed(self, raw_key: str | None):
        """A connection keyed with ``raw_key`` that reads the file, else None; with None, one
        keyed with the passphrase (whose first read tells whether the passphrase fits)."""
        from .backups import connect

        conn = connect(self.database, self.passphrase, timeout=self._timeout, isolation_level=None,
                       raw_key=raw_key, **self.connect_params)
        if raw_key is None:
            return conn
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except Exception as exc:
            conn.close()
            if "not a database" in str(exc):  # the key does not fit: never try it again
                with self._key_lock:
                    if self._raw_key == raw_key:
                        self._raw_key = None
            return None
        return conn


class Database:
    """The app's one SQLite file. Open it with ``open()``; models are bound to it."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = 5000, backup_dir: Path | None = None,
                 passphrase: str | None = None):
        self.path = Path(path)
        self.backup_dir = backup_dir or self.path.parent / "backups"
        self.busy_timeout_ms = busy_timeout_ms
        self.db = _SqliteOrCipher(
            None, pragmas=_pragmas(busy_timeout_ms), timeout=busy_timeout_ms / 1000
        )
        self.db.passphrase = passphrase or None
        self.migrated_from: int | None = None

    # -- opening -----------------------------------------------------------------------
    def open(self, *, migrate: bool = True) -> Database:
        _check_header(self.path, self.db.passphrase)
        self.db.init(str(self.path))
        self.db.forget_key()  # the passphrase or the file may have changed since the last open
        try:
            with self._wrong_passphrase(), translated_errors(str(self.path)):
                self.db.connect(reuse_if_open=True)
                self.db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
                self._probe_write()
                self.db.bind(MODELS)
                if migrate:
                    self._migrate()
        except BaseException:
            # A refused file must not stay open: the caller never gets an object to close.
            self.close()
            raise
        return self

    @property
    def passphrase(self) -> str | None:
        return self.db.passphrase

    @property
    def encrypted(self) -> bool:
        return bool(self.db.passphrase)

    @contextlib.contextmanager
    def _wrong_passphrase(self):
        """With a passphrase, "not a database" means the passphrase does not fit."""
        try:
            yield
        except StorageError as exc:
            if self.db.passphrase and exc.problem is StorageProblem.NOT_A_DATABASE:
                raise StorageError(StorageProblem.WRONG_PASSPHRASE, str(self.path)) from exc
            raise

    def quick_check(self) -> list[str]:
        """What ``PRAGMA quick_check`` finds wrong with the open file; [] when it is sound."""
        with translated_errors(str(self.path)):
            rows = self.db.execute_sql("PRAGMA quick_check(10)").fetchall()
        return [] if [r[0] for r in rows] == ["ok"] else [str(r[0]) for r in rows]

    def _probe_write(self) -> None:
        """Fail now, with a clear reason, if the file is locked or read-only.

        In WAL mode BEGIN IMMEDIATE succeeds on a read-only file, so the probe also
        writes the header (with the value it already has) and rolls that back.
        """
        version = self.db.execute_sql("PRAGMA user_version").fetchone()[0]
        self.db.execute_sql("BEGIN IMMEDIATE")
        try:
            self.db.execute_sql(f"PRAGMA user_version = {int(version)}")
        finally:
            self.db.execute_sql("ROLLBACK")

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file (before the file is copied whole)."""
        self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        for hook in list(self.db.on_close):
            hook()
        if not self.db.is_closed():
            self.db.close()

    # -- schema ------------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        if not self.db.table_exists(HISTORY_TABLE):
            return []
        rows = self.db.execute_sql(f"SELECT name FROM {HISTORY_TABLE}").fetchall()
        return sorted(r[0] for r in rows)

    def schema_version(self) -> int:
        applied = self.applied_migrations()
        return int(applied[-1].split("_", 1)[0]) if applied else 0

    def _migrate(self) -> None:
        known = migration_names()
        applied = self.applied_migrations()
        unknown = sorted(set(applied) - set(known))
        if unknown:
            raise StorageError(StorageProblem.TOO_NEW, str(self.path), ", ".join(unknown))
        pending = [name for name in known if name not in applied]
        if not pending:
            return
        has_tables = bool(self.db.get_tables())
        if has_tables:
            self.migrated_from = self.schema_version()
            self.backup(f"before-migration-{self.migrated_from}")
        from playhouse.migrations import Runner  # ~12 ms, only worth it when there is work to do

        runner = Runner(self.db, str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
        applied_now = runner.up()
        version = int(applied_now[-1].split("_", 1)[0])
        self.db.execute_sql(f"PRAGMA user_version = {version}")
        log.info("migrated %s: %s", self.path, ", ".join(applied_now))

    def backup(self, reason: str) -> Path:
        """A copy of the open database before a migration, through SQLite's online backup API.

        Made as every backup is (``storage.backups.copy_live``): under a temporary name,
        checked (quick_check: the migration waits for it), synced, then renamed, so a crash
        part-way never leaves a half-written file under a backup's name. The copy of an
        encrypted database is encrypted too.
        """
        from .backups import copy_live

        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")  # UTC, as every stored time
        target = self.backup_dir / f"{self.path.stem}-{stamp}-{reason}.sqlite3"
        return copy_live(self.db.connection(), target, self.db.passphrase, quick=True)

    # -- transactions ------------------------------------------------------------------
    def atomic(self):
        return self.db.atomic()
