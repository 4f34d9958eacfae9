"""The kanban board: a column per stage (header with count, total and weighted value), cards
painted by a delegate, drag and drop between columns and onto the Won / Lost zones, and
Ctrl+→ / Ctrl+← to move the selected card from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .board_model import ID_ROLE, BoardModel, StageCardModel, decode
from .cards import COLUMN_WIDTH, CardDelegate
from .common import LABELS, money

translate = QCoreApplication.translate

_COLUMN = QColor("#f1f4f9")
LIST_STYLE = """
QListView { background: transparent; }
QScrollBar:vertical { width: 8px; background: transparent; margin: 0; }
QScrollBar::handle:vertical { background: #c5ccd8; border-radius: 4px; min-height: 24px; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: transparent; }
"""


class CardListView(QListView):
    """One column's cards; drags carry the deal, Ctrl+→ / Ctrl+← ask to move the current card."""

    step_requested = Signal(int, int)  # deal id, +1 (right) or -1 (left)
    open_requested = Signal(int)
    menu_requested = Signal(int, QPoint)  # deal id, where (global)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_custom_context_menu_requested)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(LIST_STYLE)
        self.doubleClicked.connect(self._on_double_clicked)

    def current_deal(self) -> int | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        deal_id = self.current_deal()
        if (
            deal_id is not None
            and mods & Qt.KeyboardModifier.ControlModifier
            and key in (Qt.Key.Key_Right, Qt.Key.Key_Left)
        ):
            self.step_requested.emit(deal_id, 1 if key == Qt.Key.Key_Right else -1)
            event.accept()
            return
        if deal_id is not None and (
            key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and mods & Qt.KeyboardModifier.ShiftModifier)
        ):
            rect = self.visualRect(self.currentIndex())
            self.menu_requested.emit(deal_id, self.viewport().mapToGlobal(rect.center()))
            event.accept()
            return
        if deal_id is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(deal_id)
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_custom_context_menu_requested(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        if index.isValid():
            self.setCurrentIndex(index)
            self.menu_requested.emit(index.data(ID_ROLE), self.viewport().mapToGlobal(pos))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(ID_ROLE))


class StageColumn(QFrame):
    """A stage's header (name, count, total, weighted, a button for a new deal here) above its cards."""

    create_requested = Signal(int)  # stage id

    def __init__(self, title: str, model: StageCardModel, delegate: CardDelegate, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("stageColumn")
        self.setMinimumWidth(COLUMN_WIDTH)
        self.setMaximumWidth(2 * COLUMN_WIDTH)
        self.model = model
        self.title = QLabel(title, self)
        self.title.setStyleSheet("font-weight: 600; font-size: 13px; color: #1f2937;")
        self.totals = QLabel(self)
        self.totals.setStyleSheet("color: #5f6b7a;")
        # Two lines (count and total, then weighted) in every column, so the cards line up.
        self.totals.setMinimumHeight(2 * self.totals.fontMetrics().lineSpacing())
        self.totals.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.view = CardListView(self)
        self.view.setModel(model)
        self.view.setItemDelegate(delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 4)
        layout.setSpacing(2)
        self.add_button = QToolButton(self)
        self.add_button.setText("+")
        self.add_button.setToolTip(translate("Board", "New deal in this stage"))
        self.add_button.setAutoRaise(True)
        self.add_button.clicked.connect(lambda: self.create_requested.emit(model.stage_id))
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.add_button)
        layout.addLayout(heading)
        layout.addWidget(self.totals)
        layout.addWidget(self.view, 1)
        model.totals_changed.connect(self.show_totals)
        self.show_totals()

    def paintEvent(self, event) -> None:
        # A rounded background painted here: a style sheet would route every paint of the
        # column through QStyleSheetStyle, which costs more than the cards.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_COLUMN)
        painter.drawRoundedRect(QRectF(self.rect()), 8, 8)

    def show_totals(self) -> None:
        totals, locale = self.model.totals, QLocale()
        currency = self.model.cards()[0].currency if totals.count else ""
        count = (
            translate("Board", "1 deal")
            if totals.count == 1
            else translate("Board", "%1 deals").replace("%1", locale.toString(totals.count))
        )
        if not totals.count:
            self.totals.setText(count)
            return
        mixed = any(c.currency != currency for c in self.model.cards())
        text = (
            translate("Board", "%1 · %2\nweighted %3")
            .replace("%1", count)
            .replace("%2", money(totals.value_minor, currency, locale, short=True) + ("*" if mixed else ""))
            .replace("%3", money(totals.weighted_minor, currency, locale, short=True))
        )
        self.totals.setText(text)
        self.totals.setToolTip(
            translate("Board", "Weighted: each deal's value × its probability")
            + ("\n" + translate("Board", "* several currencies") if mixed else "")
        )


class OutcomeZone(QLabel):
    """A drop zone at the bottom of the board: Won or Lost."""

    dropped = Signal(int, int)  # deal id, version

    def __init__(self, text: str, color: str, parent=None) -> None:
        super().__init__(text, parent)
        self._color = color
        self.setAcceptDrops(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(38)
        self._style(False)

    def _style(self, hover: bool) -> None:
        color = QColor(self._color)
        background = f"rgba({color.red()}, {color.green()}, {color.blue()}, {0.2 if hover else 0.06})"
        self.setStyleSheet(
            f"QLabel {{ border: 2px dashed {self._color}; border-radius: 8px; color: "
            f"{self._color}; font-weight: 600; font-size: 14px; background: {background}; }}"
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if decode(event.mimeData()) is not None:
            self._style(True)
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self._style(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._style(False)
        found = decode(event.mimeData())
        if found is None:
            return
        event.acceptProposedAction()
        self.dropped.emit(found[0], found[1])


class BoardView(QWidget):
    """Columns side by side (scrolling sideways when many), Won / Lost zones below."""

    move_requested = Signal(int, int, int)  # deal id, version, stage id
    won_requested = Signal(int, int)
    lost_requested = Signal(int, int)
    open_requested = Signal(int)
    menu_requested = Signal(int, QPoint)
    create_requested = Signal(int)  # stage id

    def __init__(self, board: BoardModel, users: dict[int, tuple[str, str]], clock, parent=None) -> None:
        super().__init__(parent)
        self.board = board
        self.delegate = CardDelegate(users, clock, self)
        self.columns: dict[int, StageColumn] = {}
        self._strip = QWidget(self)
        self._strip_layout = QHBoxLayout(self._strip)
        self._strip_layout.setContentsMargins(0, 0, 0, 0)
        self._strip_layout.setSpacing(10)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._strip)
        self.won_zone = OutcomeZone(translate("Board", "Won"), "#1e8e3e", self)
        self.lost_zone = OutcomeZone(translate("Board", "Lost"), "#d93025", self)
        self.won_zone.dropped.connect(self.won_requested)
        self.lost_zone.dropped.connect(self.lost_requested)
        zones = QHBoxLayout()
        zones.addWidget(self.won_zone)
        zones.addWidget(self.lost_zone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(scroll, 1)
        layout.addLayout(zones)
        board.columns_changed.connect(self.rebuild)
        board.cards_loaded.connect(self._on_board_cards_loaded)
        self.rebuild()

    def rebuild(self) -> None:
        for column in self.columns.values():
            column.setParent(None)
            column.deleteLater()
        while self._strip_layout.count():
            self._strip_layout.takeAt(0)
        self.columns = {}
        for stage in self.board.pipeline.stages:
            column = StageColumn(
                LABELS.stage(stage), self.board.columns[stage.id], self.delegate, self._strip
            )
            column.model.drop_requested.connect(self.move_requested)
            column.view.step_requested.connect(self._on_view_step_requested)
            column.view.open_requested.connect(self.open_requested)
            column.view.menu_requested.connect(self.menu_requested)
            column.create_requested.connect(self.create_requested)
            self.columns[stage.id] = column
            self._strip_layout.addWidget(column, 1)

    def _on_board_cards_loaded(self) -> None:
        for column in self.columns.values():
            column.view.viewport().update()

    def _on_view_step_requested(self, deal_id: int, step: int) -> None:
        card = self.board.card(deal_id)
        if card is None:
            return
        target = self.board.pipeline.neighbour(card.stage_id, step)
        if target is not None:
            self.move_requested.emit(deal_id, card.version, target.id)

    def select(self, deal_id: int) -> bool:
        """Make a card current in its column and give that column the focus."""
        stage_id = self.board.stage_of(deal_id)
        if stage_id is None:
            return False
        for other in self.columns.values():
            if other.view.selectionModel() is not None:
                other.view.selectionModel().clear()  # one selected card on the board
        column = self.columns[stage_id]
        index = column.model.index(column.model.row_of(deal_id))
        column.view.setCurrentIndex(index)
        column.view.scrollTo(index)
        column.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def current_deal(self) -> int | None:
        for column in self.columns.values():
            if column.view.hasFocus():
                return column.view.current_deal()
        return None
