"""The trash: deleted people and companies, to restore or delete for good."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import CrmError
from ..core.records import TrashItem
from ..services import Change, Services
from .bridge import ChangeBridge
from .messages import error_text

log = logging.getLogger(__name__)

ItemRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


def local_time(utc) -> QDateTime:
    """A stored naive-UTC timestamp as a local date-time."""
    stamp = QDateTime(utc.date(), utc.time(), QTimeZone.utc())
    return stamp.toLocalTime()


class TrashModel(QAbstractTableModel):
    """Type, name and deletion time of every trashed record."""

    TYPE, NAME, DELETED = range(3)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[TrashItem] = []

    def set_items(self, items: Sequence[TrashItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[TrashItem]:
        return list(self._items)

    def item(self, row: int) -> TrashItem:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Type"), self.tr("Name"), self.tr("Deleted"))[section] if 0 <= section < 3 else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == ItemRole:
            return item
        if role == SortRole:
            return (item.kind, item.name.casefold(), item.deleted_at.isoformat())[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, index.column())
        return None

    def _kind_label(self, kind: str) -> str:
        labels = {"contact": self.tr("Person"), "company": self.tr("Company"), "deal": self.tr("Deal"),
                  "activity": self.tr("Timeline entry"), "attachment": self.tr("File"),
                  "task": self.tr("Task"), "order": self.tr("Order"), "case": self.tr("Service case")}
        return labels.get(kind, kind)

    def _text(self, item: TrashItem, column: int) -> str:
        if column == self.TYPE:
            return self._kind_label(item.kind)
        if column == self.NAME:
            return item.name or self.tr("(no name)")
        return QLocale().toString(local_time(item.deleted_at), QLocale.FormatType.ShortFormat)


class TrashPage(QWidget):
    """Lists the trash; restores, deletes for good, or empties it. Refreshes on every change."""

    restored = Signal(object)  # list[TrashItem] that were put back

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.model = TrashModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self._build()
        bridge.changed.connect(self._on_bridge_changed)
        self.refresh()

    def _build(self) -> None:
        title = QLabel(self.tr("Trash"))
        title.setObjectName("pageTitle")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        intro = QLabel(self.tr("Deleted people and companies stay here until you delete them "
                               "permanently. Restoring puts them back where they were."))
        intro.setWordWrap(True)
        self.table = self._build_table()
        self.empty_label = QLabel(self.tr("The trash is empty."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(dark); font-size: 12pt;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self.stack, 1)

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.sortByColumn(TrashModel.DELETED, Qt.SortOrder.DescendingOrder)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(TrashModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TrashModel.TYPE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TrashModel.DELETED, QHeaderView.ResizeMode.ResizeToContents)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        table.doubleClicked.connect(self._on_table_double_clicked)
        for keys, slot in ((QKeySequence.StandardKey.Delete, self._on_purge_button_clicked),
                           (QKeySequence(Qt.Key.Key_Return), self._on_restore_button_clicked),
                           (QKeySequence(Qt.Key.Key_Enter), self._on_restore_button_clicked)):
            QShortcut(keys, table, slot, context=Qt.ShortcutContext.WidgetShortcut)
        return table

    def _build_buttons(self) -> QHBoxLayout:
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setToolTip(self.tr("Put the selected records back (Enter or double-click)"))
        self.purge_button = QPushButton(self.tr("&Delete permanently"))
        self.purge_button.setToolTip(self.tr("Delete the selected records for good (Delete key)"))
        self.empty_button = QPushButton(self.tr("&Empty trash"))
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.purge_button.clicked.connect(self._on_purge_button_clicked)
        self.empty_button.clicked.connect(self._on_empty_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        row.addWidget(self.empty_button)
        return row

    # -- state -----------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            items = self.services.trash.items()
        except CrmError as exc:
            log.warning("trash not readable: %s", exc)
            items = []
        self.model.set_items(items)
        self.stack.setCurrentWidget(self.table if items else self.empty_label)
        self._update_buttons()

    def selected_items(self) -> list[TrashItem]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, ItemRole) for index in sorted(rows, key=lambda i: i.row())]

    def _update_buttons(self) -> None:
        has_selection = bool(self.table.selectionModel().selectedRows())
        self.restore_button.setEnabled(has_selection)
        self.purge_button.setEnabled(has_selection)
        self.empty_button.setEnabled(self.model.rowCount() > 0)

    # -- actions ---------------------------------------------------------------------------
    def restore(self, items: list[TrashItem]) -> None:
        if not items:
            return
        from .undo import RestoreCommand, history_of
        from .undo.texts import restore_text

        history = history_of(self)  # in the window, Edit ▸ Undo moves them back to the trash
        if history is None:
            done = self._run(self.services.trash.restore, items)
        else:
            done = history.push(RestoreCommand(self.services, items, restore_text(len(items), items[0].name)))
            self.refresh()
        if done:
            self.restored.emit(items)

    def purge(self, items: list[TrashItem]) -> None:
        if items and self._confirm_purge(len(items)):
            self._run(self.services.trash.purge, items)

    def empty(self) -> None:
        count = self.model.rowCount()
        if count and self._confirm_purge(count):
            self._run(lambda _items: self.services.trash.empty(), [])

    def _run(self, action, items: list[TrashItem]) -> bool:
        try:
            action(items)
        except CrmError as exc:
            log.warning("trash action failed: %s", exc)
            self._show_error(exc)
            self.refresh()
            return False
        self.refresh()
        return True

    def _confirm_purge(self, count: int) -> bool:
        if count == 1:
            text = self.tr("Permanently delete 1 item? This cannot be undone.")
        else:
            text = self.tr("Permanently delete %1 items? This cannot be undone.").replace("%1", str(count))
        return self._confirm(self.tr("Delete permanently"), text)

    def _confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        delete = box.addButton(self.tr("Delete permanently"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is delete

    def _show_error(self, exc: CrmError) -> None:
        QMessageBox.warning(self, self.tr("Trash"), error_text(exc))

    # -- slots -----------------------------------------------------------------------------
    def _on_restore_button_clicked(self) -> None:
        self.restore(self.selected_items())

    def _on_purge_button_clicked(self) -> None:
        self.purge(self.selected_items())

    def _on_empty_button_clicked(self) -> None:
        self.empty()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.restore([self.proxy.data(index, ItemRole)])

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in ("contact", "company", "deal", "activity", "attachment", "task", "order", "case",
                             "all"):
            self.refresh()
