"""First page: the file, what it holds (people or companies) and which sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWizardPage,
)

from ...core.errors import CrmError
from ...interchange.readers import ImportRefused
from ..messages import error_text
from .texts import refusal_text

if TYPE_CHECKING:
    from .wizard import ImportWizard

FILE_FILTER = "*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt *.vcf"


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
        self.entity = QComboBox(self)
        self.entity.addItem(self.tr("People"), "contact")
        self.entity.addItem(self.tr("Companies"), "company")
        self.entity.currentIndexChanged.connect(lambda _i: self._reopen())
        self.sheet = QComboBox(self)
        self.sheet.currentIndexChanged.connect(lambda _i: self._reopen(keep_source=True))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Import as:"), self.entity)
        form.addRow(self.tr("Sheet:"), self.sheet)
        form.addRow(self.status)
        self.path.returnPressed.connect(lambda: self.open_file(self.path.text()))
        self.wiz.background.finished.connect(self._on_finished)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import contacts"), "", self.tr("Tables and vCards (%1)").replace("%1", FILE_FILTER)
        )
        if name:
            self.open_file(name)

    def open_file(self, name: str) -> None:
        """Read the file on the worker thread (a big workbook takes seconds)."""
        if not name.strip() or self.wiz.background.busy:
            return
        self.path.setText(name)
        self._inspect(Path(name), None, None)

    def _reopen(self, keep_source: bool = False) -> None:
        plan = self.wiz.plan
        if plan is None or self.wiz.background.busy:
            return
        sheet = self.sheet.currentData() if keep_source else None
        self._inspect(plan.path, sheet, plan.source if keep_source else None)

    def _inspect(self, path: Path, sheet: int | None, source) -> None:
        self.wiz.plan = None
        self.status.setText(self.tr("Reading the file…"))
        entity = self.entity.currentData()
        imports = self.wiz.services.imports
        self.wiz.background.run(
            "inspect", lambda _cancel, _progress: imports.inspect(path, entity, sheet, source)
        )
        self.completeChanged.emit()

    def _on_finished(self, tag: str, result) -> None:
        if tag != "inspect":
            return
        if isinstance(result, ImportRefused):
            self.status.setText(refusal_text(result.code, result.detail))
        elif isinstance(result, CrmError):
            self.status.setText(error_text(result))
        elif isinstance(result, Exception):
            raise result
        else:
            self.wiz.plan = result
            self._show_sheets()
            self._describe()
        self.completeChanged.emit()

    def _show_sheets(self) -> None:
        plan = self.wiz.plan
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for info in plan.source.sheets:
            self.sheet.addItem(info.name + (self.tr(" (hidden)") if info.hidden else ""), info.index)
        self.sheet.setCurrentIndex(max(0, self.sheet.findData(plan.source.sheet_index)))
        self.sheet.setEnabled(len(plan.source.sheets) > 1)
        self.sheet.blockSignals(False)

    def _describe(self) -> None:
        plan = self.wiz.plan
        if plan.header_row is not None:
            text = self.tr("Column titles found on row %1.").replace("%1", str(plan.header_row + 1))
        else:
            text = self.tr("No row of column titles found: the columns are named A, B, C…")
        if plan.profile:
            text += " " + self.tr("Saved mapping “%1” applied.").replace("%1", plan.profile)
        self.status.setText(text)

    def isComplete(self) -> bool:
        return self.wiz.plan is not None and not self.wiz.background.busy
