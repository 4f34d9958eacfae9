"""Small helpers shared by the stores."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

CHUNK = 500


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def marks(n: int) -> str:
    return ",".join("?" * n)


def new_uuid() -> str:
    return str(uuid.uuid4())


def ts(value: dt.datetime | None) -> str | None:
    """A timestamp as stored: the text form Peewee's DateTimeField reads back."""
    return None if value is None else str(value)


def parse_ts(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    return dt.datetime.fromisoformat(value)


def next_id(db, table: str) -> int:
    """The next free id, for bulk inserts that must know their ids up front.

    Only valid inside a write transaction (BEGIN IMMEDIATE), which keeps other
    writers out until commit.
    """
    row = db.execute_sql(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()
    return row[0]
