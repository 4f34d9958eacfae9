"""The Reminders page: Overdue / Today / Upcoming / Done, and the Hot leads list.

Keys on the list: D done, L done and log the call (e-mail, meeting), S snooze, Enter edit,
O open the customer, N new task, Delete delete.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CrmError
from ...core.tasks import DONE, OVERDUE, SECTIONS, TASK_KINDS, TODAY, SectionQuery
from ...services import Change, Services
from ..bridge import ChangeBridge
from ..messages import error_text
from .actions import complete, snooze_menu
from .task_dialog import TaskDialog
from .task_model import TaskTableModel
from .texts import kind_names, score_reason, section_names

HOT = "hot"
HOT_LIMIT = 500
ALL = "__all__"


class RemindersPage(QWidget):
    """``customer_requested(kind, id)`` asks the window to open a contact, company or deal."""

    customer_requested = Signal(str, int)
    status_posted = Signal(str)

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = TaskTableModel(services, self)
        self._build()
        self._build_actions()
        self._refresh_timer = QTimer(self, singleShot=True, interval=150)
        self._refresh_timer.timeout.connect(self.refresh)
        bridge.changed.connect(self._on_bridge_changed)
        overdue = self.services.tasks.count(SectionQuery(OVERDUE))
        self.tabs.blockSignals(True)  # one refresh below, not one per tab change
        self.tabs.setCurrentIndex(SECTIONS.index(OVERDUE if overdue else TODAY))
        self.tabs.blockSignals(False)
        self._on_tabs_current_changed(self.tabs.currentIndex())

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Reminders"), self)
        title.setStyleSheet("font-size: 18px; font-weight: 600; color: #1a202c;")
        self.tabs = QTabBar(self)
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for _ in (*SECTIONS, HOT):
            self.tabs.addTab("")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.owner_combo = QComboBox(self)
        self.kind_combo = QComboBox(self)
        self._fill_filters()
        self.owner_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.kind_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.new_button = QPushButton(self.tr("+ New task"), self)
        self.new_button.setStyleSheet("QPushButton { background: #2d6cdf; color: white; border-radius: 5px;"
                                      " padding: 5px 12px; font-weight: 600; }")
        self.new_button.clicked.connect(self.new_task)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_row_changed)
        for column, width in ((1, 90), (2, 150), (3, 200), (4, 130), (5, 80)):
            self.view.setColumnWidth(column, width)
        self.hot_table = self._build_hot_table()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.hot_table)
        self.empty_label = QLabel(self)
        self.empty_label.setStyleSheet("color: #718096; padding: 4px;")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.tabs)
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(self._build_bar())
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.empty_label)

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.done_button = QToolButton(self)
        self.log_button = QToolButton(self)
        self.snooze_button = QToolButton(self)
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setMenu(snooze_menu(self, self.services, self.current_id, self._on_snoozed))
        self.open_button = QToolButton(self)
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Calendar"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        calendar = QMenu(self.export_button)
        calendar.addAction(self.tr("Export tasks to a file…"), self.export_calendar)
        calendar.addAction(self.tr("Subscribe from a calendar app…"), self.show_subscription)
        self.export_button.setMenu(calendar)
        for widget in (QLabel(self.tr("Owner"), self), self.owner_combo, QLabel(self.tr("Type"), self),
                       self.kind_combo):
            bar.addWidget(widget)
        bar.addSpacing(12)
        for button in (self.done_button, self.log_button, self.snooze_button, self.open_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        return bar

    def _build_hot_table(self) -> QTableWidget:
        table = QTableWidget(0, 4, self)
        table.setHorizontalHeaderLabels([self.tr("Person"), self.tr("Company"), self.tr("Score"),
                                         self.tr("Top reason")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(0, 220)
        table.setColumnWidth(1, 220)
        table.setColumnWidth(2, 70)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.cellDoubleClicked.connect(self._on_hot_table_cell_double_clicked)
        return table

    def _build_actions(self) -> None:
        specs = (
            ("done", self.tr("Done"), "D", self.mark_done, self.done_button),
            ("log", self.tr("Done — log it"), "L", self.mark_done_and_log, self.log_button),
            ("snooze", self.tr("Snooze"), "S", self.show_snooze_menu, self.snooze_button),
            ("open", self.tr("Open customer"), "O", self.open_customer, self.open_button),
            ("edit", self.tr("Edit task"), "Return", self.edit_task, None),
            ("new", self.tr("New task"), "N", self.new_task, None),
            ("delete", self.tr("Delete task"), "Delete", self.delete_task, None),
        )
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, key, slot, button in specs:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(key)])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({native})")
            action.triggered.connect(slot)
            self.view.addAction(action)
            self.actions_by_name[name] = action
            if button is not None and name != "snooze":
                button.setDefaultAction(action)
            elif button is not None:
                button.setText(text)
                button.setToolTip(action.toolTip())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _fill_filters(self) -> None:
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem(self.tr("Everyone"), ALL)
        for user in self.services.lookups.users():
            self.owner_combo.addItem(user.name, user.id)
        self.owner_combo.blockSignals(False)
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        self.kind_combo.addItem(self.tr("All types"), ALL)
        names = kind_names()
        for kind in TASK_KINDS:
            self.kind_combo.addItem(names[kind], kind)
        self.kind_combo.blockSignals(False)

    # -- state -----------------------------------------------------------------------------
    def section(self) -> str:
        index = self.tabs.currentIndex()
        return SECTIONS[index] if index < len(SECTIONS) else HOT

    def show_section(self, section: str) -> None:
        self.tabs.setCurrentIndex([*SECTIONS, HOT].index(section))

    def _query(self, section: str) -> SectionQuery:
        owner = self.owner_combo.currentData()
        kind = self.kind_combo.currentData()
        base = self.model.query
        return SectionQuery(section, None if owner == ALL else owner, None if kind == ALL else kind,
                            base.sort, base.descending)

    def refresh(self) -> None:
        """Counts on the tabs, then the rows of the shown section."""
        names = section_names()
        for index, section in enumerate(SECTIONS):
            n = self.services.tasks.count(replace(self._query(section), section=section))
            self.tabs.setTabText(index, f"{names[section]}  {n}" if section != DONE else names[section])
        self.tabs.setTabTextColor(SECTIONS.index(OVERDUE), Qt.GlobalColor.darkRed)
        self.tabs.setTabText(len(SECTIONS), self.tr("Hot leads"))
        if self.section() == HOT:
            self._fill_hot()
        else:
            current = self.current_id()
            query = self._query(self.section())
            if query == self.model.query:
                self.model.reload()  # the same rows asked for: read them again (they changed)
            else:
                self.model.set_query(query)
            self._select(current)
        self._update_empty()

    def _update_empty(self) -> None:
        if self.section() == HOT:
            empty = self.hot_table.rowCount() == 0
            text = self.tr("No contact scores %1 or more yet.").replace("%1", str(self._threshold()))
        else:
            empty = self.model.rowCount() == 0
            text = {OVERDUE: self.tr("Nothing overdue. Well done!"),
                    TODAY: self.tr("Nothing else due today.")}.get(self.section(), self.tr("No tasks here."))
        self.empty_label.setText(text if empty else "")
        enabled = self.section() != HOT and not empty
        for name in ("done", "log", "snooze", "open", "edit", "delete"):
            for_done = name in ("open", "edit", "delete")  # a done task can still be opened
            self.actions_by_name[name].setEnabled(enabled and (self.section() != DONE or for_done))
        self.snooze_button.setEnabled(enabled and self.section() != DONE)

    def _threshold(self) -> int:
        return self.services.settings.hot_lead_threshold

    def _fill_hot(self) -> None:
        leads = self.services.scoring.hot_leads(HOT_LIMIT, threshold=self._threshold())
        self.hot_table.setRowCount(len(leads))
        for row, lead in enumerate(leads):
            score = QTableWidgetItem(str(lead.score))
            score.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name = QTableWidgetItem(lead.name)
            name.setData(Qt.ItemDataRole.UserRole, lead.contact_id)
            for column, item in enumerate((name, QTableWidgetItem(lead.company), score,
                                           QTableWidgetItem(score_reason(lead.top_reason)))):
                self.hot_table.setItem(row, column, item)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid() or self.section() == HOT:
            return None
        return self.model.id_at(index.row())

    def _select(self, task_id: int | None) -> None:
        row = self.model.row_of(task_id) if task_id is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.view.selectRow(row)

    # -- actions ---------------------------------------------------------------------------
    def new_task(self) -> None:
        if TaskDialog.ask(self, self.services) is not None:
            self.status_posted.emit(self.tr("Task saved."))

    def edit_task(self) -> None:
        task_id = self.current_id()
        if task_id is not None and TaskDialog.ask(self, self.services, task_id) is not None:
            self.status_posted.emit(self.tr("Task saved."))

    def mark_done(self) -> None:
        task_id = self.current_id()
        if task_id is not None and complete(self, self.services, task_id, log=False) is not None:
            self.status_posted.emit(self.tr("Task done."))

    def mark_done_and_log(self) -> None:
        task_id = self.current_id()
        done = complete(self, self.services, task_id, log=True) if task_id is not None else None
        if done is not None:
            logged = done[1] is not None  # a task about nobody has no timeline to log on
            self.status_posted.emit(self.tr("Task done and logged on the customer's timeline.") if logged
                                    else self.tr("Task done."))

    def show_snooze_menu(self) -> None:
        if self.current_id() is None:
            return
        rect = self.view.visualRect(self.view.currentIndex())
        self.snooze_button.menu().popup(self.view.viewport().mapToGlobal(rect.bottomLeft()))

    def _on_snoozed(self, _until) -> None:
        self.status_posted.emit(self.tr("Snoozed."))

    def open_customer(self) -> None:
        task_id = self.current_id()
        if task_id is None:
            return
        task = self.services.tasks.get(task_id)
        for kind, record_id in (("contact", task.contact_id), ("company", task.company_id),
                                ("deal", task.deal_id)):
            if record_id is not None:
                self.customer_requested.emit(kind, record_id)
                return
        self.edit_task()  # no customer: the task itself

    def delete_task(self) -> None:
        task_id = self.current_id()
        if task_id is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete task"), self.tr("Delete this task?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        from ..undo import TrashCommand, history_of
        from ..undo.texts import delete_text

        history = history_of(self)  # in the window, Edit ▸ Undo brings it back from the trash
        if history is not None:
            title = self.services.tasks.get(task_id).title
            history.push(TrashCommand(self.services, "task", [task_id], delete_text("task", 1, title)))
            return
        try:
            self.services.tasks.delete([task_id])
        except CrmError as exc:
            QMessageBox.warning(self, self.tr("Delete task"), error_text(exc))

    def export_calendar(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export tasks as a calendar"),
                                              str(Path.home() / "tasks.ics"), self.tr("Calendar (*.ics)"))
        if not path:
            return
        try:
            n = self.services.tasks.export_ics(Path(path))
        except (OSError, CrmError) as exc:
            text = error_text(exc) if isinstance(exc, CrmError) else (exc.strerror or str(exc))
            QMessageBox.warning(self, self.tr("Export tasks as a calendar"), text)
            return
        self.status_posted.emit(self.tr("Exported %1 tasks to %2.").replace("%1", str(n)).replace("%2", path))

    def show_subscription(self) -> None:
        """Write the always-current calendar file now and say where it is."""
        try:
            path = self.services.tasks.write_subscription(force=True)
        except (OSError, CrmError) as exc:
            text = error_text(exc) if isinstance(exc, CrmError) else (exc.strerror or str(exc))
            QMessageBox.warning(self, self.tr("Calendar subscription"), text)
            return
        if path is None:
            return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Calendar subscription"), self.tr(
            "Your calendar app can subscribe to this file; crm-desktop keeps it up to date "
            "whenever tasks change:"), QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(QUrl.fromLocalFile(str(path)).toString())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    # -- slots -----------------------------------------------------------------------------
    def _on_tabs_current_changed(self, _index: int) -> None:
        self.stack.setCurrentWidget(self.hot_table if self.section() == HOT else self.view)
        self.refresh()

    def _on_filter_changed(self, _index: int) -> None:
        self.refresh()

    def _on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        task = self.model.row_at(current.row()) if current.isValid() else None
        texts = {"call": self.tr("Done — log call"), "email": self.tr("Done — log e-mail"),
                 "meeting": self.tr("Done — log meeting"), "todo": self.tr("Done — log note")}
        self.actions_by_name["log"].setText(texts.get(task.kind if task else "", self.tr("Done — log it")))

    def _on_view_double_clicked(self, _index: QModelIndex) -> None:
        self.edit_task()

    def _on_hot_table_cell_double_clicked(self, row: int, _column: int) -> None:
        item = self.hot_table.item(row, 0)
        if item is not None:
            self.customer_requested.emit("contact", item.data(Qt.ItemDataRole.UserRole))

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in ("task", "score", "score_rule", "all", "contact", "company", "deal"):
            self._refresh_timer.start()
        if change.entity in ("user", "all"):
            self._fill_filters()
