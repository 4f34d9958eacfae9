"""The unlock dialog, choosing a passphrase, and the app lock after idle time."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from crm_desktop.ui.app_lock import AppLock
from crm_desktop.ui.unlock_dialog import NewPassphraseDialog, UnlockDialog


def test_a_wrong_passphrase_is_said_and_the_dialog_stays(qtbot, tmp_path: Path):
    tried: list[str] = []
    dialog = UnlockDialog(tmp_path / "crm.sqlite3",
                          checker=lambda path, text: tried.append(text) or text == "right")
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("wrong")
    dialog.try_unlock()
    assert dialog.error_label.isVisibleTo(dialog)
    assert "does not open the database" in dialog.error_label.text()
    assert dialog.result() == 0
    dialog.passphrase.setText("right")
    dialog.try_unlock()
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert tried == ["wrong", "right"]


def test_the_real_check_reads_an_encrypted_file(qtbot, services):
    pytest.importorskip("sqlcipher3")
    services.backups.set_passphrase("a long passphrase")
    dialog = UnlockDialog(services.database_path)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("A long passphrase")
    dialog.try_unlock()
    assert dialog.error_label.isVisibleTo(dialog)
    dialog.passphrase.setText("a long passphrase")
    dialog.try_unlock()
    assert dialog.result() == UnlockDialog.DialogCode.Accepted


def test_a_new_passphrase_is_typed_twice_and_long_enough(qtbot):
    dialog = NewPassphraseDialog()
    qtbot.addWidget(dialog)
    dialog.first.setText("short")
    dialog.second.setText("short")
    dialog.check()
    assert "at least 8" in dialog.error_label.text()
    dialog.first.setText("long enough")
    dialog.second.setText("long enougH")
    dialog.check()
    assert dialog.error_label.text() == "The two passphrases differ."
    dialog.second.setText("long enough")
    dialog.check()
    assert dialog.result() == NewPassphraseDialog.DialogCode.Accepted


@pytest.fixture
def window(qtbot):
    shown = QWidget()
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_the_app_locks_after_the_idle_time_and_unlocks(qtbot, window, services):
    services.settings.lock_after_minutes = 5
    lock = AppLock(window, services)
    assert lock.timer.isActive() and lock.timer.interval() == 5 * 60_000
    seen = []

    def ask() -> bool:
        seen.append(window.isVisible())
        return True

    lock.ask_unlock = ask
    with qtbot.waitSignal(lock.unlocked):
        lock.timer.timeout.emit()  # the idle time is over
    assert seen == [False]  # hidden while the unlock dialog asks
    assert window.isVisible() and not lock.is_locked
    assert lock.timer.isActive()


def test_input_restarts_the_idle_time_and_0_means_never(qtbot, window, services):
    services.settings.lock_after_minutes = 1
    lock = AppLock(window, services)
    restarts = []

    class Recording(QTimer):
        def start(self, *args):
            restarts.append(args)
            super().start(*args)

    lock.timer = Recording(lock, singleShot=True)
    lock.timer.start(60_000)
    press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.LeftButton,
                        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, press)  # the application-wide filter sees it
    assert restarts == [(60_000,), ()]  # started, then restarted by the click
    QApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))  # not input: no restart
    assert len(restarts) == 2
    services.settings.lock_after_minutes = 0
    lock.apply_settings()
    assert not lock.timer.isActive()


def test_quitting_at_the_lock_screen_quits(qtbot, window, services, monkeypatch):
    services.settings.lock_after_minutes = 1
    lock = AppLock(window, services)
    lock.ask_unlock = lambda: False
    quits = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    lock.lock()
    assert quits == [True] and not window.isVisible()
