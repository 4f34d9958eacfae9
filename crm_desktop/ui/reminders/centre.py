"""The notification centre: the bell in the window with the unread count, and the recent notifications.

Where the desktop has no system tray this is where reminders are kept; with a tray it is
the history of what the tray showed.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QToolButton, QVBoxLayout, QWidget

from ...core.recurrence import to_local
from ...core.resources import resource_path
from ...services import Change, Services
from ...services.rules import STAGE_NOTICE, WAITING
from ..bridge import ChangeBridge
from .texts import rule_notification_text

RECENT = 50
TASK_ROLE = Qt.ItemDataRole.UserRole + 1
DEAL_ROLE = Qt.ItemDataRole.UserRole + 2
RULE_KINDS = (STAGE_NOTICE, WAITING)


class NotificationCentre(QToolButton):
    """``task_requested(task_id)``: open a task's customer; ``deal_requested(deal_id)``: open a deal
    (a stage rule's notification); ``page_requested``: the Reminders page."""

    task_requested = Signal(int)
    deal_requested = Signal(int)
    page_requested = Signal()

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setIcon(QIcon(str(resource_path("icons", "bell.svg"))))
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.panel = QFrame(self, Qt.WindowType.Popup)
        self.panel.setObjectName("notificationPanel")
        self.panel.setStyleSheet("QFrame#notificationPanel { background: white; border: 1px solid #cbd5e0; }")
        self.list = QListWidget(self.panel)
        self.list.setMinimumSize(380, 300)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.itemClicked.connect(self._on_list_item_activated)
        self.empty = QLabel(self.tr("No notifications yet."), self.panel)
        layout = QVBoxLayout(self.panel)
        layout.addWidget(QLabel(f"<b>{self.tr('Notifications')}</b>", self.panel))
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        self.clicked.connect(self.open_panel)
        bridge.changed.connect(self._on_bridge_changed)
        self.update_count()

    def update_count(self) -> None:
        unread = self.services.reminders.unread()
        self.setText(str(unread) if unread else "")
        self.setToolTip(self.tr("Notifications") if not unread
                        else self.tr("Notifications: %1 new").replace("%1", str(unread)))
        self.setStyleSheet("QToolButton { color: #c53030; font-weight: 600; }" if unread else "")

    def fill(self) -> None:
        self.list.clear()
        locale = QLocale()
        tz = self.services.tasks.tz
        for note in self.services.reminders.recent(RECENT):
            _id, kind, task_id, title, body, count, shown_at, read_at, deal_id = note
            when = locale.toString(to_local(shown_at, tz), QLocale.FormatType.ShortFormat)
            if kind == "summary":
                text = self.tr("%1 reminders while you were away").replace("%1", str(count))
            elif kind in RULE_KINDS:
                text = rule_notification_text(kind, title, body, count)[0]
            else:
                text = f"{title} · {body}" if body else title
            item = QListWidgetItem(f"{text}\n{when}", self.list)
            item.setData(TASK_ROLE, task_id)
            item.setData(DEAL_ROLE, deal_id)
            if read_at is None:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        self.empty.setVisible(self.list.count() == 0)

    def open_panel(self) -> None:
        self.fill()
        self.panel.adjustSize()
        self.panel.move(self.mapToGlobal(self.rect().bottomRight()) - self.panel.rect().topRight())
        self.panel.show()
        self.services.reminders.mark_read()

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        task_id, deal_id = item.data(TASK_ROLE), item.data(DEAL_ROLE)
        self.panel.hide()
        if task_id:
            self.task_requested.emit(task_id)
        elif deal_id:
            self.deal_requested.emit(deal_id)
        else:
            self.page_requested.emit()

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in ("notification", "all"):
            self.update_count()
