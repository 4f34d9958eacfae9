"""A layout that puts its widgets side by side and starts a new row when the next one does not
fit: a row of filters that wraps on a narrow window instead of widening it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items at their preferred width, left to right, wrapped into as many rows as the width needs.

    The items of a row share its height (each centred in it); the room left at the end of a row
    goes to the row's items whose horizontal size policy expands (e.g. a search box), up to their
    maximum width. The minimum width is that of the widest item, so the layout never forces its
    window wider; it is taller instead (``heightForWidth``).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)

    # -- the QLayout interface -------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Every item in one row."""
        items = self._visible()
        margins = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in items) + self.spacing() * max(0, len(items) - 1)
        height = max((i.sizeHint().height() for i in items), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """The widest item alone (the height of one row: ``heightForWidth`` says how many)."""
        margins = self.contentsMargins()
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- placing the items -----------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _rows(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        """The items of each row with their widths, ``width`` being the room inside the margins."""
        rows: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in self._visible():
            wanted = min(max(item.sizeHint().width(), item.minimumSize().width()), max(width, 0))
            gap = self.spacing() if rows[-1] else 0
            if rows[-1] and used + gap + wanted > width:
                rows.append([])
                used, gap = 0, 0
            rows[-1].append((item, wanted))
            used += gap + wanted
        return [row for row in rows if row]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items inside ``rect`` (when ``move``); the height they take, margins included."""
        margins = self.contentsMargins()
        inner = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = inner.y()
        for number, row in enumerate(self._rows(inner.width())):
            if number:
                y += self.spacing()
            height = max(item.sizeHint().height() for item, _ in row)
            widths = self._stretched(row, inner.width())
            x = inner.x()
            for (item, _), width in zip(row, widths, strict=True):
                if move:
                    own = min(max(item.sizeHint().height(), item.minimumSize().height()), height)
                    item.setGeometry(QRect(QPoint(x, y + (height - own) // 2), QSize(width, own)))
                x += width + self.spacing()
            y += height
        return y - rect.y() + margins.bottom()

    def _stretched(self, row: list[tuple[QLayoutItem, int]], width: int) -> list[int]:
        """The row's widths with the room left at its end given to its expanding items."""
        widths = [w for _, w in row]
        room = width - sum(widths) - self.spacing() * (len(row) - 1)
        expanding = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
        for n, (item, _) in enumerate(row):
            widget = item.widget()
            if room <= 0 or widget is None or widget.sizePolicy().horizontalPolicy() not in expanding:
                continue
            extra = min(room, item.maximumSize().width() - widths[n])
            if extra > 0:
                widths[n] += extra
                room -= extra
        return widths
