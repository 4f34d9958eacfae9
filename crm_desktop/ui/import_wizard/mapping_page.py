"""Second page: which field each column fills, saved mappings, and the date order asked once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from ...core.errors import CrmError
from ...interchange.mapping import NEW_CUSTOM_PREFIX, cell_text
from ...interchange.plan import ImportPlan, date_columns_unread, refresh_date_orders
from ..messages import error_text
from .texts import field_label

if TYPE_CHECKING:
    from .wizard import ImportWizard

SAMPLE_ROWS = 3


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
        self.profiles = QComboBox(self)
        self.profiles.setMinimumContentsLength(12)  # "(none)" in any language, and a name
        self.profiles.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.profiles.activated.connect(self._apply_profile)
        save = QPushButton(self.tr("Save this mapping…"), self)
        save.clicked.connect(self._save_profile)
        self.date_order = QComboBox(self)
        self.date_order.addItem(self.tr("Day first (31/12/2024)"), "dmy")
        self.date_order.addItem(self.tr("Month first (12/31/2024)"), "mdy")
        self.date_label = QLabel(self.tr("Dates such as 03/04/2024 mean:"), self)
        dates = QHBoxLayout()
        dates.addWidget(self.date_label)
        dates.addWidget(self.date_order)
        dates.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Saved mapping:"), self))
        bottom.addWidget(self.profiles)
        bottom.addStretch(1)
        bottom.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(dates)
        layout.addLayout(bottom)
        self.combos: list[QComboBox] = []
        self._scanning = False
        self.wiz.background.finished.connect(self._on_finished)

    def initializePage(self) -> None:
        plan = self.wiz.plan
        rows = plan.data_rows()
        samples = [row for _n, (_number, row) in zip(range(SAMPLE_ROWS), rows, strict=False)]
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
        self._show_date_question()
        self.date_order.setCurrentIndex(max(0, self.date_order.findData(plan.mapping.default_date_order)))
        self._fill_profiles()
        self._on_target_changed()

    def _fill_profiles(self) -> None:
        self.profiles.clear()
        self.profiles.addItem(self.tr("(none)"), None)
        for profile in self.wiz.services.imports.profiles(self.wiz.plan.entity.name):
            self.profiles.addItem(profile.name, profile)
        self.profiles.setCurrentIndex(max(0, self.profiles.findText(self.wiz.plan.profile)))

    def _combo(self, plan: ImportPlan, custom, header: str, current: str) -> QComboBox:
        combo = QComboBox(self.table)
        combo.addItem(field_label(""), "")
        for spec in plan.entity.fields:
            combo.addItem(field_label(spec.key, plan.entity.name), spec.key)
        for fid, label in custom:
            combo.addItem(self.tr("Custom field: %1").replace("%1", label), f"custom:{fid}")
        combo.addItem(self.tr("New custom field “%1”").replace("%1", header), NEW_CUSTOM_PREFIX + header)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _show_date_question(self) -> None:
        undecided = bool(self.wiz.plan.undecided_dates)
        self.date_label.setVisible(undecided)
        self.date_order.setVisible(undecided)

    def _scan_dates(self) -> None:
        """A column newly mapped to a date: its day/month order is read from the whole column,
        on the worker thread (the question below the table appears if it stays open)."""
        plan = self.wiz.plan
        if self._scanning or self.wiz.background.busy or not date_columns_unread(plan):
            return
        self._scanning = True
        self.wiz.background.run("dates", lambda _cancel, _progress: refresh_date_orders(plan))

    def _on_finished(self, tag: str, result) -> None:
        if tag == "dates":
            self._scanning = False
        if self.wiz.plan is None or self.wiz.currentPage() is not self:
            return
        if tag == "dates":
            if isinstance(result, CrmError):
                self.hint.setText(error_text(result))
                return
            if isinstance(result, Exception):
                raise result
            self._show_date_question()
        self._on_target_changed()  # another job was running, or the mapping changed meanwhile

    def _on_target_changed(self, _index: int = 0) -> None:
        plan = self.wiz.plan
        plan.mapping.targets = [c.currentData() for c in self.combos]
        self._scan_dates()
        if self._scanning:
            self.hint.setText(self.tr("Reading the dates of the column…"))
        elif not plan.identifies_records():
            self.hint.setText(self.tr("Choose at least one column holding a name, e-mail or phone."))
        else:
            self.hint.setText("")
        self.completeChanged.emit()

    def _apply_profile(self, _index: int) -> None:
        profile = self.profiles.currentData()
        if profile is not None:
            self.wiz.services.imports.apply_profile(self.wiz.plan, profile)
            for combo, target in zip(self.combos, self.wiz.plan.mapping.targets, strict=True):
                combo.setCurrentIndex(max(0, combo.findData(target)))

    def _save_profile(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save mapping"), self.tr("Name of this mapping:"))
        if ok and name.strip():
            try:
                self.wiz.services.imports.save_profile(name, self.wiz.plan)
            except CrmError as exc:
                self.hint.setText(error_text(exc))
            self._fill_profiles()

    def validatePage(self) -> bool:
        plan = self.wiz.plan
        for col in plan.undecided_dates:
            plan.mapping.date_order[col] = self.date_order.currentData()
        return True

    def isComplete(self) -> bool:
        plan = self.wiz.plan
        return plan is not None and plan.identifies_records() and not self._scanning
