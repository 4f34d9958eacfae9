"""Follow-up rules in the window: a stage rule that notifies the owner (tray message and
notification centre, opening the deal), and the rule editor's action and daily limit."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.core.clock import FixedClock
from crm_desktop.core.deals import DealDraft
from crm_desktop.core.rules import ACTION_NOTIFY, KEEP_IN_TOUCH, STAGE_ENTRY, FollowRule
from crm_desktop.services import Services
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.reminders.controller import ReminderController
from crm_desktop.ui.reminders.page import RemindersPage
from crm_desktop.ui.reminders.rules_dialog import RuleEditor, RulesDialog

NOW = dt.datetime(2024, 5, 6, 9, 0)


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


class FakeTray:
    """Stands in for a tray a host embedded (offscreen there is none): records its messages."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def isVisible(self):
        return True

    def showMessage(self, title, body, *args):
        self.messages.append((title, body))


def _quote_stage(crm: Services) -> tuple[int, int, int]:
    pipeline_id = crm.pipelines.create("Sales", [("Lead", 10, None), ("Quote", 50, None)])
    lead, quote = crm.pipelines.get(pipeline_id).stages
    return pipeline_id, lead.id, quote.id


def test_a_deal_entering_a_followed_stage_notifies_and_opens_the_deal(window, crm, qtbot):
    controller = ReminderController(window, crm, window.bridge, use_tray=False, sweep=False)
    window.reminder_controller = controller
    tray = controller.tray = FakeTray()
    pipeline_id, lead, quote = _quote_stage(crm)
    crm.rules.save(FollowRule(None, STAGE_ENTRY, config={"stage_id": quote, "action": ACTION_NOTIFY}))
    deal = crm.deals.create(DealDraft("Office chairs", pipeline_id, lead, currency="USD"))
    crm.deals.move(deal, quote)
    qtbot.waitUntil(lambda: tray.messages != [])
    assert tray.messages == [("Office chairs entered Quote",
                              "A deal entered a stage you follow. Click to open it.")]
    assert crm.tasks.for_record(deal_id=deal) == []  # a notification, no task
    opened = []
    window.open_deal = opened.append
    controller._on_tray_message_clicked()  # what clicking the desktop notification does
    assert opened == [deal]
    qtbot.waitUntil(lambda: controller.centre.text() == "1")
    controller.centre.open_panel()
    item = controller.centre.list.item(0)
    assert item.text().startswith("Office chairs entered Quote\n")
    controller.centre._on_list_item_activated(item)
    assert opened == [deal, deal]
    controller.tray = None


def test_people_left_for_later_days_are_announced_once(window, crm, qtbot):
    controller = ReminderController(window, crm, window.bridge, use_tray=False, sweep=False)
    window.reminder_controller = controller
    tray = controller.tray = FakeTray()
    from crm_desktop.core.records import ContactDraft

    for name in ("Ann", "Bob", "Cy"):
        crm.contacts.create(ContactDraft(given_name=name, tags=["customer"]))
    (rule,) = [r for r in crm.rules.rules() if r.kind == KEEP_IN_TOUCH]
    rule.config["daily_limit"] = 1
    crm.rules.save(rule)
    crm.ctx.clock.advance(dt.timedelta(days=31))
    assert crm.rules.run_keep_in_touch(rule) == 1
    qtbot.waitUntil(lambda: tray.messages != [])
    assert tray.messages[0][0] == "2 more people tagged “customer” are due for a follow-up"
    controller._on_tray_message_clicked()
    assert isinstance(window.stack.currentWidget(), RemindersPage)  # no deal: the Reminders page
    controller.tray = None


def test_the_stage_rule_editor_offers_a_notification_instead_of_a_task(qtbot, crm):
    _, _, quote = _quote_stage(crm)
    editor = RuleEditor(crm, FollowRule(None, STAGE_ENTRY, config={"stage_id": quote}))
    qtbot.addWidget(editor)
    editor.show()
    assert editor.action_combo.currentText() == "Create a task" and editor.due_spin.isVisible()
    editor.action_combo.setCurrentIndex(editor.action_combo.findData(ACTION_NOTIFY))
    assert not editor.due_spin.isVisible() and not editor.title_edit.isVisible()
    assert not editor.limit_spin.isVisible()  # a keep-in-touch setting
    editor._on_buttons_accepted()
    saved = [r for r in crm.rules.rules() if r.kind == STAGE_ENTRY]
    assert [(r.stage_id, r.action) for r in saved] == [(quote, ACTION_NOTIFY)]
    dialog = RulesDialog(crm)
    qtbot.addWidget(dialog)
    texts = [dialog.follow_table.item(row, 1).text() for row in range(dialog.follow_table.rowCount())]
    assert "A deal entering “Quote” notifies its owner." in texts


def test_the_keep_in_touch_editor_sets_the_daily_limit(qtbot, crm):
    (rule,) = [r for r in crm.rules.rules() if r.kind == KEEP_IN_TOUCH]
    editor = RuleEditor(crm, rule)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.limit_spin.value() == 500 and not editor.action_combo.isVisible()
    editor.limit_spin.setValue(0)
    assert editor.limit_spin.text() == "No limit"
    editor._on_buttons_accepted()
    (saved,) = [r for r in crm.rules.rules() if r.kind == KEEP_IN_TOUCH]
    assert saved.daily_limit == 0
