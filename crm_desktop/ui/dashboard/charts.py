"""Bar charts painted with QPainter: grouped or stacked, vertical or ranked (horizontal).

Hand-painted rather than Qt Charts: Qt Charts comes only in PySide6-Addons (a second wheel of
175 MB, 439 MB installed, for 6.11.3; the Charts part alone adds ~4.5 MB to the bundle), and its
bars cannot be reached with the keyboard one by one. These charts are bars, labels and
tooltips, a few hundred lines. Each bar can be hovered (a tooltip with the exact value), reached with the
keyboard (arrow keys move, Enter or Space opens) and clicked; ``bar_activated`` says which.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

translate = QCoreApplication.translate

PALETTE = ("#3b6fd8", "#2fa37a", "#e0913a", "#c2455b", "#8a5cc7", "#3aa6c2", "#9aa3b5", "#d1b43a")
TEXT = QColor("#2d3748")
MUTED = QColor("#718096")
GRID = QColor("#e2e6ee")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    color: str = ""


class BarChart(QWidget):
    """``set_data(categories, series)``; ``value_text`` turns a value into the text shown."""

    bar_activated = Signal(int, int)  # category, series

    def __init__(
        self, title: str, parent: QWidget | None = None, *, stacked: bool = False, horizontal: bool = False
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.stacked, self.horizontal = stacked, horizontal
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.notes: list[str] = []  # a short text over each category (e.g. a win rate)
        self.value_text: Callable[[float], str] = lambda v: QLocale().toString(round(v))
        self.detail: Callable[[int, int], str] | None = None  # more lines for a bar's tooltip
        self.current: tuple[int, int] | None = None
        self.placeholder = ""  # shown instead of the bars while the figures are on their way
        self._bars: list[tuple[QRectF, int, int]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:
        return QSize(480, 260)

    # -- data ------------------------------------------------------------------------------
    def set_data(self, categories: list[str], series: list[Series], notes: list[str] | None = None) -> None:
        self.categories = list(categories)
        self.series = [
            s if s.color else Series(s.name, s.values, PALETTE[i % len(PALETTE)])
            for i, s in enumerate(series)
        ]
        self.notes = list(notes or [])
        self.current = None
        self.setAccessibleDescription(self.summary())
        self.update()

    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)

    def bar_text(self, category: int, series: int) -> str:
        """What a bar's tooltip and accessible text say: category, series and exact value."""
        s = self.series[series]
        text = f"{self.categories[category]}\n{s.name}: {self.value_text(s.values[category])}"
        if category < len(self.notes) and self.notes[category]:
            text += f"\n{self.notes[category]}"
        if self.detail is not None:
            text += self.detail(category, series)
        return text

    def summary(self) -> str:
        return "; ".join(
            f"{c}: " + ", ".join(f"{s.name} {self.value_text(s.values[i])}" for s in self.series)
            for i, c in enumerate(self.categories)
        )

    def bar_rect(self, category: int, series: int) -> QRectF | None:
        return next((r for r, c, s in self._bars if (c, s) == (category, series)), None)

    # -- painting --------------------------------------------------------------------------
    def _maximum(self) -> float:
        """The top of the value axis: the largest bar rounded up to 1, 2, 2.5 or 5 times a power of ten."""
        if self.stacked:
            totals = [sum(s.values[i] for s in self.series) for i in range(len(self.categories))]
        else:
            totals = [v for s in self.series for v in s.values]
        top = max([t for t in totals if t > 0] or [1.0])
        power = 10 ** math.floor(math.log10(top))
        return next(m * power for m in (1, 2, 2.5, 4, 5, 10) if m * power >= top)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        self._bars = []
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        area.setTop(area.top() + self._paint_legend(painter, area))
        if self.placeholder or not self.categories or self.is_empty():
            painter.setPen(MUTED)
            text = self.placeholder or translate("BarChart", "Nothing in this period")
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), text)
            return
        if self.horizontal:
            self._paint_horizontal(painter, area)
        else:
            self._paint_vertical(painter, area)
        if self.hasFocus() and self.current is not None:
            rect = self.bar_rect(*self.current)
            if rect is not None:
                painter.setPen(QPen(QColor("#1a3f8f"), 2, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(-2, -2, 2, 2))

    def _paint_legend(self, painter: QPainter, area: QRectF) -> float:
        if len(self.series) < 2:
            return 0.0
        metrics = QFontMetrics(self.font())
        x, y, height = area.left(), area.top(), metrics.height()
        for s in self.series:
            width = metrics.horizontalAdvance(s.name) + 26
            if x + width > area.right() and x > area.left():
                x, y = area.left(), y + height + 4
            painter.fillRect(QRectF(x, y + height / 2 - 5, 10, 10), QColor(s.color))
            painter.setPen(TEXT)
            painter.drawText(QPointF(x + 14, y + metrics.ascent()), s.name)
            x += width
        return y - area.top() + height + 8

    def _paint_vertical(self, painter: QPainter, area: QRectF) -> None:
        metrics = QFontMetrics(self.font())
        top = max(metrics.horizontalAdvance(self.value_text(self._maximum())) + 8, 40)
        plot = QRectF(
            area.left() + top,
            area.top() + metrics.height() + 2,
            area.width() - top,
            area.height() - 2 * metrics.height() - 10,
        )
        self._paint_grid(painter, plot, metrics)
        n, k = len(self.categories), 1 if self.stacked else len(self.series)
        slot = plot.width() / n
        bar = min(slot * 0.7 / k, 48.0)
        scale = plot.height() / self._maximum()
        for i, label in enumerate(self.categories):
            x = plot.left() + i * slot + (slot - bar * k) / 2
            base = plot.bottom()
            for j, s in enumerate(self.series):
                height = max(s.values[i], 0) * scale
                rect = QRectF(x + (0 if self.stacked else j * bar), base - height, bar - 1, height)
                if self.stacked:
                    base -= height
                self._bar(painter, rect, i, j, s.color)
            painter.setPen(TEXT)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(slot) - 2)
            painter.drawText(
                QRectF(plot.left() + i * slot, plot.bottom() + 4, slot, metrics.height()),
                int(Qt.AlignmentFlag.AlignHCenter),
                text,
            )
            if i < len(self.notes) and self.notes[i]:
                painter.setPen(MUTED)
                painter.drawText(
                    QRectF(plot.left() + i * slot, plot.top() - metrics.height() - 2, slot, metrics.height()),
                    int(Qt.AlignmentFlag.AlignHCenter),
                    self.notes[i],
                )

    def _paint_grid(self, painter: QPainter, plot: QRectF, metrics: QFontMetrics) -> None:
        maximum = self._maximum()
        for step in range(5):
            y = plot.bottom() - plot.height() * step / 4
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(plot.left() - 200 - 6, y - metrics.height() / 2, 200, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight),
                self.value_text(maximum * step / 4),
            )

    def _paint_horizontal(self, painter: QPainter, area: QRectF) -> None:
        metrics = QFontMetrics(self.font())
        label_width = min(max(metrics.horizontalAdvance(c) for c in self.categories) + 8, area.width() * 0.4)
        value_width = metrics.horizontalAdvance(self.value_text(self._maximum())) + 8
        plot = QRectF(
            area.left() + label_width, area.top(), area.width() - label_width - value_width, area.height()
        )
        n = len(self.categories)
        slot = min(plot.height() / n, 30.0)
        scale = plot.width() / self._maximum()
        for i, label in enumerate(self.categories):
            y = plot.top() + i * slot
            left, total = plot.left(), 0.0
            for j, s in enumerate(self.series):
                width = max(s.values[i], 0) * scale
                self._bar(painter, QRectF(left, y + slot * 0.15, width, slot * 0.7), i, j, s.color)
                left += width
                total += s.values[i]
            painter.setPen(TEXT)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width) - 8)
            painter.drawText(
                QRectF(area.left(), y, label_width - 8, slot),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(left + 4, y, value_width, slot),
                int(Qt.AlignmentFlag.AlignVCenter),
                self.value_text(total),
            )

    def _bar(self, painter: QPainter, rect: QRectF, category: int, series: int, color: str) -> None:
        fill = QColor(color)
        if self.current == (category, series) and self.hasFocus():
            fill = fill.darker(120)
        painter.fillRect(rect, fill)
        self._bars.append((rect, category, series))

    # -- mouse and keyboard ----------------------------------------------------------------
    def _bar_at(self, pos: QPointF) -> tuple[int, int] | None:
        for rect, c, s in self._bars:
            hit = rect.adjusted(-1, -3, 1, 3) if rect.height() < 4 or rect.width() < 4 else rect
            if hit.contains(pos) and self.series[s].values[c]:
                return c, s
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self._bar_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        if hit is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.bar_text(*hit), self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self._bar_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.current = hit
            self.update()
            self.bar_activated.emit(*hit)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        moves = {
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Up: (0, 1),
            Qt.Key.Key_Down: (0, -1),
        }
        if self.horizontal:
            moves = {
                Qt.Key.Key_Down: (1, 0),
                Qt.Key.Key_Up: (-1, 0),
                Qt.Key.Key_Right: (0, 1),
                Qt.Key.Key_Left: (0, -1),
            }
        if key in moves and self.categories and self.series:
            self._move(*moves[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current is not None:
            self.bar_activated.emit(*self.current)
        else:
            super().keyPressEvent(event)

    def _move(self, dc: int, ds: int) -> None:
        c, s = self.current if self.current is not None else (0, 0)
        if self.current is not None:
            c = min(max(c + dc, 0), len(self.categories) - 1)
            s = min(max(s + ds, 0), len(self.series) - 1)
        self.current = (c, s)
        self.update()
        text = self.bar_text(c, s)
        self.setAccessibleDescription(text)
        rect = self.bar_rect(c, s)
        where = rect.center().toPoint() if rect is not None else self.rect().center()
        QToolTip.showText(self.mapToGlobal(where), text, self)
