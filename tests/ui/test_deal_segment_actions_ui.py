"""A deal segment's "Actions on all" in the window: each acts on the segment's deals, says what it
did, and Ctrl+Z / Ctrl+Shift+Z take it back and do it again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from crm_desktop.core.deals import DealDraft
from crm_desktop.core.segments import Condition, Group
from crm_desktop.ui.segments import show_segment
from crm_desktop.ui.segments.page import DealSegmentPage

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def deals(services):
    stages = [s.id for s in services.pipelines.default().stages]
    ids = {}
    for title, value in (("Big order", 500_000), ("Small order", 20_000), ("Big renewal", 300_000),
                         ("Big trashed", 700_000)):
        ids[title] = services.deals.create(DealDraft(title, stage_id=stages[0], currency="EUR",
                                                     value_minor=value))
    services.deals.delete([ids["Big trashed"]])
    return ids


@pytest.fixture
def window(deals, segments_window):
    return segments_window


def key(qtbot, window, modifiers) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Z, modifiers)


def tagged(services, ids, tag) -> list[int]:
    return [i for i in ids if tag in services.deals.get(i).tags]


def test_actions_on_all_of_a_deal_segment_then_undo_and_redo(qtbot, window, services, deals, monkeypatch):
    sid = services.segments.create("Large deals", "deal", Group("all", (Condition("value", "gte", 1000),)))
    page = show_segment(window, sid)
    assert isinstance(page, DealSegmentPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.segment_bar.all_button.isVisibleTo(window)
    assert [a.text() for a in page.segment_bar.all_menu.actions() if not a.isSeparator()] == [
        "Add a tag to all…", "Assign an owner to all…", "Create a task for each…", "Move all to the trash…"]
    big = [deals["Big order"], deals["Big renewal"]]
    others = [deals["Small order"], deals["Big trashed"]]
    history = window.undo_history

    # Tag all: exactly the segment's two live deals; Ctrl+Z takes it off, Ctrl+Shift+Z puts it back.
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("renewal 2025", True))
    page.tag_all_action.trigger()
    assert tagged(services, big, "renewal 2025") == big
    assert window.statusBar().currentMessage() == "Tag “renewal 2025” added to 2 deals."
    assert history.undo_action.text() == "&Undo Add tag “renewal 2025” to 2 deals"
    assert services.ctx.storage.database.db.execute_sql(
        "SELECT count(*) FROM deal_tag WHERE deal_id IN (?, ?)", others).fetchone() == (0,)
    key(qtbot, window, CTRL)
    assert tagged(services, big, "renewal 2025") == []
    assert window.statusBar().currentMessage() == "Undone: Add tag “renewal 2025” to 2 deals"
    key(qtbot, window, CTRL | SHIFT)
    assert tagged(services, big, "renewal 2025") == big

    # Assign an owner to all; Ctrl+Z gives each deal its owner back.
    alex = services.lookups.create_user("Alex")
    before = {i: services.deals.get(i).owner_id for i in big}
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("Alex", True))
    page.owner_all_action.trigger()
    assert {services.deals.get(i).owner_id for i in big} == {alex}
    assert window.statusBar().currentMessage() == "Owner changed on 2 deals."
    assert history.undo_action.text() == "&Undo Give 2 deals to Alex"
    key(qtbot, window, CTRL)
    assert {i: services.deals.get(i).owner_id for i in big} == before

    # A task for each deal (asked first); Ctrl+Z moves the tasks to the trash.
    asked = []

    def question(parent, title, text, *args):
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args: ("Send the renewal", True))
    page.task_all_action.trigger()
    assert asked[-1] == ("Large deals",
                         "Create a task for each of the 2 deals? Each is given to the deal's owner.")
    db = services.ctx.storage.database.db
    live_tasks = ("SELECT deal_id FROM task WHERE title = 'Send the renewal' AND deleted_at IS NULL "
                  "ORDER BY deal_id")
    assert [r[0] for r in db.execute_sql(live_tasks)] == sorted(big)
    assert window.statusBar().currentMessage() == "2 tasks created."
    assert history.undo_action.text() == "&Undo Create task “Send the renewal” for 2 deals"
    key(qtbot, window, CTRL)
    assert db.execute_sql(live_tasks).fetchall() == []
    key(qtbot, window, CTRL | SHIFT)
    assert [r[0] for r in db.execute_sql(live_tasks)] == sorted(big)

    # Move all to the trash: the list empties; Ctrl+Z brings exactly those deals back.
    page.delete_all_action.trigger()
    assert asked[-1] == ("Large deals", "Move all 2 deals of this segment to the trash?")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert window.statusBar().currentMessage() == "2 deals moved to the trash."
    assert services.deals.get(deals["Small order"]).title == "Small order"
    key(qtbot, window, CTRL)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert sorted(services.segments.ids(sid)) == sorted(big)
    assert deals["Big trashed"] not in services.segments.ids(sid)  # it was in the trash before


def test_actions_on_a_large_deal_segment_run_off_the_ui_thread_and_undo(qtbot, window, services, deals,
                                                                        monkeypatch):
    from crm_desktop.ui.undo import history as history_module

    monkeypatch.setattr(history_module, "BACKGROUND_AT", 1)  # as if the segment held thousands of deals
    sid = services.segments.create("Large deals", "deal", Group("all", (Condition("value", "gte", 1000),)))
    page = show_segment(window, sid)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args: ("Call", True))
    page.task_all_action.trigger()
    db = services.ctx.storage.database.db
    live = "SELECT count(*) FROM task WHERE title = 'Call' AND deleted_at IS NULL"
    assert db.execute_sql(live).fetchone() == (2,)
    assert window.statusBar().currentMessage() == "2 tasks created."
    key(qtbot, window, CTRL)
    assert db.execute_sql(live).fetchone() == (0,)

    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("vip", True))
    page.tag_all_action.trigger()
    big = [deals["Big order"], deals["Big renewal"]]
    assert tagged(services, big, "vip") == big
    key(qtbot, window, CTRL)
    assert tagged(services, big, "vip") == []
