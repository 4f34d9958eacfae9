"""Reminders in the running app: the scheduler, the tray icon, the popup and the notification centre.

Made once the main window shows its data (``start_reminders``). Where the desktop has a
system tray, due reminders become desktop notifications and the app keeps running in the
tray when its window is closed; everywhere, the in-app popup and the notification centre
(the bell in the status bar) show them too.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from ...core.errors import CrmError
from ...core.recurrence import to_local
from ...core.tasks import NotificationPlan
from ...services import Change, Services
from ...services.rules import RULE_NOTIFIED
from ..bridge import ChangeBridge
from ..tray import NEXT_ITEMS, TrayIcon
from .centre import NotificationCentre
from .popup import ReminderPopup
from .scheduler import ReminderScheduler
from .task_dialog import TaskDialog
from .texts import due_text, rule_notification_text

log = logging.getLogger(__name__)
MESSAGE_MS = 10_000
EMBED_CHECK_MS = 1500  # a tray host takes a moment to embed the icon


class ReminderController(QObject):
    def __init__(self, window: QMainWindow, services: Services, bridge: ChangeBridge, *,
                 use_tray: bool | None = None, sweep: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.scheduler = ReminderScheduler(services, bridge, self, sweep=sweep)
        self.popup = ReminderPopup(services, None)  # its own window: it shows while the main one is hidden
        self.popup.window_of = window
        self.destroyed.connect(self.popup.deleteLater)  # but it goes with the window
        self.centre = NotificationCentre(services, bridge, window)
        window.statusBar().addPermanentWidget(self.centre)
        self._message_target: tuple[str, int] | None = None  # what clicking the tray message opens
        self.tray: TrayIcon | None = None
        if use_tray if use_tray is not None else QSystemTrayIcon.isSystemTrayAvailable():
            self._make_tray()
        self.scheduler.due.connect(self._on_scheduler_due)
        self.popup.open_requested.connect(self.open_task_customer)
        self.popup.show_all_requested.connect(self.show_reminders_page)
        self.centre.task_requested.connect(self.open_task_customer)
        self.centre.deal_requested.connect(self.open_deal)
        self.centre.page_requested.connect(self.show_reminders_page)
        bridge.changed.connect(self._on_bridge_changed)
        self._tray_timer = QTimer(self, singleShot=True, interval=200)
        self._tray_timer.timeout.connect(self.update_tray)

    def _make_tray(self) -> None:
        self.tray = TrayIcon(self.window)
        self.tray.open_requested.connect(self.show_window)
        self.tray.new_task_requested.connect(self.new_task)
        self.tray.task_requested.connect(self.open_task_customer)
        self.tray.pause_toggled.connect(self._on_tray_pause_toggled)
        self.tray.quit_requested.connect(self.quit)
        self.tray.messageClicked.connect(self._on_tray_message_clicked)
        app = QApplication.instance()
        if app is not None:
            app.setQuitOnLastWindowClosed(False)  # the tray keeps the app; Quit ends it
        self.update_tray()
        self.tray.show()
        QTimer.singleShot(EMBED_CHECK_MS, self._log_tray_geometry)

    def _log_tray_geometry(self) -> None:
        if self.tray is not None:
            rect = self.tray.geometry()
            log.info("tray icon %s at %d,%d %dx%d", "embedded" if self.tray.is_embedded() else "not shown",
                     rect.x(), rect.y(), rect.width(), rect.height())

    def start(self) -> None:
        """Catch up on what was missed while the app was closed, then sleep until the next one."""
        self.scheduler.start()

    # -- notifications -------------------------------------------------------------------
    def _on_scheduler_due(self, plan: NotificationPlan) -> None:
        if plan.summary:
            count = len(plan.summary)
            title = self.tr("%1 reminders while you were away").replace("%1", str(count))
            self._notify(title, self.tr("Open the Reminders page to see them."))
            self.popup.add_summary(count)
        for reminder in plan.single:
            when = due_text(reminder.due_at, False, self.services.tasks.tz, self.services.ctx.clock.now())
            body = " · ".join(part for part in (reminder.customer, when) if part)
            self._notify(reminder.title, body, ("task", reminder.task_id))
        if plan.single:
            self.popup.add(plan.single)
        self.update_tray()

    def _notify(self, title: str, body: str, target: tuple[str, int] | None = None) -> None:
        """A desktop notification (where there is a tray; the notification centre has it anyway)."""
        if self.tray is None or not self.tray.isVisible():
            return
        self._message_target = target
        self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        log.info("notification shown: %s", title)

    def show_rule_notifications(self, ids: tuple[int, ...]) -> None:
        """What follow-up rules told (a deal entered a stage, people waiting for a task)."""
        if self.services.reminders.paused:
            return  # kept in the notification centre
        try:
            notes = self.services.reminders.recent(len(ids), ids)
        except CrmError as exc:
            log.warning("rule notifications not read: %s", exc)
            return
        for _id, kind, _task, title, body, count, _at, _read, deal_id in reversed(notes):
            headline, detail = rule_notification_text(kind, title, body, count)
            self._notify(headline, detail, ("deal", deal_id) if deal_id else None)

    def _on_tray_message_clicked(self) -> None:
        target = self._message_target
        if target is None:
            self.show_reminders_page()
        elif target[0] == "deal":
            self.open_deal(target[1])
        else:
            self.open_task_customer(target[1])

    # -- the tray ------------------------------------------------------------------------
    def update_tray(self) -> None:
        if self.tray is None:
            return
        try:
            overdue, today = self.services.tasks.due_counts()
            rows = self.services.tasks.next_due(NEXT_ITEMS)
        except CrmError as exc:
            log.warning("tray not updated: %s", exc)
            return
        self.tray.show_counts(overdue, today)
        now, tz = self.services.ctx.clock.now(), self.services.tasks.tz
        self.tray.show_next(rows, [due_text(r.due_at, r.all_day, tz, now) for r in rows])
        until = self.services.reminders.paused_until
        paused = self.services.reminders.paused
        self.tray.set_paused(paused, to_local(until, tz).strftime("%H:%M") if paused and until else "")

    def _on_tray_pause_toggled(self, paused: bool) -> None:
        if paused:
            self.services.reminders.pause(60)
        else:
            self.services.reminders.resume()

    # -- opening things ------------------------------------------------------------------
    def show_window(self) -> None:
        bring = getattr(self.window, "bring_to_front", None)
        if bring is not None:
            bring()
        else:
            self.window.show()

    def show_reminders_page(self) -> None:
        self.show_window()
        show = getattr(self.window, "show_reminders", None)
        if show is not None:
            show()

    def new_task(self) -> None:
        self.show_window()
        TaskDialog.ask(self.window, self.services)

    def open_deal(self, deal_id: int) -> None:
        self.show_window()
        if not open_record(self.window, "deal", deal_id):
            self.show_reminders_page()

    def open_task_customer(self, task_id: int) -> None:
        """Open the customer a task is about (person, company or deal), else the task itself."""
        self.show_window()
        try:
            task = self.services.tasks.get(task_id)
        except CrmError:
            self.show_reminders_page()
            return
        for kind, record_id in (("contact", task.contact_id), ("company", task.company_id),
                                ("deal", task.deal_id)):
            if record_id is not None and open_record(self.window, kind, record_id):
                return
        TaskDialog.ask(self.window, self.services, task_id)

    # -- closing -------------------------------------------------------------------------
    def hide_to_tray(self) -> bool:
        """Called when the window is closed: True if the app stays in the tray instead of quitting."""
        settings = self.services.settings
        if self.tray is None or not self.tray.isVisible() or not settings.close_to_tray:
            return False
        self.window.hide()
        if not settings.close_to_tray_told:
            self.tray.showMessage(
                self.tr("crm-desktop is still running"),
                self.tr("Reminders keep coming from the tray. To quit, choose Quit in the tray menu; "
                        "to close the app with its window, turn this off in Settings."),
                QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
            settings.close_to_tray_told = True
            try:
                self.services.save_settings()
            except OSError as exc:
                log.warning("settings not saved: %s", exc)
        return True

    def window_closed(self) -> None:
        """The window really closed (no tray, or the setting is off): end the app as before."""
        if self.tray is not None:
            self.tray.hide()
            QTimer.singleShot(0, QApplication.quit)

    def quit(self) -> None:
        if self.tray is not None:
            self.tray.hide()
        self.popup.close()
        QApplication.quit()

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in ("task", "reminders", "all", "settings"):
            self._tray_timer.start()
        if change.entity == "notification" and change.op == RULE_NOTIFIED and change.ids:
            self.show_rule_notifications(change.ids)


def open_record(window: QMainWindow, kind: str, record_id: int) -> bool:
    """Ask the window to show a contact, company or deal in the best way it offers."""
    names = {"contact": ("open_contact", "edit_contact"), "company": ("open_company", "edit_company"),
             "deal": ("open_deal", "edit_deal")}[kind]
    for name in names:
        method = getattr(window, name, None)
        if method is not None:
            method(record_id)
            return True
    return False


def start_reminders(window: QMainWindow, services: Services, *, minimized: bool = False
                    ) -> ReminderController:
    """Reminders for a window that shows an open database (``window.bridge`` exists)."""
    controller = ReminderController(window, services, window.bridge)
    window.reminder_controller = controller
    if minimized and controller.tray is not None:
        window.hide()
    elif minimized:
        window.showMinimized()
    controller.start()
    return controller
