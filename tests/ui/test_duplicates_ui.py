"""Find duplicates: scan off the UI thread, review and merge side by side, not duplicates, undo."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QRadioButton

from crm_desktop.core.duplicates import OTHER, SURVIVOR
from crm_desktop.core.records import Channel, ContactDraft
from crm_desktop.ui.duplicates.dialog import CandidateTableModel, DuplicatesDialog
from crm_desktop.ui.duplicates.merge_dialog import MergeDialog
from crm_desktop.ui.main_window import MainWindow


@pytest.fixture
def pairs(services):
    add = services.contacts.create
    ids = [
        add(ContactDraft(given_name="John", family_name="Smith", company_name="Acme", title="CEO",
                         emails=[Channel("john@acme.com")])),
        add(ContactDraft(given_name="Jon", family_name="Smith", company_name="Acme",
                         emails=[Channel("JOHN@ACME.COM")], phones=[Channel("+1 212 555 0100")])),
        add(ContactDraft(given_name="Mary", family_name="Jones", phones=[Channel("+1 415 555 0101")])),
        add(ContactDraft(given_name="Mary", family_name="Jones", phones=[Channel("(415) 555-0101")])),
        add(ContactDraft(given_name="Unrelated", family_name="Person")),
    ]
    return ids


@pytest.fixture
def dialog(qtbot, services, pairs):
    made = DuplicatesDialog(services)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.shutdown()
    made.close()


def scan(qtbot, dialog) -> None:
    dialog.start_scan()
    qtbot.waitUntil(lambda: dialog.scan_button.isEnabled(), timeout=10_000)


def test_scan_lists_pairs_with_confidence_and_reasons(qtbot, dialog, pairs):
    scan(qtbot, dialog)
    model = dialog.model
    assert model.rowCount() == 2
    assert dialog.status.text() == "2 possible duplicates in 2 groups, among 5 records."
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(2)]
    assert rows[0][1:] == ["John Smith  ·  Acme", "Jon Smith  ·  Acme",
                           "same e-mail, similar name, same company"]
    assert rows[1][1:] == ["Mary Jones", "Mary Jones", "same phone"]
    assert int(rows[0][0].rstrip(" %")) > int(rows[1][0].rstrip(" %"))
    assert dialog.review_button.isEnabled() and dialog.progress.isHidden()


def test_candidate_model_is_a_proper_model(qtmodeltester, services, pairs):
    model = CandidateTableModel(services)
    model.set_result("contact", services.duplicates.scan("contact").candidates)
    qtmodeltester.check(model)


def test_not_duplicates_is_remembered(qtbot, dialog, services, pairs):
    scan(qtbot, dialog)
    dialog.view.selectRow(1)
    dialog.mark_current_distinct()
    assert dialog.model.rowCount() == 1
    assert services.duplicates.distinct_pairs("contact") == {(pairs[2], pairs[3])}
    scan(qtbot, dialog)
    assert dialog.model.rowCount() == 1


def test_merge_side_by_side_then_undo_from_the_history(qtbot, dialog, services, pairs, monkeypatch):
    merge = MergeDialog(services, "contact", pairs[0], pairs[1], dialog)
    qtbot.addWidget(merge)
    shown = {b.text() for b in merge.body.findChildren(QRadioButton)}
    assert {"John Smith", "Jon Smith", "CEO", "(empty)", "+1 212-555-0100"} <= shown
    # Defaults: the most recent non-empty value; the user keeps the survivor's name.
    assert merge.choices()["name"] == OTHER and merge.choices()["title"] == SURVIVOR
    merge.choose("name", SURVIVOR)
    merge.accept()
    assert merge.merge_id is not None
    kept = services.contacts.get(pairs[0])
    assert (kept.full_name, kept.data.title) == ("John Smith", "CEO")
    assert [p.value for p in kept.data.phones] == ["+12125550100"]
    assert not services.contacts.exists(pairs[1])
    dialog.tabs.setCurrentIndex(1)
    assert dialog.history.rowCount() == 1
    assert [dialog.history.item(0, c).text() for c in (1, 2, 3)] == ["John Smith", "Jon Smith", "Merged"]
    dialog.history.selectRow(0)
    dialog.undo_current()
    assert dialog.history.item(0, 3).text() == "Undone"
    assert services.contacts.exists(pairs[1]) and services.contacts.get(pairs[0]).data.phones == []


def test_reviewing_a_pair_merges_it_and_drops_its_rows(qtbot, dialog, services, pairs, monkeypatch):
    scan(qtbot, dialog)
    dialog.view.selectRow(0)
    monkeypatch.setattr(MergeDialog, "ask", lambda parent, s, entity, a, b: s.merges.merge(entity, a, b))
    dialog.review_current()
    assert dialog.model.rowCount() == 1
    assert dialog.status.text() == "Merged. The merge can be undone from Merge history."


def test_find_duplicates_is_in_the_file_menu(qtbot, services, pairs):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.find_duplicates_action in window.menuBar().actions()[0].menu().actions()
        window.find_duplicates_action.trigger()
        shown = window._duplicates_dialog
        assert shown.isVisible() and shown.windowTitle() == "Find duplicates"
        window.find_duplicates_action.trigger()
        assert window._duplicates_dialog is shown
        shown.shutdown()
        shown.close()
    finally:
        window.segments_panel.shutdown()
        window.close()


def test_a_group_of_three_is_merged_pair_after_pair(qtbot, services, monkeypatch):
    ids = [services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee",
                                                 emails=[Channel("ann@lee.com")] if i < 2 else [],
                                                 phones=[Channel("+1 415 555 0100")] if i > 0 else []))
           for i in range(3)]
    dialog = DuplicatesDialog(services)
    qtbot.addWidget(dialog)
    try:
        scan(qtbot, dialog)
        assert {c.pair for c in dialog.model.candidates} >= {(ids[0], ids[1]), (ids[1], ids[2])}
        monkeypatch.setattr(MergeDialog, "ask", lambda parent, s, entity, a, b: s.merges.merge(entity, a, b))
        while dialog.model.rowCount():
            dialog.view.selectRow(0)
            dialog.review_current()
        assert services.contacts.count() == 1 and services.contacts.exists(ids[0])
    finally:
        dialog.shutdown()
