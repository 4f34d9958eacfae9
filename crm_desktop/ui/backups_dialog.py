"""Backups and security: the list of backups with date, size and counts; back up now, verify,
restore; where backups go and how many are kept; encryption of the database and the app lock.

Making a backup runs on a worker thread (its own connection) behind a progress dialog with
Cancel; a restore copies into the open database and reports progress the same way.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.backups import BackupInfo
from ..core.errors import CrmError
from ..services import Services
from ..services.backups import keychain
from ..storage.backups import Cancelled
from .messages import error_text

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

COL_DATE, COL_REASON, COL_SIZE, COL_PEOPLE, COL_COMPANIES, COL_STATE = range(6)


def reason_text(reason: str) -> str:
    texts = {
        "manual": translate("BackupsDialog", "Made by you"),
        "daily": translate("BackupsDialog", "Daily"),
        "before-import": translate("BackupsDialog", "Before an import"),
        "before-delete": translate("BackupsDialog", "Before deleting for good"),
        "before-merge": translate("BackupsDialog", "Before a merge"),
        "before-restore": translate("BackupsDialog", "Before a restore"),
        "before-encryption": translate("BackupsDialog", "Before encryption was changed"),
        "before-erase": translate("BackupsDialog", "Before erasing a person"),
    }
    if reason.startswith("before-migration"):
        return translate("BackupsDialog", "Before an upgrade")
    return texts.get(reason, reason)


def local_time_text(when: dt.datetime) -> str:
    local = when.replace(tzinfo=dt.UTC).astimezone()
    return QLocale().toString(local.replace(tzinfo=None), QLocale.FormatType.ShortFormat)


class _Worker(QObject):
    """Runs ``job(progress)`` on a thread; ``done(result_or_exception)`` arrives on the UI thread."""

    done = Signal(object)
    progressed = Signal(int, int)

    def __init__(self, job: Callable) -> None:
        super().__init__()
        self._job = job
        self.cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name="backup", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait(self) -> None:
        self._thread.join()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancelled.is_set()

    def _run(self) -> None:
        try:
            result = self._job(self._progress)
        except BaseException as exc:  # handed to the UI thread, which shows or re-raises it
            result = exc
        self.done.emit(result)


class BackupsDialog(QDialog):
    """Use ``BackupsDialog.ask``. ``opener`` opens a folder (replace it in tests)."""

    backup_made = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.opener: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self._worker: _Worker | None = None
        self.setWindowTitle(self.tr("Backups and security"))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_backups_tab(), self.tr("Backups"))
        self.tabs.addTab(self._build_security_tab(), self.tr("Security"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(860, 560)
        self.reload()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services) -> None:
        dialog = cls(services, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    # -- building --------------------------------------------------------------------------
    def _build_backups_tab(self) -> QWidget:
        tab = QWidget(self)
        self.folder_label = QLabel(tab)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        change = QPushButton(self.tr("Change folder…"), tab)
        change.clicked.connect(self.choose_folder)
        open_button = QPushButton(self.tr("Open folder"), tab)
        open_button.clicked.connect(self.open_folder)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(change)
        top.addWidget(open_button)
        self.table = QTableWidget(0, 6, tab)
        self.table.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Why"), self.tr("Size"), self.tr("People"), self.tr("Companies"),
            self.tr("Check")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.empty_label = QLabel(self.tr("No backups yet. The first one is made when you start "
                                          "crm-desktop, or now with “Back up now”."), tab)
        self.empty_label.setStyleSheet("color: #718096;")
        self.backup_button = QPushButton(self.tr("Back up now"), tab)
        self.backup_button.clicked.connect(self.back_up_now)
        self.verify_button = QPushButton(self.tr("Verify"), tab)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button = QPushButton(self.tr("Restore…"), tab)
        self.restore_button.clicked.connect(self.restore_selected)
        row = QHBoxLayout()
        for button in (self.backup_button, self.verify_button, self.restore_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(row)
        layout.addWidget(self._build_rotation(tab))
        return tab

    def _build_rotation(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 8, 0, 0)
        outer.addWidget(_title(self.tr("How many backups are kept"), box))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        outer.addLayout(form)
        settings = self.services.settings
        self.keep_spins: dict[str, QSpinBox] = {}
        for key, label, maximum in (
            ("backup_keep_recent", self.tr("Always keep the latest"), 100),
            ("backup_keep_daily", self.tr("Days with one backup kept"), 365),
            ("backup_keep_weekly", self.tr("Weeks with one backup kept"), 520),
            ("backup_keep_monthly", self.tr("Months with one backup kept"), 240),
        ):
            spin = QSpinBox(box)
            spin.setRange(0, maximum)
            spin.setMinimumWidth(80)
            spin.setValue(getattr(settings, key))
            spin.valueChanged.connect(lambda value, k=key: self._set_keep(k, value))
            self.keep_spins[key] = spin
            form.addRow(label, spin)
        return box

    def _build_security_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.addWidget(_title(self.tr("Encryption"), tab))
        self.encryption_label = QLabel(tab)
        self.encryption_label.setWordWrap(True)
        self.encrypt_button = QPushButton(tab)
        self.encrypt_button.clicked.connect(self.change_encryption)
        self.decrypt_button = QPushButton(self.tr("Remove encryption…"), tab)
        self.decrypt_button.clicked.connect(self.remove_encryption)
        self.keychain_box = QCheckBox(self.tr("Keep the passphrase in the system keychain"), tab)
        self.keychain_box.setEnabled(keychain() is not None)
        self.keychain_hint = QLabel(self.tr("No system keychain is available on this computer."), tab)
        self.keychain_hint.setStyleSheet("color: #718096; margin-left: 22px;")
        self.keychain_hint.setVisible(keychain() is None)
        self.keychain_box.setChecked(self.services.settings.passphrase_in_keychain)
        self.keychain_box.toggled.connect(self._on_keychain_box_toggled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.encrypt_button)
        buttons.addWidget(self.decrypt_button)
        buttons.addStretch(1)
        self.lock_spin = QSpinBox(tab)
        self.lock_spin.setRange(0, 240)
        self.lock_spin.setMinimumWidth(100)
        self.lock_spin.setSpecialValueText(self.tr("Never"))
        self.lock_spin.setSuffix(self.tr(" min"))
        self.lock_spin.setValue(self.services.settings.lock_after_minutes)
        self.lock_spin.valueChanged.connect(self._on_lock_spin_value_changed)
        lock_form = QFormLayout()
        lock_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        lock_form.addRow(self.tr("Lock crm-desktop after this long without use"), self.lock_spin)
        note = QLabel(self.tr("The database, its backups and the attached files can be read by your "
                              "user account only."), tab)
        note.setWordWrap(True)
        note.setStyleSheet("color: #718096;")
        layout.addWidget(self.encryption_label)
        layout.addLayout(buttons)
        layout.addWidget(self.keychain_box)
        layout.addWidget(self.keychain_hint)
        layout.addSpacing(16)
        layout.addWidget(_title(self.tr("App lock"), tab))
        layout.addLayout(lock_form)
        layout.addSpacing(16)
        layout.addWidget(_title(self.tr("Files"), tab))
        layout.addWidget(note)
        layout.addStretch(1)
        return tab

    # -- the list --------------------------------------------------------------------------
    def reload(self) -> None:
        backups = self.services.backups
        self.folder_label.setText(self.tr("Backups are kept in %1").replace("%1", str(backups.folder)))
        self.backups: list[BackupInfo] = backups.list()
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            self._fill_row(row, info)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.empty_label.setVisible(not self.backups)
        self._update_security()
        self._update_buttons()

    def _fill_row(self, row: int, info: BackupInfo) -> None:
        locale = QLocale()
        counts = info.counts
        states = {True: self.tr("Verified"), False: self.tr("Damaged"), None: self.tr("Not checked")}
        state = states[info.verified]
        if info.verified and info.check == "quick_check":
            state = self.tr("Quickly checked")
        if info.encrypted:
            state = self.tr("%1, encrypted").replace("%1", state)
        cells = (local_time_text(info.created_at), reason_text(info.reason),
                 locale.formattedDataSize(info.size_bytes),
                 locale.toString(counts.contacts) if counts else "–",
                 locale.toString(counts.companies) if counts else "–", state)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column in (COL_SIZE, COL_PEOPLE, COL_COMPANIES):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == COL_STATE and info.verified is False:
                item.setForeground(Qt.GlobalColor.darkRed)
            item.setToolTip(info.path)
            self.table.setItem(row, column, item)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        busy = self._worker is not None
        self.verify_button.setEnabled(chosen and not busy)
        self.restore_button.setEnabled(chosen and not busy)
        self.backup_button.setEnabled(not busy)

    # -- actions ---------------------------------------------------------------------------
    def back_up_now(self) -> None:
        """A backup on a worker thread, with progress and Cancel."""
        backups = self.services.backups
        progress = self._progress_dialog(self.tr("Making a backup…"))
        worker = _Worker(lambda report: backups.create("manual", report))
        worker.progressed.connect(lambda done, total: _show_progress(progress, done, total))
        progress.canceled.connect(worker.cancelled.set)
        worker.done.connect(lambda result: self._on_backup_done(result, progress))
        self._worker = worker
        self._update_buttons()
        worker.start()

    def _on_backup_done(self, result, progress: QProgressDialog) -> None:
        self._worker = None
        progress.close()
        progress.deleteLater()
        if isinstance(result, Cancelled):
            self.reload()
            return
        if isinstance(result, CrmError):
            self._show_error(result)
        elif isinstance(result, BaseException):
            raise result
        else:
            self.backup_made.emit(result)
        self.reload()

    def wait_for_worker(self) -> None:
        """Block until a running backup has finished (its result still arrives as a signal)."""
        if self._worker is not None:
            self._worker.wait()

    def verify_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        try:
            checked = self.services.backups.verify(Path(info.path))
        except CrmError as exc:
            self._show_error(exc)
            return
        self.reload()
        if checked.verified:
            QMessageBox.information(self, self.tr("Verify"), self.tr("The backup is sound."))
        else:
            text = self.tr("The backup is damaged and cannot be restored: %1")
            QMessageBox.warning(self, self.tr("Verify"), text.replace("%1", "; ".join(checked.problems[:2])))

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or not self._confirm_restore(info):
            return
        progress = self._progress_dialog(self.tr("Restoring…"))

        def report(done: int, total: int) -> bool:
            _show_progress(progress, done, total, self.tr("Opening the restored database…"))
            QCoreApplication.processEvents()
            return not progress.wasCanceled()

        try:
            safety = self.services.backups.restore(Path(info.path), report)
        except Cancelled:
            return
        except CrmError as exc:
            self._show_error(exc)
            return
        finally:
            progress.close()
            progress.deleteLater()
        self.reload()
        QMessageBox.information(self, self.tr("Restore"), self.tr(
            "The backup of %1 was restored. What the database held before is kept in %2.")
            .replace("%1", local_time_text(info.created_at)).replace("%2", str(safety)))

    def _confirm_restore(self, info: BackupInfo) -> bool:
        counts = info.counts
        what = ""
        if counts:
            locale = QLocale()
            people = self.tr("1 person") if counts.contacts == 1 else self.tr("%1 people")
            people = people.replace("%1", locale.toString(counts.contacts))
            companies = self.tr("1 company") if counts.companies == 1 else self.tr("%1 companies")
            companies = companies.replace("%1", locale.toString(counts.companies))
            what = self.tr("%1 and %2").replace("%1", people).replace("%2", companies)
        text = self.tr("Replace everything in the database by the backup of %1?").replace(
            "%1", local_time_text(info.created_at))
        if what:
            text += " " + self.tr("It holds %1.").replace("%1", what)
        text += "\n\n" + self.tr("A backup of the database as it is now is made first, "
                                 "so this can be undone.")
        answer = QMessageBox.question(self, self.tr("Restore"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for backups"),
                                                  str(self.services.backups.folder))
        if chosen:
            self.set_folder(Path(chosen))

    def set_folder(self, folder: Path | None) -> None:
        try:
            self.services.backups.set_folder(folder)
        except (CrmError, OSError) as exc:
            if isinstance(exc, CrmError):
                self._show_error(exc)
            else:
                QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.reload()

    def open_folder(self) -> None:
        folder = self.services.backups.folder
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.opener(QUrl.fromLocalFile(str(folder)))

    def _set_keep(self, key: str, value: int) -> None:
        setattr(self.services.settings, key, value)
        try:
            self.services.save_settings()
        except OSError as exc:
            log.warning("settings not saved: %s", exc)

    # -- security --------------------------------------------------------------------------
    def _update_security(self) -> None:
        available = self.services.backups.encryption_available()
        encrypted = self.services.ctx.storage.database.encrypted
        if encrypted:
            self.encryption_label.setText(self.tr(
                "The database is encrypted: it opens only with its passphrase, and so do its new backups."))
            self.encrypt_button.setText(self.tr("Change passphrase…"))
        else:
            self.encryption_label.setText(self.tr(
                "The database is not encrypted. Encrypt it so that no one can read it without the "
                "passphrase, e.g. on a lost laptop."))
            self.encrypt_button.setText(self.tr("Encrypt…"))
        self.encrypt_button.setEnabled(available)
        self.decrypt_button.setVisible(encrypted)

    def change_encryption(self) -> None:
        from .unlock_dialog import NewPassphraseDialog

        passphrase = NewPassphraseDialog.ask(self)
        if passphrase is not None:
            self._apply_passphrase(passphrase)

    def remove_encryption(self) -> None:
        answer = QMessageBox.question(self, self.tr("Remove encryption"), self.tr(
            "Store the database without encryption? Anyone with access to the file can then read it."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self._apply_passphrase(None)

    def _apply_passphrase(self, passphrase: str | None) -> None:
        QCoreApplication.processEvents()
        try:
            self.services.backups.set_passphrase(passphrase)
        except CrmError as exc:
            self._show_error(exc)
            return
        if self.services.settings.passphrase_in_keychain:
            self.services.backups.remember_passphrase(passphrase)
        QMessageBox.information(self, self.windowTitle(), self.tr(
            "Done. Backups made before this change keep the previous protection until rotation removes "
            "them. crm-desktop closes now; start it again to go on."))
        self.encryption_changed = True
        self.accept()
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()

    def _on_keychain_box_toggled(self, checked: bool) -> None:
        settings = self.services.settings
        settings.passphrase_in_keychain = checked
        database = self.services.ctx.storage.database
        self.services.backups.remember_passphrase(database.passphrase if checked else None)
        self._save_quietly()

    def _on_lock_spin_value_changed(self, value: int) -> None:
        self.services.settings.lock_after_minutes = value
        self._save_quietly()

    def _save_quietly(self) -> None:
        try:
            self.services.save_settings()
        except OSError as exc:
            log.warning("settings not saved: %s", exc)

    # -- helpers ---------------------------------------------------------------------------
    def _progress_dialog(self, text: str) -> QProgressDialog:
        progress = QProgressDialog(text, self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.windowTitle())
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        return progress

    def _show_error(self, exc: CrmError) -> None:
        QMessageBox.warning(self, self.windowTitle(), error_text(exc))

    def done(self, result: int) -> None:
        """Closing while a backup is made lets it finish in the background, without this window."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.progressed.disconnect()
            worker.done.disconnect()
            _IN_BACKGROUND.add(worker)
            worker.done.connect(lambda _result, w=worker: _IN_BACKGROUND.discard(w))
        super().done(result)


_IN_BACKGROUND: set[_Worker] = set()  # backups still running after their window closed


def _title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("font-weight: 600; color: #2d3748;")
    return label


def _show_progress(progress: QProgressDialog, done: int, total: int, after: str = "") -> None:
    if total <= 0:
        return
    if done >= total:  # copied: the check of the copy (or opening it) follows, with no steps to show
        progress.setLabelText(after or translate("BackupsDialog", "Checking the copy…"))
        progress.setRange(0, 0)
        return
    progress.setMaximum(total)
    progress.setValue(done)


# -- data-protection requests about one person ----------------------------------------------
def export_person(parent: QWidget, services: Services, contact_id: int) -> Path | None:
    """Ask where, then write everything held about the person as a zip; the path written."""
    name = services.contacts.get(contact_id).full_name or str(contact_id)
    suggested = Path.home() / translate("Privacy", "%1 - personal data.zip").replace("%1", _file_safe(name))
    chosen, _ = QFileDialog.getSaveFileName(parent, translate("Privacy", "Export everything about %1")
                                            .replace("%1", name), str(suggested), "Zip (*.zip)")
    if not chosen:
        return None
    target = Path(chosen if chosen.lower().endswith(".zip") else f"{chosen}.zip")
    try:
        services.privacy.export_person(contact_id, target)
    except (CrmError, OSError) as exc:
        text = error_text(exc) if isinstance(exc, CrmError) else (exc.strerror or str(exc))
        QMessageBox.warning(parent, translate("Privacy", "Export"), text)
        return None
    QMessageBox.information(parent, translate("Privacy", "Export"), translate(
        "Privacy", "Everything held about %1 was saved to %2: a workbook with every record and the "
        "attached files.").replace("%1", name).replace("%2", str(target)))
    return target


def erase_person(parent: QWidget, services: Services, contact_id: int) -> bool:
    """Confirm, then erase the person for good and say which backups still hold them."""
    name = services.contacts.get(contact_id).full_name or str(contact_id)
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Privacy", "Erase for good"), translate(
        "Privacy", "Erase %1 and everything about them for good: their details, timeline, history, "
        "relationships and attached files? This cannot be undone (the trash is not used).")
        .replace("%1", name), QMessageBox.StandardButton.Cancel, parent)
    erase = box.addButton(translate("Privacy", "Erase for good"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    confirmed = box.clickedButton() is erase
    box.deleteLater()
    if not confirmed:
        return False
    try:
        erased = services.privacy.erase_person(contact_id)
    except CrmError as exc:
        QMessageBox.warning(parent, translate("Privacy", "Erase for good"), error_text(exc))
        return False
    QMessageBox.information(parent, translate("Privacy", "Erase for good"), erased_text(name, erased))
    return True


def erased_text(name: str, erased) -> str:
    text = translate("Privacy", "%1 was erased.").replace("%1", name)
    if erased.backups_holding_copy:
        until = ""
        if erased.kept_until:
            until = QLocale().toString(erased.kept_until, QLocale.FormatType.ShortFormat)
        text += " " + translate(
            "Privacy", "Backups made before still hold a copy until rotation removes them, by %1 at the "
            "latest; delete them from the backups folder to remove it sooner.").replace("%1", until)
    return text


def _file_safe(name: str) -> str:
    return "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name).strip(" .") or "person"
