"""Export a list to a file: which rows, which format, where; then progress with Cancel, then
"Open file" and "Show in folder".

``ExportDialog.ask(parent, services, page)`` exports a record list page as it is shown: its
filter and sort, its visible columns in their order with their headers, and its selection
when the user picks "only the selected rows". The file is written on a worker thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QProcess, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import CrmError
from ..services import Services
from ..services.exports import DealQuery, ExportError, ExportRequest, ExportResult
from .list_widgets import BULK_LIMIT, selected_spans
from .messages import error_text

translate = QCoreApplication.translate


def export_error_text(error: CrmError) -> str:
    """The sentence shown for an export that failed, in the user's language."""
    if not isinstance(error, ExportError):
        return error_text(error)
    if error.code == "unknown_format":
        return translate("ExportDialog", "Choose a file name ending in .xlsx, .csv or .vcf.")
    if error.code == "not_for_entity":
        return translate("ExportDialog", "Only people can be exported as vCards.")
    return (translate("ExportDialog", "The file %1 cannot be written: %2. Choose another folder or name.")
            .replace("%1", error.path).replace("%2", error.detail))


class ExportJob(QObject):
    """One export on a worker thread. ``progressed(done, total)`` and ``finished(result)`` (an
    ExportResult, or the CrmError it failed with) arrive on the UI thread."""

    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(self, run: Callable[[Callable[[int, int], bool]], ExportResult],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._export = run  # given a progress callback, writes the file
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="export", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._stop.set()

    def wait(self) -> None:
        if self._thread.is_alive():
            self._thread.join()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        try:
            result: object = self._export(self._progress)
        except CrmError as exc:
            result = exc
        except Exception as exc:  # a bug: the UI thread re-raises it for the crash handler
            result = exc
        self.finished.emit(result)

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop.is_set()


@dataclasses.dataclass(frozen=True)
class Selection:
    """The rows chosen in a list: their ids, or for a large selection their positions (reading a
    hundred thousand ids would stall the window; the export skips to the positions itself)."""

    count: int = 0
    ids: tuple[int, ...] | None = None
    spans: tuple[tuple[int, int], ...] | None = None

    def __bool__(self) -> bool:
        return self.count > 0

    @classmethod
    def of(cls, view, model) -> Selection:
        """What is selected in ``view``; nothing when no row or every row is selected."""
        spans = selected_spans(view)
        count = sum(last - first + 1 for first, last in spans)
        if not 0 < count < model.rowCount():
            return cls()
        if count <= BULK_LIMIT:
            return cls(count, ids=tuple(model.ids_in_rows(spans)))
        return cls(count, spans=tuple(spans))


class ExportDialog(QDialog):
    last_folder: Path | None = None  # for this session: where the previous export went

    def __init__(self, services: Services, request: ExportRequest, total: int,
                 selected: Selection | None = None, parent: QWidget | None = None, *,
                 backup: bool = False) -> None:
        super().__init__(parent)
        self.backup = backup
        self.setWindowTitle(self.tr("Back up to Excel") if backup else self.tr("Export"))
        self.setMinimumWidth(520)
        self._services, self._request, self._total = services, request, total
        self._selected = selected or Selection()
        self.job: ExportJob | None = None
        self.result: ExportResult | None = None
        self._build()
        self._connect()
        self._on_format_changed()

    @classmethod
    def for_page(cls, page, services: Services, parent: QWidget | None = None) -> ExportDialog:
        """A dialog for a record list page as shown: filter, sort, visible columns, selection."""
        model, view = page.model, page.view
        header = view.horizontalHeader()
        shown = sorted((c for c in range(model.columnCount()) if not view.isColumnHidden(c)),
                       key=header.visualIndex)
        keys = tuple(model.COLUMNS[c].key for c in shown)
        headers = {model.COLUMNS[c].key: model.headerData(c, Qt.Orientation.Horizontal) for c in shown}
        sheet = {"contact": translate("ExportDialog", "People"),
                 "company": translate("ExportDialog", "Companies"),
                 "deal": translate("ExportDialog", "Deals")}.get(model.ENTITY, model.ENTITY)
        query = model.query
        if model.ENTITY == "deal":  # the deal list filters by a DealFilter of its source
            query = DealQuery(model.source.filter, query.sort, query.descending)
        request = ExportRequest(model.ENTITY, query, keys, headers=headers, sheet_name=sheet)
        return cls(services, request, model.rowCount(), Selection.of(view, model), parent)

    @classmethod
    def for_backup(cls, services: Services, parent: QWidget | None = None) -> ExportDialog:
        """A dialog for the backup workbook: every record of every kind, one sheet each."""
        request = ExportRequest(sheet_name=translate("ExportDialog", "crm-desktop backup"))
        return cls(services, request, 0, None, parent, backup=True)

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, page) -> ExportResult | None:
        dialog = cls.for_page(page, services, parent)
        dialog.exec()
        return dialog.result

    @classmethod
    def ask_backup(cls, parent: QWidget | None, services: Services) -> ExportResult | None:
        dialog = cls.for_backup(services, parent)
        dialog.exec()
        return dialog.result

    # -- construction --------------------------------------------------------------------
    def _build(self) -> None:
        locale = QLocale()
        self.all_rows = QRadioButton(self._rows_text(self._total, False, locale), self)
        self.selected_rows = QRadioButton(self._rows_text(self._selected.count, True, locale), self)
        self.selected_rows.setEnabled(bool(self._selected))
        (self.selected_rows if self._selected else self.all_rows).setChecked(True)
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.all_rows)
        self._scope.addButton(self.selected_rows)
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        self.format_combo.addItem(self.tr("CSV, UTF-8 (.csv)"), "csv")
        if self._request.entity == "contact":
            self.format_combo.addItem(self.tr("vCard (.vcf)"), "vcf")
        self.path_edit = QLineEdit(str(self._default_path()), self)
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        scope = QVBoxLayout()
        scope.addWidget(self.all_rows)
        scope.addWidget(self.selected_rows)
        if self.backup:
            for widget in (self.all_rows, self.selected_rows, self.format_combo):
                widget.hide()
            note = QLabel(self.tr("Every person and company, with all their fields and a stable ID, "
                                  "one sheet each."), self)
            note.setWordWrap(True)
            form.addRow(note)
        else:
            form.addRow(self.tr("Rows:"), scope)
            form.addRow(self.tr("Format:"), self.format_combo)
        self.include_do_not_contact = self._do_not_contact_choice(locale)
        if self.include_do_not_contact is not None:
            form.addRow("", self.include_do_not_contact)
        form.addRow(self.tr("File:"), path_row)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        self.export_button = self.buttons.addButton(self.tr("Export"), role.AcceptRole)
        self.open_button = self.buttons.addButton(self.tr("Open file"), role.ActionRole)
        self.folder_button = self.buttons.addButton(self.tr("Show in folder"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.setDefault(True)
        self.open_button.hide()
        self.folder_button.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _do_not_contact_choice(self, locale: QLocale) -> QCheckBox | None:
        """A box to include the people marked "do not contact", left out unless ticked; None when
        the list holds none of them (or for the backup workbook, which keeps everyone)."""
        if self.backup or self._request.entity != "contact":
            return None
        flagged = self._services.exports.left_out(dataclasses.replace(self._request, ids=None, spans=None))
        if not flagged:
            return None
        text = (self.tr("Include the 1 person marked “do not contact” (left out unless ticked)")
                if flagged == 1 else
                self.tr("Include the %1 people marked “do not contact” (left out unless ticked)"))
        box = QCheckBox(text.replace("%1", locale.toString(flagged)), self)
        box.setToolTip(self.tr("They asked not to be contacted: leave them out of mailing lists"))
        return box

    def _rows_text(self, n: int, selected: bool, locale: QLocale) -> str:
        # English ships without a catalogue: singulars are strings of their own.
        if selected:
            text = self.tr("Only the selected row") if n == 1 else self.tr("Only the %1 selected rows")
        else:
            text = self.tr("The 1 row in this view") if n == 1 else self.tr("All %1 rows in this view")
        return text.replace("%1", locale.toString(n))

    def _default_path(self) -> Path:
        folder = ExportDialog.last_folder or Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        name = f"{self._request.sheet_name or self._request.entity} {dt.date.today().isoformat()}.xlsx"
        return folder / name

    def _connect(self) -> None:
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)

    # -- public API ----------------------------------------------------------------------
    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def request(self) -> ExportRequest:
        """The export the dialog's choices ask for."""
        chosen = self.selected_rows.isChecked() and self._selected
        include = self.include_do_not_contact is not None and self.include_do_not_contact.isChecked()
        return dataclasses.replace(self._request, ids=self._selected.ids if chosen else None,
                                   spans=self._selected.spans if chosen else None,
                                   include_do_not_contact=include)

    def start(self) -> None:
        """Begin writing the file on a worker thread."""
        if self.job is not None or not self.path_edit.text().strip():
            return
        path = self.path()
        if path.exists() and not self._confirm_replace(path):
            return
        self.job = ExportJob(self._runner(path), self)
        self.job.progressed.connect(self._on_job_progressed)
        self.job.finished.connect(self._on_job_finished)
        for widget in (self.all_rows, self.selected_rows, self.format_combo, self.path_edit,
                       self.browse_button, self.export_button, self.include_do_not_contact):
            if widget is not None:
                widget.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Exporting…"))
        self._started = time.monotonic()
        self.job.start()

    def _runner(self, path: Path) -> Callable[[Callable[[int, int], bool]], ExportResult]:
        exports = self._services.exports
        deals = getattr(self._services, "deals", None)
        if deals is not None:
            exports.labels = deals.labels  # stage names as the pipeline shows them
        if self.backup:
            names = {"contact": translate("ExportDialog", "People"),
                     "company": translate("ExportDialog", "Companies")}
            return lambda progress: exports.backup(path, names, progress)
        request = self.request()
        return lambda progress: exports.export(request, path, progress)

    def cancel(self) -> None:
        if self.job is not None and self.job.is_running():
            self.job.cancel()
            self.status.setText(self.tr("Cancelling…"))

    # -- slots ---------------------------------------------------------------------------
    def _on_format_changed(self, _index: int = 0) -> None:
        fmt = self.format_combo.currentData()
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(f".{fmt}")))

    def _on_browse_button_clicked(self) -> None:
        fmt = self.format_combo.currentData()
        chosen = self._ask_path(self.path(), f"{self.format_combo.currentText()} (*.{fmt})")
        if chosen:
            self.path_edit.setText(str(Path(chosen).with_suffix(f".{fmt}")))

    def _on_job_progressed(self, done: int, total: int) -> None:
        locale = QLocale()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        text = (self.tr("%1 of %2 rows written…").replace("%1", locale.toString(done))
                .replace("%2", locale.toString(total)))
        left = self._seconds_left(done, total)
        if left is not None and left < 120:
            text += " " + self.tr("About %1 s left.").replace("%1", locale.toString(left))
        elif left is not None:
            text += " " + self.tr("About %1 min left.").replace("%1", locale.toString(round(left / 60)))
        self.status.setText(text)

    def _seconds_left(self, done: int, total: int) -> int | None:
        """The time the rest should take at the rate so far; None before a second has passed."""
        elapsed = time.monotonic() - self._started
        if elapsed < 1 or done <= 0 or done >= total:
            return None
        return max(1, round(elapsed * (total - done) / done))

    def _on_job_finished(self, result: object) -> None:
        self.job.wait()
        self.job = None
        if isinstance(result, Exception) and not isinstance(result, CrmError):
            raise result
        self.progress.hide()
        if isinstance(result, CrmError):
            self.status.setText(export_error_text(result))
            self._enable_choices()
            return
        if result.cancelled:
            self.status.setText(self.tr("Export cancelled. No file was written."))
            self._enable_choices()
            return
        self._show_done(result)

    def _show_done(self, result: ExportResult) -> None:
        self.result = result
        ExportDialog.last_folder = result.path.parent
        rows = self.tr("1 row") if result.rows == 1 else self.tr("%1 rows").replace(
            "%1", QLocale().toString(result.rows))
        done = self.tr("Exported %1 to %2.").replace("%1", rows).replace("%2", str(result.path))
        if result.left_out:
            done += " " + (self.tr("1 person marked “do not contact” was left out.") if result.left_out == 1
                           else self.tr("%1 people marked “do not contact” were left out.").replace(
                               "%1", QLocale().toString(result.left_out)))
        self.status.setText(done)
        self.export_button.hide()
        self.open_button.show()
        self.folder_button.show()
        self.close_button.setText(self.tr("Close"))
        self.open_button.setDefault(True)

    def _enable_choices(self) -> None:
        for widget in (self.all_rows, self.format_combo, self.path_edit, self.browse_button,
                       self.export_button, self.include_do_not_contact):
            if widget is not None:
                widget.setEnabled(True)
        self.selected_rows.setEnabled(bool(self._selected))

    def _on_open_button_clicked(self) -> None:
        if self.result is not None:
            self._open_url(QUrl.fromLocalFile(str(self.result.path)))

    def _on_folder_button_clicked(self) -> None:
        if self.result is None:
            return
        # Windows Explorer and the macOS Finder can show the folder with the file selected.
        path = os.path.normpath(self.result.path)
        if sys.platform == "win32" and QProcess.startDetached("explorer", [f"/select,{path}"]):
            return
        if sys.platform == "darwin" and QProcess.startDetached("open", ["-R", path]):
            return
        self._open_url(QUrl.fromLocalFile(str(self.result.path.parent)))

    # -- closing -------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel stops a running export first (the dialog stays until it has stopped)."""
        if self.job is not None:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        super().closeEvent(event)

    # -- dialogs and the desktop (tests replace these) ------------------------------------
    def _ask_path(self, current: Path, filter_text: str) -> str:
        # The dialog asks before replacing a file once the export starts, not here as well.
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), str(current), filter_text,
                                                options=QFileDialog.Option.DontConfirmOverwrite)
        return chosen

    def _confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(self, self.tr("Replace file"),
                                      self.tr("%1 already exists. Replace it?").replace("%1", path.name))
        return answer == QMessageBox.StandardButton.Yes

    def _open_url(self, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)
