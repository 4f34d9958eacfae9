"""Start-up: a damaged database is not a dead end, an encrypted one asks for its passphrase, and
the quick check and the daily backup run off the UI thread after the window shows."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from crm_desktop.core.paths import DATABASE_NAME, DataPaths
from crm_desktop.core.records import ContactDraft
from crm_desktop.services import Services
from crm_desktop.ui import application, recovery_dialog
from crm_desktop.ui.recovery_dialog import RecoveryDialog, StartChecks, ask_passphrase, open_services
from crm_desktop.ui.unlock_dialog import UnlockDialog


def _args(**overrides) -> argparse.Namespace:
    values = dict(data_dir="set", lang=None, demo=False, smoke_test=True, command=None)
    values.update(overrides)
    return argparse.Namespace(**values)


def _with_backup(folder: Path, people: int = 3) -> Path:
    services = Services.open(folder)
    try:
        for i in range(people):
            services.contacts.create(ContactDraft(given_name=f"Saved{i}"))
        return Path(services.backups.create("manual").path)
    finally:
        services.close()


def _break_the_schema(database: Path) -> None:
    raw = bytearray(database.read_bytes())
    raw[100:4096] = os.urandom(3996)  # the first page: sqlite_master
    database.write_bytes(bytes(raw))
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


@pytest.fixture
def no_dialogs(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(application, "install_excepthook", lambda log_path: None)
    return shown


def test_a_database_too_damaged_to_open_is_restored_from_the_newest_good_backup(qapp, tmp_path, monkeypatch,
                                                                                no_dialogs, capsys):
    backup = _with_backup(tmp_path)
    _break_the_schema(tmp_path / DATABASE_NAME)
    offered = []

    def ask(parent, database, problem, newest, folder, **kwargs):
        offered.append((database, newest))
        return newest

    monkeypatch.setattr(RecoveryDialog, "ask", staticmethod(ask))
    assert application.run(_args(), tmp_path) == 0
    assert offered == [(tmp_path / DATABASE_NAME, backup)]
    assert "3 contacts" in capsys.readouterr().out  # the smoke test saw the restored data
    assert list((tmp_path / "backups").glob("*.broken"))  # the damaged file is kept
    assert no_dialogs == []


def test_quitting_at_the_recovery_offer_changes_nothing(qapp, tmp_path, monkeypatch, no_dialogs):
    _with_backup(tmp_path)
    database = tmp_path / DATABASE_NAME
    _break_the_schema(database)
    before = database.read_bytes()
    monkeypatch.setattr(RecoveryDialog, "ask", staticmethod(lambda *a, **k: None))
    assert open_services(DataPaths(tmp_path), "US") is None
    assert database.read_bytes() == before


def test_the_recovery_dialog_says_what_and_offers_the_backup(qtbot, tmp_path):
    backup = tmp_path / "crm-20240506-090000-daily.sqlite3"
    dialog = RecoveryDialog(tmp_path / DATABASE_NAME, "database disk image is malformed", backup)
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    buttons = {button.text() for button in dialog.findChildren(QPushButton)}
    assert "is damaged." in text and "newest good backup" in text
    assert "Technical details: database disk image is malformed" in text
    assert buttons == {"Restore this backup", "Choose a backup…", "Quit"}
    none = RecoveryDialog(tmp_path / DATABASE_NAME, "malformed", None)
    qtbot.addWidget(none)
    assert "Restore this backup" not in {button.text() for button in none.findChildren(QPushButton)}


def test_start_checks_find_damage_off_the_ui_thread(qtbot, tmp_path):
    services = Services.open(tmp_path)
    try:
        services.contacts.create_many(ContactDraft(given_name=f"P{i}", notes="n" * 200) for i in range(3000))
        database = services.database_path
        services.ctx.storage.database.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        raw = bytearray(database.read_bytes())
        raw[4096 * 20: 4096 * 30] = os.urandom(4096 * 10)
        database.write_bytes(bytes(raw))
        checks = StartChecks(services)
        with qtbot.waitSignal(checks.damaged, timeout=30_000) as blocker:
            checks.start()
        assert blocker.args[0]
        checks.thread.join()
        assert not (tmp_path / "backups").exists()  # no backup of a damaged file
    finally:
        services.close()


def test_start_checks_make_the_daily_backup(qtbot, services):
    checks = StartChecks(services)
    with qtbot.waitSignal(checks.backed_up, timeout=30_000) as blocker:
        checks.start()
    checks.thread.join()
    assert blocker.args[0].reason == "daily"
    again = StartChecks(services)
    again.start()
    again.thread.join()  # made less than a day ago: nothing more
    assert len(services.backups.list()) == 1


def test_an_encrypted_database_asks_for_its_passphrase_at_start(qapp, tmp_path, monkeypatch):
    pytest.importorskip("sqlcipher3")
    services = Services.open(tmp_path)
    services.contacts.create(ContactDraft(given_name="Secret"))
    services.backups.set_passphrase("open sesame")
    services.close()
    paths = DataPaths(tmp_path)
    monkeypatch.setattr(recovery_dialog, "remembered_passphrase", lambda key: None)
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(lambda cls, parent, database, **k: None))
    assert ask_passphrase(paths) == (None, False)  # the user quit
    monkeypatch.setattr(UnlockDialog, "ask",
                        classmethod(lambda cls, parent, database, **k: ("open sesame", False)))
    opened = open_services(paths, "US")
    try:
        assert opened.counts().contacts == 1 and opened.ctx.storage.database.encrypted
    finally:
        opened.close()
    monkeypatch.setattr(recovery_dialog, "remembered_passphrase", lambda key: "open sesame")
    assert ask_passphrase(paths) == ("open sesame", True)  # from the keychain, no dialog


def test_after_start_runs_the_checks_once_the_window_had_its_moment(qtbot, services):
    from PySide6.QtWidgets import QWidget

    from crm_desktop.ui.recovery_dialog import after_start

    window = QWidget()
    qtbot.addWidget(window)
    checks = after_start(window, services, delay_ms=0)
    assert not checks.thread.is_alive() and checks.thread.ident is None  # not before the event loop runs
    with qtbot.waitSignal(checks.backed_up, timeout=30_000):
        pass
    checks.thread.join()
    assert window.start_checks is checks


def test_a_window_closed_while_the_checks_run_is_no_problem(qtbot, services):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    checks = StartChecks(services, window)
    checks.start()
    window.deleteLater()  # closed and gone before the checks report
    qtbot.waitUntil(lambda: not checks.thread.is_alive() if _deleted(window) else False, timeout=30_000)
    checks.thread.join()


def _deleted(widget) -> bool:
    from shiboken6 import isValid

    return not isValid(widget)
