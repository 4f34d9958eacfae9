"""Backups through the services: made, verified, listed, rotated, restored."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from service_helpers import person

from crm_desktop.core.backups import RotationPolicy, parse_backup_name
from crm_desktop.core.errors import BackupError, StorageError, StorageProblem
from crm_desktop.core.query import ListQuery
from crm_desktop.services import Services
from crm_desktop.services.backups import backups_in, quick_check, restore_closed


def _names(crm: Services) -> set[str]:
    rows = crm.ctx.storage.database.db.execute_sql(
        "SELECT given_name FROM contact WHERE deleted_at IS NULL").fetchall()
    return {r[0] for r in rows}


def test_a_backup_is_verified_listed_with_counts_and_private(crm: Services):
    crm.contacts.create(person("Ada", "Lovelace", email="ada@example.com"))
    crm.contacts.create(person("Alan", "Turing"))
    info = crm.backups.create("manual")
    path = Path(info.path)
    assert path.parent == crm.paths.backups
    assert info.verified is True and info.reason == "manual"
    assert info.counts.contacts == 2
    assert info.size_bytes == path.stat().st_size > 0
    assert path.stat().st_mode & 0o777 == 0o600
    assert crm.paths.backups.stat().st_mode & 0o777 == 0o700
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    listed = crm.backups.list()
    assert [b.path for b in listed] == [info.path]
    assert listed[0].counts == info.counts
    assert not list(crm.paths.backups.glob(".*partial"))


def test_a_backup_sees_what_the_app_wrote_but_not_an_open_transaction(crm: Services):
    crm.contacts.create(person("Committed"))
    with crm.ctx.write():
        crm.ctx.storage.database.db.execute_sql(
            "UPDATE contact SET given_name = 'Uncommitted' WHERE given_name = 'Committed'")
        info = crm.backups.create("during-write")
    conn = sqlite3.connect(info.path)
    try:
        assert conn.execute("SELECT given_name FROM contact").fetchall() == [("Committed",)]
    finally:
        conn.close()


def test_the_start_up_backup_is_made_once_a_day(crm: Services, clock):
    assert crm.backups.backup_if_due() is not None
    clock.advance(dt.timedelta(hours=23))
    assert crm.backups.backup_if_due() is None
    clock.advance(dt.timedelta(hours=1))
    made = crm.backups.backup_if_due()
    assert made is not None and made.reason == "daily"


def test_before_hook_names_the_reason(crm: Services):
    info = crm.backups.before("import")
    assert info.reason == "before-import"
    assert info.check == "quick_check"  # the user is waiting: the full check is left to Verify
    assert crm.backups.create("manual").check == "integrity_check"
    assert parse_backup_name(Path(info.path).name)[1] == "before-import"


def test_rotation_keeps_recent_daily_weekly_monthly(crm: Services, clock):
    crm.settings.backup_keep_recent = 2
    crm.settings.backup_keep_daily = 3
    crm.settings.backup_keep_weekly = 2
    crm.settings.backup_keep_monthly = 2
    for _ in range(120):  # one backup every 12 hours for two months
        crm.backups.create("daily")
        clock.advance(dt.timedelta(hours=12))
    kept = crm.backups.list()
    stamps = [b.created_at for b in kept]
    expected = RotationPolicy(2, 3, 2, 2)
    assert len(kept) == len(set(stamps))
    assert 3 <= len(kept) <= 2 + 3 + 2 + 2
    assert kept[0].created_at == clock.now() - dt.timedelta(hours=12)  # the newest stays
    assert len({(s.year, s.month) for s in stamps}) >= 2  # an older month is still there
    assert expected.keeps(stamps) == set(range(len(stamps)))  # rotation is stable
    assert len(list(crm.paths.backups.glob("*.json"))) == len(kept)  # no orphaned manifests


def test_rotation_policy_is_plain_logic():
    base = dt.datetime(2024, 1, 31, 12)
    stamps = [base - dt.timedelta(days=d) for d in range(100)]
    kept = RotationPolicy(recent=1, daily=7, weekly=4, monthly=3).keeps(stamps)
    kept_days = sorted((base - stamps[i]).days for i in kept)
    assert kept_days[:7] == list(range(7))
    assert len(kept) <= 1 + 7 + 4 + 3
    assert max(kept_days) >= 59  # three months reach back past November
    assert RotationPolicy(0, 0, 0, 0).keeps(stamps) == {0}  # never the newest one
    assert RotationPolicy().keeps([]) == set()


def test_the_backup_folder_can_be_changed(crm: Services, tmp_path: Path):
    elsewhere = tmp_path / "usb-drive" / "crm-backups"
    crm.backups.set_folder(elsewhere)
    info = crm.backups.create("manual")
    assert Path(info.path).parent == elsewhere
    assert Services  # the setting is saved with the others
    assert str(elsewhere) in crm.paths.settings.read_text(encoding="utf-8")
    crm.backups.set_folder(None)
    assert crm.backups.folder == crm.paths.backups


def test_verify_finds_a_damaged_backup(crm: Services):
    for i in range(300):
        crm.contacts.create(person(f"Person{i}", "Damaged", email=f"p{i}@example.com"))
    info = crm.backups.create("manual")
    path = Path(info.path)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 12)):
        data[offset] = 0xFF ^ data[offset]
    path.write_bytes(bytes(data))
    checked = crm.backups.verify(path)
    assert checked.verified is False and checked.problems
    assert crm.backups.list()[0].verified is False


def test_restore_backs_up_the_current_state_first(crm: Services):
    crm.contacts.create(person("Kept"))
    good = crm.backups.create("manual")
    crm.contacts.create(person("Added", "Later"))
    safety_path = crm.backups.restore(Path(good.path))
    assert _names(crm) == {"Kept"}
    safety = next(b for b in crm.backups.list() if b.path == str(safety_path))
    assert safety.reason == "before-restore" and safety.counts.contacts == 2
    crm.contacts.create(person("After", "Restore"))  # the database is open and writable again
    assert _names(crm) == {"Kept", "After"}
    crm.backups.restore(safety_path)
    assert _names(crm) == {"Kept", "Added"}


def test_a_damaged_backup_is_refused_for_restore_and_nothing_changes(crm: Services):
    crm.contacts.create(person("Here"))
    bad = crm.paths.backups / "crm-20240101-000000-manual.sqlite3"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    with pytest.raises(StorageError) as caught:
        crm.backups.restore(bad)
    assert caught.value.problem in (StorageProblem.CORRUPT, StorageProblem.NOT_A_DATABASE)
    assert _names(crm) == {"Here"}


def test_quick_check_and_restore_of_a_closed_damaged_database(data_dir: Path, tmp_path: Path):
    services = Services.open(data_dir)
    services.contacts.create(person("Saved"))
    good = services.backups.create("manual")
    services.close()
    database = data_dir / "crm.sqlite3"
    assert quick_check(database) == []
    raw = bytearray(database.read_bytes())
    raw[4096 * 2: 4096 * 6] = os.urandom(4096 * 4)
    database.write_bytes(bytes(raw))
    assert quick_check(database) != []
    assert backups_in(data_dir / "backups")[0] == Path(good.path)
    kept = restore_closed(database, Path(good.path), data_dir / "backups")
    assert kept is not None and kept.exists()  # the damaged file is kept, not deleted
    assert quick_check(database) == []
    reopened = Services.open(data_dir)
    try:
        assert reopened.counts().contacts == 1
    finally:
        reopened.close()


def test_deleting_for_good_from_the_trash_is_preceded_by_a_backup(crm: Services):
    ids = [crm.contacts.create(person(f"Gone{i}")) for i in range(3)]
    crm.contacts.delete(ids)
    assert crm.trash.empty() == 3
    made = crm.backups.list()
    assert [b.reason for b in made] == ["before-delete"]
    assert made[0].counts.contacts == 0  # the people were in the trash, and are in the backup
    conn = sqlite3.connect(made[0].path)
    try:
        assert conn.execute("SELECT count(*) FROM contact WHERE deleted_at IS NOT NULL").fetchone()[0] == 3
    finally:
        conn.close()


def test_nothing_is_deleted_for_good_when_no_backup_can_be_made(crm: Services, tmp_path: Path):
    ids = [crm.contacts.create(person(f"Kept{i}")) for i in range(2)]
    crm.contacts.delete(ids)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    crm.settings.backup_dir = str(blocker / "backups")
    with pytest.raises(BackupError):
        crm.trash.empty()
    assert len(crm.trash.items()) == 2


def test_a_reader_thread_sees_the_restored_data_on_its_next_read(crm: Services):
    from concurrent.futures import ThreadPoolExecutor

    crm.contacts.create(person("Before"))
    good = crm.backups.create("manual")
    crm.contacts.create(person("After"))
    with ThreadPoolExecutor(1) as reader:  # one thread, one connection of its own, kept open
        assert reader.submit(crm.contacts.count).result() == 2
        crm.backups.restore(Path(good.path))
        assert reader.submit(crm.contacts.count).result() == 1
        assert reader.submit(lambda: crm.search.search("after", limit=5)).result() == []


def test_a_copy_cut_short_a_day_ago_is_cleaned_up(crm: Services):
    crm.paths.backups.mkdir(mode=0o700)
    stale = crm.paths.backups / ".crm-20240101-000000-daily.sqlite3.partial"
    fresh = crm.paths.backups / ".crm-20240506-085900-manual.sqlite3.partial"
    for path in (stale, fresh):
        path.write_bytes(b"half a copy")
    os.utime(stale, (stale.stat().st_atime, stale.stat().st_mtime - 2 * 86_400))
    crm.backups.create("manual")
    assert not stale.exists() and fresh.exists()  # a fresh one may be another copy still running
    assert [b.reason for b in crm.backups.list()] == ["manual"]


def test_deleting_a_few_for_good_needs_no_backup_but_a_bulk_does(crm: Services):
    from crm_desktop.services.trash import BULK_PURGE

    ids = [crm.contacts.create(person(f"Few{i}")) for i in range(BULK_PURGE + 2)]
    crm.contacts.delete(ids)
    items = crm.trash.items()
    crm.trash.purge(items[:2])
    assert crm.backups.list() == []
    crm.trash.purge(items[2:])
    assert [b.reason for b in crm.backups.list()] == ["before-delete"]


def test_an_import_and_a_merge_each_start_with_a_backup(crm, tmp_path):
    from crm_desktop.interchange.plan import ImportOptions

    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,Email\nAda Lovelace,ada@example.com\nAda Lovelace,ada@example.org\n",
                     encoding="utf-8")
    crm.imports.run(crm.imports.inspect(sheet), ImportOptions(on_duplicate="create"))
    assert [b.reason for b in crm.backups.list()] == ["before-import"]
    first, second = (row[0] for row in crm.contacts.page(ListQuery(), 0, 2))
    crm.merges.merge("contact", first, second)
    assert sorted(b.reason for b in crm.backups.list()) == ["before-import", "before-merge"]


def test_a_plain_database_is_backed_up_as_a_file_copy_under_a_snapshot(crm: Services, monkeypatch):
    from crm_desktop.storage import backups as files

    methods = []
    real = files.copy_database
    monkeypatch.setattr(files, "copy_database", lambda *a, **k: methods.append(real(*a, **k)) or methods[-1])
    crm.contacts.create(person("Copied"))
    info = crm.backups.create("manual")
    assert methods == [files.COPY_BY_FILE]
    assert info.verified and info.counts.contacts == 1
    assert Path(info.path).stat().st_mode & 0o777 == 0o600


def test_a_backup_is_synced_after_its_check_and_only_then_gets_its_name(crm: Services, monkeypatch):
    from crm_desktop.storage import backups as files

    crm.contacts.create(person("Synced"))
    events = []
    real_check, real_sync = files.integrity_problems, files._fsync

    def check(path, passphrase=None, *, quick=False):
        events.append(("check", Path(path).name, len(crm.backups.list())))
        return real_check(path, passphrase, quick=quick)

    def sync(path):
        events.append(("sync", Path(path).name, len(crm.backups.list())))
        real_sync(path)

    monkeypatch.setattr(files, "integrity_problems", check)
    monkeypatch.setattr(files, "_fsync", sync)
    info = crm.backups.create("manual")
    partial = f".{Path(info.path).name}.partial"
    assert events == [("check", partial, 0), ("sync", partial, 0)]  # nothing listed before the sync
    assert [b.path for b in crm.backups.list()] == [info.path]


def test_a_copy_that_fails_its_check_is_never_synced_nor_kept(crm: Services, monkeypatch):
    from crm_desktop.storage import backups as files

    synced = []
    monkeypatch.setattr(files, "integrity_problems", lambda *a, **k: ["page 7 is damaged"])
    monkeypatch.setattr(files, "_fsync", synced.append)
    with pytest.raises(StorageError) as caught:
        crm.backups.create("manual")
    assert caught.value.problem is StorageProblem.CORRUPT
    assert synced == [] and crm.backups.list() == []
    assert list(crm.paths.backups.iterdir()) == []


def test_a_sync_that_fails_leaves_no_backup(crm: Services, monkeypatch):
    from crm_desktop.storage import backups as files

    def broken(path):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files, "_fsync", broken)
    with pytest.raises((StorageError, BackupError)):
        crm.backups.create("manual")
    assert crm.backups.list() == [] and list(crm.paths.backups.iterdir()) == []


INTERRUPTED = '''
import sys
from pathlib import Path
from crm_desktop.services import Services
from crm_desktop.storage import backups as files

def stop_here(path):  # the copy is made and checked; the process dies before its sync and rename
    print("checked", Path(path).name, flush=True)
    sys.stdin.read()

files._fsync = stop_here
services = Services.open(Path(sys.argv[1]), fallback_region="US")
services.backups.create("manual")
'''


@pytest.mark.skipif(os.name != "posix", reason="killed with SIGKILL")
def test_a_backup_killed_before_its_sync_and_rename_is_never_listed(crm: Services, data_dir: Path):
    import signal
    import subprocess
    import sys

    crm.contacts.create(person("Kept"))
    child = subprocess.Popen([sys.executable, "-c", INTERRUPTED, str(data_dir)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline().split()
        assert line[:1] == ["checked"], child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for pipe in (child.stdin, child.stdout, child.stderr):
            pipe.close()
    left = crm.paths.backups / line[1]
    assert left.exists() and left.name.endswith(".partial")  # the cut-short copy is there...
    assert crm.backups.list() == [] and backups_in(crm.paths.backups) == []  # ...and is no backup
    assert crm.backups.last_backup_time() is None  # so the start-up backup is still due
    info = crm.backups.create("manual")  # the next backup is made as usual
    assert [b.path for b in crm.backups.list()] == [info.path] and info.counts.contacts == 1


def test_the_backup_before_a_migration_is_named_only_once_checked_and_synced(tmp_path: Path, monkeypatch):
    import shutil

    from crm_desktop.storage import backups as files
    from crm_desktop.storage.database import Database

    frozen = Path(__file__).parents[1] / "fixtures" / "schema-v8.sqlite3"
    database = tmp_path / "data" / "crm.sqlite3"
    database.parent.mkdir()
    shutil.copyfile(frozen, database)
    folder = tmp_path / "data" / "backups"
    seen = []

    def broken(path):  # the power goes before the copy is on disk
        seen.append(sorted(p.name for p in folder.iterdir()))
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files, "_fsync", broken)
    with pytest.raises(OSError):
        Database(database, backup_dir=folder).open()
    assert len(seen) == 1 and all(name.endswith(".partial") for name in seen[0])  # checked, not named
    assert backups_in(folder) == [] and list(folder.iterdir()) == []
    assert database.read_bytes() == frozen.read_bytes()  # and nothing was migrated
    monkeypatch.undo()
    Database(database, backup_dir=folder).open().close()
    made = backups_in(folder)
    assert len(made) == 1 and made[0].name.endswith("-before-migration-8.sqlite3")
    assert made[0].stat().st_mode & 0o777 == 0o600 and not list(folder.glob(".*"))
