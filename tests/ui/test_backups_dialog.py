"""The backups dialog: list, back up now off the UI thread, verify, restore, folder and rotation;
and the person export and erase actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from crm_desktop.core.records import ContactDraft
from crm_desktop.ui import backups_dialog
from crm_desktop.ui.backups_dialog import BackupsDialog, erased_text, reason_text


@pytest.fixture
def answers(monkeypatch):
    """Message boxes answer Yes and record what they said."""
    said: list[str] = []

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            said.append(f"{kind}: {text}")
            return QMessageBox.StandardButton.Yes
        return show

    for kind in ("information", "warning", "question", "critical"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return said


@pytest.fixture
def dialog(qtbot, services, answers):
    made = BackupsDialog(services)
    qtbot.addWidget(made)
    yield made
    made.wait_for_worker()
    for worker in list(backups_dialog._IN_BACKGROUND):
        worker.wait()


def _back_up_now(qtbot, dialog: BackupsDialog) -> None:
    with qtbot.waitSignal(dialog.backup_made, timeout=30_000):
        dialog.back_up_now()
        assert not dialog.backup_button.isEnabled()  # busy while the worker copies


def test_back_up_now_runs_off_the_ui_thread_and_lists_the_backup(qtbot, dialog, services):
    services.contacts.create(ContactDraft(given_name="Listed"))
    assert dialog.table.rowCount() == 0 and dialog.empty_label.isVisibleTo(dialog)
    _back_up_now(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 1).text() == "Made by you"
    assert dialog.table.item(0, 3).text() == "1"
    assert dialog.table.item(0, 5).text() == "Verified"
    assert dialog.backup_button.isEnabled()


def test_verify_and_restore_the_selected_backup(qtbot, dialog, services, answers):
    services.contacts.create(ContactDraft(given_name="Kept"))
    _back_up_now(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    services.contacts.create(ContactDraft(given_name="Later"))
    dialog.table.selectRow(0)
    dialog.verify_selected()
    assert answers[-1] == "information: The backup is sound."
    dialog.restore_selected()
    assert services.counts().contacts == 1
    asked = [a for a in answers if a.startswith("question: Replace everything")]
    assert len(asked) == 1 and "1 person and 0 companies" in asked[0]
    assert dialog.table.rowCount() == 2  # the backup made before restoring is listed too
    assert {dialog.table.item(r, 1).text() for r in range(2)} == {"Made by you", "Before a restore"}


def test_the_folder_and_rotation_can_be_changed(dialog, services, tmp_path: Path):
    elsewhere = tmp_path / "external"
    dialog.set_folder(elsewhere)
    assert str(elsewhere) in dialog.folder_label.text()
    assert services.backups.folder == elsewhere
    dialog.keep_spins["backup_keep_daily"].setValue(3)
    assert services.settings.backup_keep_daily == 3
    assert '"backup_keep_daily": 3' in services.paths.settings.read_text(encoding="utf-8")


def test_the_security_tab_offers_encryption_and_the_lock(dialog, services):
    pytest.importorskip("sqlcipher3")
    assert dialog.encrypt_button.text() == "Encrypt…" and dialog.encrypt_button.isEnabled()
    assert not dialog.decrypt_button.isVisibleTo(dialog)
    dialog.lock_spin.setValue(10)
    assert services.settings.lock_after_minutes == 10


def test_reasons_have_words():
    assert reason_text("before-migration-3") == "Before an upgrade"
    assert reason_text("before-import") == "Before an import"
    assert reason_text("something-new") == "something-new"


def test_exporting_a_person_asks_where_and_says_where(qapp, services, tmp_path, monkeypatch, answers):
    person = services.contacts.create(ContactDraft(given_name="Zoë", family_name="Export"))
    target = tmp_path / "zoe.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert backups_dialog.export_person(None, services, person) == target
    assert target.is_file() and str(target) in answers[-1]


def test_erasing_a_person_confirms_and_mentions_the_backups(qapp, services, monkeypatch, answers):
    person = services.contacts.create(ContactDraft(given_name="Gone", family_name="ForGood"))
    services.backups.create("manual")
    monkeypatch.setattr(QMessageBox, "exec", lambda self: self.setProperty("x", 1) or 0)
    monkeypatch.setattr(QMessageBox, "clickedButton",
                        lambda self: next(b for b in self.buttons() if b.text() == "Erase for good"))
    assert backups_dialog.erase_person(None, services, person)
    assert services.counts().contacts == 0 and services.counts().trashed == 0
    assert "Backups made before still hold a copy" in answers[-1]


def test_the_erased_text_without_backups():
    from crm_desktop.services.privacy import Erased

    assert erased_text("Ann", Erased(1)) == "Ann was erased."


def test_encrypting_from_the_dialog_converts_the_file_and_closes_the_app(dialog, services, monkeypatch,
                                                                          answers):
    pytest.importorskip("sqlcipher3")
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.unlock_dialog import NewPassphraseDialog

    services.contacts.create(ContactDraft(given_name="Secret"))
    monkeypatch.setattr(NewPassphraseDialog, "ask", classmethod(lambda cls, parent: "long passphrase"))
    quits = []
    monkeypatch.setattr(QApplication, "quit", lambda *args: quits.append(True))
    dialog.change_encryption()
    assert services.ctx.storage.database.encrypted
    assert not services.database_path.read_bytes().startswith(b"SQLite format 3")
    assert quits == [True] and "start it again" in answers[-1]
    assert services.counts().contacts == 1


def test_closing_during_a_backup_lets_it_finish_in_the_background(qtbot, services, answers):
    made = BackupsDialog(services)
    made.back_up_now()
    worker = made._worker
    made.reject()  # closed at once, not after the copy and its check
    assert worker in backups_dialog._IN_BACKGROUND
    with qtbot.waitSignal(worker.done, timeout=30_000):
        pass
    worker.wait()
    qtbot.waitUntil(lambda: worker not in backups_dialog._IN_BACKGROUND)
    assert [b.reason for b in services.backups.list()] == ["manual"]
    made.deleteLater()
