"""Last page: the import on the worker thread with progress and Cancel, then the report and undo."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from ...core.errors import CrmError
from ...interchange.readers import ImportRefused
from ..messages import error_text
from .texts import problem_text, refusal_text, summary_text, undo_text

if TYPE_CHECKING:
    from .wizard import ImportWizard


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
        self.running = False
        self.started = 0.0
        self.wiz.background.finished.connect(self._on_finished)
        self.wiz.background.progressed.connect(self._on_progress)

    def initializePage(self) -> None:
        self.setTitle(self.tr("Importing"))
        self.result = None
        self.bar.setRange(0, 0)
        self.report.clear()
        self.rate.clear()
        self.save_rejected.hide()
        self.undo.hide()
        self.cancel.show()
        self.cancel.setEnabled(True)
        self.wiz.background.stop()  # the count of the preview page, if it still runs
        plan, options, imports = self.wiz.plan, self.wiz.preview_page.options(), self.wiz.services.imports
        self.started = time.monotonic()
        self.running = True
        self.wiz.background.run(
            "import", lambda cancel, progress: imports.run(plan, options, progress, cancel)
        )
        self.completeChanged.emit()

    def _on_progress(self, tag: str, done: int, total: int) -> None:
        if tag != "import":
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            left = max(total - done, 0) / rate if rate else 0
            self.rate.setText(
                self.tr("Row %1 of %2 · %3 per second · about %4 s left")
                .replace("%1", f"{done:,}")
                .replace("%2", f"{total:,}")
                .replace("%3", f"{rate:,.0f}")
                .replace("%4", f"{left:,.0f}")
            )
        else:
            self.rate.setText(
                self.tr("Rows: %1 · %2 per second").replace("%1", f"{done:,}").replace("%2", f"{rate:,.0f}")
            )

    def _on_finished(self, tag: str, result) -> None:
        if tag != "import":
            return
        from ...services.imports import ImportCancelled

        self.running = False
        self.cancel.hide()
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.setTitle(self.tr("Import finished"))
        if isinstance(result, ImportCancelled):
            self.report.setText(self.tr("Import cancelled. Nothing was imported."))
        elif isinstance(result, ImportRefused):
            self.report.setText(
                refusal_text(result.code, result.detail) + " " + self.tr("Nothing was imported.")
            )
        elif isinstance(result, CrmError):
            self.report.setText(error_text(result) + " " + self.tr("Nothing was imported."))
        elif isinstance(result, Exception):
            raise result
        else:
            self._show_report(result)
        self.completeChanged.emit()

    def _show_report(self, result) -> None:
        self.result = result
        seconds = time.monotonic() - self.started
        self.rate.setText(
            self.tr("Rows: %1 · time: %2 s")
            .replace("%1", f"{result.summary.rows:,}")
            .replace("%2", f"{seconds:,.1f}")
        )
        self.report.setText(
            summary_text(result.created, result.updated, result.skipped, result.summary.rejected)
        )
        self.save_rejected.setVisible(bool(result.rejected_rows))
        self.undo.show()

    def _cancel(self) -> None:
        self.wiz.background.cancel()
        self.cancel.setEnabled(False)
        self.rate.setText(self.tr("Cancelling…"))

    def _save_rejected(self) -> None:
        plan = self.wiz.plan
        suggested = plan.path.with_name(plan.path.stem + "-not-imported.xlsx")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save rows not imported"), str(suggested), self.tr("Excel workbook (*.xlsx)")
        )
        if name:
            self.wiz.services.imports.write_rejected(
                plan, self.result, Path(name), problem_text, self.tr("Reason")
            )

    def _undo(self) -> None:
        try:
            undone = self.wiz.services.imports.undo(self.result.batch_id)
        except CrmError as exc:
            self.report.setText(error_text(exc))
            return
        self.report.setText(undo_text(undone.removed, undone.restored, undone.left))
        self.undo.hide()

    def isComplete(self) -> bool:
        return not self.running
