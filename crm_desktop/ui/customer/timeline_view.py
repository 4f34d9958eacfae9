"""The timeline pane of a customer page: type filter, search, jump to a date, and the list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.customer import ENTRY_GROUPS, TimelineEntry, TimelineQuery
from . import texts
from .timeline_model import ENTRY_ROLE, TimelineDelegate, TimelineModel


class TimelinePane(QWidget):
    """The timeline with its type filter, search box and jump to a date."""

    entry_activated = Signal(object)  # a TimelineEntry
    menu_requested = Signal(object, QPoint)

    def __init__(self, model: TimelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem(self.tr("All activity"), "")
        for group in ENTRY_GROUPS:
            self.kind_filter.addItem(texts.group_text(group), group)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search the timeline"))
        self.search.setClearButtonEnabled(True)
        self.jump_date = QDateEdit(QDate.currentDate(), self)
        self.jump_date.setCalendarPopup(True)
        self.jump_date.setToolTip(self.tr("Jump to a date"))
        self.jump_button = QPushButton(self.tr("Go to date"), self)
        self.view = self._make_view(model)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setAccessibleName(self.tr("Timeline"))
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self._apply)
        self.kind_filter.currentIndexChanged.connect(self._apply)
        self.search.textChanged.connect(self._search_timer.start)
        self.jump_button.clicked.connect(self._on_jump_button_clicked)
        self.view.activated.connect(self._on_view_activated)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.kind_filter)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.jump_date)
        bar.addWidget(self.jump_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _make_view(self, model: TimelineModel) -> QTableView:
        """A one-column table: unlike a QListView, whose layout asks the model about every row
        (two calls into Python each, 20,000 rows ~40 ms), its fixed-height rows are laid out
        without touching them."""
        view = QTableView(self)
        view.setModel(model)
        view.setItemDelegate(TimelineDelegate(view))
        view.setShowGrid(False)
        view.horizontalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows = view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(TimelineDelegate.ROW_HEIGHT)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setWordWrap(False)
        return view

    def _apply(self, *_args) -> None:
        group = self.kind_filter.currentData()
        search = self.search.text().strip()
        self.model.set_query(TimelineQuery(groups=(group,) if group else (), search=search))

    def jump_to(self, day: dt.date) -> int:
        row = self.model.row_of_date(day)
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        return row

    def _on_jump_button_clicked(self) -> None:
        self.jump_to(self.jump_date.date().toPython())

    def _on_view_activated(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if entry is not None:
            self.entry_activated.emit(entry)

    def _on_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        entry = self.view.indexAt(pos).data(ENTRY_ROLE)
        if entry is not None:
            self.menu_requested.emit(entry, self.view.viewport().mapToGlobal(pos))

    def current_entry(self) -> TimelineEntry | None:
        return self.view.currentIndex().data(ENTRY_ROLE)
