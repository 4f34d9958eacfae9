"""Passphrases: the unlock dialog at start (or after the app locked itself), and choosing a new one.

A wrong passphrase is caught before anything is opened for writing: the dialog tries it
on a read-only look at the file and says so, and the database stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..services.backups import check_passphrase, keychain

MIN_PASSPHRASE = 8
ERROR_STYLE = "color: #c53030;"
OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel


class UnlockDialog(QDialog):
    """Asks for the passphrase of ``database``; ``checker(path, passphrase)`` says if it fits."""

    def __init__(self, database: Path, parent: QWidget | None = None, *, offer_keychain: bool = True,
                 checker: Callable[[Path, str], bool] = check_passphrase, locked: bool = False) -> None:
        super().__init__(parent)
        self.database = database
        self.checker = checker
        self.setWindowTitle(self.tr("crm-desktop is locked") if locked else self.tr("Unlock crm-desktop"))
        intro = QLabel(self.tr("The database %1 is encrypted. Enter its passphrase to open it.")
                       .replace("%1", str(database)), self)
        intro.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.remember = QCheckBox(self.tr("Keep the passphrase in the system keychain"), self)
        self.remember.setVisible(offer_keychain and keychain() is not None)
        self.buttons = QDialogButtonBox(OK_CANCEL, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Quit") if not locked else self.tr("Quit crm-desktop"))
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error_label)
        layout.addWidget(self.remember)
        layout.addWidget(self.buttons)
        _fit_wrapped_text(self, layout)

    @classmethod
    def ask(cls, parent: QWidget | None, database: Path, **kwargs) -> tuple[str, bool] | None:
        """(passphrase, keep it in the keychain) once one fits; None when the user quits."""
        dialog = cls(database, parent, **kwargs)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.passphrase.text(), dialog.remember.isChecked()
        finally:
            dialog.deleteLater()

    def try_unlock(self) -> None:
        text = self.passphrase.text()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the key derivation takes a moment
        try:
            fits = bool(text) and self.checker(self.database, text)
        finally:
            QApplication.restoreOverrideCursor()
        if fits:
            self.accept()
            return
        self.error_label.setText(self.tr("This passphrase does not open the database. Check it (capital "
                                         "letters, keyboard layout) and try again; nothing was changed."))
        self.error_label.show()
        self.adjustSize()  # room for the message's lines
        self.passphrase.selectAll()
        self.passphrase.setFocus()


class NewPassphraseDialog(QDialog):
    """Choose a passphrase: typed twice, at least MIN_PASSPHRASE characters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encrypt the database"))
        intro = QLabel(self.tr("Choose a passphrase. Without it the database and its new backups cannot "
                               "be opened by anyone, including you: keep it safe."), self)
        intro.setWordWrap(True)
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.first)
        form.addRow(self.tr("Again"), self.second)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(OK_CANCEL, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Encrypt"))
        self.buttons.accepted.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        _fit_wrapped_text(self, layout)

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = cls(parent)
        try:
            return dialog.first.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def check(self) -> None:
        first, second = self.first.text(), self.second.text()
        if len(first) < MIN_PASSPHRASE:
            text = self.tr("Use at least %1 characters.")
            self.error_label.setText(text.replace("%1", str(MIN_PASSPHRASE)))
        elif first != second:
            self.error_label.setText(self.tr("The two passphrases differ."))
        else:
            self.accept()
            return
        self.error_label.show()
        self.adjustSize()


def _fit_wrapped_text(dialog: QDialog, layout: QVBoxLayout, width: int = 440) -> None:
    """Wrapped labels get a width to wrap at, and the dialog the height they then need
    (Qt does not grow a dialog for a word-wrapped label by itself)."""
    for label in dialog.findChildren(QLabel):
        if label.wordWrap():
            label.setMinimumWidth(width)
    dialog.adjustSize()
