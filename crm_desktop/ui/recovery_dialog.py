"""Opening the database safely at start: unlock an encrypted one, recover a damaged one.

Before the database is opened: an encrypted file asks for its passphrase (or takes it from
the keychain). A file too damaged to open is not a dead end: the app says so and offers
to restore the newest good backup (the damaged file is kept aside, never deleted).

After the window shows, on a worker thread with connections of its own: ``PRAGMA
quick_check`` (a damaged database found then gets the same offer) and the daily backup.
Neither delays the start: at a million contacts the check reads the whole file.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout, QWidget

from ..core.errors import CrmError, StorageError, StorageProblem
from ..core.paths import DataPaths
from ..core.settings import Settings
from ..services import Services
from ..services.backups import (
    backups_in,
    needs_passphrase,
    quick_check,
    remember_passphrase,
    remembered_passphrase,
    restore_closed,
)
from ..storage.backups import has_plain_header, integrity_problems
from .messages import error_text

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


class RecoveryDialog(QDialog):
    """The database is damaged: restore the newest good backup, choose another, or quit."""

    RESTORE, CHOOSE = 1, 2

    def __init__(self, database: Path, problem: str, backup: Path | None, parent: QWidget | None = None,
                 *, while_open: bool = False) -> None:
        super().__init__(parent)
        self.backup = backup
        self.setWindowTitle(self.tr("The database is damaged"))
        text = self.tr("The database %1 is damaged.").replace("%1", str(database))
        if backup is not None:
            text += "\n\n" + self.tr("crm-desktop can restore the newest good backup, made %1. Changes made "
                                     "since then are lost; the damaged file is kept in the backups folder.") \
                .replace("%1", _backup_time(backup))
        else:
            text += "\n\n" + self.tr("No good backup was found in the backups folder. You can choose a "
                                     "backup file yourself.")
        label = QLabel(text, self)
        label.setWordWrap(True)
        details = QLabel(self.tr("Technical details: %1").replace("%1", problem), self)
        details.setWordWrap(True)
        details.setStyleSheet("color: #718096;")
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        if backup is not None:
            role = QDialogButtonBox.ButtonRole.AcceptRole
            restore = buttons.addButton(self.tr("Restore this backup"), role)
            restore.clicked.connect(lambda: self.done(self.RESTORE))
        choose = buttons.addButton(self.tr("Choose a backup…"), QDialogButtonBox.ButtonRole.ActionRole)
        choose.clicked.connect(lambda: self.done(self.CHOOSE))
        close_text = self.tr("Keep working") if while_open else self.tr("Quit")
        buttons.addButton(close_text, QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(details)
        layout.addWidget(buttons)
        for wrapped in (label, details):  # a width to wrap at; Qt then gives the height they need
            wrapped.setMinimumWidth(520)
        self.adjustSize()

    @classmethod
    def ask(cls, parent: QWidget | None, database: Path, problem: str, backup: Path | None,
            folder: Path, **kwargs) -> Path | None:
        """The backup to restore, or None."""
        dialog = cls(database, problem, backup, parent, **kwargs)
        try:
            answer = dialog.exec()
        finally:
            dialog.deleteLater()
        if answer == cls.RESTORE:
            return backup
        if answer == cls.CHOOSE:
            chosen, _ = QFileDialog.getOpenFileName(parent, translate("RecoveryDialog", "Choose a backup"),
                                                    str(folder), "crm-desktop (*.sqlite3)")
            return Path(chosen) if chosen else None
        return None


def _backup_time(backup: Path) -> str:
    from ..core.backups import parse_backup_name
    from .backups_dialog import local_time_text

    parsed = parse_backup_name(backup.name)
    return local_time_text(parsed[0]) if parsed else backup.name


def backup_folder(paths: DataPaths) -> Path:
    chosen = Settings.load(paths.settings).backup_dir
    return Path(chosen).expanduser() if chosen else paths.backups


def newest_good_backup(folder: Path, passphrase: str | None) -> Path | None:
    for path in backups_in(folder):
        key = None if has_plain_header(path) else passphrase
        if not integrity_problems(path, key):
            return path
    return None


# -- before the database is opened -------------------------------------------------------
def ask_passphrase(paths: DataPaths, parent: QWidget | None = None) -> tuple[str | None, bool]:
    """(passphrase, go on): None and True for a plain database; False when the user quits."""
    from .unlock_dialog import UnlockDialog

    if not needs_passphrase(paths.database):
        return None, True
    key = str(paths.database.resolve())
    kept = remembered_passphrase(key)
    if kept:
        return kept, True
    answer = UnlockDialog.ask(parent, paths.database)
    if answer is None:
        return None, False
    passphrase, remember = answer
    if remember and remember_passphrase(key, passphrase):
        settings = Settings.load(paths.settings)
        settings.passphrase_in_keychain = True
        settings.save(paths.settings)
    return passphrase, True


def open_services(paths: DataPaths, region: str, parent: QWidget | None = None) -> Services | None:
    """Open the database: unlock it, and offer a backup when it is too damaged to open.

    Returns None when the user chose to quit; raises CrmError for what it cannot help with.
    """
    passphrase, go_on = ask_passphrase(paths, parent)
    if not go_on:
        return None
    try:
        return Services.open(paths, fallback_region=region, passphrase=passphrase)
    except StorageError as exc:
        if exc.problem is not StorageProblem.CORRUPT:
            raise
        log.warning("database damaged at start: %s", exc)
        problem = exc.detail or error_text(exc)
    folder = backup_folder(paths)
    newest = newest_good_backup(folder, passphrase)
    chosen = RecoveryDialog.ask(parent, paths.database, problem, newest, folder)
    if chosen is None:
        return None
    key = None if has_plain_header(chosen) else passphrase
    kept = restore_closed(paths.database, chosen, folder, key)
    log.warning("restored %s over a damaged database (kept as %s)", chosen, kept)
    return Services.open(paths, fallback_region=region, passphrase=passphrase)


# -- after the window shows ----------------------------------------------------------------
class StartChecks(QObject):
    """The quick check and the daily backup, on a worker thread; results come back as signals."""

    damaged = Signal(str)
    backed_up = Signal(object)
    failed = Signal(object)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.thread = threading.Thread(target=self._run, name="start-checks", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        database = self.services.ctx.storage.database
        try:
            problems = quick_check(database.path, database.passphrase)
            if problems:
                self._tell(self.damaged, "; ".join(problems[:3]))
                return
            made = self.services.backups.backup_if_due()
            if made is not None:
                self._tell(self.backed_up, made)
        except CrmError as exc:
            self._tell(self.failed, exc)
        except Exception as exc:  # a bug: logged, the app goes on (the crash dialog is for the UI thread)
            log.exception("start-up checks failed")
            self._tell(self.failed, exc)

    @staticmethod
    def _tell(signal, value) -> None:
        """Emit, unless the window (and this object with it) closed while the check ran."""
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


START_DELAY_MS = 3000  # the first rows and searches come first; the check reads the whole file


def after_start(window, services: Services, delay_ms: int = START_DELAY_MS) -> StartChecks:
    """Run the start-up checks for the shown ``window`` shortly after it has its first rows;
    offer a restore if the file is damaged."""
    from PySide6.QtCore import QTimer

    checks = StartChecks(services, window)
    checks.damaged.connect(lambda problem: offer_restore(window, services, problem))
    checks.failed.connect(lambda exc: log.warning("start-up backup not made: %s", exc))
    window.start_checks = checks  # kept alive with the window
    QTimer.singleShot(delay_ms, checks, checks.start)
    return checks


def offer_restore(window, services: Services, problem: str) -> bool:
    """The damaged database is open: offer the newest good backup, restored in place."""
    from PySide6.QtWidgets import QMessageBox

    database = services.ctx.storage.database
    folder = services.backups.folder
    newest = newest_good_backup(folder, database.passphrase)
    chosen = RecoveryDialog.ask(window, database.path, problem, newest, folder, while_open=True)
    if chosen is None:
        return False
    try:
        services.backups.restore(chosen)
    except CrmError as exc:
        QMessageBox.warning(window, translate("RecoveryDialog", "Restore"), error_text(exc))
        return False
    return True
