"""What the page, the popup and the tray share: snooze choices, the custom time, completing with a log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CrmError
from ...core.recurrence import to_utc
from ...services import Services
from ..messages import error_text

translate = QCoreApplication.translate
SNOOZE_MINUTES = (10, 60)


def snooze_menu(parent: QWidget, services: Services, task_id: Callable[[], int | None],
                done: Callable[[dt.datetime], None] | None = None) -> QMenu:
    """Snooze for 10 minutes, 1 hour, until tomorrow morning, or until a time the user picks."""
    menu = QMenu(translate("Reminders", "Snooze"), parent)

    def run(choose: Callable[[int], dt.datetime | None]) -> None:
        chosen = task_id()
        if chosen is None:
            return
        try:
            until = _undoable(parent, services, chosen, "snooze", lambda: choose(chosen))
        except CrmError as exc:
            QMessageBox.warning(parent, translate("Reminders", "Snooze"), error_text(exc))
            return
        if until is not None and done is not None:
            done(until)

    menu.addAction(translate("Reminders", "10 minutes"),
                   lambda: run(lambda t: services.tasks.snooze_for(t, 10)))
    menu.addAction(translate("Reminders", "1 hour"),
                   lambda: run(lambda t: services.tasks.snooze_for(t, 60)))
    menu.addAction(translate("Reminders", "Tomorrow morning"),
                   lambda: run(services.tasks.snooze_until_tomorrow))
    menu.addAction(translate("Reminders", "Pick a time…"),
                   lambda: run(lambda t: _snooze_custom(parent, services, t)))
    return menu


def _snooze_custom(parent: QWidget, services: Services, task_id: int) -> dt.datetime | None:
    until = SnoozeDialog.ask(parent)
    if until is None:
        return None
    utc = to_utc(until, services.tasks.tz)
    services.tasks.snooze(task_id, utc)
    return utc


class SnoozeDialog(QDialog):
    """Pick when to be reminded again (wall-clock time)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Snooze until"))
        self.edit = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3 * 3600), self)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDateTime(QDateTime.currentDateTime())
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Remind me again at:"), self))
        layout.addWidget(self.edit)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None) -> dt.datetime | None:
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.edit.dateTime().toPython().replace(second=0, microsecond=0)
        finally:
            dialog.deleteLater()


def complete(parent: QWidget, services: Services, task_id: int, *,
             log: bool) -> tuple[int | None, int | None] | None:
    """Mark done (and log the call, e-mail or meeting it was): (next task id, activity id), or
    None if it failed (and the user was told why)."""
    try:
        return _undoable(parent, services, task_id, "done", lambda: services.tasks.complete(task_id, log=log))
    except CrmError as exc:
        QMessageBox.warning(parent, translate("Reminders", "Reminders"), error_text(exc))
        return None


def _undoable(parent: QWidget, services: Services, task_id: int, what: str, action: Callable[[], object]):
    """``action()`` through the window's undo history when ``parent`` is in the window (Edit ▸ Undo
    gives the task its state back; a failure is told there and None returned), else directly."""
    from ..undo import history_of
    from ..undo import texts as undo_texts
    from ..undo.records import TaskStateCommand

    history = history_of(parent)
    if history is None:
        return action()
    title = services.tasks.get(task_id).title
    text = undo_texts.done_text(title) if what == "done" else undo_texts.snooze_text(title)
    command = TaskStateCommand(services, task_id, text, action)
    return command.result if history.push(command) else None
