"""Edit ▸ Undo / Redo for three operations it did not fully cover: a photo chosen on a customer's
page (undo also takes the image it attached out of Files, into the trash), targets saved on the
dashboard, and two records marked "not duplicates" (proposed again once undone)."""

from __future__ import annotations

import pytest
from undo_support import recorded_reports, redo, shown_window, trashed, undo, undo_text

from crm_desktop.core.customer import Target
from crm_desktop.core.dashboard import Target as SalesTarget
from crm_desktop.core.records import Channel, ContactDraft
from crm_desktop.ui.customer.page import TABS
from crm_desktop.ui.dashboard.targets import TargetsDialog
from crm_desktop.ui.duplicates.dialog import DuplicatesDialog
from crm_desktop.ui.undo.texts import targets_text


@pytest.fixture
def window(qtbot, services):
    with shown_window(qtbot, services) as win:
        yield win


@pytest.fixture(autouse=True)
def reports(monkeypatch) -> list[tuple[str, str]]:
    return recorded_reports(monkeypatch)


@pytest.fixture
def ann(services) -> int:
    return services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))


# -- a photo chosen --------------------------------------------------------------------------------
def test_undoing_a_photo_choice_takes_its_image_out_of_files_and_redo_brings_it_back(
        qtbot, window, services, ann, tmp_path):
    first, second = tmp_path / "first.png", tmp_path / "second.png"
    first.write_bytes(b"\x89PNG first")
    second.write_bytes(b"\x89PNG second")
    window.open_contact(ann)
    page = window.customer_area.page
    page.tabs.setCurrentIndex(TABS.index("files"))
    files = page.files_panel
    target = Target("contact", ann)
    old = page.choose_photo(str(first))
    new = page.choose_photo(str(second))
    qtbot.waitUntil(lambda: files.tree.topLevelItemCount() == 2)
    assert undo_text(window) == "&Undo Change the photo of “Ann Lee”"
    undo(qtbot, window)
    assert services.attachments.photo_id(target) == old
    qtbot.waitUntil(lambda: files.tree.topLevelItemCount() == 1)
    assert files.tree.topLevelItem(0).text(0) == "first.png"
    assert trashed(services) == {("attachment", new)}
    redo(qtbot, window)
    assert services.attachments.photo_id(target) == new
    qtbot.waitUntil(lambda: files.tree.topLevelItemCount() == 2)
    assert trashed(services) == set()
    undo(qtbot, window)
    undo(qtbot, window)
    assert services.attachments.photo_id(target) is None
    qtbot.waitUntil(lambda: files.tree.topLevelItemCount() == 0)
    assert trashed(services) == {("attachment", old), ("attachment", new)}
    qtbot.waitUntil(lambda: not page.header.has_photo)


def test_a_photo_removed_elsewhere_refuses_the_undo_and_keeps_the_image(qtbot, window, services, ann,
                                                                        tmp_path, reports):
    image = tmp_path / "ann.png"
    image.write_bytes(b"\x89PNG ann")
    window.open_contact(ann)
    page = window.customer_area.page
    target = Target("contact", ann)
    chosen = page.choose_photo(str(image))
    services.attachments.clear_photo(target)  # another window
    undo(qtbot, window)
    assert [title for title, _text in reports] == ["Cannot undo"]
    assert "“Ann Lee” was changed elsewhere since" in reports[0][1]
    assert [f.id for f in services.attachments.for_target(target)] == [chosen]


# -- targets ---------------------------------------------------------------------------------------
def shown_dashboard(qtbot, window):
    window.show_dashboard()
    page = window.dashboard_page
    qtbot.waitUntil(lambda: page.board is not None and page.board.complete, timeout=10000)
    return page


def saved_targets(qtbot, services, page, owner_id: int, won: str, activities: int) -> str:
    dialog = TargetsDialog(services, page.targets_panel)
    qtbot.addWidget(dialog)
    dialog.owner.setCurrentIndex(dialog.owner.findData(owner_id))
    dialog.won.setText(won)
    dialog.activities.setValue(activities)
    assert dialog.save()
    dialog.close()
    return dialog.owner.currentText()


def test_targets_saved_on_the_dashboard_are_one_undoable_step(qtbot, window, services):
    page = shown_dashboard(qtbot, window)
    me = services.settings.current_user_id
    services.targets.set_target(me, "activities", 3)
    name = saved_targets(qtbot, services, page, me, "1800", 4)
    assert undo_text(window) == f"&Undo Set the targets for “{name}”"
    undo(qtbot, window)
    assert services.targets.owner_targets(me) == (SalesTarget(me, "activities", 3),)
    qtbot.waitUntil(lambda: len(page.targets_panel.bars) == 1, timeout=10000)
    redo(qtbot, window)
    assert {(t.metric, t.amount) for t in services.targets.owner_targets(me)} == {
        ("won_value", 180000), ("activities", 4)}
    qtbot.waitUntil(lambda: len(page.targets_panel.bars) == 2, timeout=10000)
    name = saved_targets(qtbot, services, page, me, "", 0)
    assert undo_text(window) == f"&Undo Remove the targets for “{name}”"
    undo(qtbot, window)
    assert len(services.targets.owner_targets(me)) == 2


def test_undoing_targets_changed_since_is_refused_and_keeps_the_change(qtbot, window, services, reports):
    page = shown_dashboard(qtbot, window)
    me = services.settings.current_user_id
    name = saved_targets(qtbot, services, page, me, "", 4)
    assert undo_text(window) == f"&Undo Set the weekly activities target for “{name}”"
    services.targets.set_target(me, "activities", 9)  # another window
    undo(qtbot, window)
    assert [title for title, _text in reports] == ["Cannot undo"]
    assert f"The targets of “{name}” were changed elsewhere since" in reports[0][1]
    assert services.targets.owner_targets(me) == (SalesTarget(me, "activities", 9),)
    assert not window.undo_history.stack.canUndo()


def test_the_history_says_which_targets_changed(qapp):
    won, calls = SalesTarget(1, "won_value", 100, "USD"), SalesTarget(1, "activities", 5)
    assert targets_text("Bea", [], [won]) == "Set the monthly won value target for “Bea”"
    assert targets_text("Bea", [won, calls], [calls]) == "Remove the monthly won value target for “Bea”"
    assert targets_text("Bea", [calls], []) == "Remove the weekly activities target for “Bea”"
    assert targets_text("Bea", [won], [calls]) == "Change the targets for “Bea”"


# -- not duplicates --------------------------------------------------------------------------------
def scanned(qtbot, window, services) -> DuplicatesDialog:
    dialog = DuplicatesDialog.show_for(window, services)
    dialog.start_scan()
    qtbot.waitUntil(dialog.scan_button.isEnabled, timeout=10_000)
    return dialog


def test_not_duplicates_is_undone_and_the_pair_is_proposed_again(qtbot, window, services):
    for given, family, email in (("John", "Smith", "john@acme.com"), ("Jon", "Smith", "john@acme.com"),
                                 ("Mary", "Brown", "mary@acme.com"), ("Marie", "Braun", "mary@acme.com")):
        services.contacts.create(ContactDraft(given_name=given, family_name=family, emails=[Channel(email)]))
    dialog = scanned(qtbot, window, services)
    pairs = [c.pair for c in dialog.model.candidates]
    assert len(pairs) == 2
    dialog.view.selectRow(0)
    chosen = dialog.current()
    names = services.duplicates.describe("contact", list(chosen.pair))
    dialog.mark_current_distinct()
    assert [c.pair for c in dialog.model.candidates] == pairs[1:]
    first, second = (names[i][0] for i in chosen.pair)
    assert undo_text(window) == f"&Undo Mark “{first}” and “{second}” as not duplicates"
    undo(qtbot, window)
    assert services.duplicates.distinct_pairs("contact") == set()
    assert [c.pair for c in dialog.model.candidates] == pairs  # back in its place, chosen again
    assert dialog.current().pair == chosen.pair
    redo(qtbot, window)
    assert services.duplicates.distinct_pairs("contact") == {chosen.pair}
    assert [c.pair for c in dialog.model.candidates] == pairs[1:]
    dialog.close()
    undo(qtbot, window)  # the dialog closed meanwhile: a new scan proposes the pair again
    dialog = scanned(qtbot, window, services)
    assert sorted(c.pair for c in dialog.model.candidates) == sorted(pairs)


def john_and_jon(services) -> list[int]:
    """Two people one scan proposes as duplicates (same e-mail, like names)."""
    return [services.contacts.create(ContactDraft(given_name=name, family_name="Smith",
                                                  emails=[Channel("john@acme.com")]))
            for name in ("John", "Jon")]


def test_a_pair_undone_after_one_of_it_was_trashed_is_not_shown_again(qtbot, window, services):
    ids = john_and_jon(services)
    dialog = scanned(qtbot, window, services)
    dialog.view.selectRow(0)
    dialog.mark_current_distinct()
    assert dialog.model.rowCount() == 0
    services.contacts.delete([ids[1]])  # from another window
    undo(qtbot, window)
    assert services.duplicates.distinct_pairs("contact") == set()  # the mark is taken back
    assert dialog.model.rowCount() == 0  # but a pair with a trashed person is not listed
    assert "trash" in dialog.status.text()


def test_a_pair_marked_already_leaves_nothing_to_undo(qtbot, window, services):
    ids = john_and_jon(services)
    dialog = scanned(qtbot, window, services)
    dialog.view.selectRow(0)
    services.duplicates.mark_distinct("contact", *ids)  # another window
    dialog.mark_current_distinct()
    assert dialog.model.rowCount() == 0
    assert not window.undo_history.stack.canUndo()
