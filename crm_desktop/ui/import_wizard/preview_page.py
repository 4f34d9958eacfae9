"""Third page: the first rows as they will be imported, problems per cell, choices per row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from ...core.errors import CrmError
from ...interchange.mapping import cell_text
from ...interchange.plan import CREATE, FILL, OVERWRITE, SKIP, ImportOptions
from ..messages import error_text
from .texts import change_label, problem_text

if TYPE_CHECKING:
    from .wizard import ImportWizard

PREVIEW_ROWS = 100
_PROBLEM = QColor("#fff3bf")
_REJECTED = QColor("#ffe3e3")


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(
            self.tr("Point at a marked cell to see what is wrong; double-click a cell to fix it.")
        )
        self.on_duplicate = QComboBox(self)
        for label, value in self._duplicate_choices():
            self.on_duplicate.addItem(label, value)
        self.on_problem = QComboBox(self)
        self.on_problem.addItem(self.tr("Import the row without the wrong values"), "import")
        self.on_problem.addItem(self.tr("Skip the row"), "skip")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 0, self)
        self.table.verticalHeader().hide()
        form = QFormLayout()
        form.addRow(self.tr("Rows matching someone in the CRM:"), self.on_duplicate)
        form.addRow(self.tr("Rows with wrong values:"), self.on_problem)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.row_actions: dict[int, str] = {}
        self.fixes: dict[tuple[int, int], str] = {}
        self._numbers: list[int] = []
        self._filling = False
        self.on_duplicate.currentIndexChanged.connect(self.refresh)
        self.on_problem.currentIndexChanged.connect(self.refresh)
        self.table.itemChanged.connect(self._on_item_changed)
        self.wiz.background.finished.connect(self._on_finished)
        self.wiz.background.progressed.connect(self._on_progress)

    def _duplicate_choices(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Skip them"), SKIP),
            (self.tr("Fill in their empty fields"), FILL),
            (self.tr("Overwrite their fields"), OVERWRITE),
            (self.tr("Add them anyway"), CREATE),
        ]

    def options(self) -> ImportOptions:
        return ImportOptions(
            on_duplicate=self.on_duplicate.currentData(),
            on_problem=self.on_problem.currentData(),
            row_actions=dict(self.row_actions),
            fixes=dict(self.fixes),
        )

    def initializePage(self) -> None:
        self.row_actions.clear()
        self.fixes.clear()
        self.refresh()

    def cleanupPage(self) -> None:
        self.wiz.background.cancel("summary")

    def refresh(self) -> None:
        plan = self.wiz.plan
        try:
            rows = self.wiz.services.imports.preview(plan, self.options(), PREVIEW_ROWS)
        except CrmError as exc:
            self.summary.setText(error_text(exc))
            return
        self._filling = True
        self.table.clear()
        self.table.setColumnCount(len(plan.headers) + 2)
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Status"), *plan.headers])
        self.table.setRowCount(len(rows))
        self._numbers = [o.row_number for o in rows]
        for r, outcome in enumerate(rows):
            self._fill_row(r, outcome, len(plan.headers))
        self.table.resizeColumnsToContents()
        self._filling = False
        self._count_whole_file()

    def _fill_row(self, r: int, outcome, width: int) -> None:
        number = QTableWidgetItem(str(outcome.row_number))
        number.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(r, 0, number)
        if outcome.match_id is not None:
            self.table.setCellWidget(r, 1, self._action_combo(outcome))
        elif outcome.problems and outcome.draft is not None:
            self.table.setCellWidget(r, 1, self._problem_combo(outcome))
        else:
            status = QTableWidgetItem(self._status(outcome))
            status.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(r, 1, status)
        bad = {p.column: p for p in outcome.problems}
        for c in range(width):
            item = QTableWidgetItem(cell_text(outcome.cells[c] if c < len(outcome.cells) else None))
            if c in bad:
                item.setToolTip(problem_text(bad[c].code, bad[c].value))
                item.setBackground(QBrush(_REJECTED if outcome.status == "rejected" else _PROBLEM))
            self.table.setItem(r, c + 2, item)

    def _action_combo(self, outcome) -> QComboBox:
        combo = QComboBox(self.table)
        reason = {
            "id": self.tr("same ID"),
            "email": self.tr("same e-mail"),
            "phone": self.tr("same phone"),
            "name": self.tr("same name and company"),
        }.get(outcome.match_reason, "")
        for label, value in self._duplicate_choices():
            combo.addItem(f"{label} ({reason})", value)
        combo.setCurrentIndex(max(0, combo.findData(outcome.action)))
        combo.setToolTip(self._changes_text(outcome))
        number = outcome.row_number
        combo.activated.connect(lambda _i, n=number, c=combo: self._set_action(n, c.currentData(), True))
        return combo

    def _changes_text(self, outcome) -> str:
        """What updating the record would change, one field a line (the row's diff)."""
        if not outcome.changes:
            return self.tr("Nothing would change.") if outcome.action in (FILL, OVERWRITE) else ""
        entity = self.wiz.plan.entity.name
        lines = [self.tr("%1: %2 → %3").replace("%1", change_label(key, entity)).replace("%2", old or "—")
                 .replace("%3", new or "—") for key, old, new in outcome.changes]
        return "\n".join(lines)

    def _problem_combo(self, outcome) -> QComboBox:
        """Import this row without its wrong values, or skip it (a fix typed into a cell also works)."""
        combo = QComboBox(self.table)
        combo.addItem(self.tr("New, without the marked values"), "import")
        combo.addItem(self.tr("Skip this row"), "skip")
        combo.setCurrentIndex(1 if outcome.status == "rejected" else 0)
        number = outcome.row_number
        combo.activated.connect(
            lambda _i, n=number, c=combo: self._set_action(n, c.currentData(), refresh=True)
        )
        return combo

    def _set_action(self, number: int, action: str, refresh: bool = False) -> None:
        self.row_actions[number] = action
        if refresh:
            self.refresh()
        else:
            self._count_whole_file()

    def _status(self, outcome) -> str:
        if outcome.status == "rejected":
            code = outcome.problems[0].code if outcome.problems else "no_name"
            return self.tr("Not imported: %1").replace("%1", problem_text(code))
        if outcome.status == "duplicate":
            return self.tr("Repeats row %1 (skipped)").replace("%1", str(outcome.match_row))
        if outcome.problems:
            return self.tr("New, without the marked values")
        return self.tr("New")

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() < 2:
            return
        self.fixes[(self._numbers[item.row()], item.column() - 2)] = item.text()
        self.refresh()

    # -- counts over the whole file, on the worker thread ------------------------------------------
    def _count_whole_file(self) -> None:
        if self.wiz.currentPage() is not self:
            return  # the import may be running: a late count must not start or cancel anything
        background = self.wiz.background
        background.cancel("summary")
        if background.busy:
            self._recount = True
            return
        self._recount = False
        plan, options, imports = self.wiz.plan, self.options(), self.wiz.services.imports
        self.summary.setText(self.tr("Counting the whole file…"))
        background.run("summary", lambda cancel, progress: imports.summarize(plan, options, progress, cancel))

    def _on_progress(self, tag: str, done: int, total: int) -> None:
        if tag == "summary":
            self.summary.setText(
                self.tr("Counting the whole file… rows so far: %1").replace("%1", f"{done:,}")
            )

    def _on_finished(self, tag: str, result) -> None:
        if tag != "summary" or self.wiz.currentPage() is not self:
            return
        if getattr(self, "_recount", False):
            self._count_whole_file()
            return
        if isinstance(result, Exception):
            from ...services.imports import ImportCancelled

            if isinstance(result, ImportCancelled):
                return
            if not isinstance(result, CrmError):
                raise result
            self.summary.setText(error_text(result))
            return
        self.summary.setText(
            self.tr(
                "Rows: %1 · new: %2 · updates: %3 · duplicates: %4 · with problems: %5 · not importable: %6"
            )
            .replace("%1", f"{result.rows:,}")
            .replace("%2", f"{result.new:,}")
            .replace("%3", f"{result.updates:,}")
            .replace("%4", f"{result.duplicates:,}")
            .replace("%5", f"{result.problems:,}")
            .replace("%6", f"{result.rejected:,}")
        )
