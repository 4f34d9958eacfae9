"""The import wizard: file → columns → preview → run (in the background, with Cancel) → report and undo."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...core.errors import CrmError
from ...interchange.mapping import NEW_CUSTOM_PREFIX, cell_text
from ...interchange.plan import CREATE, FILL, OVERWRITE, SKIP, ImportOptions, ImportPlan
from ...interchange.readers import ImportRefused
from ..messages import error_text
from .texts import field_label, problem_text, refusal_text, summary_text

FILE_FILTER = "*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt *.vcf"
PREVIEW_ROWS = 100


class ImportWorker(QObject):
    """Runs the import on its own thread; progress at most every 100 ms, cancel between chunks."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled_ = Signal()

    def __init__(self, services, plan: ImportPlan, options: ImportOptions) -> None:
        super().__init__()
        self.services, self.plan, self.options = services, plan, options
        self.cancel_event = threading.Event()
        self._last = 0.0

    def run(self) -> None:
        from ...services.imports import ImportCancelled

        try:
            result = self.services.imports.run(self.plan, self.options, self._progress, self.cancel_event)
        except ImportCancelled:
            self.cancelled_.emit()
        except CrmError as exc:
            self.failed.emit(
                error_text(exc) if not isinstance(exc, ImportRefused) else refusal_text(exc.code, exc.detail)
            )
        else:
            self.finished.emit(result)

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last >= 0.1:
            self._last = now
            self.progressed.emit(done, total)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr("Excel (.xlsx, .xls), LibreOffice (.ods), CSV or text tables, and vCards (.vcf).")
        )
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(self.tr("File to import"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.sheet = QComboBox(self)
        self.sheet.currentIndexChanged.connect(self._on_sheet_changed)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Sheet:"), self.sheet)
        form.addRow(self.status)
        self.path.editingFinished.connect(lambda: self.open_file(self.path.text()))

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import contacts"), "", self.tr("Tables and vCards (%1)").replace("%1", FILE_FILTER)
        )
        if name:
            self.open_file(name)

    def open_file(self, name: str) -> None:
        if not name.strip():
            return
        self.path.setText(name)
        try:
            self.wiz.plan = self.wiz.services.imports.inspect(Path(name))
        except ImportRefused as exc:
            self.wiz.plan = None
            self.status.setText(refusal_text(exc.code, exc.detail))
        else:
            self._show_sheets()
            self._describe()
        self.completeChanged.emit()

    def _show_sheets(self) -> None:
        plan = self.wiz.plan
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for info in plan.source.sheets:
            label = info.name + (self.tr(" (hidden)") if info.hidden else "")
            self.sheet.addItem(label, info.index)
        self.sheet.setCurrentIndex(max(0, self.sheet.findData(plan.source.sheet_index)))
        self.sheet.setEnabled(len(plan.source.sheets) > 1)
        self.sheet.blockSignals(False)

    def _on_sheet_changed(self, _index: int) -> None:
        plan = self.wiz.plan
        if plan is None or self.sheet.currentData() is None:
            return
        try:
            self.wiz.plan = self.wiz.services.imports.inspect(
                plan.path, sheet=self.sheet.currentData(), source=plan.source
            )
        except ImportRefused as exc:
            self.status.setText(refusal_text(exc.code, exc.detail))
            self.wiz.plan = None
        else:
            self._describe()
        self.completeChanged.emit()

    def _describe(self) -> None:
        plan = self.wiz.plan
        where = (
            self.tr("Headers found on row %1.").replace("%1", str(plan.header_row + 1))
            if plan.header_row is not None
            else self.tr("No header row found: columns are named A, B, C…")
        )
        self.status.setText(
            where
            + (
                " " + self.tr("Saved mapping “%1” applied.").replace("%1", plan.profile)
                if plan.profile
                else ""
            )
        )

    def isComplete(self) -> bool:
        return self.wiz.plan is not None


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Each column of the file fills the field chosen here."))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First values"), self.tr("Import as")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        save = QPushButton(self.tr("Save this mapping…"), self)
        save.clicked.connect(self._save_profile)
        self.date_order = QComboBox(self)
        self.date_order.addItem(self.tr("Day first (31/12/2024)"), "dmy")
        self.date_order.addItem(self.tr("Month first (12/31/2024)"), "mdy")
        self.date_label = QLabel(self.tr("Dates such as 03/04/2024 are written:"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.date_label)
        bottom.addWidget(self.date_order)
        bottom.addStretch(1)
        bottom.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(bottom)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        plan = self.wiz.plan
        samples = [row for _n, row in zip(range(3), (r for _i, r in plan.data_rows()), strict=False)]
        custom = self.wiz.services.imports.custom_fields(plan.entity.name)
        self.table.setRowCount(len(plan.headers))
        self.combos = []
        for col, header in enumerate(plan.headers):
            self.table.setItem(col, 0, QTableWidgetItem(header))
            values = " · ".join(cell_text(r[col]) for r in samples if col < len(r) and r[col] is not None)
            self.table.setItem(col, 1, QTableWidgetItem(values[:80]))
            combo = self._combo(plan, custom, header, plan.mapping.targets[col])
            combo.currentIndexChanged.connect(self._on_target_changed)
            self.table.setCellWidget(col, 2, combo)
            self.combos.append(combo)
        self.table.resizeColumnsToContents()
        undecided = bool(plan.undecided_dates)
        self.date_label.setVisible(undecided)
        self.date_order.setVisible(undecided)
        self.date_order.setCurrentIndex(max(0, self.date_order.findData(plan.mapping.default_date_order)))
        self._on_target_changed()

    def _combo(self, plan: ImportPlan, custom, header: str, current: str) -> QComboBox:
        combo = QComboBox(self.table)
        combo.addItem(field_label(""), "")
        for spec in plan.entity.fields:
            combo.addItem(field_label(spec.key), spec.key)
        for fid, label in custom:
            combo.addItem(self.tr("Custom field: %1").replace("%1", label), f"custom:{fid}")
        combo.addItem(self.tr("New custom field “%1”").replace("%1", header), NEW_CUSTOM_PREFIX + header)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _on_target_changed(self, _index: int = 0) -> None:
        plan = self.wiz.plan
        plan.mapping.targets = [c.currentData() for c in self.combos]
        ok = plan.identifies_records()
        self.hint.setText(
            "" if ok else self.tr("Choose at least one column holding a name, e-mail or phone.")
        )
        self.completeChanged.emit()

    def _save_profile(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save mapping"), self.tr("Name of this mapping:"))
        if ok and name.strip():
            self.wiz.services.imports.save_profile(name, self.wiz.plan)

    def validatePage(self) -> bool:
        plan = self.wiz.plan
        for col in plan.undecided_dates:
            plan.mapping.date_order[col] = self.date_order.currentData()
        return True

    def isComplete(self) -> bool:
        return self.wiz.plan is not None and self.wiz.plan.identifies_records()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Check before importing"))
        self.on_duplicate = QComboBox(self)
        for label, value in (
            (self.tr("Skip them"), SKIP),
            (self.tr("Fill in their empty fields"), FILL),
            (self.tr("Overwrite them"), OVERWRITE),
            (self.tr("Add them anyway"), CREATE),
        ):
            self.on_duplicate.addItem(label, value)
        self.on_problem = QComboBox(self)
        self.on_problem.addItem(self.tr("Import the row without the wrong values"), "import")
        self.on_problem.addItem(self.tr("Skip the row"), "skip")
        self.summary = QLabel(self)
        self.table = QTableWidget(0, 0, self)
        self.table.verticalHeader().hide()
        form = QFormLayout()
        form.addRow(self.tr("People already in the CRM:"), self.on_duplicate)
        form.addRow(self.tr("Rows with wrong values:"), self.on_problem)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.on_duplicate.currentIndexChanged.connect(self.refresh)
        self.on_problem.currentIndexChanged.connect(self.refresh)

    def options(self) -> ImportOptions:
        return ImportOptions(
            on_duplicate=self.on_duplicate.currentData(), on_problem=self.on_problem.currentData()
        )

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        plan = self.wiz.plan
        rows = self.wiz.services.imports.preview(plan, self.options(), PREVIEW_ROWS)
        self.table.clear()
        self.table.setColumnCount(len(plan.headers) + 1)
        self.table.setHorizontalHeaderLabels([self.tr("Status"), *plan.headers])
        self.table.setRowCount(len(rows))
        counts = {"new": 0, "update": 0, "duplicate": 0, "rejected": 0, "problems": 0}
        for r, outcome in enumerate(rows):
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            counts["problems"] += bool(outcome.problems)
            self.table.setItem(r, 0, QTableWidgetItem(self._status(outcome)))
            bad = {p.column: p for p in outcome.problems}
            for c in range(len(plan.headers)):
                value = outcome.cells[c] if c < len(outcome.cells) else None
                item = QTableWidgetItem(cell_text(value))
                if c in bad:
                    item.setToolTip(problem_text(bad[c].code, bad[c].value))
                    item.setBackground(Qt.GlobalColor.yellow)
                self.table.setItem(r, c + 1, item)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("First %1 rows: %2 new, %3 updates, %4 duplicates, %5 with problems, %6 not importable.")
            .replace("%1", str(len(rows)))
            .replace("%2", str(counts["new"]))
            .replace("%3", str(counts["update"]))
            .replace("%4", str(counts["duplicate"] + counts["update"]))
            .replace("%5", str(counts["problems"]))
            .replace("%6", str(counts["rejected"]))
        )

    def _status(self, outcome) -> str:
        if outcome.status == "rejected":
            code = outcome.problems[0].code if outcome.problems else "no_name"
            return self.tr("Not imported: %1").replace("%1", problem_text(code))
        if outcome.status == "update":
            return self.tr("Update")
        if outcome.status == "duplicate":
            return self.tr("Duplicate (skipped)")
        return self.tr("New") + (" ⚠" if outcome.problems else "")


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Importing"))
        self.bar = QProgressBar(self)
        self.rate = QLabel(self)
        self.report = QLabel(self)
        self.report.setWordWrap(True)
        self.cancel = QPushButton(self.tr("Cancel import"), self)
        self.cancel.clicked.connect(self._cancel)
        self.save_rejected = QPushButton(self.tr("Save rows not imported…"), self)
        self.save_rejected.clicked.connect(self._save_rejected)
        self.undo = QPushButton(self.tr("Undo import"), self)
        self.undo.clicked.connect(self._undo)
        buttons = QHBoxLayout()
        for b in (self.cancel, self.save_rejected, self.undo):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.rate)
        layout.addWidget(self.report)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.result = None
        self.thread: QThread | None = None
        self.worker: ImportWorker | None = None
        self.started = 0.0

    def initializePage(self) -> None:
        self.result = None
        self.bar.setRange(0, 0)
        self.report.clear()
        self.save_rejected.hide()
        self.undo.hide()
        self.cancel.show()
        self.started = time.monotonic()
        self.worker = ImportWorker(self.wiz.services, self.wiz.plan, self.wiz.preview_page.options())
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled_.connect(self._on_cancelled)
        for signal in (self.worker.finished, self.worker.failed, self.worker.cancelled_):
            signal.connect(self.thread.quit)
        self.thread.start()
        self.completeChanged.emit()

    def _on_progress(self, done: int, total: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            left = max(total - done, 0) / rate if rate else 0
            self.rate.setText(
                self.tr("%1 rows/s · about %2 s left")
                .replace("%1", f"{rate:,.0f}")
                .replace("%2", f"{left:,.0f}")
            )
        else:
            self.rate.setText(self.tr("%1 rows/s").replace("%1", f"{rate:,.0f}"))

    def _on_finished(self, result) -> None:
        self.result = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.cancel.hide()
        self.report.setText(
            summary_text(result.created, result.updated, result.skipped, result.summary.rejected)
        )
        self.save_rejected.setVisible(bool(result.rejected_rows))
        self.undo.show()
        self.completeChanged.emit()

    def _on_failed(self, text: str) -> None:
        self.cancel.hide()
        self.bar.setRange(0, 1)
        self.report.setText(text + " " + self.tr("Nothing was imported."))
        self.completeChanged.emit()

    def _on_cancelled(self) -> None:
        self.cancel.hide()
        self.bar.setRange(0, 1)
        self.report.setText(self.tr("Import cancelled. Nothing was imported."))
        self.completeChanged.emit()

    def _cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel_event.set()
            self.cancel.setEnabled(False)

    def _save_rejected(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save rows not imported"),
            str(self.wiz.plan.path.with_name(self.wiz.plan.path.stem + "-not-imported.xlsx")),
            "*.xlsx",
        )
        if name:
            self.wiz.services.imports.write_rejected(
                self.wiz.plan, self.result, Path(name), lambda code: problem_text(code), self.tr("Reason")
            )

    def _undo(self) -> None:
        undone = self.wiz.services.imports.undo(self.result.batch_id)
        text = (
            self.tr("Import undone: %1 removed, %2 restored.")
            .replace("%1", str(undone.removed))
            .replace("%2", str(undone.restored))
        )
        if undone.left:
            text += " " + self.tr("Left as they are (edited since): %1").replace(
                "%1", ", ".join(undone.left[:10])
            )
        self.report.setText(text)
        self.undo.hide()

    def isComplete(self) -> bool:
        return self.thread is None or not self.thread.isRunning()

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()


class ImportWizard(QWizard):
    def __init__(self, services, parent: QWidget | None = None, path: str | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.plan: ImportPlan | None = None
        self.setWindowTitle(self.tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(900, 600)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.run_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        if path:
            self.file_page.open_file(path)

    def done(self, result: int) -> None:
        if self.run_page.worker is not None:
            self.run_page.worker.cancel_event.set()
        self.run_page.wait()
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, services, path: str | None = None) -> None:
        wizard = cls(services, parent, path)
        wizard.exec()
