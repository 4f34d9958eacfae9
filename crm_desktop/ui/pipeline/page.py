"""The Pipeline page: the board, the same deals as a list, and the forecast, over one filter.

Moves (drag and drop, Ctrl+→ / Ctrl+←, the Won / Lost zones) go through the deal service;
each one can be undone with Ctrl+Z, newest first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.deals import ConflictError, DealFilter, StageMove
from ...core.errors import CrmError
from ...services import Change, Services
from ..bridge import ChangeBridge
from ..undo import DealEditCommand, StageCommand, TrashCommand, history_of, record_created
from ..undo import texts as undo_texts
from .board import BoardView
from .board_model import BoardModel
from .common import LABELS, error_text
from .deal_list import DealTableModel, make_deal_table
from .dialogs import DealDialog, LostDialog, WonDialog
from .filters import DealFilterBar

translate = QCoreApplication.translate
VIEW_BOARD, VIEW_LIST, VIEW_FORECAST = range(3)
UNDO_DEPTH = 50


class PipelinePage(QWidget):
    status_posted = Signal(str)
    create_requested = Signal()

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bridge = bridge
        services.deals.labels = LABELS  # timeline entries in the user's language
        self._undo: list[StageMove | int] = []  # a move, or the id of a deleted deal
        self._users: dict[int, tuple[str, str]] = {}
        self._load_users()
        self.board_model = BoardModel(services, bridge, self)
        self.board = BoardView(self.board_model, self._users, services.ctx.clock, self)
        self.list_model = DealTableModel(services, bridge, self, self._list_filter(DealFilter()))
        self.list_view = make_deal_table(self.list_model, self)
        self._forecast = None
        self.filter_bar = DealFilterBar(services, self)
        self.pipeline_combo = QComboBox(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.board)
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(QWidget(self))  # the forecast, made when first shown
        self.list_model.set_active(False)  # the board is shown first
        self._build_actions()
        self._layout()
        self._fill_pipelines()
        self._connect()

    # -- construction ----------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.new_action = QAction(translate("PipelinePage", "New deal…"), self)
        self.new_action.triggered.connect(self.new_deal)
        self.undo_action = QAction(translate("PipelinePage", "Undo move"), self)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo_last)
        self.addAction(self.undo_action)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(10, 8, 10, 0)
        top.addWidget(self.pipeline_combo)
        self.views = QButtonGroup(self)
        for index, text in enumerate(
            (
                translate("PipelinePage", "Board"),
                translate("PipelinePage", "List"),
                translate("PipelinePage", "Forecast"),
            )
        ):
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setChecked(index == VIEW_BOARD)
            self.views.addButton(button, index)
            top.addWidget(button)
        top.addStretch(1)
        self.undo_button = QToolButton(self)
        self.undo_button.setDefaultAction(self.undo_action)
        self.edit_pipeline = QToolButton(self)
        self.edit_pipeline.setText(translate("PipelinePage", "Edit pipeline…"))
        for widget in (self.undo_button, self.edit_pipeline):  # "New deal" is the window's tool bar button
            top.addWidget(widget)
        filters = QHBoxLayout()
        filters.setContentsMargins(10, 4, 10, 0)
        filters.addWidget(self.filter_bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)

    def _connect(self) -> None:
        self.views.idClicked.connect(self.show_view)
        self.pipeline_combo.activated.connect(self._on_pipeline_combo_activated)
        self.edit_pipeline.clicked.connect(self.open_editor)
        self.filter_bar.filter_changed.connect(self.set_filter)
        self.board.move_requested.connect(self.move_deal)
        self.board.won_requested.connect(self.win_deal)
        self.board.lost_requested.connect(self.lose_deal)
        self.board.open_requested.connect(self.open_deal)
        self.board.menu_requested.connect(self._on_board_menu_requested)
        self.board.create_requested.connect(lambda stage_id: self.new_deal(stage_id=stage_id))
        # Enter and double-click open a row's deal; right-click offers what a card's menu does.
        self.list_view.activated.connect(lambda index: self.open_deal(self.list_model.record_id(index.row())))
        self.list_view.customContextMenuRequested.connect(self._on_list_view_custom_context_menu_requested)
        self._bridge.changed.connect(self._on_bridge_changed)

    def _fill_pipelines(self) -> None:
        current = self.board_model.pipeline.id
        self.pipeline_combo.clear()
        for pipeline in self._services.pipelines.pipelines():
            self.pipeline_combo.addItem(LABELS.pipeline(pipeline), pipeline.id)
        self.pipeline_combo.setCurrentIndex(max(0, self.pipeline_combo.findData(current)))

    def _load_users(self) -> None:
        self._users.clear()
        self._users.update({u.id: (u.name, u.color) for u in self._services.lookups.users()})

    def _list_filter(self, flt: DealFilter) -> DealFilter:
        return flt.with_(
            pipeline_id=self.board_model.pipeline.id if hasattr(self, "board_model") else None, status=""
        )

    # -- views and filters -----------------------------------------------------------------
    def show_view(self, index: int) -> None:
        if index == VIEW_FORECAST and self._forecast is None:
            from .forecast_view import ForecastView

            self._forecast = ForecastView(self._services, self._bridge, self)
            stand_in = self.stack.widget(VIEW_FORECAST)
            self.stack.insertWidget(VIEW_FORECAST, self._forecast)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        self.views.button(index).setChecked(True)
        self.list_model.set_active(index == VIEW_LIST)
        self.stack.setCurrentIndex(index)
        self.filter_bar.setVisible(index != VIEW_FORECAST)  # the forecast has its own choices

    @property
    def forecast_view(self):
        self.show_view(VIEW_FORECAST)
        return self._forecast

    def set_filter(self, flt: DealFilter) -> None:
        self.board_model.set_filter(flt)
        self.list_model.set_filter(self._list_filter(flt))

    def _on_pipeline_combo_activated(self, index: int) -> None:
        self.board_model.set_pipeline(self.pipeline_combo.itemData(index))
        self.list_model.set_filter(self._list_filter(self.board_model.filter))

    def focus_filter(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    # -- moving deals ----------------------------------------------------------------------
    def move_deal(self, deal_id: int, version: int, stage_id: int) -> None:
        stage = self._services.pipelines.stage(stage_id)
        text = undo_texts.move_text(self._services.deals.get(deal_id).title, LABELS.stage(stage))
        move = self._moved(deal_id, text, lambda v: self._services.deals.move(deal_id, stage_id, v), version)
        if move is None:
            return
        self.status_posted.emit(
            translate("PipelinePage", "Moved to %1. Ctrl+Z undoes it.").replace("%1", LABELS.stage(stage))
        )
        self.board.select(deal_id)

    def win_deal(self, deal_id: int, version: int | None = None) -> None:
        deal = self._services.deals.get(deal_id)
        answer = WonDialog.ask(self, deal, self._services.ctx.clock.today())
        if answer is None:
            return
        move = self._moved(deal_id, undo_texts.won_text(deal.title),
                           lambda v: self._services.deals.win(deal_id, answer[0], answer[1], v),
                           version or deal.version)
        if move is not None:
            self.status_posted.emit(translate("PipelinePage", "Marked as won. Ctrl+Z undoes it."))

    def lose_deal(self, deal_id: int, version: int | None = None) -> None:
        deal = self._services.deals.get(deal_id)
        answer = LostDialog.ask(self, deal, self._reason_names(), self._edit_reasons)
        if answer is None:
            return
        move = self._moved(deal_id, undo_texts.lost_text(deal.title),
                           lambda v: self._services.deals.lose(deal_id, answer[0], answer[1], v),
                           version or deal.version)
        if move is not None:
            self.status_posted.emit(translate("PipelinePage", "Marked as lost. Ctrl+Z undoes it."))

    def _reason_names(self) -> list[str]:
        return [LABELS.reason(r) for r in self._services.pipelines.lost_reasons()]

    def _edit_reasons(self) -> list[str]:
        from .editor import PipelineEditor

        PipelineEditor.ask(self, self._services, self.board_model.pipeline.id, reasons=True)
        return self._reason_names()

    def undo_last(self) -> None:
        if not self._undo:
            return
        move = self._undo.pop()
        self.undo_action.setEnabled(bool(self._undo))
        if isinstance(move, int):
            if self._attempt(lambda: self._services.deals.restore([move])) is not None:
                self.status_posted.emit(translate("PipelinePage", "Deal restored."))
                self.board.select(move)
        elif self._attempt(lambda: self._services.deals.undo(move)) is not None:
            self.status_posted.emit(translate("PipelinePage", "Move undone."))
            self.board.select(move.deal_id)

    def _moved(self, deal_id: int, text: str, action, version: int | None) -> StageMove | None:
        """Do a move (``action(version)``) as an operation of the window's undo history; on a page
        outside a window, with the page's own undo."""
        history = history_of(self)
        if history is None:
            move = self._attempt(lambda: action(version))
            if move is not None:
                self._remember(move)
            return move
        done: list[StageMove | None] = []
        if not history.push(StageCommand(self._services, deal_id, text,
                                         lambda v: done.append(action(v)) or done[-1], version)):
            self.board_model.reload()  # e.g. changed elsewhere: show it as it is now
        return done[0] if done else None

    def _remember(self, move: StageMove | int) -> None:
        self._undo.append(move)
        del self._undo[:-UNDO_DEPTH]
        self.undo_action.setEnabled(True)

    def _attempt(self, action):
        try:
            return action()
        except ConflictError as exc:
            QMessageBox.warning(self, translate("PipelinePage", "Changed elsewhere"), error_text(exc))
            self.board_model.reload()
        except CrmError as exc:
            QMessageBox.warning(self, translate("PipelinePage", "Pipeline"), error_text(exc))
        return None

    # -- deals -----------------------------------------------------------------------------
    def new_deal(self, **initial) -> int | None:
        if "stage_id" not in initial:
            stages = self.board_model.pipeline.stages
            initial["stage_id"] = stages[0].id if stages else None
        deal_id = DealDialog.ask(self, self._services, **initial)
        if deal_id is not None:
            self.status_posted.emit(translate("PipelinePage", "Deal saved."))
            record_created(self, self._services, "deal", deal_id, self._services.deals.get(deal_id).title)
        return deal_id

    def edit_deal(self, deal_id: int) -> None:
        try:
            before = self._services.deals.get(deal_id)
            saved = DealDialog.ask(self, self._services, deal_id)
        except CrmError as exc:
            QMessageBox.warning(self, translate("PipelinePage", "Pipeline"), error_text(exc))
            return
        if saved is not None:
            self.status_posted.emit(translate("PipelinePage", "Deal saved."))
            history = history_of(self)
            after = self._services.deals.get(deal_id)
            if history is not None and after.version != before.version:
                history.record(DealEditCommand(self._services, before, after))

    def open_deal(self, deal_id: int | None):
        if deal_id is None:
            return None
        from .deal_page import DealPage

        page = DealPage.open(self, self._services, deal_id, self._bridge)
        page.edit_requested.connect(self.edit_deal)
        page.won_requested.connect(self.win_deal)
        page.lost_requested.connect(self.lose_deal)
        page.schedule_requested.connect(self.schedule_next_step)
        return page

    def _on_board_menu_requested(self, deal_id: int, where: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(translate("PipelinePage", "Open"), lambda: self.open_deal(deal_id))
        menu.addAction(translate("PipelinePage", "Edit…"), lambda: self.edit_deal(deal_id))
        menu.addAction(
            translate("PipelinePage", "Schedule next step…"), lambda: self.schedule_next_step(deal_id)
        )
        menu.addSeparator()
        menu.addAction(translate("PipelinePage", "Mark as won…"), lambda: self.win_deal(deal_id))
        menu.addAction(translate("PipelinePage", "Mark as lost…"), lambda: self.lose_deal(deal_id))
        menu.addSeparator()
        menu.addAction(translate("PipelinePage", "Delete"), lambda: self.delete_deal(deal_id))
        menu.popup(where)
        self._menu = menu  # kept while shown

    def _on_list_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        index = self.list_view.indexAt(pos)
        deal_id = self.list_model.record_id(index.row()) if index.isValid() else None
        if deal_id is not None:
            self._on_board_menu_requested(deal_id, self.list_view.viewport().mapToGlobal(pos))

    def schedule_next_step(self, deal_id: int) -> int | None:
        """A task for the deal (the reminders' task dialog), shown on its card as the next step."""
        from ..reminders.task_dialog import TaskDialog

        deal = self._services.deals.get(deal_id)
        return TaskDialog.ask(
            self,
            self._services,
            deal_id=deal_id,
            contact_id=deal.contact_id,
            company_id=deal.company_id,
            title=deal.next_step,
        )

    def delete_deal(self, deal_id: int) -> None:
        deal = self._services.deals.get(deal_id)
        answer = QMessageBox.question(
            self,
            translate("PipelinePage", "Delete deal"),
            translate("PipelinePage", "Delete “%1”? Its timeline entries stay with the customer.").replace(
                "%1", deal.title
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        history = history_of(self)
        if history is not None:
            deleted = history.push(TrashCommand(self._services, "deal", [deal_id],
                                                undo_texts.delete_text("deal", 1, deal.title)))
        else:
            deleted = self._attempt(lambda: self._services.deals.delete([deal_id])) is not None
            if deleted:
                self._remember(deal_id)
        if deleted:
            self.status_posted.emit(translate("PipelinePage", "Deal deleted. Ctrl+Z brings it back."))

    def open_editor(self) -> None:
        from .editor import PipelineEditor

        PipelineEditor.ask(self, self._services, self.board_model.pipeline.id)
        self._fill_pipelines()

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in ("user", "all"):
            self._load_users()
        if change.entity == "pipeline":
            self._fill_pipelines()
        if change.entity in ("user", "tag", "company", "all", "saved_filter"):
            self.filter_bar.reload_choices()
