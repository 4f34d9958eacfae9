"""The kanban board: a column per stage (header with count, total and weighted value), cards
painted by a delegate, drag and drop between columns and onto the Won / Lost zones, and
Ctrl+→ / Ctrl+← to move the selected card from the keyboard."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.deals import DealCard
from .board_model import CARD_ROLE, ID_ROLE, BoardModel, StageCardModel, decode
from .common import ACCENT, LABELS, ROTTING, WARNING, money, paint_avatar

translate = QCoreApplication.translate

CARD_HEIGHT = 104
COLUMN_WIDTH = 250
LIST_STYLE = """
QListView { background: transparent; }
QScrollBar:vertical { width: 8px; background: transparent; margin: 0; }
QScrollBar::handle:vertical { background: #c5ccd8; border-radius: 4px; min-height: 24px; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: transparent; }
"""


_WHITE, _SELECTED, _BORDER, _ACCENT = QColor("white"), QColor("#eef4ff"), QColor("#d8dee9"), QColor(ACCENT)
_INK, _GREY, _PALE, _RED, _GREEN = (
    QColor("#1f2937"),
    QColor("#5f6b7a"),
    QColor("#8a94a6"),
    QColor(ROTTING),
    QColor("#2f6f3e"),
)
_BADGE, _WARN, _COLUMN = QColor("#fff4e0"), QColor(WARNING), QColor("#f1f4f9")
_LEFT, _RIGHT, _CENTER = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignCenter
_ELIDE = Qt.TextElideMode.ElideRight
LINE = 17.0
CACHE_LIMIT = 5000
PIXMAP_LIMIT = 150  # cards drawn and kept: a few screens' worth (~90 KB each at 1x)


@dataclass(frozen=True)
class _CardTexts:
    """What a card shows, elided to its width: worked out once, painted many times."""

    title: str
    who: str
    value: str
    close: str
    age: str
    age_width: int
    task: str
    badge: str
    badge_width: int


class CardDelegate(QStyledItemDelegate):
    """Paints a deal card: title, customer, value, owner avatar, close date, next step, age."""

    def __init__(self, users: dict[int, tuple[str, str]], clock, parent=None) -> None:
        super().__init__(parent)
        self.users = users  # id → (name, colour)
        self._clock = clock
        self._texts: dict[tuple, _CardTexts] = {}
        self._pixmaps: OrderedDict[tuple, QPixmap] = OrderedDict()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(COLUMN_WIDTH - 24, CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """A card is drawn once into a pixmap per look (its data, width, selection, age, owner);
        repaints (scrolling, filters, selection elsewhere) only copy it."""
        card: DealCard = index.data(CARD_ROLE)
        if card is None:
            return
        now = self._clock.now()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        late = card.next_task_due is not None and card.next_task_due < now
        overdue = card.expected_close is not None and card.expected_close < now.date()
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        size = option.rect.size()
        key = (
            card,
            size.width(),
            size.height(),
            selected,
            card.days_in_stage(now),
            card.is_rotting(now),
            late,
            overdue,
            self.users.get(card.owner_id),
            ratio,
            option.font.key(),
        )
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = QPixmap(int(size.width() * ratio), int(size.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            inner = QPainter(pixmap)
            inner.setFont(option.font)
            self._paint_card(
                inner, QRectF(0, 0, size.width(), size.height()), option.font, card, now, selected
            )
            inner.end()
            if len(self._pixmaps) >= PIXMAP_LIMIT:
                self._pixmaps.popitem(last=False)
            self._pixmaps[key] = pixmap
        else:
            self._pixmaps.move_to_end(key)
        painter.drawPixmap(option.rect.topLeft(), pixmap)

    def _paint_card(
        self, painter: QPainter, rect: QRectF, font: QFont, card: DealCard, now: dt.datetime, selected: bool
    ) -> None:
        rotting = card.is_rotting(now)
        box = rect.adjusted(4, 3, -4, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(box, 6, 6)
        painter.fillPath(path, _SELECTED if selected else _WHITE)
        painter.setPen(QPen(_ACCENT if selected else _BORDER, 1.5 if selected else 1))
        painter.drawPath(path)
        if rotting:
            painter.fillRect(QRectF(box.left(), box.top() + 4, 4, box.height() - 8), _RED)
        inner = box.adjusted(12, 6, -10, -6)
        normal = QFont(font)
        bold = QFont(font)
        bold.setBold(True)
        texts = self._card_texts(card, inner.width(), now, rotting, QFontMetrics(bold), QFontMetrics(normal))
        self._paint_texts(painter, inner, card, texts, now, rotting, bold, normal)
        painter.restore()

    def _card_texts(
        self,
        card: DealCard,
        width: float,
        now: dt.datetime,
        rotting: bool,
        bold: QFontMetrics,
        normal: QFontMetrics,
    ) -> _CardTexts:
        days = card.days_in_stage(now)
        key = (card, int(width), days, rotting)
        found = self._texts.get(key)
        if found is not None:
            return found
        if len(self._texts) > CACHE_LIMIT:
            self._texts.clear()
        locale = QLocale()
        room = int(width - 28)
        # Days in the stage; a rotting card (past the stage's threshold, nothing scheduled) says so.
        age = translate("Board", "%1 d").replace("%1", str(days))
        age = "⚠ " + age if rotting else age
        age_width = normal.horizontalAdvance(age) + 12
        rest = int(width - age_width - 4)
        badge = translate("Board", "No next step")
        badge_width = min(rest, normal.horizontalAdvance(badge) + 12)
        found = self._texts[key] = _CardTexts(
            bold.elidedText(card.title, _ELIDE, room),
            normal.elidedText(
                " · ".join(p for p in (card.company_name, card.contact_name) if p), _ELIDE, room
            ),
            money(card.value_minor, card.currency, locale),
            locale.toString(card.expected_close, QLocale.FormatType.ShortFormat)
            if card.expected_close
            else "",
            age,
            age_width,
            normal.elidedText("➜ " + card.next_task, _ELIDE, rest) if card.next_task else "",
            normal.elidedText(badge, _ELIDE, badge_width - 8),
            badge_width,
        )
        return found

    def _paint_texts(
        self,
        painter: QPainter,
        box: QRectF,
        card: DealCard,
        texts: _CardTexts,
        now: dt.datetime,
        rotting: bool,
        bold: QFont,
        normal: QFont,
    ) -> None:
        left, top, width = box.left(), box.top(), box.width()
        painter.setFont(bold)
        painter.setPen(_INK)
        painter.drawText(QRectF(left, top, width - 28, LINE), _LEFT, texts.title)
        name, color = self.users.get(card.owner_id, ("", ""))
        paint_avatar(painter, QRectF(box.right() - 22, top, 22, 22), name, color)
        painter.setFont(normal)
        painter.setPen(_GREY)
        painter.drawText(QRectF(left, top + LINE + 2, width - 28, LINE), _LEFT, texts.who)
        y = top + 2 * LINE + 6
        painter.setPen(_INK)
        painter.drawText(QRectF(left, y, width / 2, LINE), _LEFT, texts.value)
        if texts.close:
            painter.setPen(_RED if card.expected_close < now.date() else _GREY)
            painter.drawText(QRectF(left + width / 2, y, width / 2, LINE), _RIGHT, texts.close)
        y += LINE + 4
        painter.setPen(_RED if rotting else _PALE)
        painter.drawText(QRectF(box.right() - texts.age_width, y, texts.age_width, LINE), _RIGHT, texts.age)
        if texts.task:
            late = card.next_task_due is not None and card.next_task_due < now
            painter.setPen(_RED if late else _GREEN)
            painter.drawText(QRectF(left, y, width - texts.age_width - 4, LINE), _LEFT, texts.task)
            return
        rect = QRectF(left, y, texts.badge_width, LINE)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_BADGE)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(_WARN)
        painter.drawText(rect, _CENTER, texts.badge)


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
