"""Two records side by side: choose per field which value the merged record keeps."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.duplicates import OTHER, SURVIVOR, MergeField, MergePlan
from ...core.errors import CrmError
from ...core.phones import format_phone
from ...services import Services
from ..segments.fields import field_labels
from .texts import merge_error_text

translate = QCoreApplication.translate


def value_text(field: MergeField, side: dict, users: dict[int, str]) -> str:
    if field.key == "name":
        return side.get("full_name") or side.get("name") or ""
    if field.key == "company":
        return side.get("company_name") or ""
    if field.key == "owner":
        return users.get(side.get("owner_id"), "")
    if field.key == "do_not_contact":
        flagged = side.get("do_not_contact")
        return translate("MergeDialog", "Yes") if flagged else translate("MergeDialog", "No")
    if field.key == "phone" and side.get("phone"):
        return format_phone(side["phone"])
    values = [v for k, v in side.items() if k != "name_key" and v not in (None, "")]
    return str(values[0]) if values else ""


class MergeDialog(QDialog):
    """``ask`` merges the pair as chosen and returns the merge's id, or None if cancelled."""

    def __init__(self, services: Services, entity: str, first_id: int, second_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.entity = entity
        self.merge_id: int | None = None
        self.setWindowTitle(self.tr("Merge duplicates"))
        self.resize(820, 600)
        self._users = {u.id: u.name for u in services.lookups.users()}
        self._labels = field_labels(entity)
        self._labels.update({"email": translate("SegmentFields", "Email"),
                             "preferred_channel": self.tr("Preferred channel")})
        for fid, _key, label, _kind in services.lookups.custom_fields(entity):
            self._labels[f"custom:{fid}"] = label
        self._groups: dict[str, QButtonGroup] = {}
        self.body = QWidget(self)
        self.grid = QGridLayout(self.body)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.swap_button = QPushButton(self.tr("Keep the other record instead"), self)
        self.swap_button.clicked.connect(self.swap)
        note = QLabel(self.tr("Every e-mail, phone, tag, activity, deal, task, order, case and file of both "
                              "records is kept. The record on the right goes to the trash; the merge can be "
                              "undone from the history of duplicates."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #4a5568;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(note)
        layout.addWidget(self.swap_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self.set_pair(first_id, second_id)

    def set_pair(self, survivor_id: int, other_id: int) -> None:
        self.plan: MergePlan = self._services.merges.plan(self.entity, survivor_id, other_id)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._groups.clear()
        heads = (self.tr("Field"), self.tr("Keep (this record stays)"),
                 self.tr("Merge into it (goes to trash)"))
        for column, text in enumerate(heads):
            label = QLabel(f"<b>{text}</b>", self.body)
            self.grid.addWidget(label, 0, column)
        row = 1
        for field in self.plan.fields:
            if not field.differs and all(v in (None, "") for v in field.survivor.values()):
                continue  # empty on both sides: nothing to choose
            self._add_row(row, field)
            row += 1
        self.grid.setRowStretch(row, 1)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)

    def _add_row(self, row: int, field: MergeField) -> None:
        self.grid.addWidget(QLabel(self._labels.get(field.key, field.key), self.body), row, 0)
        if not field.differs:
            same = QLabel(value_text(field, field.survivor, self._users), self.body)
            same.setStyleSheet("color: #718096;")
            self.grid.addWidget(same, row, 1, 1, 2)
            return
        group = QButtonGroup(self)
        for column, side, values in ((1, SURVIVOR, field.survivor), (2, OTHER, field.other)):
            text = value_text(field, values, self._users) or self.tr("(empty)")
            button = QRadioButton(text, self.body)
            button.setProperty("side", side)
            button.setChecked(field.default == side)
            group.addButton(button)
            self.grid.addWidget(button, row, column)
        self._groups[field.key] = group

    def choices(self) -> dict[str, str]:
        return {key: group.checkedButton().property("side") for key, group in self._groups.items()
                if group.checkedButton() is not None}

    def choose(self, key: str, side: str) -> None:
        for button in self._groups[key].buttons():
            button.setChecked(button.property("side") == side)

    def swap(self) -> None:
        self.set_pair(self.plan.other_id, self.plan.survivor_id)

    def accept(self) -> None:
        try:
            plan = self.plan
            self.merge_id = self._services.merges.merge(self.entity, plan.survivor_id, plan.other_id,
                                                        self.choices())
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), merge_error_text(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, entity: str, first_id: int,
            second_id: int) -> int | None:
        dialog = cls(services, entity, first_id, second_id, parent)
        return dialog.merge_id if dialog.exec() == QDialog.DialogCode.Accepted else None


__all__ = ["MergeDialog"]
