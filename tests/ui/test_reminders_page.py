"""The Reminders page, the task dialog and the popup, driven as a user would."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from crm_desktop.core.clock import FixedClock
from crm_desktop.core.records import ContactDraft
from crm_desktop.core.tasks import DueReminder, TaskDraft
from crm_desktop.services import Services
from crm_desktop.storage.tasks import SectionQuery
from crm_desktop.ui.bridge import ChangeBridge
from crm_desktop.ui.reminders import page as page_module
from crm_desktop.ui.reminders.page import HOT, RemindersPage
from crm_desktop.ui.reminders.popup import ReminderPopup
from crm_desktop.ui.reminders.task_dialog import TaskDialog
from crm_desktop.ui.reminders.task_model import TaskTableModel

NOW = dt.datetime(2024, 5, 6, 9, 0)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def crm(data_dir):
    opened = Services.open(data_dir, fallback_region="US", clock=FixedClock(NOW))
    opened.tasks.tz = ZoneInfo("UTC")
    yield opened
    opened.close()


@pytest.fixture
def crm_bridge(crm, qapp):
    made = ChangeBridge(crm)
    yield made
    made.detach()


@pytest.fixture
def page(qtbot, crm, crm_bridge):
    made = RemindersPage(crm, crm_bridge)
    qtbot.addWidget(made)
    made.resize(1000, 600)
    made.show()
    qtbot.waitExposed(made)
    return made


def titles(page: RemindersPage) -> list[str]:
    return [page.model.row_at(r).title for r in range(page.model.rowCount())]


def test_the_model_passes_the_model_tester(qtmodeltester, crm):
    for hours in (-2, 3, 30):
        crm.tasks.create(TaskDraft(f"task {hours}", due_at=NOW + hours * HOUR))
    model = TaskTableModel(crm)
    model.set_query(SectionQuery("upcoming"))
    qtmodeltester.check(model)


def test_sections_show_counts_and_open_on_overdue(qtbot, crm, crm_bridge):
    crm.tasks.create(TaskDraft("late call", "call", NOW - HOUR))
    crm.tasks.create(TaskDraft("lunch", "meeting", NOW + 3 * HOUR))
    crm.tasks.create(TaskDraft("next week", "email", NOW + 7 * 24 * HOUR))
    page = RemindersPage(crm, crm_bridge)
    qtbot.addWidget(page)
    assert page.section() == "overdue"  # something is overdue: that comes first
    assert titles(page) == ["late call"]
    assert [page.tabs.tabText(i) for i in range(4)] == ["Overdue  1", "Today  1", "Upcoming  1", "Done"]
    page.show_section("upcoming")
    assert titles(page) == ["next week"]
    assert page.model.data(page.model.index(0, 1)) == "E-mail"


def test_filter_by_type_and_sort_by_a_column(page, crm, qtbot):
    crm.tasks.create(TaskDraft("b call", "call", NOW + 2 * HOUR))
    crm.tasks.create(TaskDraft("a mail", "email", NOW + 3 * HOUR))
    crm.tasks.create(TaskDraft("c call", "call", NOW + 4 * HOUR))
    page.show_section("today")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert titles(page) == ["b call", "a mail", "c call"]  # by due time
    page.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert titles(page) == ["c call", "b call", "a mail"]
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("call"))
    assert titles(page) == ["c call", "b call"]


def test_keys_mark_done_and_log_the_call(page, crm, qtbot):
    ann = crm.contacts.create(ContactDraft(given_name="Ann"))
    task_id = crm.tasks.create(TaskDraft("Call Ann", "call", NOW + HOUR, contact_id=ann))
    page.show_section("today")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.view.setFocus()
    page.view.selectRow(0)
    assert page.actions_by_name["log"].text() == "Done — log call"
    assert page.actions_by_name["done"].shortcut() == QKeySequence("D")
    assert page.actions_by_name["snooze"].shortcut() == QKeySequence("S")
    assert page.actions_by_name["open"].shortcut() == QKeySequence("O")
    qtbot.keyClick(page.view, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert crm.tasks.get(task_id).done_at == NOW
    assert [a.kind for a in crm.activities.for_record(contact_id=ann)] == ["call"]
    assert page.empty_label.text() == "Nothing else due today."


def test_snooze_from_the_menu_and_open_the_customer(page, crm, qtbot):
    ann = crm.contacts.create(ContactDraft(given_name="Ann"))
    task_id = crm.tasks.create(TaskDraft("Call Ann", "call", NOW - HOUR, contact_id=ann))
    page.show_section("overdue")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.view.selectRow(0)
    menu = page.snooze_button.menu()
    assert [a.text() for a in menu.actions()] == ["10 minutes", "1 hour", "Tomorrow morning", "Pick a time…"]
    menu.actions()[1].trigger()
    assert crm.tasks.get(task_id).snoozed_until == NOW + HOUR
    with qtbot.waitSignal(page.customer_requested) as opened:
        page.actions_by_name["open"].trigger()
    assert opened.args == ["contact", ann]


def test_hot_leads_list_scores_with_the_top_reason(page, crm, qtbot):
    crm.contacts.create(ContactDraft(given_name="Ann", tags=["customer"], source="referral"))
    crm.settings.hot_lead_threshold = 30
    crm.scoring.recompute()
    page.show_section(HOT)
    assert page.hot_table.rowCount() == 1
    assert [page.hot_table.item(0, c).text() for c in (0, 2, 3)] == ["Ann", "35", "Tagged customer (+20)"]


def test_task_dialog_saves_a_weekly_task_linked_to_a_person(qtbot, crm):
    ann = crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    dialog = TaskDialog(crm)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Weekly check-in")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("call"))
    dialog.repeat_combo.setCurrentIndex(dialog.repeat_combo.findData("WEEKLY"))
    for index, check in enumerate(dialog.weekday_checks):
        check.setChecked(index in (0, 3))
    dialog._on_customer_edit_text_edited("Ann")
    (label,) = [text for text in dialog._completions.stringList() if text.startswith("Ann Lee")]
    dialog.customer_edit.setText(label)
    dialog._on_completer_activated(label)
    assert dialog.save()
    task = crm.tasks.get(dialog.saved_id)
    assert (task.title, task.kind, task.contact_id) == ("Weekly check-in", "call", ann)
    assert task.recurrence == "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH"
    assert task.due_at == NOW + HOUR  # the next full hour by default


def test_task_dialog_says_what_is_missing(qtbot, crm):
    dialog = TaskDialog(crm)
    qtbot.addWidget(dialog)
    assert not dialog.save()
    assert dialog.error_label.text() == "Title: This field is required."


def test_popup_done_snooze_and_open(qtbot, crm):
    first = crm.tasks.create(TaskDraft("first", due_at=NOW))
    second = crm.tasks.create(TaskDraft("second", due_at=NOW))
    popup = ReminderPopup(crm)
    qtbot.addWidget(popup)
    plan = crm.reminders.poll()
    popup.add(plan.single)
    assert popup.isVisible() and popup.heading.text() == "Reminder (1 of 2)"
    assert popup.title.text() == "first"
    popup.done_button.click()
    assert crm.tasks.get(first).done_at == NOW
    assert popup.title.text() == "second"
    popup.snooze_button.menu().actions()[0].trigger()
    assert crm.tasks.get(second).snoozed_until == NOW + dt.timedelta(minutes=10)
    assert not popup.isVisible()


def test_popup_summary_offers_the_page(qtbot, crm):
    popup = ReminderPopup(crm)
    qtbot.addWidget(popup)
    popup.add_summary(5)
    assert popup.title.text() == "5 reminders are waiting" and not popup.done_button.isVisible()
    with qtbot.waitSignal(popup.show_all_requested):
        popup.open_button.click()
    assert not popup.isVisible()


def test_popup_open_asks_for_the_customer(qtbot, crm):
    reminder = DueReminder(7, "Call", NOW, NOW, "Ann", 3, None, None)
    popup = ReminderPopup(crm)
    qtbot.addWidget(popup)
    popup.add([reminder])
    with qtbot.waitSignal(popup.open_requested) as opened:
        popup.open_button.click()
    assert opened.args == [7]


def test_export_calendar_writes_the_file(page, crm, tmp_path, monkeypatch):
    crm.tasks.create(TaskDraft("Call", due_at=NOW + HOUR))
    target = tmp_path / "mine.ics"
    monkeypatch.setattr(page_module.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    page.export_calendar()
    assert b"SUMMARY:Call" in target.read_bytes()


def test_the_subscription_file_is_written_and_its_address_shown(page, crm, data_dir, monkeypatch):
    crm.tasks.create(TaskDraft("Call", due_at=NOW + HOUR))
    shown = []
    monkeypatch.setattr(page_module.QMessageBox, "exec", lambda box: shown.append(box.informativeText()))
    page.show_subscription()
    assert shown == [f"file://{data_dir / 'tasks.ics'}"]
    assert b"SUMMARY:Call" in (data_dir / "tasks.ics").read_bytes()


def test_task_dialog_links_a_deal_of_the_chosen_person(qtbot, crm):
    db = crm.ctx.storage.database.db
    ann = crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    db.execute_sql("INSERT INTO pipeline(name, uuid, created_at, updated_at) "
                   "VALUES ('P', 'p', '2024', '2024')")
    db.execute_sql("INSERT INTO stage(pipeline_id, name, uuid, created_at, updated_at) "
                   "VALUES ((SELECT max(id) FROM pipeline), 'Quote', 's', '2024', '2024')")
    for title, status in (("Chairs", "open"), ("Desks", "won")):
        db.execute_sql("INSERT INTO deal(title, stage_id, contact_id, status, uuid, created_at, updated_at) "
                       "VALUES (?, (SELECT max(id) FROM stage), ?, ?, ?, '2024', '2024')",
                       (title, ann, status, title))
    chairs = db.execute_sql("SELECT id FROM deal WHERE title = 'Chairs'").fetchone()[0]
    dialog = TaskDialog(crm)
    qtbot.addWidget(dialog)
    assert [dialog.deal_combo.itemText(i) for i in range(dialog.deal_combo.count())] == ["No deal"]
    dialog.title_edit.setText("Send the quote")
    dialog._on_customer_edit_text_edited("Ann")
    (label,) = [text for text in dialog._completions.stringList() if text.startswith("Ann Lee")]
    dialog.customer_edit.setText(label)
    dialog._on_completer_activated(label)
    assert [dialog.deal_combo.itemText(i) for i in range(dialog.deal_combo.count())] == ["No deal", "Chairs"]
    dialog.deal_combo.setCurrentIndex(1)
    assert dialog.save()
    task = crm.tasks.get(dialog.saved_id)
    assert (task.contact_id, task.deal_id, task.deal_title) == (ann, chairs, "Chairs")
