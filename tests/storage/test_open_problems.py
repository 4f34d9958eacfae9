"""A database file that cannot be used is refused with a clear reason and left as it was."""

from __future__ import annotations

import contextlib
import gc
import os
import random
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from crm_desktop.core.errors import DataDirError, StorageError, StorageProblem
from crm_desktop.core.paths import DATABASE_NAME
from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import ContactDraft
from crm_desktop.services import Services

PAGE = 4096
DAMAGED = {StorageProblem.CORRUPT, StorageProblem.NOT_A_DATABASE}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    """A database at the current schema with some hundreds of rows, closed cleanly."""
    root = tmp_path_factory.mktemp("sample")
    services = Services.open(root)
    services.seed_demo(people=60, firms=20, seed=3)
    services.close()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(DATABASE_NAME)) == [DATABASE_NAME]
    return root / DATABASE_NAME


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    return root


def _garbage(size: int, seed: int = 0) -> bytes:
    return random.Random(seed).randbytes(size)


def _root_page(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        conn.close()


def _use(services: Services) -> None:
    """Read everything a user sees first: counts, both lists, search, a record."""
    services.counts()
    rows = services.contacts.page(ListQuery(), 0, 1000)
    services.companies.page(ListQuery(), 0, 1000)
    services.search.search("a")
    services.search.search("王")
    for row in rows:
        services.contacts.get(row[0])


def _open_and_use(folder: Path) -> None:
    services = Services.open(folder, busy_timeout_ms=200)
    try:
        _use(services)
    finally:
        services.close()


def _refusal(action) -> StorageError:
    """The StorageError ``action`` raises, once handled (so its traceback no longer
    keeps the failed statement, and with it the file, open)."""
    try:
        action()
    except StorageError as exc:
        error = StorageError(exc.problem, exc.path, exc.detail)
    else:
        pytest.fail("no StorageError was raised")
    gc.collect()
    return error


def _leftovers(folder: Path) -> list[str]:
    """The -wal and -shm files SQLite keeps beside a database while it is open."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(DATABASE_NAME + "-"))


@pytest.mark.parametrize("content", [
    _garbage(8192),
    b"\x89PNG\r\n\x1a\n" + _garbage(2000, 1),
    b"name,email\nAlice,alice@example.com\n",
    b"SQLite format 2\x00" + bytes(2000),
], ids=["random bytes", "png", "csv", "almost sqlite"])
def test_a_file_that_is_not_a_database_is_refused_untouched(folder: Path, content: bytes):
    path = folder / DATABASE_NAME
    path.write_bytes(content)
    with pytest.raises(StorageError) as caught:
        Services.open(folder)
    assert caught.value.problem is StorageProblem.NOT_A_DATABASE
    assert caught.value.path == str(path)
    assert path.read_bytes() == content
    assert _leftovers(folder) == []
    assert not (folder / "backups").exists()


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    if how == "schema page":
        data[100:PAGE] = _garbage(PAGE - 100)  # keep the 100-byte header, break the schema
    elif how == "middle third":
        start, end = pages // 3, 2 * pages // 3
        data[start * PAGE:end * PAGE] = _garbage((end - start) * PAGE)
    elif how == "truncated":
        del data[len(data) // 2:]
    else:  # the root page of a table
        page = _root_page(path, how)
        data[(page - 1) * PAGE:page * PAGE] = _garbage(PAGE, page)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", [
    "schema page", "middle third", "truncated", "contact", "contact_channel", "contact_fts_config",
    "company_fts_data",
])
def test_a_damaged_database_is_reported_as_damaged_and_left_as_it_was(
        sample_db: Path, folder: Path, how: str):
    path = folder / DATABASE_NAME
    shutil.copyfile(sample_db, path)
    _damage(path, how)
    before = path.read_bytes()
    assert _refusal(lambda: _open_and_use(folder)).problem in DAMAGED
    assert path.read_bytes() == before
    assert _leftovers(folder) == []


@contextlib.contextmanager
def _held(path: Path, how: str):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(how)
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_a_database_locked_by_another_program_is_refused(data_dir: Path):
    path = data_dir / DATABASE_NAME
    before = path.read_bytes()
    with _held(path, "BEGIN EXCLUSIVE"):
        started = time.monotonic()
        refusal = _refusal(lambda: Services.open(data_dir, busy_timeout_ms=200))
        waited = time.monotonic() - started
    assert refusal.problem is StorageProblem.LOCKED
    assert refusal.path == str(path)
    assert waited < 4  # the short timeout was used, not the default five seconds
    assert path.read_bytes() == before
    # The refused open let go of the file: the other program was its last user.
    assert _leftovers(data_dir) == []
    Services.open(data_dir, busy_timeout_ms=200).close()


def test_a_write_while_another_program_writes_is_reported_as_locked(data_dir: Path):
    services = Services.open(data_dir, busy_timeout_ms=200)
    try:
        with _held(data_dir / DATABASE_NAME, "BEGIN IMMEDIATE"), pytest.raises(StorageError) as caught:
            services.contacts.create(ContactDraft(given_name="Ann"))
        assert caught.value.problem is StorageProblem.LOCKED
        assert services.contacts.count() == 0
        services.contacts.create(ContactDraft(given_name="Ann"))
        assert services.contacts.count() == 1
    finally:
        services.close()


def test_a_full_disk_is_reported_and_the_batch_is_not_half_written(data_dir: Path):
    services = Services.open(data_dir, busy_timeout_ms=200)
    db = services.ctx.storage.database.db
    try:
        pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
        db.execute_sql(f"PRAGMA max_page_count = {pages + 2}")
        drafts = [ContactDraft(given_name=f"Person {i}", notes="x" * 500) for i in range(300)]
        with pytest.raises(StorageError) as caught:
            services.contacts.create_many(drafts)
        assert caught.value.problem is StorageProblem.DISK_FULL
        assert services.contacts.count() == 0
        assert services.search.search("person") == []
        db.execute_sql(f"PRAGMA max_page_count = {2 ** 30}")
        assert len(services.contacts.create_many(drafts)) == 300
    finally:
        services.close()


def _make_read_only(path: Path) -> contextlib.AbstractContextManager:
    """Make the file unwritable for this process; root ignores permission bits."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        return contextlib.nullcontext()
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root, which writes to read-only files, and chattr +i is not available")

    @contextlib.contextmanager
    def immutable():
        try:
            yield
        finally:
            subprocess.run([chattr, "-i", str(path)], check=True)

    return immutable()


def test_a_read_only_database_is_refused_untouched(data_dir: Path):
    path = data_dir / DATABASE_NAME
    before = path.read_bytes()
    with _make_read_only(path):
        with pytest.raises(StorageError) as caught:
            Services.open(data_dir, busy_timeout_ms=200)
        assert caught.value.problem is StorageProblem.READ_ONLY
        assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_database_cannot_be_opened(data_dir: Path):
    path = data_dir / DATABASE_NAME
    path.chmod(0)
    try:
        with pytest.raises(StorageError) as caught:
            Services.open(data_dir, busy_timeout_ms=200)
    finally:
        path.chmod(0o600)
    assert caught.value.problem is StorageProblem.CANNOT_OPEN


def test_a_data_folder_that_cannot_be_created_is_reported(tmp_path: Path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DataDirError) as caught:
        Services.open(blocker / "data")
    assert caught.value.path == str(blocker / "data")
    assert caught.value.detail == "Not a directory"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_new_data_folder_is_private(tmp_path: Path):
    root = tmp_path / "new" / "data"
    Services.open(root).close()
    assert root.stat().st_mode & 0o777 == 0o700
    assert (root / DATABASE_NAME).stat().st_mode & 0o777 == 0o600
