"""The system-tray icon: how many tasks are due, the next ones, and the app's few global actions.

Its menu: the next due tasks (each opens its customer), Open crm-desktop, New task…, Pause
notifications for 1 hour, Quit. The icon carries a badge with the number of tasks overdue or
due today; the tooltip says the same in words. Desktop notifications go through
``showMessage``; clicking one opens the customer of the task it was about.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from ..core.resources import resource_path
from ..core.tasks import TaskRow

ICON_SIZE = 64
NEXT_ITEMS = 5


def badge_icon(base: QIcon, count: int) -> QIcon:
    """``base`` with a red badge showing ``count`` (99+ past 99); ``base`` itself for 0."""
    if count <= 0:
        return base
    pixmap = base.pixmap(ICON_SIZE, ICON_SIZE)
    if pixmap.isNull():
        pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
        pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    size = ICON_SIZE * 5 // 8
    rect = QRect(ICON_SIZE - size, 0, size, size)
    painter.setBrush(QColor("#e53e3e"))
    painter.setPen(QColor("white"))
    painter.drawEllipse(rect)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(size * (11 if count < 10 else 8) // 20)
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")
    painter.end()
    return QIcon(pixmap)


class TrayIcon(QSystemTrayIcon):
    """Signals say what the user asked for; the reminders controller does it."""

    open_requested = Signal()
    new_task_requested = Signal()
    task_requested = Signal(int)  # a task in the menu was chosen: open its customer
    pause_toggled = Signal(bool)
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = QIcon(str(resource_path("icons", "tray.svg")))
        self.count = -1
        self.menu = QMenu(parent)
        self._task_actions: list[QAction] = []
        self._next_title = self.menu.addAction(self.tr("Next up"))
        self._next_title.setEnabled(False)
        self._after_tasks = self.menu.addSeparator()
        self.open_action = self.menu.addAction(self.tr("Open crm-desktop"), self.open_requested.emit)
        self.new_task_action = self.menu.addAction(self.tr("New task…"), self.new_task_requested.emit)
        self.pause_action = self.menu.addAction(self.tr("Pause notifications for 1 hour"))
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self.pause_toggled.emit)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(self.tr("Quit"), self.quit_requested.emit)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        self.show_counts(0, 0)

    def show_counts(self, overdue: int, today: int) -> None:
        count = overdue + today
        if count != self.count:
            self.count = count
            self.setIcon(badge_icon(self._base, count))
        if count == 0:
            text = self.tr("Nothing due today")
        else:
            parts = []
            if overdue:
                parts.append(self.tr("1 overdue") if overdue == 1
                             else self.tr("%1 overdue").replace("%1", str(overdue)))
            if today:
                parts.append(self.tr("1 due today") if today == 1
                             else self.tr("%1 due today").replace("%1", str(today)))
            text = ", ".join(parts)
        self.setToolTip(f"crm-desktop — {text}")

    def show_next(self, rows: list[TaskRow], labels: list[str]) -> None:
        """The next due tasks at the top of the menu (``labels`` say when each is due)."""
        for action in self._task_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self._task_actions = []
        for row, when in zip(rows[:NEXT_ITEMS], labels, strict=False):
            who = f" · {row.customer}" if row.customer else ""
            action = QAction(f"{when}  {row.title}{who}", self.menu)
            action.triggered.connect(lambda _=False, task_id=row.id: self.task_requested.emit(task_id))
            self.menu.insertAction(self._after_tasks, action)
            self._task_actions.append(action)
        self._next_title.setText(self.tr("Next up") if rows else self.tr("No upcoming tasks"))

    def set_paused(self, paused: bool, until_text: str = "") -> None:
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(paused)
        self.pause_action.blockSignals(False)
        self.pause_action.setText(self.tr("Notifications paused until %1").replace("%1", until_text) if paused
                                  else self.tr("Pause notifications for 1 hour"))

    def is_embedded(self) -> bool:
        """Whether a tray host shows the icon (it then has a place on the screen)."""
        return self.isVisible() and self.geometry().width() > 0

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()
