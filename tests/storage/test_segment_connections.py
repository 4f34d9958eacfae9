"""The connections that count a segment in parts: kept from count to count, closed with the database."""

from __future__ import annotations

import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import ContactDraft
from crm_desktop.core.segments import Condition, Group
from crm_desktop.services import Services
from crm_desktop.storage import segments as store

LANES = 3


@pytest.fixture
def in_parts(monkeypatch):
    """Count the way a million people are counted, on a small file: in three rowid ranges, on
    three connections at once."""
    monkeypatch.setattr(store, "SPLIT_MIN_ROWS", 0)
    monkeypatch.setattr(store, "_parts", lambda: LANES)
    return store


def _people(crm: Services, n: int, title: str = "Manager", tags=("VIP",)) -> None:
    for i in range(n):
        crm.contacts.create(ContactDraft(given_name=f"P{i}", family_name=title, title=title, tags=list(tags)))


def _query(crm: Services) -> ListQuery:
    vip = next(t.id for t in crm.lookups.tags() if t.name == "VIP")
    group = Group("any", (Condition("title", "contains", "manager"),
                          Condition("tags", "has_all", (vip,)), Condition("source", "is", "referral")))
    return ListQuery(segment=crm.segments.condition("contact", group))


def _straight(crm: Services, query: ListQuery) -> int:
    where, params = query.segment
    return crm.ctx.storage.database.db.execute_sql(
        f"SELECT count(*) FROM contact WHERE deleted_at IS NULL AND {where}", params).fetchone()[0]


def _handles(path: Path) -> int:
    """File descriptors of this process open on the database file."""
    fds = Path("/proc/self/fd")
    target = str(path.resolve())
    found = 0
    for fd in fds.iterdir():
        try:
            if os.readlink(fd) == target:
                found += 1
        except OSError:
            continue
    return found


@pytest.fixture
def crm(data_dir: Path):
    services = Services.open(data_dir, fallback_region="US")
    yield services
    services.close()


def test_the_connections_are_kept_from_count_to_count(crm, in_parts, monkeypatch):
    _people(crm, 6)
    query = _query(crm)
    pool = in_parts.counting_connections(crm.ctx.storage.database.db)
    opened = []
    real_open = pool._open
    monkeypatch.setattr(pool, "_open", lambda: opened.append(1) or real_open())
    assert crm.contacts.count(query) == _straight(crm, query) == 6
    assert len(opened) == LANES and pool.open_count() == LANES
    for _ in range(3):
        assert crm.contacts.count(query) == 6
    assert len(opened) == LANES  # none opened again
    # Counted on another thread: the kept connections serve whichever thread counts.
    with ThreadPoolExecutor(1) as other:
        assert other.submit(crm.contacts.count, query).result() == 6
    assert len(opened) == LANES


def test_each_count_is_live(crm, in_parts):
    """Kept connections read the file as it is at each count: nothing is remembered."""
    _people(crm, 4)
    query = _query(crm)
    assert crm.contacts.count(query) == 4
    _people(crm, 3, title="Clerk", tags=())
    assert crm.contacts.count(query) == 4
    _people(crm, 2, title="Sales manager", tags=())
    assert crm.contacts.count(query) == _straight(crm, query) == 6
    crm.contacts.delete([crm.contacts.page(query, 0, 1)[0][0]])
    assert crm.contacts.count(query) == _straight(crm, query) == 5


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_closing_the_database_leaves_no_handle_open(data_dir, in_parts):
    path = data_dir / "crm.sqlite3"
    crm = Services.open(data_dir, fallback_region="US")
    try:
        _people(crm, 5)
        query = _query(crm)
        assert crm.contacts.count(query) == 5
        pool = in_parts.counting_connections(crm.ctx.storage.database.db)
        assert pool.open_count() == LANES
        assert _handles(path) >= LANES + 1  # this thread's connection and the kept ones
    finally:
        crm.close()
    assert pool.open_count() == 0
    assert _handles(path) == 0


def test_a_restore_closes_them_and_the_next_count_reads_the_restored_data(crm, in_parts):
    _people(crm, 4)
    query = _query(crm)
    good = crm.backups.create("manual")
    _people(crm, 3, title="Office manager", tags=())
    assert crm.contacts.count(query) == 7
    pool = in_parts.counting_connections(crm.ctx.storage.database.db)
    assert pool.open_count() == LANES
    crm.backups.restore(Path(good.path))
    assert pool.open_count() == 0
    assert crm.contacts.count(query) == _straight(crm, query) == 4
    assert pool.open_count() == LANES


def test_a_file_replaced_while_the_database_was_closed_is_counted_afresh(crm, data_dir, in_parts):
    """Changing the encryption writes a new file and renames it over the old one while the
    database is closed: a connection kept from before would go on reading the old file."""
    _people(crm, 2)
    query = _query(crm)
    copy = data_dir / "copy.sqlite3"
    crm.ctx.storage.database.checkpoint()
    shutil.copyfile(data_dir / "crm.sqlite3", copy)  # two people
    _people(crm, 5, title="Manager")
    assert crm.contacts.count(query) == 7
    database = crm.ctx.storage.database
    database.close()
    os.replace(copy, data_dir / "crm.sqlite3")
    for stale in ("crm.sqlite3-wal", "crm.sqlite3-shm"):
        (data_dir / stale).unlink(missing_ok=True)
    database.open()
    assert crm.contacts.count(query) == _straight(crm, query) == 2


def test_a_connection_in_use_when_the_database_closes_is_closed_when_given_back(crm, in_parts):
    import sqlite3

    pool = in_parts.counting_connections(crm.ctx.storage.database.db)
    conn, token = pool.take()
    kept, kept_token = pool.take()
    pool.give_back(kept, kept_token)
    assert pool.open_count() == 1
    pool.close()
    assert pool.open_count() == 0
    with pytest.raises(sqlite3.ProgrammingError):
        kept.execute("SELECT 1")
    assert conn.execute("SELECT 1").fetchone() == (1,)  # in use: left alone until given back
    pool.give_back(conn, token)
    assert pool.open_count() == 0
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")


def test_a_connection_left_in_a_transaction_is_not_kept(crm, in_parts):
    pool = in_parts.counting_connections(crm.ctx.storage.database.db)
    conn, token = pool.take()
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM contact").fetchone()
    pool.give_back(conn, token)
    assert pool.open_count() == 0


def test_they_map_the_file(crm, in_parts):
    pool = in_parts.counting_connections(crm.ctx.storage.database.db)
    conn, token = pool.take()
    try:
        assert conn.execute("PRAGMA mmap_size").fetchone()[0] == in_parts.MMAP_BYTES
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # the database's own pragmas
    finally:
        pool.give_back(conn, token)
