"""The Reminders page's table: one section's tasks, counted and read a page at a time in SQL.

Sorting and filtering are the section query's (SQL ORDER BY / WHERE); the model keeps the
count and a few pages of rows, so a section of 100,000 tasks costs what its visible rows cost.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...core.tasks import DONE, PRIORITY_HIGH, SectionQuery, TaskRow
from ...services import Services
from ..paging import PageCache
from .texts import due_text, kind_names, priority_names

PAGE_SIZE = 200
MAX_PAGES = 8
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT = QModelIndex()
# (column key, sort key of SectionQuery)
COLUMNS = (("title", "title"), ("kind", "kind"), ("due", "due"), ("customer", "customer"),
           ("owner", "owner"), ("priority", "priority"))
OVERDUE_COLOUR = QColor("#c53030")
DONE_COLOUR = QColor("#718096")


class TaskTableModel(QAbstractTableModel):
    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._query = SectionQuery("today")
        self._pages: PageCache[TaskRow] = PageCache(
            lambda offset, limit: self._services.tasks.rows(self._query, offset, limit), PAGE_SIZE, MAX_PAGES)
        self._count = 0  # until the page asks for a section (set_query / reload)
        self._kinds = kind_names()
        self._priorities = priority_names()
        self._bold = QFont()
        self._bold.setBold(True)
        self._now = services.ctx.clock.now()

    # -- the query -----------------------------------------------------------------------
    @property
    def query(self) -> SectionQuery:
        return self._query

    def set_query(self, query: SectionQuery) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._now = self._services.ctx.clock.now()
        self._count = self._services.tasks.count(self._query)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.set_query(replace(self._query, sort=COLUMNS[column][1],
                                   descending=order == Qt.SortOrder.DescendingOrder))

    # -- rows ----------------------------------------------------------------------------
    def row_at(self, row: int) -> TaskRow | None:
        if not 0 <= row < self._count:
            return None
        return self._pages.row(row)

    def id_at(self, row: int) -> int | None:
        task = self.row_at(row)
        return task.id if task else None

    def row_of(self, task_id: int) -> int:
        """The row showing ``task_id`` among the cached rows, or -1."""
        return next((row for row, task in self._pages.rows() if task.id == task_id), -1)

    # -- Qt API --------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self._header(COLUMNS[section][0])
        return None

    def _header(self, key: str) -> str:
        return {"title": self.tr("Task"), "kind": self.tr("Type"),
                "due": self.tr("Done") if self._query.section == DONE else self.tr("Due"),
                "customer": self.tr("Customer"), "owner": self.tr("Owner"),
                "priority": self.tr("Priority")}[key]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        task = self.row_at(index.row())
        if task is None:
            return None
        key = COLUMNS[index.column()][0]
        if key == "customer" and task.silenced and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%1 is marked “do not contact”: this reminder does not notify").replace(
                "%1", task.customer)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(task, key)
        if role == ID_ROLE:
            return task.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if task.done_at is not None:
                return QBrush(DONE_COLOUR)
            if key == "due" and task.due_at is not None and self._is_overdue(task):
                return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and key == "title" and task.priority == PRIORITY_HIGH:
            return self._bold
        return None

    def _is_overdue(self, task: TaskRow) -> bool:
        from ...core.tasks import OVERDUE, section_of

        return section_of(task, self._now, self._services.tasks.tz) == OVERDUE

    def _text(self, task: TaskRow, key: str) -> str:
        if key == "title":
            return f"{task.title}  ↻" if task.recurring else task.title
        if key == "kind":
            return self._kinds.get(task.kind, task.kind)
        if key == "due":
            tz = self._services.tasks.tz
            if task.done_at is not None:
                return due_text(task.done_at, False, tz, self._now)
            return due_text(task.due_at, task.all_day, tz, self._now)
        if key == "customer":
            return f"⛔ {task.customer}" if task.silenced else task.customer
        if key == "owner":
            return task.owner_name
        return self._priorities.get(task.priority, "")
