"""Segments in the window: the builder, the sidebar with live counts, a segment's list and its actions."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from crm_desktop.core.records import ContactDraft
from crm_desktop.core.segments import Condition, Group
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.segments import show_segment
from crm_desktop.ui.segments.builder import SegmentDialog
from crm_desktop.ui.segments.page import ContactSegmentPage


@pytest.fixture
def people(services):
    for given, family, city, tags in (("Alice", "Smith", "Berlin", ["customer"]),
                                      ("Bob", "Stone", "Berlin", []),
                                      ("Carol", "Jones", "Paris", ["customer"]),
                                      ("伟", "张", "上海", [])):
        services.contacts.create(ContactDraft(given_name=given, family_name=family, city=city, tags=tags))
    return services


@pytest.fixture
def window(qtbot, people):
    win = MainWindow(people)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.segments_panel.shutdown()
    for page in win._segment_pages.values():
        page.model.shutdown()
    win.close()


def test_builder_counts_as_conditions_change_and_saves(qtbot, window, people):
    dialog = SegmentDialog(people, "contact", parent=window)
    qtbot.addWidget(dialog)
    row = dialog.root.items[0]
    row.field_combo.setCurrentIndex(row.field_combo.findData("city"))
    row.op_combo.setCurrentIndex(row.op_combo.findData("is"))
    row.text_edit.setText("Berlin")
    qtbot.waitUntil(lambda: dialog.count_label.text() == "2 people match.")
    group = dialog.root.add_group()
    inner = group.items[0]
    inner.field_combo.setCurrentIndex(inner.field_combo.findData("tags"))
    inner.ids_edit.set_ids(tuple(t.id for t in people.lookups.tags() if t.name == "customer"))
    inner.changed.emit()
    qtbot.waitUntil(lambda: dialog.count_label.text() == "1 person matches.")
    assert dialog.group() == Group("all", (
        Condition("city", "is", "Berlin"),
        Group("all", (Condition("tags", "has_any", (people.lookups.tags()[0].id,)),)),
    ))
    dialog.name_edit.setText("Berlin customers")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = people.segments.get(dialog.segment_id)
    assert (saved.name, saved.filter) == ("Berlin customers", dialog.group())
    panel = window.segments_panel
    qtbot.waitUntil(lambda: panel.count_of(saved.id) == 1)
    assert panel.list.item(0).text() == "Berlin customers"


def test_builder_refuses_a_segment_without_a_name(qtbot, window, people, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    dialog = SegmentDialog(people, "contact", parent=window)
    qtbot.addWidget(dialog)
    dialog.root.items[0].text_edit.setText("x")
    dialog.accept()
    assert shown == ["This field is required."] and dialog.segment_id is None
    dialog.reject()


def test_a_segment_opens_as_a_list_and_counts_stay_live(qtbot, window, people):
    sid = people.segments.create("Berlin", "contact", Group("all", (Condition("city", "is", "Berlin"),)))
    page = show_segment(window, sid)
    assert isinstance(page, ContactSegmentPage) and window.stack.currentWidget() is page
    assert window.sidebar.currentRow() == -1 and window.segments_panel.current_id() == sid
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.segment_bar.title.text() == "Berlin"
    assert page.count_label.text() == "2 people"
    names = {page.model.index(r, 0).data() for r in range(2)}
    assert names == {"Alice Smith", "Bob Stone"}
    # The list's own filter narrows the segment further.
    page.filter_bar.edit.setText("ali")
    page._apply_filters()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    people.contacts.create(ContactDraft(given_name="Dora", city="Berlin"))
    qtbot.waitUntil(lambda: window.segments_panel.count_of(sid) == 3)
    # Choosing People in the sidebar leaves the segment.
    window.show_page(0)
    assert window.segments_panel.current_id() is None


def test_actions_on_every_record_of_a_segment(qtbot, window, people, monkeypatch):
    sid = people.segments.create("Berlin", "contact", Group("all", (Condition("city", "is", "Berlin"),)))
    page = show_segment(window, sid)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("fair", True))
    page.tag_all()
    tagged = Group("all", (Condition("tags", "has_any", tuple(t.id for t in people.lookups.tags()
                                                                if t.name == "fair")),))
    assert people.segments.count_filter("contact", tagged) == 2
    owner = people.lookups.create_user("Sam")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("Sam", True))
    page.assign_owner_to_all()
    assert people.segments.count_filter("contact", Group("all", (Condition("owner", "is", (owner,)),))) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    page.delete_all()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert people.contacts.count() == 2


def test_deleting_a_segment_from_the_sidebar(qtbot, window, people, monkeypatch):
    sid = people.segments.create("Paris", "contact", Group("all", (Condition("city", "is", "Paris"),)))
    show_segment(window, sid)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    window.segments_panel.delete_segment(sid)
    assert people.segments.all() == [] and window.segments_panel.list.count() == 0
    assert sid not in window._segment_pages
    assert window.segments_panel.empty_label.isVisibleTo(window)


def test_data_quality_counts_open_lists_for_fixing(qtbot, window, people, monkeypatch):
    from crm_desktop.ui.segments import show_data_quality

    assert window.data_quality_action in window.menuBar().actions()[0].menu().actions()
    dialog = show_data_quality(window)
    qtbot.waitUntil(lambda: dialog.count_labels["no_owner"].text() == "4")
    assert dialog.count_labels["missing_email"].text() == "4"
    assert dialog.count_labels["invalid_phone"].text() == "0"
    assert not dialog.show_buttons["invalid_phone"].isEnabled()
    dialog.show_buttons["no_owner"].click()
    page = window._quality_page
    assert window.stack.currentWidget() is page and page.segment_bar.title.text() == "People nobody owns"
    assert page.segment_bar.edit_button.isHidden()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    owner = people.lookups.create_user("Sam")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("Sam", True))
    page.assign_owner_to_all()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.count_labels["no_owner"].text() == "0")
    assert people.contacts.count() == 4 and owner
    dialog.reject()
    dialog.shutdown()
    page.model.shutdown()


def test_sidebar_says_counting_until_a_count_is_exact_again(qtbot, window, people):
    from crm_desktop.ui.segments.panel import STALE_ROLE, CountDelegate

    sid = people.segments.create("Berlin", "contact", Group("all", (Condition("city", "is", "Berlin"),)))
    panel = window.segments_panel
    qtbot.waitUntil(lambda: panel.count_of(sid) == 2)
    item = panel.list.item(0)
    assert item.data(STALE_ROLE) is False
    people.contacts.create(ContactDraft(given_name="Dora", city="Berlin"))
    # From the change until the new count arrives, the old figure is not shown as current.
    assert item.data(STALE_ROLE) is True and panel.count_of(sid) is None
    assert isinstance(panel.list.itemDelegate(), CountDelegate)
    panel.list.viewport().repaint()
    with qtbot.waitSignal(panel.counts_updated):
        pass
    assert panel.count_of(sid) == 3 and item.data(STALE_ROLE) is False


def test_ctrl_shift_d_makes_a_deal_and_find_duplicates_is_in_the_file_menu(qtbot, window, monkeypatch):
    """One action per key: with two on Ctrl+Shift+D (New deal and Find duplicates) Qt ran neither."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence

    from crm_desktop.ui.pipeline import page as pipeline_page

    key = QKeySequence("Ctrl+Shift+D")
    holders = [a.text() for a in window.findChildren(QAction) if key in a.shortcuts()]
    assert holders == ["New &deal…"]
    assert window.find_duplicates_action in window.menuBar().actions()[0].menu().actions()
    asked = []
    monkeypatch.setattr(pipeline_page.DealDialog, "ask", staticmethod(lambda *a, **k: asked.append(k)))
    window.activateWindow()
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_D, mods)
    assert len(asked) == 1
