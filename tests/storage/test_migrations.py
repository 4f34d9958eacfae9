"""Upgrading databases written by earlier versions, and refusing ones from later versions."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from crm_desktop.core.errors import StorageError, StorageProblem
from crm_desktop.core.paths import DATABASE_NAME
from crm_desktop.core.query import ListQuery
from crm_desktop.services import Services
from crm_desktop.storage.database import HISTORY_TABLE, MIGRATIONS_DIR, migration_names

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FROZEN = sorted(FIXTURES.glob("schema-v*.sqlite3"))
LATEST = int(migration_names()[-1].split("_", 1)[0])
NEW_INDEXES = {
    "contact_by_country": "contact(country COLLATE NOCASE) WHERE deleted_at IS NULL",
    "company_by_employees": "company(employees) WHERE deleted_at IS NULL",
}


def _version_in_name(path: Path) -> int:
    return int(path.stem.removeprefix("schema-v"))


def _applied(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute(f"SELECT name FROM {HISTORY_TABLE}"))
    finally:
        conn.close()


def _indexes(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()


def _sql(services: Services, query: str, params=()) -> list[tuple]:
    return services.ctx.storage.database.db.execute_sql(query, params).fetchall()


@pytest.fixture(params=[p for p in FROZEN if _version_in_name(p) < LATEST], ids=lambda p: p.stem)
def upgraded(request, tmp_path: Path):
    """A copy of a frozen database, opened (and so upgraded) by this version."""
    frozen: Path = request.param
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(frozen, data_dir / DATABASE_NAME)
    manifest = json.loads(frozen.with_suffix(".json").read_text(encoding="utf-8"))
    services = Services.open(data_dir)
    yield frozen, manifest, services
    services.close()


def _released() -> list[int]:
    lines = (FIXTURES / "RELEASED").read_text(encoding="utf-8").splitlines()
    return [int(line) for line in lines if line.strip() and not line.startswith("#")]


def test_there_is_a_frozen_database_of_every_older_released_schema():
    released = _released()
    assert released == sorted(set(released)) and released[-1] <= LATEST
    frozen = sorted(_version_in_name(p) for p in FROZEN)
    assert [v for v in released if v < LATEST] == [v for v in frozen if v < LATEST]
    assert all(v in released for v in frozen)


def test_each_frozen_database_is_at_the_version_its_name_says():
    for frozen in FROZEN:
        manifest = json.loads(frozen.with_suffix(".json").read_text(encoding="utf-8"))
        assert manifest["schema_version"] == _version_in_name(frozen)
        assert int(_applied(frozen)[-1].split("_", 1)[0]) == _version_in_name(frozen)
        assert frozen.stat().st_size < 1_000_000


def test_upgrade_reaches_the_latest_schema(upgraded):
    _, _, services = upgraded
    assert services.ctx.storage.database.schema_version() == LATEST
    assert services.info().schema_version == LATEST
    assert _sql(services, "PRAGMA user_version") == [(LATEST,)]
    assert _applied(services.ctx.storage.database.path) == migration_names()


def test_upgrade_keeps_the_data(upgraded):
    _, manifest, services = upgraded
    counts = services.counts()
    assert (counts.contacts, counts.companies, counts.tags, counts.users) == (
        manifest["contacts"], manifest["companies"], manifest["tags"], manifest["users"])
    assert counts.trashed == len(manifest["trashed_contacts"])
    assert sorted(i.record_id for i in services.trash.items()) == manifest["trashed_contacts"]
    assert len(services.contacts.page(ListQuery(), 0, 1000)) == manifest["contacts"]
    assert _sql(services, "PRAGMA integrity_check") == [("ok",)]
    assert _sql(services, "PRAGMA foreign_key_check") == []


def test_a_known_contact_survives_the_upgrade_and_is_found(upgraded):
    _, manifest, services = upgraded
    known = manifest["known_contact"]
    record = services.contacts.get(known["id"])
    assert record.full_name == known["full_name"]
    assert record.data.emails[0].value == known["email"]
    assert record.data.phones[0].value == known["phone"]
    for text in (known["full_name"], known["email"].split("@")[0], known["phone"].lstrip("+")):
        hits = services.search.search(text)
        assert ("contact", known["id"]) in {(h.kind, h.record_id) for h in hits}, text


def test_upgrade_creates_the_sort_indexes(upgraded):
    _, _, services = upgraded
    rows = dict(_sql(services, "SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
    for name, definition in NEW_INDEXES.items():
        assert rows[name] == f"CREATE INDEX {name} ON {definition}"


@pytest.mark.parametrize(("table", "order", "index"), [
    ("contact", "country COLLATE NOCASE", "contact_by_country"),
    ("company", "employees", "company_by_employees"),
])
def test_the_list_sorts_read_the_new_indexes(upgraded, table, order, index):
    _, _, services = upgraded
    plan = _sql(services, f"EXPLAIN QUERY PLAN SELECT id FROM {table} "
                          f"WHERE deleted_at IS NULL ORDER BY {order}, id")
    details = " | ".join(row[-1] for row in plan)
    assert f"USING INDEX {index}" in details


def test_a_backup_of_the_old_file_is_written_before_migrating(upgraded):
    frozen, manifest, services = upgraded
    backups = sorted(services.paths.backups.glob("*.sqlite3"))
    old = _version_in_name(frozen)
    assert len(backups) == 1
    assert backups[0].name.endswith(f"-before-migration-{old}.sqlite3")
    assert _applied(backups[0]) == _applied(frozen)
    conn = sqlite3.connect(backups[0])
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        live = conn.execute("SELECT count(*) FROM contact WHERE deleted_at IS NULL").fetchone()[0]
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()
    assert live == manifest["contacts"]
    assert indexes == _indexes(frozen)
    assert backups[0].stat().st_mode & 0o777 == 0o600


def test_reopening_an_upgraded_database_changes_nothing(upgraded):
    _, _, services = upgraded
    path = services.ctx.storage.database.path
    backups = services.paths.backups
    services.close()
    before = path.read_bytes()
    again = Services.open(path.parent)
    try:
        assert again.ctx.storage.database.migrated_from is None
        assert again.info().schema_version == LATEST
    finally:
        again.close()
    assert len(list(backups.glob("*.sqlite3"))) == 1
    assert path.read_bytes() == before


def test_a_new_database_is_created_at_the_latest_version(template_db: Path):
    assert _applied(template_db) == migration_names()
    conn = sqlite3.connect(template_db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (LATEST,)
    finally:
        conn.close()
    assert not (template_db.parent / "backups").exists()


def test_every_migration_can_be_reverted_and_applied_again(services):
    from playhouse.migrations import Runner

    db = services.ctx.storage.database.db
    runner = Runner(db, str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    later = migration_names()[1:]
    for name in reversed(later):
        assert runner.down() == [name]
        if name == "0002_sort_indexes":
            names = {r[0] for r in _sql(services, "SELECT name FROM sqlite_master WHERE type = 'index'")}
            assert names.isdisjoint(NEW_INDEXES)
    assert services.ctx.storage.database.schema_version() == 1
    assert runner.up() == later
    assert services.ctx.storage.database.schema_version() == LATEST
    names = {r[0] for r in _sql(services, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(NEW_INDEXES) <= names


def _mark_future(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            conn.execute(f"INSERT INTO {HISTORY_TABLE}(name, applied) VALUES ('0099_future', '2031-01-01')")
    finally:
        conn.close()


def test_a_database_from_a_newer_version_is_refused_untouched(data_dir: Path):
    db_path = data_dir / DATABASE_NAME
    _mark_future(db_path)
    before = db_path.read_bytes()
    with pytest.raises(StorageError) as caught:
        Services.open(data_dir)
    assert caught.value.problem is StorageProblem.TOO_NEW
    assert caught.value.detail == "0099_future"
    assert caught.value.path == str(db_path)
    assert db_path.read_bytes() == before
    assert not (data_dir / "backups").exists()
    # Nothing is left open on the refused file.
    assert sorted(p.name for p in data_dir.iterdir()) == [DATABASE_NAME]


def test_an_old_database_with_a_future_migration_is_refused_before_any_backup(tmp_path: Path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    db_path = data_dir / DATABASE_NAME
    shutil.copyfile(FROZEN[0], db_path)
    _mark_future(db_path)
    before = db_path.read_bytes()
    with pytest.raises(StorageError) as caught:
        Services.open(data_dir)
    assert caught.value.problem is StorageProblem.TOO_NEW
    assert db_path.read_bytes() == before
    assert not (data_dir / "backups").exists()
