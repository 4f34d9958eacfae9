"""One undo history for the window: Ctrl+Z / Ctrl+Shift+Z across pages, honest when things changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from undo_support import CTRL, recorded_reports, redo, shown_window, undo

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.customer import Target
from crm_desktop.core.deals import DealDraft
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.ui import main_window as mw
from crm_desktop.ui.duplicates.dialog import DuplicatesDialog
from crm_desktop.ui.duplicates.merge_dialog import MergeDialog
from crm_desktop.ui.main_window import PAGE_COMPANIES, PAGE_PIPELINE, PAGE_TRASH
from crm_desktop.ui.undo import history_of


@pytest.fixture
def window(qtbot, services):
    with shown_window(qtbot, services) as win:
        yield win


@pytest.fixture
def reports(monkeypatch) -> list[tuple[str, str]]:
    return recorded_reports(monkeypatch)


def select_all(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.view.selectAll()


def test_the_edit_menu_names_the_operation_and_offers_the_platform_keys(window, services):
    history = window.undo_history
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert menu.actions()[:2] == [history.undo_action, history.redo_action]
    assert menu.actions()[-1] is history.view_action
    assert (history.undo_action.text(), history.undo_action.isEnabled()) == ("&Undo", False)
    assert QKeySequence("Ctrl+Z") in history.undo_action.shortcuts()
    redo_keys = history.redo_action.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in redo_keys
    assert len(redo_keys) == len({k.toString() for k in redo_keys})  # each once: no ambiguous shortcut
    assert set(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)) <= set(redo_keys)  # Ctrl+Y on Windows


def test_edit_undo_redo_on_the_persons_details(qtbot, window, services):
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", title="Buyer"))
    window.open_contact(ann)
    details = window.customer_area.page.details_panel
    details.load()
    assert details.undo_button.isHidden()  # in the window, Edit ▸ Undo stands for it
    details.editors["title"].setText("Head of buying")
    details._set_dirty(True)
    assert details.save()
    assert window.undo_history.undo_action.text() == "&Undo Edit “Ann Lee”"
    window.setFocus()
    undo(qtbot, window)
    assert services.contacts.get(ann).data.title == "Buyer"
    assert window.undo_history.redo_action.text() == "&Redo Edit “Ann Lee”"
    assert window.statusBar().currentMessage() == "Undone: Edit “Ann Lee”"
    redo(qtbot, window)
    assert services.contacts.get(ann).data.title == "Head of buying"


def test_an_edit_changed_elsewhere_since_is_not_overwritten(qtbot, window, services, reports, monkeypatch):
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", title="Buyer"))

    def edit_in_dialog(cls, parent, s, contact_id=None):
        draft = s.contacts.get(contact_id).data
        draft.title = "CEO"
        s.contacts.update(contact_id, draft)
        return contact_id

    monkeypatch.setattr(mw.ContactDialog, "ask", classmethod(edit_in_dialog))
    window.edit_contact(ann)
    draft = services.contacts.get(ann).data
    draft.title = "CFO"  # another window, another process
    services.contacts.update(ann, draft)
    undo(qtbot, window)
    assert services.contacts.get(ann).data.title == "CFO"
    assert reports == [("Cannot undo", "Not undone: Edit “Ann Lee”.\n“Ann Lee” was changed elsewhere since, "
                                       "and that change is kept. Look at it and change it again by hand "
                                       "if needed.")]
    assert not window.undo_history.undo_action.isEnabled()  # it left the history


def test_a_new_person_is_undone_by_moving_it_to_the_trash(qtbot, window, services, monkeypatch):
    made = []
    monkeypatch.setattr(mw.ContactDialog, "ask", classmethod(
        lambda cls, parent, s: made.append(s.contacts.create(ContactDraft(given_name="Zoe"))) or made[-1]))
    window.new_contact()
    assert window.undo_history.undo_action.text() == "&Undo New person “Zoe”"
    undo(qtbot, window)
    assert not services.contacts.exists(made[0])
    redo(qtbot, window)
    assert services.contacts.exists(made[0])


def test_deleting_people_from_the_list_is_undone_and_redone(qtbot, window, services, monkeypatch):
    ids = [services.contacts.create(ContactDraft(given_name=n)) for n in ("Ann", "Bob")]
    page = window.contacts_page
    select_all(qtbot, page)
    monkeypatch.setattr(page.bulk, "_confirm_delete", lambda n: True)
    page.bulk.delete_action.trigger()
    assert not any(services.contacts.exists(i) for i in ids)
    assert window.undo_history.undo_action.text() == "&Undo Delete 2 people"
    undo(qtbot, window)
    assert all(services.contacts.exists(i) for i in ids)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    redo(qtbot, window)
    assert not any(services.contacts.exists(i) for i in ids)


def test_undo_of_a_delete_after_the_trash_was_emptied_says_so(qtbot, window, services, reports, monkeypatch):
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    page = window.contacts_page
    select_all(qtbot, page)
    monkeypatch.setattr(page.bulk, "_confirm_delete", lambda n: True)
    page.bulk.delete_action.trigger()
    services.trash.empty()
    undo(qtbot, window)
    assert reports and "deleted for good" in reports[0][1]
    assert not services.contacts.exists(ann)


def test_bulk_tagging_companies_is_undone_only_where_it_tagged(qtbot, window, services, monkeypatch):
    acme = services.companies.create(CompanyDraft(name="Acme", tags=["Partner"]))
    globex = services.companies.create(CompanyDraft(name="Globex"))
    window.show_page(PAGE_COMPANIES)
    page = window.companies_page
    select_all(qtbot, page)
    monkeypatch.setattr(page.bulk, "_ask_tag", lambda names, editable: "partner")
    page.bulk.add_tag_action.trigger()
    assert services.companies.tags_for([acme, globex]) == {acme: ["Partner"], globex: ["Partner"]}
    assert window.undo_history.undo_action.text() == "&Undo Add tag “Partner” to 1 company"
    undo(qtbot, window)
    assert services.companies.tags_for([acme, globex]) == {acme: ["Partner"]}
    redo(qtbot, window)
    assert services.companies.tags_for([globex]) == {globex: ["Partner"]}


def test_removing_a_tag_and_assigning_an_owner_in_bulk_are_undone(qtbot, window, services, monkeypatch):
    bob = services.lookups.create_user("Bob")
    ids = [services.contacts.create(ContactDraft(given_name=n, tags=["VIP"])) for n in ("Ann", "Cy")]
    owners = [services.contacts.get(i).data.owner_id for i in ids]
    page = window.contacts_page
    select_all(qtbot, page)
    monkeypatch.setattr(page.bulk, "_ask_tag", lambda names, editable: "VIP")
    page.bulk.remove_tag_action.trigger()
    assert services.contacts.tags_for(ids) == {}
    monkeypatch.setattr(page.bulk, "_ask_owner", lambda names: "Bob")
    page.bulk.owner_action.trigger()
    assert [services.contacts.get(i).data.owner_id for i in ids] == [bob, bob]
    assert window.undo_history.undo_action.text() == "&Undo Give 2 people to Bob"
    undo(qtbot, window)
    assert [services.contacts.get(i).data.owner_id for i in ids] == owners
    undo(qtbot, window)
    assert services.contacts.tags_for(ids) == {i: ["VIP"] for i in ids}


def test_a_stage_move_on_the_board_is_undone_and_redone(qtbot, window, services, reports):
    stages = services.pipelines.default().stages
    deal = services.deals.create(DealDraft("Acme deal", stage_id=stages[0].id, currency="USD"))
    window.show_page(PAGE_PIPELINE)
    page = window.pipeline_page
    button = page.undo_button.defaultAction()
    assert button is window.undo_history.undo_button_action and not button.isEnabled()
    page.move_deal(deal, services.deals.get(deal).version, stages[2].id)
    assert window.undo_history.undo_action.text() == "&Undo Move “Acme deal” to Proposal/Quote"
    assert (button.text(), button.toolTip()) == ("Undo", "Undo Move “Acme deal” to Proposal/Quote")
    page.undo_button.click()
    assert services.deals.get(deal).stage_id == stages[0].id
    redo(qtbot, window)
    undo(qtbot, window)
    assert services.deals.get(deal).stage_id == stages[0].id
    redo(qtbot, window)
    assert services.deals.get(deal).stage_id == stages[2].id
    services.deals.move(deal, stages[1].id)  # moved elsewhere since
    undo(qtbot, window)
    assert services.deals.get(deal).stage_id == stages[1].id
    assert reports[0][0] == "Cannot undo" and "changed elsewhere" in reports[0][1]


def test_won_and_a_deleted_deal_on_the_board_are_undone(qtbot, window, services, monkeypatch):
    from crm_desktop.ui.pipeline import page as pipeline_page

    stages = services.pipelines.default().stages
    deal = services.deals.create(DealDraft("Acme deal", stage_id=stages[1].id, currency="USD",
                                           value_minor=500))
    window.show_page(PAGE_PIPELINE)
    page = window.pipeline_page
    monkeypatch.setattr(pipeline_page.WonDialog, "ask", classmethod(lambda cls, *a: (700, None)))
    page.win_deal(deal)
    assert services.deals.get(deal).status == "won"
    assert window.undo_history.undo_action.text() == "&Undo Mark “Acme deal” as won"
    undo(qtbot, window)
    assert (services.deals.get(deal).status, services.deals.get(deal).value_minor) == ("open", 500)
    redo(qtbot, window)
    assert services.deals.get(deal).status == "won"
    monkeypatch.setattr(pipeline_page.QMessageBox, "question",
                        lambda *a: pipeline_page.QMessageBox.StandardButton.Yes)
    page.delete_deal(deal)
    assert window.undo_history.undo_action.text() == "&Undo Delete “Acme deal”"
    undo(qtbot, window)
    assert services.deals.get(deal).status == "won"


def test_a_merge_is_undone_and_merged_again(qtbot, window, services, monkeypatch):
    john = services.contacts.create(ContactDraft(given_name="John", family_name="Smith",
                                                 emails=[Channel("john@acme.com")]))
    jon = services.contacts.create(ContactDraft(given_name="Jon", family_name="Smith", city="Oslo",
                                                emails=[Channel("JOHN@ACME.COM")]))
    dialog = DuplicatesDialog.show_for(window, services)
    dialog.start_scan()
    qtbot.waitUntil(dialog.scan_button.isEnabled, timeout=10_000)
    dialog.view.selectRow(0)
    monkeypatch.setattr(MergeDialog, "ask", lambda parent, s, entity, a, b: s.merges.merge(
        entity, a, b, {"city": "other"}))
    dialog.review_current()
    survivor, other = (john, jon) if services.contacts.exists(john) else (jon, john)
    assert not services.contacts.exists(other)
    assert window.undo_history.undo_action.text().startswith("&Undo Merge “")
    dialog.shutdown()
    dialog.close()
    undo(qtbot, window)
    assert services.contacts.exists(other)
    redo(qtbot, window)
    assert not services.contacts.exists(other)
    assert services.contacts.get(survivor).data.city == "Oslo"


def test_restore_this_value_from_the_timeline_is_an_undoable_edit(qtbot, window, services):
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", title="Buyer"))
    draft = services.contacts.get(ann).data
    draft.title = "CEO"
    services.contacts.update(ann, draft)
    window.open_contact(ann)
    page = window.customer_area.page
    entry = next(page.model.entry(r) for r in range(page.model.rowCount())
                 if page.model.entry(r).source == "field_change")
    assert (entry.title, entry.body, entry.outcome) == ("title", "Buyer", "CEO")
    assert page.restore_value(entry)
    assert services.contacts.get(ann).data.title == "Buyer"
    latest = services.history.changes("contact", ann)[0]
    assert (latest.field, latest.old, latest.new) == ("title", "CEO", "Buyer")
    assert window.undo_history.undo_action.text() == "&Undo Restore Title of “Ann Lee”"
    undo(qtbot, window)
    assert services.contacts.get(ann).data.title == "CEO"


def test_tags_on_the_customer_page_and_a_deleted_note_are_undone(qtbot, window, services):
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    note = services.activities.log(ActivityDraft("note", subject="Called back", contact_id=ann))
    window.open_contact(ann)
    page = window.customer_area.page
    page._on_tag_added("Gold")
    assert services.contacts.get(ann).data.tags == ["Gold"]
    entry = next(page.model.entry(r) for r in range(page.model.rowCount())
                 if page.model.entry(r).source == "activity")
    page.delete_entry(entry)
    assert not page.undo_action.isVisible()  # the window's undo stands for the page's own
    assert window.undo_history.undo_action.text() == "&Undo Delete “Called back”"
    undo(qtbot, window)
    assert [i.record_id for i in services.trash.items() if i.kind == "activity"] == []
    undo(qtbot, window)
    assert services.contacts.get(ann).data.tags == []
    assert note


def test_restoring_from_the_trash_is_undone(qtbot, window, services):
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    services.contacts.delete([ann])
    window.show_page(PAGE_TRASH)
    page = window.trash_page
    page.restore(services.trash.items())
    assert services.contacts.exists(ann)
    assert window.undo_history.undo_action.text() == "&Undo Restore “Ann Lee”"
    undo(qtbot, window)
    assert not services.contacts.exists(ann)


def test_a_text_field_keeps_its_own_ctrl_z(qtbot, window, services, monkeypatch):
    ann = services.contacts.create(ContactDraft(given_name="Ann"))
    page = window.contacts_page
    select_all(qtbot, page)
    monkeypatch.setattr(page.bulk, "_ask_tag", lambda names, editable: "VIP")
    page.bulk.add_tag_action.trigger()
    edit = page.filter_bar.edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "abc")
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.text() == ""  # the typing was undone ...
    assert services.contacts.get(ann).data.tags == ["VIP"]  # ... not the tagging


def test_pages_outside_a_window_keep_their_own_undo(qtbot, services, bridge):
    from crm_desktop.ui.customer.page import CustomerPage

    ann = services.contacts.create(ContactDraft(given_name="Ann"))
    page = CustomerPage(services, bridge, Target("contact", ann))
    qtbot.addWidget(page)
    assert history_of(page) is None
    assert not page.details_panel.undo_button.isHidden()


def test_the_history_view_lists_the_session_and_goes_back_to_a_step(qtbot, window, services, monkeypatch):
    ids = [services.contacts.create(ContactDraft(given_name=n)) for n in ("Ann", "Bob")]
    page = window.contacts_page
    select_all(qtbot, page)
    for tag in ("A", "B"):
        monkeypatch.setattr(page.bulk, "_ask_tag", lambda names, editable, tag=tag: tag)
        page.bulk.add_tag_action.trigger()
    window.undo_history.view_action.trigger()
    view = window.undo_history.show_view().view
    model = view.model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "<session start>", "Add tag “A” to 2 people", "Add tag “B” to 2 people"]
    view.setCurrentIndex(model.index(0, 0))  # back to the start: both undone, newest first
    assert services.contacts.tags_for(ids) == {}
    assert window.undo_history.redo_action.text() == "&Redo Add tag “A” to 2 people"
    view.setCurrentIndex(model.index(2, 0))
    assert services.contacts.tags_for(ids) == {i: ["A", "B"] for i in ids}
    window.undo_history.show_view().close()


def test_a_restored_backup_clears_the_history(qtbot, window, services, monkeypatch):
    from crm_desktop.services import Change

    services.contacts.create(ContactDraft(given_name="Ann"))
    page = window.contacts_page
    select_all(qtbot, page)
    monkeypatch.setattr(page.bulk, "_ask_tag", lambda names, editable: "VIP")
    page.bulk.add_tag_action.trigger()
    assert window.undo_history.undo_action.isEnabled()
    services.changes.emit(Change("all", "reset"))  # what BackupService.restore announces
    qtbot.waitUntil(lambda: not window.undo_history.undo_action.isEnabled())
    assert window.undo_history.undo_action.text() == "&Undo"


def test_a_deal_created_from_the_persons_page_is_undone_by_the_trash(qtbot, window, services, monkeypatch):
    from crm_desktop.ui.pipeline import dialogs as deal_dialogs

    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    stage = services.pipelines.default().stages[0].id
    monkeypatch.setattr(deal_dialogs.DealDialog, "ask", classmethod(
        lambda cls, parent, s, **ids: s.deals.create(DealDraft("Renewal", stage_id=stage, currency="USD",
                                                               **ids))))
    window.open_contact(ann)
    deal = window.customer_area.page.create_deal()
    assert window.undo_history.undo_action.text() == "&Undo New deal “Renewal”"
    undo(qtbot, window)
    assert [(i.kind, i.record_id) for i in services.trash.items()] == [("deal", deal)]


def test_a_file_deleted_on_the_files_tab_comes_back_with_ctrl_z(qtbot, window, services, tmp_path):
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    doc = tmp_path / "offer.pdf"
    doc.write_bytes(b"%PDF-1.4 offer")
    window.open_contact(ann)
    page = window.customer_area.page
    file_id = page.attach_file(str(doc))
    panel = page.files_panel
    panel.reload()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel._on_delete_button_clicked()
    assert [i.record_id for i in services.trash.items()] == [file_id]
    assert panel.undo_button.isHidden()  # the window's undo stands for the panel's own
    assert window.undo_history.undo_action.text() == "&Undo Delete “offer.pdf”"
    undo(qtbot, window)
    assert services.trash.items() == []


def test_a_deal_edited_in_its_dialog_is_undone_unless_changed_since(qtbot, window, services, reports,
                                                                   monkeypatch):
    from crm_desktop.ui.pipeline import page as pipeline_page

    stage = services.pipelines.default().stages[0].id
    deal = services.deals.create(DealDraft("Acme deal", stage_id=stage, currency="USD", value_minor=500))

    def edit(cls, parent, s, deal_id):
        current = s.deals.get(deal_id)
        draft = current.draft()
        draft.value_minor, draft.next_step = 900, "Call"
        s.deals.update(deal_id, draft, current.version)
        return deal_id

    monkeypatch.setattr(pipeline_page.DealDialog, "ask", classmethod(edit))
    window.show_page(PAGE_PIPELINE)
    window.pipeline_page.edit_deal(deal)
    assert window.undo_history.undo_action.text() == "&Undo Edit “Acme deal”"
    undo(qtbot, window)
    assert (services.deals.get(deal).value_minor, services.deals.get(deal).next_step) == (500, "")
    redo(qtbot, window)
    assert services.deals.get(deal).value_minor == 900
    current = services.deals.get(deal)
    draft = current.draft()
    draft.notes = "changed elsewhere"
    services.deals.update(deal, draft, current.version)
    undo(qtbot, window)
    assert services.deals.get(deal).value_minor == 900 and reports[0][0] == "Cannot undo"


def test_actions_on_every_record_of_a_segment_are_undone(qtbot, window, services, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from crm_desktop.core.segments import Condition, Group
    from crm_desktop.ui.segments import show_segment

    ids = [services.contacts.create(ContactDraft(given_name=n, city="Berlin")) for n in ("Ann", "Bob")]
    other = services.contacts.create(ContactDraft(given_name="Cy", city="Paris"))
    sid = services.segments.create("Berlin", "contact", Group("all", (Condition("city", "is", "Berlin"),)))
    page = show_segment(window, sid)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("fair", True))
    page.tag_all()
    assert window.undo_history.undo_action.text() == "&Undo Add tag “fair” to 2 people"
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    page.delete_all()
    assert not any(services.contacts.exists(i) for i in ids) and services.contacts.exists(other)
    undo(qtbot, window)
    assert all(services.contacts.exists(i) for i in ids)
    undo(qtbot, window)
    assert services.contacts.tags_for(ids) == {}
    window.segments_panel.shutdown()
    for segment_page in window._segment_pages.values():
        segment_page.model.shutdown()


def test_a_deleted_task_goes_to_the_trash_and_comes_back_with_ctrl_z(qtbot, window, services, monkeypatch):
    from crm_desktop.core.tasks import TaskDraft
    from crm_desktop.ui.main_window import PAGE_REMINDERS
    from crm_desktop.ui.reminders import page as reminders_page

    task = services.tasks.create(TaskDraft("Call Ann", due_at=services.ctx.clock.now()))
    window.show_page(PAGE_REMINDERS)
    page = window.reminders_page
    monkeypatch.setattr(page, "current_id", lambda: task)
    monkeypatch.setattr(reminders_page.QMessageBox, "question",
                        lambda *a: reminders_page.QMessageBox.StandardButton.Yes)
    page.delete_task()
    assert [(i.kind, i.record_id, i.name) for i in services.trash.items()] == [("task", task, "Call Ann")]
    assert window.undo_history.undo_action.text() == "&Undo Delete “Call Ann”"
    undo(qtbot, window)
    assert services.trash.items() == [] and services.tasks.get(task).title == "Call Ann"
    redo(qtbot, window)
    window.show_page(PAGE_TRASH)
    assert window.trash_page.model.index(0, 0).data() == "Task"


def test_an_operation_on_many_records_runs_off_the_ui_thread(qtbot, window, services, monkeypatch):
    import threading

    from crm_desktop.ui.undo import history as undo_history

    monkeypatch.setattr(undo_history, "BACKGROUND_AT", 3)
    ids = [services.contacts.create(ContactDraft(given_name=n)) for n in ("Ann", "Bob", "Cy")]
    threads: list[str] = []
    for name in ("delete", "restore"):
        real = getattr(services.contacts, name)
        monkeypatch.setattr(services.contacts, name, lambda i, real=real: threads.append(
            threading.current_thread().name) or real(i))
    closes: list[str] = []  # the database's close hooks (e.g. the segment counters' connections)
    services.ctx.storage.database.db.on_close.append(lambda: closes.append("closed"))
    page = window.contacts_page
    select_all(qtbot, page)
    monkeypatch.setattr(page.bulk, "_confirm_delete", lambda n: True)
    page.bulk.delete_action.trigger()
    assert not any(services.contacts.exists(i) for i in ids)
    undo(qtbot, window)
    assert all(services.contacts.exists(i) for i in ids)
    assert len(threads) == 2 and all(t.startswith("undo") for t in threads)
    assert closes == []  # only the worker thread's own connection was closed, not the database
    assert threading.current_thread() is threading.main_thread()


def test_what_fails_off_the_ui_thread_is_told_like_the_rest(qtbot, window, services, reports, monkeypatch):
    from crm_desktop.ui.undo import history as undo_history

    monkeypatch.setattr(undo_history, "BACKGROUND_AT", 1)
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    page = window.contacts_page
    select_all(qtbot, page)
    monkeypatch.setattr(page.bulk, "_confirm_delete", lambda n: True)
    page.bulk.delete_action.trigger()
    services.trash.empty()
    undo(qtbot, window)
    assert reports[0][0] == "Cannot undo" and "deleted for good" in reports[0][1]
    assert not services.contacts.exists(ann) and not window.undo_history.undo_action.isEnabled()
