"""Backups copied as a file under a read snapshot are never torn, however busy the database is.

A second process writes as fast as it can (and checkpoints often) while backups are made:
every backup must pass integrity_check and keep two invariants that span many pages.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crm_desktop.storage import backups as files

ACCOUNTS = 300
BACKUPS = 50

WRITER = textwrap.dedent('''
    import random, sqlite3, sys
    from pathlib import Path

    path, stop = sys.argv[1], Path(sys.argv[2])
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA wal_autocheckpoint = 16")  # frequent checkpoints, the risky part
    rng = random.Random(7)
    commits = 0
    print("ready", flush=True)
    while not stop.exists():
        a, b = rng.sample(range(1, %(accounts)d + 1), 2)
        amount = rng.randint(1, 1000)
        conn.execute("BEGIN IMMEDIATE")
        move = "UPDATE account SET balance = balance + ?, pad = randomblob(2000) WHERE id = ?"
        conn.execute(move, (-amount, a))
        conn.execute(move, (amount, b))
        conn.execute("INSERT INTO ledger(note) VALUES (randomblob(?))", (rng.randint(10, 3000),))
        if commits %% 5 == 0:  # the file grows and shrinks
            conn.execute("DELETE FROM ledger WHERE id IN (SELECT id FROM ledger ORDER BY random() LIMIT 1)")
            conn.execute("UPDATE meta SET deleted = deleted + 1")
        conn.execute("UPDATE meta SET commits = commits + 1")
        conn.execute("COMMIT")
        commits += 1
        if commits %% 7 == 0:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    conn.close()
    print(commits, flush=True)
''') % {"accounts": ACCOUNTS}


def _database(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = wal")
        conn.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL, pad BLOB)")
        conn.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, note BLOB)")
        conn.execute("CREATE TABLE meta (commits INTEGER NOT NULL, deleted INTEGER NOT NULL)")
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO account VALUES (?, 0, randomblob(2000))",
                         [(i,) for i in range(1, ACCOUNTS + 1)])
        conn.execute("INSERT INTO meta VALUES (0, 0)")
        conn.execute("COMMIT")
    finally:
        conn.close()


def _invariants(path: Path) -> tuple[list, int, int, int, int]:
    conn = sqlite3.connect(path)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchall()
        total, accounts = conn.execute("SELECT sum(balance), count(*) FROM account").fetchone()
        commits, deleted = conn.execute("SELECT commits, deleted FROM meta").fetchone()
        ledger = conn.execute("SELECT count(*) FROM ledger").fetchone()[0]
    finally:
        conn.close()
    return check, total, accounts, commits, ledger + deleted


@pytest.mark.skipif(sys.platform == "win32", reason="the file copy under a snapshot is checked on POSIX")
def test_backups_copied_under_a_snapshot_are_consistent_while_another_process_writes(tmp_path: Path):
    database = tmp_path / "live.sqlite3"
    _database(database)
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(database), str(stop)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    methods, seen = [], []
    try:
        assert writer.stdout.readline().strip() == "ready"
        for i in range(BACKUPS):
            target = tmp_path / "backups" / f"b{i}.sqlite3"
            methods.append(files.copy_database(database, target, quick=i % 2 == 0))
            check, total, accounts, commits, ledger = _invariants(target)
            assert check == [("ok",)], (i, methods[-1], check)
            assert (total, accounts) == (0, ACCOUNTS), (i, methods[-1])
            assert ledger == commits, (i, methods[-1])  # one ledger row per commit
            seen.append(commits)
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert int(out.split()[-1]) > 0
    # The writer kept committing between (and during) the copies, and most were file copies.
    assert len(set(seen)) > BACKUPS // 2, seen
    assert methods.count(files.COPY_BY_FILE) >= BACKUPS // 2, methods
    assert not list((tmp_path / "backups").glob(".*partial*"))


def test_the_backup_api_copies_a_database_not_in_wal_mode(tmp_path: Path):
    database = tmp_path / "rollback.sqlite3"
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA journal_mode = delete")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    target = tmp_path / "copy.sqlite3"
    assert files.copy_database(database, target) == files.COPY_BY_BACKUP_API
    assert _rows(target) == [(1,)]


def test_a_snapshot_never_includes_a_transaction_still_open(tmp_path: Path):
    database = tmp_path / "live.sqlite3"
    _database(database)
    writer = sqlite3.connect(database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE meta SET commits = 99")
        writer.execute("INSERT INTO ledger(note) SELECT randomblob(3000) FROM account")  # spills into the WAL
        target = tmp_path / "copy.sqlite3"
        assert files.copy_database(database, target) == files.COPY_BY_FILE
        writer.execute("COMMIT")
    finally:
        writer.close()
    assert _invariants(target)[3:] == (0, 0)


def test_a_reader_holding_an_old_snapshot_sends_the_copy_to_the_backup_api(tmp_path: Path, monkeypatch):
    database = tmp_path / "live.sqlite3"
    _database(database)
    monkeypatch.setattr(files, "SNAPSHOT_WAITS", (0.0, 0.0))
    old_reader = sqlite3.connect(database, isolation_level=None)
    writer = sqlite3.connect(database, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        old_reader.execute("BEGIN")
        old_reader.execute("SELECT count(*) FROM account").fetchone()  # holds the file's pages
        writer.execute("UPDATE meta SET commits = 1")  # a frame the old reader keeps out of the file
        target = tmp_path / "copy.sqlite3"
        assert files.copy_database(database, target) == files.COPY_BY_BACKUP_API
        old_reader.execute("COMMIT")
        assert files.copy_database(database, tmp_path / "copy2.sqlite3") == files.COPY_BY_FILE
    finally:
        old_reader.close()
        writer.close()
    assert _invariants(target)[3] == 1 and _invariants(tmp_path / "copy2.sqlite3")[3] == 1


def test_a_cancelled_file_copy_leaves_nothing(tmp_path: Path):
    database = tmp_path / "live.sqlite3"
    _database(database)
    target = tmp_path / "backups" / "copy.sqlite3"
    with pytest.raises(files.Cancelled):
        files.copy_database(database, target, progress=lambda done, total: False)
    assert list(target.parent.iterdir()) == []


def _rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM t").fetchall()
    finally:
        conn.close()


@pytest.mark.skipif(sys.platform != "linux", reason="a priority per thread is Linux's")
def test_the_copy_is_checked_on_a_thread_that_gives_way_to_the_app(tmp_path: Path, monkeypatch):
    import os
    import threading

    database = tmp_path / "live.sqlite3"
    _database(database)
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen = []
    real = files.integrity_problems

    def noted(path, passphrase=None, *, quick=False):
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return real(path, passphrase, quick=quick) if len(seen) == 1 else ["page 3 is damaged"]

    monkeypatch.setattr(files, "integrity_problems", noted)
    files.copy_database(database, tmp_path / "b" / "copy.sqlite3")
    assert seen == [min(mine + files.CHILD_NICENESS, 19)]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine  # this thread is unchanged
    with pytest.raises(files.StorageError, match="page 3 is damaged"):  # what the check finds comes back
        files.copy_database(database, tmp_path / "b" / "copy2.sqlite3")
    assert not (tmp_path / "b" / "copy2.sqlite3").exists()
