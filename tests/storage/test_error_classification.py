"""Which sqlite errors are problems of the environment, and which are bugs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
import pytest

from crm_desktop.core.errors import StorageError, StorageProblem
from crm_desktop.storage.errors import classify, translated_errors


@pytest.mark.parametrize(("exc", "problem"), [
    (sqlite3.OperationalError("database or disk is full"), StorageProblem.DISK_FULL),
    (peewee.OperationalError("database or disk is full"), StorageProblem.DISK_FULL),
    (sqlite3.OperationalError("database is locked"), StorageProblem.LOCKED),
    (peewee.OperationalError("database table is locked: contact"), StorageProblem.LOCKED),
    (sqlite3.OperationalError("attempt to write a readonly database"), StorageProblem.READ_ONLY),
    (sqlite3.DatabaseError("database disk image is malformed"), StorageProblem.CORRUPT),
    (peewee.DatabaseError("malformed database schema (contact) - near \"x\""), StorageProblem.CORRUPT),
    (peewee.DatabaseError("vtable constructor failed: contact_fts"), StorageProblem.CORRUPT),
    (sqlite3.DatabaseError("file is not a database"), StorageProblem.NOT_A_DATABASE),
    (sqlite3.DatabaseError("file is encrypted or is not a database"), StorageProblem.NOT_A_DATABASE),
    (sqlite3.OperationalError("unable to open database file"), StorageProblem.CANNOT_OPEN),
])
def test_environment_problems(exc, problem):
    assert classify(exc) is problem


@pytest.mark.parametrize("exc", [
    peewee.IntegrityError("UNIQUE constraint failed: tag.name"),
    sqlite3.IntegrityError("FOREIGN KEY constraint failed"),
    sqlite3.OperationalError('near "SELEC": syntax error'),
    peewee.OperationalError("no such table: contact"),
    sqlite3.OperationalError("no such column: nme"),
    sqlite3.ProgrammingError("Incorrect number of bindings supplied."),
    sqlite3.InterfaceError("Error binding parameter 1"),
    ValueError("database is locked"),  # not from sqlite, whatever it says
    OSError("disk is full"),
])
def test_bugs_are_not_classified(exc):
    assert classify(exc) is None


def _error_of(conn: sqlite3.Connection, sql: str) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        conn.execute(sql)
    return caught.value


def test_real_errors_from_sqlite(tmp_path: Path):
    conn = sqlite3.connect(tmp_path / "a.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (x TEXT UNIQUE)")
    conn.execute("INSERT INTO t VALUES ('a')")
    assert classify(_error_of(conn, "INSERT INTO t VALUES ('a')")) is None
    assert classify(_error_of(conn, "SELEC 1")) is None
    assert classify(_error_of(conn, "SELECT nope FROM t")) is None
    other = sqlite3.connect(tmp_path / "a.sqlite3", isolation_level=None, timeout=0)
    conn.execute("BEGIN EXCLUSIVE")
    assert classify(_error_of(other, "SELECT * FROM t")) is StorageProblem.LOCKED
    conn.execute("ROLLBACK")
    other.close()
    conn.close()
    (tmp_path / "b.sqlite3").write_bytes(b"hello, this is text and not a database" * 100)
    stranger = sqlite3.connect(tmp_path / "b.sqlite3")
    assert classify(_error_of(stranger, "SELECT * FROM sqlite_master")) is StorageProblem.NOT_A_DATABASE
    stranger.close()


def test_translated_errors_turns_problems_into_storage_errors():
    cause = sqlite3.OperationalError("database or disk is full")
    with pytest.raises(StorageError) as caught, translated_errors("/data/crm.sqlite3"):
        raise cause
    assert (caught.value.problem, caught.value.path, caught.value.detail) == (
        StorageProblem.DISK_FULL, "/data/crm.sqlite3", "database or disk is full")
    assert caught.value.__cause__ is cause


def test_translated_errors_lets_bugs_through_unchanged():
    bug = peewee.IntegrityError("UNIQUE constraint failed: tag.name")
    with pytest.raises(peewee.IntegrityError) as caught, translated_errors("x"):
        raise bug
    assert caught.value is bug


def test_translated_errors_keeps_storage_errors_as_they_are():
    original = StorageError(StorageProblem.TOO_NEW, "x", "0099_future")
    with pytest.raises(StorageError) as caught, translated_errors("y"):
        raise original
    assert caught.value is original


def test_a_failed_rollback_does_not_hide_the_full_disk_behind_it():
    def failing_rollback():
        try:
            raise peewee.OperationalError("database or disk is full")
        finally:
            raise peewee.OperationalError("cannot rollback - no transaction is active")

    with pytest.raises(StorageError) as caught, translated_errors("x"):
        failing_rollback()
    assert caught.value.problem is StorageProblem.DISK_FULL
    assert caught.value.detail == "database or disk is full"


def test_a_failed_rollback_alone_is_a_bug():
    with pytest.raises(peewee.OperationalError), translated_errors("x"):
        raise peewee.OperationalError("cannot rollback - no transaction is active")
