"""Targets on the dashboard: each owner's progress bars, and a dialog to set them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QSpinBox,
    QWidget,
)

from ...core.dashboard import Target, TargetProgress
from ...core.errors import CrmError
from ...services import Services
from ..messages import error_text
from ..pipeline.common import amount_text, money, parse_money

translate = QCoreApplication.translate


def metric_label(metric: str) -> str:
    return (
        translate("TargetsPanel", "Won value this month")
        if metric == "won_value"
        else translate("TargetsPanel", "Activities this week")
    )


class TargetsPanel(QWidget):
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 0)
        self.bars: list[QProgressBar] = []

    def show_progress(self, progress: list[TargetProgress], users: dict[int, str]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.bars = []
        if not progress:
            self.grid.addWidget(
                QLabel(
                    translate(
                        "TargetsPanel",
                        "No targets yet: use Targets… to set "
                        "monthly won value or weekly activities per owner.",
                    ),
                    self,
                )
            )
            return
        locale = QLocale()
        for row, p in enumerate(progress):
            t = p.target
            if t.metric == "won_value":
                text = f"{money(p.achieved, t.currency)} / {money(t.amount, t.currency)}"
            else:
                text = f"{locale.toString(p.achieved)} / {locale.toString(t.amount)}"
            bar = QProgressBar(self)
            bar.setRange(0, 100)
            bar.setValue(min(100, round(p.ratio * 100)))
            bar.setFormat(f"{locale.toString(round(p.ratio * 100))} %")
            bar.setToolTip(f"{p.owner_name or users.get(t.owner_id, '')} · {metric_label(t.metric)}: {text}")
            bar.setAccessibleName(bar.toolTip())
            self.bars.append(bar)
            self.grid.addWidget(QLabel(p.owner_name or users.get(t.owner_id, ""), self), row, 0)
            self.grid.addWidget(QLabel(metric_label(t.metric), self), row, 1)
            self.grid.addWidget(bar, row, 2)
            self.grid.addWidget(QLabel(text, self), row, 3)
        self.grid.setColumnStretch(2, 1)

    def edit(self) -> None:
        if TargetsDialog.ask(self, self._services):
            self.changed.emit()


class TargetsDialog(QDialog):
    """One owner's targets: won value per month and activities per week (0: no target)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(translate("TargetsDialog", "Targets"))
        self.owner = QComboBox(self)
        for user in services.lookups.users():
            self.owner.addItem(user.name, user.id)
        self.currency = services.dashboard.default_currency()
        self.won = QLineEdit(self)
        self.won.setPlaceholderText(translate("TargetsDialog", "0 = no target"))
        self.activities = QSpinBox(self)
        self.activities.setRange(0, 100_000)
        self.activities.setSpecialValueText(translate("TargetsDialog", "No target"))
        form = QFormLayout(self)
        form.addRow(translate("TargetsDialog", "Owner:"), self.owner)
        form.addRow(
            translate("TargetsDialog", "Won value per month (%1):").replace("%1", self.currency), self.won
        )
        form.addRow(translate("TargetsDialog", "Activities per week:"), self.activities)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.owner.currentIndexChanged.connect(self._load)
        self._load()

    def _load(self) -> None:
        owner_id = self.owner.currentData()
        mine = {t.metric: t for t in self._services.targets.targets() if t.owner_id == owner_id}
        won = mine.get("won_value")
        self.won.setText(amount_text(won.amount, won.currency) if won else "")
        self.activities.setValue(mine["activities"].amount if "activities" in mine else 0)

    def save(self) -> bool:
        """Save both targets in one step (Edit ▸ Undo gives the owner's earlier ones back)."""
        from ..undo.insight import targets_saved

        owner_id = self.owner.currentData()
        try:
            won = parse_money(self.won.text() or "0", self.currency)
            before, after = self._services.targets.set_targets(owner_id, [
                Target(owner_id, "won_value", won, self.currency),
                Target(owner_id, "activities", self.activities.value())])
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return False
        targets_saved(self, self._services, owner_id, self.owner.currentText(), before, after)
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services) -> bool:
        dialog = cls(services, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted
