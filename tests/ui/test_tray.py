"""The tray icon, the reminders controller and the Reminders settings, offscreen (no tray host).

The real tray, embedded by a tray host under Xvfb, is tested end to end in tests/e2e/test_tray_e2e.py.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QIcon

from crm_desktop.core.clock import FixedClock
from crm_desktop.core.records import ContactDraft
from crm_desktop.core.tasks import TaskDraft, TaskRow
from crm_desktop.services import Services
from crm_desktop.ui.main_window import PAGE_REMINDERS, MainWindow
from crm_desktop.ui.reminders import controller as controller_module
from crm_desktop.ui.reminders.controller import ReminderController
from crm_desktop.ui.reminders.page import RemindersPage
from crm_desktop.ui.reminders.settings_section import ReminderSettings
from crm_desktop.ui.tray import TrayIcon, badge_icon

NOW = dt.datetime(2024, 5, 6, 9, 0)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def crm(data_dir):
    opened = Services.open(data_dir, fallback_region="US", clock=FixedClock(NOW))
    opened.tasks.tz = ZoneInfo("UTC")
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot, crm):
    made = MainWindow(crm)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.reminder_controller = None
    made.close()


def test_badge_and_tooltip_say_how_many_are_due(qapp):
    tray = TrayIcon()
    tray.show_counts(2, 3)
    assert tray.toolTip() == "crm-desktop — 2 overdue, 3 due today"
    assert tray.count == 5
    tray.show_counts(0, 1)
    assert tray.toolTip() == "crm-desktop — 1 due today"
    tray.show_counts(0, 0)
    assert tray.toolTip() == "crm-desktop — Nothing due today"
    base = QIcon()
    assert not badge_icon(base, 7).pixmap(32, 32).isNull()  # a badge even without a base icon


def test_menu_lists_the_next_tasks_then_the_actions(qapp, qtbot):
    tray = TrayIcon()
    rows = [TaskRow(4, "Call Ann", "call", NOW, False, 0, None, "", "Ann", False)]
    tray.show_next(rows, ["Today 09:00"])
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == ["Next up", "Today 09:00  Call Ann · Ann", "Open crm-desktop", "New task…",
                     "Pause notifications for 1 hour", "Quit"]
    with qtbot.waitSignal(tray.task_requested) as chosen:
        tray.menu.actions()[1].trigger()
    assert chosen.args == [4]
    with qtbot.waitSignal(tray.pause_toggled) as paused:
        tray.pause_action.trigger()
    assert paused.args == [True]


def test_the_reminders_page_is_in_the_sidebar(window):
    window.show_page(PAGE_REMINDERS)
    assert isinstance(window.stack.currentWidget(), RemindersPage)
    assert window.new_button.text() == "+ New task"


def test_due_reminders_reach_the_popup_and_the_notification_centre(window, crm, qtbot):
    ann = crm.contacts.create(ContactDraft(given_name="Ann"))
    crm.tasks.create(TaskDraft("Call Ann", "call", NOW, contact_id=ann))
    controller = ReminderController(window, crm, window.bridge, use_tray=False, sweep=False)
    window.reminder_controller = controller
    controller.start()
    assert controller.popup.isVisible() and controller.popup.title.text() == "Call Ann"
    qtbot.waitUntil(lambda: controller.centre.text() == "1")
    opened = []
    window.open_contact = opened.append
    controller.popup.open_button.click()
    assert opened == [ann]
    controller.centre.open_panel()
    assert controller.centre.list.count() == 1 and "Call Ann" in controller.centre.list.item(0).text()
    qtbot.waitUntil(lambda: controller.centre.text() == "")
    controller.centre.panel.hide()
    controller.popup.close()


def test_the_scheduler_sleeps_until_the_next_reminder(window, crm):
    crm.tasks.create(TaskDraft("later", due_at=NOW + dt.timedelta(minutes=7)))
    controller = ReminderController(window, crm, window.bridge, use_tray=False, sweep=False)
    controller.start()
    remaining = controller.scheduler.next_check_ms
    # Seven minutes, less the time this test took; a coarse timer may add up to 5 %.
    assert 5 * 60_000 < remaining <= 7 * 60_000 * 1.05
    controller.scheduler.stop()


def test_without_a_tray_closing_the_window_does_not_hide_it(window, crm):
    controller = ReminderController(window, crm, window.bridge, use_tray=False, sweep=False)
    assert controller.hide_to_tray() is False


def test_with_a_tray_closing_hides_and_says_so_once(window, crm, monkeypatch):
    controller = ReminderController(window, crm, window.bridge, use_tray=False, sweep=False)
    shown = []

    class FakeTray:
        def isVisible(self):
            return True

        def showMessage(self, title, body, *args):
            shown.append(title)

    controller.tray = FakeTray()
    window.reminder_controller = controller
    window.close()
    assert not window.isVisible()  # hidden, not closed: the app goes on in the tray
    assert shown == ["crm-desktop is still running"] and crm.settings.close_to_tray_told
    window.show()
    window.close()
    assert shown == ["crm-desktop is still running"]  # the message comes only the first time
    crm.settings.close_to_tray = False
    assert controller.hide_to_tray() is False
    controller.tray = None


def test_tray_actions_open_things(window, crm, monkeypatch):
    controller = ReminderController(window, crm, window.bridge, use_tray=False, sweep=False)
    task_id = crm.tasks.create(TaskDraft("no customer", due_at=NOW))
    asked = []
    monkeypatch.setattr(controller_module.TaskDialog, "ask",
                        classmethod(lambda cls, parent, services, task_id=None, **k: asked.append(task_id)))
    controller.open_task_customer(task_id)  # nobody to open: the task itself
    controller.new_task()
    assert asked == [task_id, None]
    controller.show_reminders_page()
    assert isinstance(window.stack.currentWidget(), RemindersPage)


def test_settings_section_writes_the_autostart_entry(qtbot, crm, tmp_path):
    from PySide6.QtWidgets import QFormLayout, QWidget

    host = QWidget()
    qtbot.addWidget(host)
    section = ReminderSettings(crm, QFormLayout(host), host, command=["crm-desktop", "--minimized"])
    where = {"kind": "xdg", "home": tmp_path, "environ": {}}
    section.autostart_check.setChecked(True)
    section.tray_check.setChecked(False)
    section.threshold_spin.setValue(70)
    section.apply(crm.settings)
    assert section.sync_autostart(**where)
    entry = tmp_path / ".config" / "autostart" / "crm-desktop.desktop"
    assert "Exec=crm-desktop --minimized" in entry.read_text()
    settings = crm.settings
    assert (settings.start_with_system, settings.close_to_tray, crm.scoring.threshold) == (True, False, 70)
    section.autostart_check.setChecked(False)
    assert section.sync_autostart(**where) and not entry.exists()
