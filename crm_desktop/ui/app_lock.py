"""The app lock: after N minutes without a key press or mouse use, the window hides its data.

Unlocking asks for the database's passphrase when it is encrypted; otherwise one click
brings the window back (the lock then only keeps the screen private). The idle time is
the ``lock_after_minutes`` setting, 0 meaning never; it is read again when settings change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
          QEvent.Type.TouchBegin}


class LockedDialog(QDialog):
    """The lock screen of a database without a passphrase: one button to go on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("crm-desktop is locked"))
        label = QLabel(self.tr("crm-desktop was locked after a while without use. Encrypt the database "
                               "in Backups and security to require a passphrase here."), self)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        buttons.addButton(self.tr("Unlock"), role.AcceptRole).clicked.connect(self.accept)
        buttons.addButton(self.tr("Quit crm-desktop"), role.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        label.setMinimumWidth(400)  # a width to wrap at; Qt then gives the height it needs
        self.adjustSize()


class AppLock(QObject):
    """Watches the application's input events; ``lock()`` hides ``window`` until unlocked."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QWidget, services, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.services = services
        self.is_locked = False
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.lock)
        self._watching = False
        self.apply_settings()

    def apply_settings(self) -> None:
        """Start or stop watching; the filter sees every event, so it is there only when needed."""
        minutes = self.services.settings.lock_after_minutes
        app = QApplication.instance()
        if minutes > 0:
            self.timer.start(minutes * 60_000)
            if not self._watching:
                app.installEventFilter(self)
                self._watching = True
        else:
            self.timer.stop()
            if self._watching:
                app.removeEventFilter(self)
                self._watching = False

    def on_change(self, change) -> None:
        if change.entity == "settings":
            self.apply_settings()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()  # restarts the idle time
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        self.is_locked = True
        self.locked.emit()
        for widget in QApplication.topLevelWidgets():  # open dialogs show data too
            if widget.isVisible() and widget is not self.window and isinstance(widget, QDialog):
                widget.hide()
        self.window.hide()
        if self.ask_unlock():
            self.is_locked = False
            self.window.show()
            self.window.raise_()
            self.unlocked.emit()
            self.apply_settings()
        else:
            QApplication.quit()

    def ask_unlock(self) -> bool:
        """True once the user unlocked; replace in tests."""
        database = self.services.ctx.storage.database
        if database.encrypted:
            from .unlock_dialog import UnlockDialog

            return UnlockDialog.ask(None, database.path, offer_keychain=False, locked=True) is not None
        dialog = LockedDialog()
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


def install_app_lock(window: QWidget, services) -> AppLock:
    lock = AppLock(window, services)
    if getattr(window, "bridge", None) is not None:
        window.bridge.changed.connect(lock.on_change)
    window.app_lock = lock  # kept alive with the window
    return lock
