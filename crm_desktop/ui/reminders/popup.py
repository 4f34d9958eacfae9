"""The in-app reminder: a small window in the corner with Done / Snooze / Open.

Several reminders at once queue up and are shown one after the other ("1 of 3"); a summary
of reminders missed while away offers to show them all on the Reminders page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from ...core.tasks import DueReminder
from ...services import Services
from .actions import complete, snooze_menu
from .texts import due_text

MARGIN = 16


class ReminderPopup(QFrame):
    """``open_requested(task_id)``: open the task's customer; ``show_all_requested``: the page."""

    open_requested = Signal(int)
    show_all_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.FramelessWindowHint)
        self.services = services
        self.window_of: QWidget | None = None  # the main window: its Edit ▸ Undo takes back Done and Snooze
        self.queue: list[DueReminder] = []
        self.summary_count = 0
        self.setObjectName("reminderPopup")
        self.setWindowTitle(self.tr("Reminder"))
        self.setStyleSheet("QFrame#reminderPopup { background: white; border: 1px solid #cbd5e0;"
                           " border-radius: 8px; } QLabel#popupTitle { font-weight: 600; font-size: 14px; }"
                           " QLabel#popupHint { color: #718096; }")
        self.heading = QLabel(self)
        self.heading.setObjectName("popupHint")
        self.title = QLabel(self)
        self.title.setObjectName("popupTitle")
        self.title.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setObjectName("popupHint")
        self.done_button = QPushButton(self.tr("Done"), self)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText(self.tr("Snooze"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setMenu(snooze_menu(self, services, self.current_id, lambda _u: self.next()))
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.next)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.close_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.snooze_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.setFixedWidth(340)

    @property
    def undo_history(self):
        """The main window's undo history (found by ``history_of``), though the popup has no parent."""
        return getattr(self.window_of, "undo_history", None)

    # -- what is shown ---------------------------------------------------------------------

    def add(self, reminders: tuple[DueReminder, ...] | list[DueReminder]) -> None:
        self.queue.extend(reminders)
        self._show_current()

    def add_summary(self, count: int) -> None:
        self.summary_count = count
        self._show_current()

    def current_id(self) -> int | None:
        return self.queue[0].task_id if self.queue and not self.summary_count else None

    def _show_current(self) -> None:
        if self.summary_count:
            self.heading.setText(self.tr("While you were away"))
            self.title.setText(self.tr("%1 reminders are waiting").replace("%1", str(self.summary_count)))
            self.detail.setText(self.tr("See them on the Reminders page."))
            self.open_button.setText(self.tr("Show all"))
            self.done_button.hide()
            self.snooze_button.hide()
        elif self.queue:
            reminder = self.queue[0]
            more = len(self.queue)
            self.heading.setText(self.tr("Reminder") if more == 1
                                 else self.tr("Reminder (1 of %1)").replace("%1", str(more)))
            self.title.setText(reminder.title)
            when = due_text(reminder.due_at, False, self.services.tasks.tz, self.services.ctx.clock.now())
            self.detail.setText(" · ".join(part for part in (reminder.customer, when) if part))
            self.open_button.setText(self.tr("Open"))
            self.done_button.show()
            self.snooze_button.show()
        else:
            self.hide()
            return
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.move(area.right() - self.width() - MARGIN, area.bottom() - self.height() - MARGIN)

    def next(self) -> None:
        """Dismiss what is shown; the next reminder (if any) takes its place."""
        if self.summary_count:
            self.summary_count = 0
        elif self.queue:
            self.queue.pop(0)
        self._show_current()

    # -- slots -----------------------------------------------------------------------------
    def _on_done_button_clicked(self) -> None:
        task_id = self.current_id()
        if task_id is not None and complete(self, self.services, task_id, log=False) is not None:
            self.next()

    def _on_open_button_clicked(self) -> None:
        if self.summary_count:
            self.show_all_requested.emit()
        elif self.queue:
            self.open_requested.emit(self.queue[0].task_id)
        self.next()
