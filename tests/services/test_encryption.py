"""Encryption at rest: on and off through a verified copy, wrong passphrases, encrypted backups."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from service_helpers import found, person

from crm_desktop.core.errors import StorageError, StorageProblem
from crm_desktop.services import Services
from crm_desktop.services.backups import (
    check_passphrase,
    needs_passphrase,
    remember_passphrase,
    remembered_passphrase,
)

pytest.importorskip("sqlcipher3")

SECRET_NAME = "Zebulon"
SECRET_EMAIL = "zebulon.quartermaine@example.org"


def _files_of(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("*") if p.is_file() and not p.name.endswith(".json")]


def _encrypted(data_dir: Path, passphrase: str = "correct horse") -> Path:
    services = Services.open(data_dir)
    services.contacts.create(person(SECRET_NAME, "Quartermaine", email=SECRET_EMAIL))
    services.backups.set_passphrase(passphrase)
    services.close()
    return data_dir / "crm.sqlite3"


def test_the_encrypted_file_holds_no_plaintext_and_opens_with_its_passphrase(data_dir: Path):
    database = _encrypted(data_dir)
    raw = database.read_bytes()
    assert SECRET_EMAIL.encode() not in raw and SECRET_NAME.encode() not in raw
    assert not raw.startswith(b"SQLite format 3")
    assert needs_passphrase(database)
    assert database.stat().st_mode & 0o777 == 0o600
    services = Services.open(data_dir, passphrase="correct horse")
    try:
        assert services.ctx.storage.database.encrypted
        assert len(found(services, "zebulon")) == 1  # full-text search works in the encrypted file
        services.contacts.create(person("Second"))
        assert services.counts().contacts == 2
    finally:
        services.close()


def test_a_wrong_or_missing_passphrase_never_opens_it_and_writes_nothing(data_dir: Path):
    database = _encrypted(data_dir)
    before = database.read_bytes()
    for wrong in ("Correct horse", "correct horse ", "x"):
        with pytest.raises(StorageError) as caught:
            Services.open(data_dir, passphrase=wrong)
        assert caught.value.problem is StorageProblem.WRONG_PASSPHRASE
        assert not check_passphrase(database, wrong)
    with pytest.raises(StorageError) as caught:
        Services.open(data_dir)
    assert caught.value.problem is StorageProblem.NOT_A_DATABASE
    assert database.read_bytes() == before
    assert not Path(f"{database}-wal").exists() or Path(f"{database}-wal").stat().st_size == 0
    assert check_passphrase(database, "correct horse")


def test_backups_of_an_encrypted_database_are_encrypted(data_dir: Path):
    _encrypted(data_dir)
    services = Services.open(data_dir, passphrase="correct horse")
    try:
        info = services.backups.create("manual")
        assert info.encrypted and info.verified and info.counts.contacts == 1
        assert SECRET_EMAIL.encode() not in Path(info.path).read_bytes()
        assert services.backups.verify(Path(info.path)).verified
        services.contacts.create(person("Later"))
        services.backups.restore(Path(info.path))
        assert services.counts().contacts == 1
    finally:
        services.close()
    # The backups made while the database was plain are the only plaintext left, as the
    # settings say; every file made after encryption is not readable.
    plain = [p for p in _files_of(data_dir) if SECRET_EMAIL.encode() in p.read_bytes()]
    assert all("before-encryption" in p.name for p in plain)


def test_decrypting_and_changing_the_passphrase(data_dir: Path):
    _encrypted(data_dir)
    services = Services.open(data_dir, passphrase="correct horse")
    try:
        services.backups.set_passphrase("battery staple")
        assert services.counts().contacts == 1
    finally:
        services.close()
    database = data_dir / "crm.sqlite3"
    assert check_passphrase(database, "battery staple") and not check_passphrase(database, "correct horse")
    services = Services.open(data_dir, passphrase="battery staple")
    try:
        services.backups.set_passphrase(None)
    finally:
        services.close()
    assert database.read_bytes().startswith(b"SQLite format 3")
    reopened = Services.open(data_dir)
    try:
        assert reopened.counts().contacts == 1
    finally:
        reopened.close()


def test_the_passphrase_can_be_kept_in_a_keychain(monkeypatch):
    stored: dict[tuple[str, str], str] = {}

    class Ring:
        def set_password(self, service, key, value):
            stored[(service, key)] = value

        def get_password(self, service, key):
            return stored.get((service, key))

        def delete_password(self, service, key):
            stored.pop((service, key), None)

    ring = Ring()
    fake = types.ModuleType("keyring")
    fake.get_keyring = lambda: ring
    fake.set_password, fake.get_password = ring.set_password, ring.get_password
    fake.delete_password = ring.delete_password
    backends = types.ModuleType("keyring.backends")
    fail = types.ModuleType("keyring.backends.fail")
    fail.Keyring = type("Keyring", (), {})
    backends.fail = fail
    monkeypatch.setitem(sys.modules, "keyring", fake)
    monkeypatch.setitem(sys.modules, "keyring.backends", backends)
    monkeypatch.setitem(sys.modules, "keyring.backends.fail", fail)
    assert remember_passphrase("/data/crm.sqlite3", "s3cret")
    assert remembered_passphrase("/data/crm.sqlite3") == "s3cret"
    assert remember_passphrase("/data/crm.sqlite3", None)
    assert remembered_passphrase("/data/crm.sqlite3") is None


def test_without_a_keychain_nothing_is_kept(monkeypatch):
    monkeypatch.setitem(sys.modules, "keyring", None)  # import fails
    assert not remember_passphrase("/data/crm.sqlite3", "s3cret")
    assert remembered_passphrase("/data/crm.sqlite3") is None


def test_an_encrypted_database_keeps_more_decrypted_pages(data_dir: Path):
    from crm_desktop.storage.database import CIPHER_CACHE_KIB

    _encrypted(data_dir)
    services = Services.open(data_dir, passphrase="correct horse")
    try:
        db = services.ctx.storage.database.db
        assert db.execute_sql("PRAGMA cache_size").fetchone()[0] == CIPHER_CACHE_KIB
    finally:
        services.close()
    plain = Services.open(data_dir.parent / "plain")
    try:
        assert plain.ctx.storage.database.db.execute_sql("PRAGMA cache_size").fetchone()[0] == -32_000
    finally:
        plain.close()


def test_the_key_is_derived_once_and_reused_by_every_thread(data_dir: Path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from crm_desktop.storage import backups as files

    _encrypted(data_dir, "pass phrase ünïcode")
    derived, keyed = [], []
    real_derive, real_connect = files.derive_key, files.connect
    monkeypatch.setattr(files, "derive_key", lambda *a: derived.append(a) or real_derive(*a))
    monkeypatch.setattr(files, "connect",
                        lambda *a, **k: keyed.append(k.get("raw_key")) or real_connect(*a, **k))
    services = Services.open(data_dir, passphrase="pass phrase ünïcode")
    try:
        with ThreadPoolExecutor(3) as readers:  # a connection per thread, as the list readers have
            counts = list(readers.map(lambda _: services.contacts.count(found_query()), range(6)))
        assert counts == [1] * 6
    finally:
        services.close()
    assert len(derived) == 1
    assert len(keyed) >= 2 and all(keyed), keyed  # no connection ran the derivation itself


def test_a_key_that_does_not_fit_falls_back_to_the_passphrase(data_dir: Path, monkeypatch):
    from crm_desktop.storage import backups as files

    _encrypted(data_dir)
    tried = []
    monkeypatch.setattr(files, "derive_key", lambda *a: tried.append(a) or "00" * 32)
    services = Services.open(data_dir, passphrase="correct horse")
    try:
        assert services.counts().contacts == 1
        assert services.ctx.storage.database.db._raw_key is None  # never tried again
    finally:
        services.close()
    assert len(tried) == 1


def test_the_derived_key_is_sqlciphers_own_and_a_wrong_one_reads_nothing(data_dir: Path):
    from crm_desktop.storage.backups import connect, derive_key

    database = _encrypted(data_dir, "correct horse")
    key = derive_key(database, "correct horse")
    conn = connect(database, "unused", raw_key=key)
    try:
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 1
    finally:
        conn.close()
    wrong = connect(database, "unused", raw_key=derive_key(database, "Correct horse"))
    try:
        with pytest.raises(Exception, match="not a database"):
            wrong.execute("SELECT count(*) FROM contact").fetchone()
    finally:
        wrong.close()
    assert derive_key(data_dir / "missing.sqlite3", "correct horse") is None


def found_query():
    from crm_desktop.core.query import ListQuery

    return ListQuery(search="zebulon")
