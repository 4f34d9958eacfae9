"""Classify sqlite errors once, at the storage boundary.

Problems of the environment (a locked, read-only, full, damaged or foreign file)
become StorageError with a StorageProblem the UI can explain; anything else is a
bug and propagates unchanged to the crash dialog.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

import peewee

from ..core.errors import StorageError, StorageProblem

_MESSAGES = (
    ("database is locked", StorageProblem.LOCKED),
    ("database table is locked", StorageProblem.LOCKED),
    ("readonly database", StorageProblem.READ_ONLY),
    ("read-only", StorageProblem.READ_ONLY),
    ("disk is full", StorageProblem.DISK_FULL),
    ("disk i/o error", StorageProblem.DISK_FULL),
    ("database disk image is malformed", StorageProblem.CORRUPT),
    ("malformed", StorageProblem.CORRUPT),
    # FTS5 says this when its shadow tables are damaged; our own schema defines them correctly.
    ("vtable constructor failed", StorageProblem.CORRUPT),
    ("file is not a database", StorageProblem.NOT_A_DATABASE),
    ("file is encrypted or is not a database", StorageProblem.NOT_A_DATABASE),
    ("unable to open database file", StorageProblem.CANNOT_OPEN),
)

_SQLITE_ERRORS = (sqlite3.OperationalError, sqlite3.DatabaseError, peewee.OperationalError,
                  peewee.DatabaseError)


def classify(exc: BaseException) -> StorageProblem | None:
    """The environment problem behind ``exc``, or None when it is a bug."""
    if not isinstance(exc, _SQLITE_ERRORS) and not _is_cipher_error(exc):
        return None
    if isinstance(exc, peewee.IntegrityError) or type(exc).__name__ == "IntegrityError":
        return None
    text = str(exc).lower()
    for needle, problem in _MESSAGES:
        if needle in text:
            return problem
    return None


def _is_cipher_error(exc: BaseException) -> bool:
    """An error of SQLCipher's driver (sqlcipher3), which is not imported unless it is used."""
    return type(exc).__module__.startswith("sqlcipher3") and isinstance(exc, Exception)


def _hidden_cause(exc: BaseException) -> BaseException:
    """On a full disk SQLite rolls the transaction back itself; the rollback that follows
    then fails with "no transaction is active" and would hide the error that matters."""
    while "no transaction is active" in str(exc) and exc.__context__ is not None:
        exc = exc.__context__
    return exc


@contextlib.contextmanager
def translated_errors(path: str = "") -> Iterator[None]:
    """Re-raise environment problems as StorageError; let bugs through."""
    try:
        yield
    except StorageError:
        raise
    except Exception as exc:
        cause = _hidden_cause(exc)
        problem = classify(cause)
        if problem is None:
            raise
        raise StorageError(problem, path, str(cause)) from cause
