"""No handle of the open database file is ever closed outside SQLite in the app's process.

On POSIX every fcntl lock a process holds on a file goes when it closes any descriptor of
that file. SQLite (one library) keeps its own descriptors open while others hold locks; a
Python ``open()`` or another SQLite library (``sqlcipher3``) does not. Without its shared
lock, another process closing its connection believes it is the last one, checkpoints and
deletes the WAL the app still reads (https://www.sqlite.org/howtocorrupt.html, 2.2).

Each test keeps a connection open, does what the app does, then lets a second process open
and close the database: the WAL must still be there.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from service_helpers import person

from crm_desktop.services import Services
from crm_desktop.storage import backups as files
from crm_desktop.storage.database import Database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks belong to the process")

OTHER_PROCESS = (
    "import sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1])\n"
    "conn.execute('SELECT count(*) FROM sqlite_master').fetchone()\n"
    "conn.close()\n"
)


def _another_process_opens_and_closes(path: Path) -> None:
    subprocess.run([sys.executable, "-c", OTHER_PROCESS, str(path)], check=True, timeout=60)


def _wal(path: Path) -> Path:
    return Path(f"{path}-wal")


def _held_open(path: Path) -> sqlite3.Connection:
    """A connection that has read the database (and so holds its shared lock in WAL mode)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def test_the_check_without_a_held_lock_fails_as_this_file_expects(tmp_path: Path):
    """The probe itself: a Python open() and close() of the file does lose the lock."""
    path = tmp_path / "plain.sqlite3"
    Database(path).open().close()
    conn = _held_open(path)
    try:
        assert _wal(path).exists()
        with path.open("rb") as fh:
            fh.read(16)
        _another_process_opens_and_closes(path)
        assert not _wal(path).exists()  # the other process thought it was the last one
    finally:
        conn.close()


def test_opening_the_database_again_keeps_the_locks_of_connections_still_open(tmp_path: Path):
    path = tmp_path / "plain.sqlite3"
    Database(path).open().close()
    conn = _held_open(path)
    try:
        again = Database(path).open()  # the header is checked again while ``conn`` is open
        again.close()
        _another_process_opens_and_closes(path)
        assert _wal(path).exists()
        assert conn.execute("SELECT count(*) FROM contact").fetchone() == (0,)
    finally:
        conn.close()


def test_a_restore_reopens_the_file_while_a_reader_thread_keeps_its_connection(crm: Services):
    crm.contacts.create(person("Before"))
    good = crm.backups.create("manual")
    crm.contacts.create(person("After"))
    database = crm.paths.database
    with ThreadPoolExecutor(1) as reader:  # the list readers' thread: a connection of its own
        assert reader.submit(crm.contacts.count).result() == 2
        crm.backups.restore(Path(good.path))  # closes this thread's connection, opens it again
        _another_process_opens_and_closes(database)
        assert _wal(database).exists()
        assert reader.submit(crm.contacts.count).result() == 1


def test_turning_encryption_on_never_opens_the_live_plain_file_through_sqlcipher(crm: Services, monkeypatch):
    if not files.cipher_available():
        pytest.skip("sqlcipher3 is not installed")
    crm.contacts.create(person("Secret", email="secret@example.com"))
    database = crm.paths.database
    sources = []
    real = files.convert

    def converted(source, target, old, new):
        sources.append(Path(source))
        result = real(source, target, old, new)
        _another_process_opens_and_closes(database)  # before the new file takes its place
        sources.append(_wal(database).exists())
        return result

    monkeypatch.setattr(files, "convert", converted)
    with ThreadPoolExecutor(1) as reader:
        assert reader.submit(crm.contacts.count).result() == 1
        crm.backups.set_passphrase("correct horse")
    source, wal_kept = sources
    assert wal_kept
    assert source != database and source.parent == crm.paths.backups  # the verified backup
    assert crm.contacts.count() == 1


def test_a_damaged_database_is_copied_aside_without_closing_a_handle_of_it(tmp_path: Path):
    from crm_desktop.services.backups import _copy_damaged

    path = tmp_path / "plain.sqlite3"
    Database(path).open().close()
    conn = _held_open(path)
    try:
        kept = _copy_damaged(path, tmp_path / "backups")
        _another_process_opens_and_closes(path)
        assert _wal(path).exists()
        assert kept.read_bytes()[:16] == b"SQLite format 3\x00"
    finally:
        conn.close()
