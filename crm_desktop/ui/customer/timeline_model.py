"""The timeline as a lazy list model, and the delegate that draws its entries.

The model keeps the entry count and a few pages of entries around what is shown; a page
is read when a row of it is first asked for. Filtering and search happen in SQL.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...core.customer import Target, TimelineEntry, TimelineQuery, plain_text
from ...services import Services
from ..paging import PageCache
from . import texts

PAGE_SIZE = 100
MAX_PAGES = 12
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)


class TimelineModel(QAbstractListModel):
    """The entries of one page's timeline, newest first, pinned ones on top."""

    def __init__(self, services: Services, target: Target, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._target = target
        self._query = TimelineQuery()
        self._pages: PageCache[TimelineEntry] = PageCache(
            lambda offset, limit: self._services.timeline.page(self._target, self._query, offset, limit,
                                                               self._count), PAGE_SIZE, MAX_PAGES)
        self._summaries: dict[tuple, str] = {}
        self._count = services.timeline.count(target, self._query)
        self._locale = QLocale()

    # -- what is shown -------------------------------------------------------------------
    @property
    def query(self) -> TimelineQuery:
        return self._query

    def set_query(self, query: TimelineQuery) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._summaries.clear()
        self._count = self._services.timeline.count(self._target, self._query)
        self.endResetModel()

    def row_of_date(self, day: dt.date) -> int:
        return min(self._services.timeline.row_of_date(self._target, self._query, day), self._count - 1)

    def entry(self, row: int) -> TimelineEntry | None:
        if not 0 <= row < self._count:
            return None
        return self._pages.row(row)

    # -- Qt's model API ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        if not index.isValid():
            return None
        entry = self.entry(index.row())
        if entry is None:
            return None
        if role == ENTRY_ROLE:
            return entry
        if role == _DISPLAY:
            return self.title(entry)
        if role == SUMMARY_ROLE:
            return self.summary(entry)
        if role == _TOOLTIP:
            return plain_text(entry.body, 600) or None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- texts ---------------------------------------------------------------------------
    def title(self, entry: TimelineEntry) -> str:
        if entry.kind == "change":
            return self.tr("%1 changed").replace("%1", texts.field_text(entry.title))
        if entry.kind in ("order", "payment") and entry.amount_minor is not None:
            amount = texts.money_text(entry.amount_minor, entry.currency, self._locale)
            return f"{entry.title} · {amount}" if entry.title else amount
        return entry.title or texts.kind_text(entry.kind)

    def summary(self, entry: TimelineEntry) -> str:
        """The second line: what kind, when, who, and a preview of the text."""
        key = entry.key
        found = self._summaries.get(key)
        if found is None:
            found = self._summaries[key] = self._summary(entry)
        return found

    def _summary(self, entry: TimelineEntry) -> str:
        parts = [texts.kind_text(entry.kind), texts.datetime_text(entry.at, self._locale)]
        if entry.person and self._target.kind == "company":  # on a person's page it is always them
            parts.append(entry.person)
        if entry.owner:
            parts.append(entry.owner)
        if entry.duration_s:
            parts.append(texts.duration_text(entry.duration_s))
        if entry.kind == "change":
            old, new = (texts.change_value_text(entry.title, v) for v in (entry.body, entry.outcome))
            parts.append(f"“{old}” → “{new}”")
        elif entry.kind == "file" and entry.amount_minor is not None:
            parts.append(texts.size_text(entry.amount_minor, self._locale))
        elif entry.outcome and entry.source == "activity":
            parts.append(entry.outcome)
        elif entry.outcome and entry.kind in ("case", "order", "deal"):
            parts.append(texts.status_text(entry.outcome))
        text = plain_text(entry.body, 160) if entry.kind not in ("change", "file") else ""
        line = "  ·  ".join(p for p in parts if p)
        return f"{line}  —  {text}" if text else line


class TimelineDelegate(QStyledItemDelegate):
    """Two lines per entry beside a coloured marker; pinned entries on a tinted background."""

    ROW_HEIGHT = 52

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(option.rect.width() or 400, self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        entry: TimelineEntry | None = index.data(ENTRY_ROLE)
        if entry is None:
            return
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, option.palette.color(QPalette.ColorRole.Highlight).lighter(170))
        elif entry.pinned:
            painter.fillRect(rect, QColor("#fff8e1"))
        painter.setPen(QColor("#edf0f5"))
        painter.drawLine(rect.left() + 44, rect.bottom(), rect.right(), rect.bottom())
        self._marker(painter, rect, entry)
        text_left = rect.left() + 48
        width = rect.width() - 56
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if entry.pinned:
            title = "⚑ " + title
        metrics = QFontMetrics(bold)
        painter.drawText(QRect(text_left, rect.top() + 7, width, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(title, Qt.TextElideMode.ElideRight, width))
        painter.setFont(option.font)
        painter.setPen(QColor("#718096"))
        summary = index.data(SUMMARY_ROLE) or ""
        plain = QFontMetrics(option.font)
        painter.drawText(QRect(text_left, rect.top() + 9 + metrics.height(), width, plain.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         plain.elidedText(summary, Qt.TextElideMode.ElideRight, width))
        painter.restore()

    @staticmethod
    def _marker(painter: QPainter, rect: QRect, entry: TimelineEntry) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(texts.KIND_COLORS.get(entry.kind, "#a0aec0"))
        painter.setPen(QColor("#e2e8f0"))
        painter.drawLine(rect.left() + 22, rect.top(), rect.left() + 22, rect.bottom())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(rect.left() + 12, rect.top() + 16, 20, 20)
        painter.setPen(QColor("white"))
        letter = texts.kind_text(entry.kind)[:1].upper()
        circle = QRect(rect.left() + 12, rect.top() + 16, 20, 20)
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, letter)
