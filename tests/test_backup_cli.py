"""The backup, verify and restore commands, for scheduled use."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from crm_desktop.app import main
from crm_desktop.core.paths import DATABASE_NAME


def _demo(folder: Path, people: int = 30) -> None:
    assert main(["demo", "--data-dir", str(folder), "--people", str(people), "--companies", "5"]) == 0


def _contacts(database: Path) -> int:
    conn = sqlite3.connect(database)
    try:
        return conn.execute("SELECT count(*) FROM contact WHERE deleted_at IS NULL").fetchone()[0]
    finally:
        conn.close()


def _damage(database: Path) -> None:
    raw = bytearray(database.read_bytes())
    raw[4096 * 2: 4096 * 8] = os.urandom(4096 * 6)
    database.write_bytes(bytes(raw))


def test_backup_then_list(tmp_path: Path, capsys):
    _demo(tmp_path)
    capsys.readouterr()
    assert main(["backup", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "verified" in out and "30 contacts" in out
    assert main(["backup", "--list", "--data-dir", str(tmp_path)]) == 0
    listing = capsys.readouterr().out
    assert "backups in" in listing and "manual" in listing and "30 contacts" in listing


def test_verify_reports_a_damaged_backup_with_exit_code_1(tmp_path: Path, capsys):
    _demo(tmp_path)
    assert main(["backup", "--data-dir", str(tmp_path)]) == 0
    assert main(["verify", "--data-dir", str(tmp_path)]) == 0
    assert "2 checked, 0 damaged" in capsys.readouterr().out
    backup = next((tmp_path / "backups").glob("*.sqlite3"))
    _damage(backup)
    assert main(["verify", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "DAMAGED" in out and "1 damaged" in out


def test_restore_a_named_backup_after_backing_up_the_current_state(tmp_path: Path, capsys):
    _demo(tmp_path, people=10)
    assert main(["backup", "--data-dir", str(tmp_path)]) == 0
    backup = next((tmp_path / "backups").glob("*.sqlite3"))
    _demo(tmp_path, people=10)
    assert _contacts(tmp_path / DATABASE_NAME) == 20
    capsys.readouterr()
    assert main(["restore", str(backup), "--data-dir", str(tmp_path)]) == 0
    assert "before-restore" in capsys.readouterr().out
    assert _contacts(tmp_path / DATABASE_NAME) == 10
    safety = next((tmp_path / "backups").glob("*before-restore.sqlite3"))
    assert _contacts(safety) == 20


def test_restore_newest_replaces_a_damaged_database_and_keeps_it_aside(tmp_path: Path, capsys):
    _demo(tmp_path, people=200)
    assert main(["backup", "--data-dir", str(tmp_path)]) == 0
    database = tmp_path / DATABASE_NAME
    _damage(database)
    assert main(["verify", "--data-dir", str(tmp_path)]) == 1
    assert main(["restore", "--newest", "--data-dir", str(tmp_path)]) == 0
    assert _contacts(database) == 200
    assert list((tmp_path / "backups").glob("*.broken"))
    assert main(["verify", "--data-dir", str(tmp_path)]) == 0


def test_restore_without_any_backup_says_so(tmp_path: Path, capsys):
    _demo(tmp_path, people=1)
    assert main(["restore", "--newest", "--data-dir", str(tmp_path)]) == 2
    assert "no usable backup" in capsys.readouterr().err


def test_an_encrypted_database_takes_its_passphrase_from_the_environment(tmp_path: Path, capsys, monkeypatch):
    pytest.importorskip("sqlcipher3")
    from crm_desktop.services import Services

    _demo(tmp_path, people=3)
    services = Services.open(tmp_path)
    services.backups.set_passphrase("pass phrase")
    services.close()
    monkeypatch.setenv("CRM_DESKTOP_PASSPHRASE", "pass phrase")
    capsys.readouterr()
    assert main(["backup", "--data-dir", str(tmp_path)]) == 0
    assert main(["verify", "--data-dir", str(tmp_path)]) == 0
    assert main(["info", "--data-dir", str(tmp_path)]) == 0
    assert "contacts:       3" in capsys.readouterr().out
    monkeypatch.setenv("CRM_DESKTOP_PASSPHRASE", "wrong")
    assert main(["info", "--data-dir", str(tmp_path)]) == 2
    assert "passphrase" in capsys.readouterr().err.lower()


def test_the_command_line_backs_up_while_the_app_holds_a_long_write(tmp_path: Path, capsys):
    from crm_desktop.core.records import ContactDraft
    from crm_desktop.services import Services

    _demo(tmp_path, people=5)
    app = Services.open(tmp_path)  # the open app, in the middle of an import
    try:
        with app.ctx.write():
            app.contacts.create(ContactDraft(given_name="Uncommitted"))
            assert main(["backup", "--data-dir", str(tmp_path)]) == 0
        assert "5 contacts" in capsys.readouterr().out  # the committed state, consistent
        assert app.counts().contacts == 6
    finally:
        app.close()
