"""How a deal card looks: title, customer, value, owner avatar, close date, next step, age.

The delegate draws each card once into a pixmap per look and copies it on later repaints.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...core.deals import DealCard
from .board_model import CARD_ROLE
from .common import ACCENT, ROTTING, WARNING, money, paint_avatar

translate = QCoreApplication.translate

CARD_HEIGHT = 104
COLUMN_WIDTH = 250
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
