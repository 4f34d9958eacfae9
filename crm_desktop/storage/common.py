"""Small helpers shared by the stores."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Iterable, Sequence

CHUNK = 500


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def marks(n: int) -> str:
    return ",".join("?" * n)


# -- UUIDv7 (RFC 9562): 48-bit Unix time in ms, version 7, 74 bits that are random per
# millisecond and counted up within it. Each table has a UNIQUE index on uuid; random
# UUIDv4s land all over that b-tree, time-ordered ones append at its end.
_RAND_BITS = 74
_RAND_LIMIT = 1 << _RAND_BITS
_uuid_lock = threading.Lock()
_uuid_state = [0, 0]  # last millisecond used, last 74-bit value used in it


def _format_uuid7(ms: int, rand: int) -> str:
    value = (ms << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0b10 << 62) | (rand & ((1 << 62) - 1))
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_uuids(n: int) -> list[str]:
    """``n`` time-ordered UUIDv7 strings, each greater than any made before in this process.

    Within one millisecond the value counts up from a random start (RFC 9562 method 2,
    "monotonic random"), with its top bit clear so a batch cannot run out of room; a
    clock that steps back keeps the last millisecond. Text order is creation order.
    """
    with _uuid_lock:
        last_ms, last_rand = _uuid_state
        ms = max(time.time_ns() // 1_000_000, last_ms)
        if ms == last_ms and last_rand + n < _RAND_LIMIT:
            start = last_rand + 1
        else:
            ms = ms if ms > last_ms else last_ms + 1
            start = int.from_bytes(os.urandom(10), "big") >> (80 - _RAND_BITS + 1)
        _uuid_state[:] = [ms, start + n - 1]
    return [_format_uuid7(ms, rand) for rand in range(start, start + n)]


def new_uuid() -> str:
    return new_uuids(1)[0]


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


def set_trashed(db, table: str, ids: Sequence[int], now: dt.datetime, trashed: bool, also: str = "") -> int:
    """Move live rows of ``table`` to the trash, or trashed ones back; how many changed.

    ``also`` adds assignments to the same UPDATE (e.g. ``"version = version + 1"``).
    """
    stamp = ts(now)
    state = "deleted_at IS NULL" if trashed else "deleted_at IS NOT NULL"
    extra = f", {also}" if also else ""
    changed = 0
    for part in chunks(list(ids)):
        changed += db.execute_sql(
            f"UPDATE {table} SET deleted_at = ?, updated_at = ?{extra} "
            f"WHERE {state} AND id IN ({marks(len(part))})",
            (stamp if trashed else None, stamp, *part)).rowcount
    return changed
