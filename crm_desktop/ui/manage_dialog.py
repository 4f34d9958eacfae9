"""Tags, owners and custom fields: the lists a team sets up once and edits rarely."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import CrmError, ValidationError
from ..core.records import TAG_KINDS
from ..services import Services
from .messages import error_text, field_error_text

translate = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def tag_kind_text(kind: str) -> str:
    return {
        "customer": translate("ManageDialog", "Customer"),
        "prospect": translate("ManageDialog", "Prospect"),
        "partner": translate("ManageDialog", "Partner"),
        "supplier": translate("ManageDialog", "Supplier"),
    }.get(kind, translate("ManageDialog", "Other"))


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color) if color else QColor("#cbd5e0"))
    return QIcon(pixmap)


def _show_error(parent: QWidget, exc: CrmError) -> None:
    if isinstance(exc, ValidationError):
        text = "\n".join(field_error_text(e) for e in exc.errors)
    else:
        text = error_text(exc)
    QMessageBox.warning(parent, translate("ManageDialog", "Not saved"), text)


def _attempt(parent: QWidget, action, *args) -> None:
    """Run a lookup change; a refusal is shown as a message and nothing else happens."""
    try:
        action(*args)
    except CrmError as exc:
        _show_error(parent, exc)


def _undoable_new(parent: QWidget, services: Services, kind: str, name: str, restore, retire) -> None:
    """Keep something just added in the window's undo history: Undo retires it (refused once it
    is in use), Redo brings it back."""
    from .undo.records import record_done
    from .undo.texts import created_text

    record_done(parent, services, created_text(kind, name), restore, retire)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return table


class TagsTab(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.table = _table([self.tr("Tag"), self.tr("Kind"), self.tr("Colour")])
        add = QPushButton(self.tr("Add tag…"), self)
        add.clicked.connect(self.add_tag)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Double-click a name to rename it. Renaming a tag renames it "
                                        "on every person and company that has it."), self))
        layout.addWidget(self.table)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.reload()

    def reload(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row, tag in enumerate(self.services.lookups.tags()):
            self.table.insertRow(row)
            name = QTableWidgetItem(_swatch(tag.color), tag.name)
            name.setData(ID_ROLE, tag.id)
            self.table.setItem(row, 0, name)
            kind = QComboBox(self.table)
            for value in TAG_KINDS:
                kind.addItem(tag_kind_text(value), value)
            kind.setCurrentIndex(TAG_KINDS.index(tag.kind) if tag.kind in TAG_KINDS else len(TAG_KINDS) - 1)
            kind.currentIndexChanged.connect(lambda _i, r=row: self._save(r))
            self.table.setCellWidget(row, 1, kind)
            colour = QPushButton(tag.color or self.tr("None"), self.table)
            colour.setProperty("color", tag.color)
            colour.clicked.connect(lambda _=False, r=row: self._pick_colour(r))
            self.table.setCellWidget(row, 2, colour)
        self.table.blockSignals(False)

    def _save(self, row: int) -> None:
        item = self.table.item(row, 0)
        kind = self.table.cellWidget(row, 1).currentData()
        colour = self.table.cellWidget(row, 2).property("color") or ""
        tag_id = item.data(ID_ROLE)
        before = next((t for t in self.services.lookups.tags() if t.id == tag_id), None)
        _attempt(self, self.services.lookups.update_tag, tag_id, item.text(), kind, colour)
        self._keep_for_undo(before)
        self.reload()

    def _keep_for_undo(self, before) -> None:
        """In the window, Edit ▸ Undo gives the tag its earlier name, kind and colour back."""
        from .undo.records import setting_changed
        from .undo.texts import tag_setting_text

        after = next((t for t in self.services.lookups.tags() if before and t.id == before.id), None)
        if after is not None:
            old, new = (before.name, before.kind, before.color), (after.name, after.kind, after.color)
            setting_changed(self, self.services, tag_setting_text(after.name), self.services.lookups.put_tag,
                            after.id, old, new)

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        self._save(item.row())

    def _pick_colour(self, row: int) -> None:
        current = self.table.cellWidget(row, 2).property("color") or "#2d7ff9"
        chosen = QColorDialog.getColor(QColor(current), self, self.tr("Tag colour"))
        if chosen.isValid():
            self.table.cellWidget(row, 2).setProperty("color", chosen.name())
            self._save(row)

    def add_tag(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add tag"), self.tr("Name of the new tag:"))
        if ok and name.strip():
            known = {t.id for t in self.services.lookups.tags()}
            _attempt(self, self.services.lookups.create_tag, name)
            made = next((t for t in self.services.lookups.tags() if t.id not in known), None)
            if made is not None:  # in the window, Edit ▸ Undo retires it while no record carries it
                lookups = self.services.lookups
                _undoable_new(self, self.services, "tag", made.name, lambda: lookups.restore_tag(made.id),
                              lambda: lookups.delete_unused_tag(made.id))
            self.reload()


class OwnersTab(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.table = _table([self.tr("Name"), self.tr("E-mail")])
        add = QPushButton(self.tr("Add owner…"), self)
        add.clicked.connect(self.add_owner)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The people who own contacts and companies."), self))
        layout.addWidget(self.table)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.reload()

    def reload(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row, user in enumerate(self.services.lookups.users()):
            self.table.insertRow(row)
            name = QTableWidgetItem(user.name)
            name.setData(ID_ROLE, user.id)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(user.email))
        self.table.blockSignals(False)

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        user_id = self.table.item(row, 0).data(ID_ROLE)
        before = next((u for u in self.services.lookups.users() if u.id == user_id), None)
        _attempt(self, self.services.lookups.update_user, user_id, self.table.item(row, 0).text(),
                 self.table.item(row, 1).text())
        after = next((u for u in self.services.lookups.users() if u.id == user_id), None)
        if before is not None and after is not None:  # in the window, Edit ▸ Undo gives it back
            from .undo.records import setting_changed
            from .undo.texts import owner_setting_text

            old, new = (before.name, before.email), (after.name, after.email)
            put = self.services.lookups.put_user
            setting_changed(self, self.services, owner_setting_text(after.name), put, user_id, old, new)
        self.reload()

    def add_owner(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add owner"), self.tr("Name:"))
        if ok and name.strip():
            lookups = self.services.lookups
            known = {u.id for u in lookups.users()}
            _attempt(self, lookups.create_user, name)
            made = next((u for u in lookups.users() if u.id not in known), None)
            if made is not None:  # in the window, Edit ▸ Undo retires them while they own nothing
                _undoable_new(self, self.services, "owner", made.name, lambda: lookups.restore_user(made.id),
                              lambda: lookups.delete_unused_user(made.id))
            self.reload()


class FieldsTab(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.lists = {"contact": QListWidget(self), "company": QListWidget(self)}
        layout = QHBoxLayout(self)
        for entity, title in (("contact", self.tr("Fields of people")),
                              ("company", self.tr("Fields of companies"))):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{title}</b>", self))
            column.addWidget(self.lists[entity])
            add = QPushButton(self.tr("Add field…"), self)
            add.clicked.connect(lambda _=False, e=entity: self.add_field(e))
            column.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addLayout(column)
        self.reload()

    def reload(self) -> None:
        for entity, widget in self.lists.items():
            widget.clear()
            for _field_id, _key, label, _type in self.services.lookups.custom_fields(entity):
                widget.addItem(label)

    def add_field(self, entity: str) -> None:
        label, ok = QInputDialog.getText(self, self.tr("Add field"),
                                         self.tr("Name of the new field (e.g. WeChat group, VAT number):"))
        if ok and label.strip():
            lookups = self.services.lookups
            known = {f[0] for f in lookups.custom_fields(entity)}
            _attempt(self, lookups.create_custom_field, entity, label)
            made = next((f for f in lookups.custom_fields(entity) if f[0] not in known), None)
            if made is not None:  # in the window, Edit ▸ Undo retires it while nobody has a value in it
                _undoable_new(self, self.services, "custom_field", made[2],
                              lambda: lookups.restore_custom_field(made[0]),
                              lambda: lookups.delete_unused_custom_field(made[0]))
            self.reload()


class ManageDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tags, owners and fields"))
        self.resize(620, 460)
        self.tabs = QTabWidget(self)
        self.tags_tab = TagsTab(services, self)
        self.owners_tab = OwnersTab(services, self)
        self.fields_tab = FieldsTab(services, self)
        self.tabs.addTab(self.tags_tab, self.tr("Tags"))
        self.tabs.addTab(self.owners_tab, self.tr("Owners"))
        self.tabs.addTab(self.fields_tab, self.tr("Custom fields"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services) -> None:
        cls(services, parent).exec()
