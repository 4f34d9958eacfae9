"""The contact and company list pages, driven as a user would."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QItemSelectionModel, QLocale, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView

from crm_desktop.core.errors import StorageError, StorageProblem
from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.core.settings import Settings
from crm_desktop.core.synth import Synth
from crm_desktop.ui.companies_page import CompaniesPage, CompanyTableModel
from crm_desktop.ui.contacts_page import ChoiceListModel, ContactsPage, ContactTableModel
from crm_desktop.ui.table_models import ID_ROLE

PEOPLE = 300
FIRMS = ("Acme Trading", "Blue River Foods", "Cedar Logistics")


@dataclass
class Crowd:
    drafts: list[ContactDraft]
    owner_ids: list[int]
    company_ids: dict[str, int]


@pytest.fixture
def crowd(services) -> Crowd:
    owner_ids = [services.lookups.create_user(n) for n in ("Alex Morgan", "Sam Lee")]
    company_ids = {name: services.companies.create(CompanyDraft(name=name, owner_id=owner_ids[0]))
                   for name in FIRMS}
    drafts = list(Synth(21).contacts(PEOPLE, list(FIRMS), [*owner_ids, None]))
    services.contacts.create_many(drafts)
    return Crowd(drafts, owner_ids, company_ids)


@pytest.fixture
def open_page(services, bridge, qtbot):
    """Opens pages and keeps them referenced until pytest-qt has closed them.

    A page dropped by a test while Qt still paints could be collected mid-paint.
    """
    pages = []

    def open_(kind):
        page = kind(services, bridge)
        qtbot.addWidget(page)
        pages.append(page)
        page.resize(1100, 600)
        page.show()
        qtbot.waitExposed(page)
        return page

    yield open_
    for page in pages:
        page.model.shutdown()  # before the services close


@pytest.fixture
def contacts_page(open_page, crowd):
    return open_page(ContactsPage)


@pytest.fixture
def companies_page(open_page, crowd):
    return open_page(CompaniesPage)


def select_rows(view: QTableView, *rows: int) -> None:
    selection = view.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(view.model().index(row, 0), flags)
    selection.setCurrentIndex(view.model().index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)


def cell_center(view: QTableView, row: int, column: int) -> QPoint:
    return view.visualRect(view.model().index(row, column)).center()


def header_point(view: QTableView, column: int) -> QPoint:
    header = view.horizontalHeader()
    return QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)


def double_click(widget, pos: QPoint) -> None:
    """A user's double click: QTest's double click alone lacks the first press and release."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def right_click(widget, pos: QPoint) -> None:
    """What a right mouse click delivers: QTest's click alone brings no context-menu event."""
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)


@contextlib.contextmanager
def no_status_posted(page):
    posted = []
    page.status_posted.connect(posted.append)
    yield
    page.status_posted.disconnect(posted.append)
    assert posted == [], "nothing was done, so nothing is reported as done"


def many(n: int, noun: str) -> str:
    return f"{QLocale().toString(n)} {noun}"


def settle(qtbot, page) -> None:
    """Wait until the page shows the rows its filters ask for (they are read off the UI thread)."""
    qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=10_000)


# -- filtering ---------------------------------------------------------------------------
def test_the_count_label_names_how_many_are_listed(contacts_page, companies_page):
    assert contacts_page.count_label.text() == many(PEOPLE, "people")
    assert companies_page.count_label.text() == many(len(FIRMS), "companies")


def test_typing_in_the_filter_narrows_the_view_and_escape_clears_it(services, contacts_page, qtbot):
    wanted = services.contacts.create(ContactDraft(given_name="Zebulon", family_name="Quixote"))
    edit = contacts_page.filter_bar.edit
    assert edit.placeholderText() == "Filter this list"
    qtbot.keyClicks(edit, "Quixote")
    qtbot.waitUntil(lambda: contacts_page.model.rowCount() == 1)
    assert contacts_page.view.model().index(0, 0).data() == "Zebulon Quixote"
    assert contacts_page.model.record_id(0) == wanted
    assert contacts_page.count_label.text() == "1 person"
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.text() == ""
    qtbot.waitUntil(lambda: contacts_page.model.rowCount() == PEOPLE + 1)


def test_choosing_a_tag_shows_only_people_with_it(contacts_page, crowd, qtbot):
    combo = contacts_page.filter_bar.tag_combo
    assert combo.itemText(0) == "All tags"
    with qtbot.waitSignal(contacts_page.model.modelReset):
        combo.setCurrentIndex(combo.findText("VIP"))
    expected = sum("VIP" in d.tags for d in crowd.drafts)
    assert contacts_page.model.rowCount() == expected
    assert contacts_page.count_label.text() == many(expected, "people")
    record = contacts_page.model.record_id(0)
    assert "VIP" in contacts_page.model.index(0, ContactTableModel.COL_TAGS).data().split(", ")
    assert record is not None
    combo.setCurrentIndex(0)
    settle(qtbot, contacts_page)
    assert contacts_page.model.rowCount() == PEOPLE


def test_choosing_an_owner_and_a_company(contacts_page, crowd, qtbot):
    owners = contacts_page.filter_bar.owner_combo
    owners.setCurrentIndex(owners.findText("Sam Lee"))
    owner = crowd.owner_ids[1]
    settle(qtbot, contacts_page)
    assert contacts_page.model.rowCount() == sum(d.owner_id == owner for d in crowd.drafts)
    companies = contacts_page.company_combo
    qtbot.keyClicks(companies.lineEdit(), "cedar logistics")
    qtbot.keyClick(companies.lineEdit(), Qt.Key.Key_Return)
    assert companies.company_id() == crowd.company_ids["Cedar Logistics"]
    settle(qtbot, contacts_page)
    assert contacts_page.model.rowCount() == sum(
        d.owner_id == owner and d.company_name == "Cedar Logistics" for d in crowd.drafts)


def test_a_company_can_be_picked_from_the_completion_popup(contacts_page, crowd, qtbot):
    combo = contacts_page.company_combo
    qtbot.keyClicks(combo.lineEdit(), "river")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    with qtbot.waitSignal(contacts_page.model.modelReset):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.company_id() == crowd.company_ids["Blue River Foods"]
    assert contacts_page.model.rowCount() == sum(d.company_name == "Blue River Foods" for d in crowd.drafts)
    combo.lineEdit().clear()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    settle(qtbot, contacts_page)
    assert combo.company_id() is None and contacts_page.model.rowCount() == PEOPLE


def test_company_choices_model_passes_the_model_tester(qtmodeltester, qapp):
    choices = ChoiceListModel()
    qtmodeltester.check(choices)
    choices.set_entries([(None, "All companies"), (4, "Acme"), (9, "Beta")])
    assert choices.row_of(9) == 2 and choices.row_of(5) == -1
    assert choices.index(0).data() == "All companies"
    assert choices.index(0).data(Qt.ItemDataRole.EditRole) == ""
    assert choices.index(1).data(ID_ROLE) == 4


def test_set_company_filter_shows_the_people_of_one_company(contacts_page, crowd, services, qtbot):
    contacts_page.set_company_filter(crowd.company_ids["Acme Trading"])
    assert contacts_page.company_combo.currentText() == "Acme Trading"
    settle(qtbot, contacts_page)
    assert contacts_page.model.rowCount() == sum(d.company_name == "Acme Trading" for d in crowd.drafts)
    newcomer = services.companies.create(CompanyDraft(name="Dune Partners"))
    contacts_page.set_company_filter(newcomer)
    assert contacts_page.company_combo.currentText() == "Dune Partners"
    settle(qtbot, contacts_page)
    assert contacts_page.model.rowCount() == 0
    contacts_page.set_company_filter(None)
    settle(qtbot, contacts_page)
    assert contacts_page.model.rowCount() == PEOPLE


def test_focus_filter_puts_the_cursor_in_the_filter_box(contacts_page, qtbot):
    contacts_page.activateWindow()
    contacts_page.view.setFocus()
    contacts_page.focus_filter()
    qtbot.waitUntil(contacts_page.filter_bar.edit.hasFocus)


# -- header: sorting and columns ---------------------------------------------------------
def test_header_clicks_sort_only_sortable_columns(contacts_page, services, qtbot):
    view, model = contacts_page.view, contacts_page.model
    header = view.horizontalHeader()
    with qtbot.waitSignal(model.modelReset):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=header_point(view, ContactTableModel.COL_CITY))
    assert model.query.sort == "city"
    assert header.sortIndicatorSection() == ContactTableModel.COL_CITY
    first = [row[0] for row in services.contacts.page(model.query, 0, 5)]
    assert [model.record_id(r) for r in range(5)] == first
    with qtbot.assertNotEmitted(model.modelReset):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=header_point(view, ContactTableModel.COL_TAGS))
    assert model.query.sort == "city"
    assert header.sortIndicatorSection() == ContactTableModel.COL_CITY
    assert header.sortIndicatorOrder() == model.sort_order()


def test_header_right_click_toggles_columns_and_the_choice_is_kept(services, open_page, contacts_page, qtbot):
    view = contacts_page.view
    assert view.isColumnHidden(ContactTableModel.COL_COUNTRY)
    header = view.horizontalHeader()
    right_click(header.viewport(), header_point(view, 0))
    menu = contacts_page.header.menu
    qtbot.waitUntil(menu.isVisible)
    actions = {a.text(): a for a in menu.actions()}
    assert not actions["Name"].isEnabled()
    actions["Country"].trigger()
    actions["Title"].trigger()
    menu.close()
    assert not view.isColumnHidden(ContactTableModel.COL_COUNTRY)
    assert view.isColumnHidden(ContactTableModel.COL_TITLE)
    saved = Settings.load(services.paths.settings).contact_columns
    assert "country" in saved and "title" not in saved and "name" in saved
    again = open_page(ContactsPage)
    assert not again.view.isColumnHidden(ContactTableModel.COL_COUNTRY)
    assert again.view.isColumnHidden(ContactTableModel.COL_TITLE)


def test_company_columns_are_saved_separately(services, companies_page):
    companies_page.header.rebuild_menu()
    action = next(a for a in companies_page.header.menu.actions() if a.data() == "website")
    action.trigger()
    assert companies_page.view.isColumnHidden(CompanyTableModel.COL_WEBSITE)
    assert "website" not in services.settings.company_columns
    assert services.settings.contact_columns == []


def test_selecting_everything_does_not_walk_every_row(open_page, crowd, qtbot, monkeypatch):
    calls = []
    original = ContactTableModel.rowCount

    def counted(self, *args):
        calls.append(1)
        return original(self, *args)

    # Before the page exists: Qt looks up a Python override once per object.
    monkeypatch.setattr(ContactTableModel, "rowCount", counted)
    page = open_page(ContactsPage)
    page.view.setFocus()
    calls.clear()
    page.grab()
    painting_alone = len(calls)
    calls.clear()
    qtbot.keyClick(page.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert page.view.selectionModel().hasSelection()
    page.grab()
    assert len(calls) - painting_alone < PEOPLE / 10, "painting asked about every selected row"


# -- opening -----------------------------------------------------------------------------
def test_double_click_and_enter_open_the_record(contacts_page, qtbot):
    view = contacts_page.view
    wanted = contacts_page.model.record_id(3)
    with qtbot.waitSignal(contacts_page.open_requested) as blocker:
        double_click(view.viewport(), cell_center(view, 3, 1))
    assert blocker.args == [wanted]
    select_rows(view, 5)
    view.setFocus()
    with qtbot.waitSignal(contacts_page.open_requested) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [contacts_page.model.record_id(5)]


def test_new_and_edit_actions_ask_the_window(contacts_page, qtbot):
    with qtbot.waitSignal(contacts_page.create_requested):
        contacts_page.new_action.trigger()
    select_rows(contacts_page.view, 2, 4)
    assert not contacts_page.edit_action.isEnabled()
    select_rows(contacts_page.view, 4)
    assert contacts_page.edit_action.isEnabled()
    with qtbot.waitSignal(contacts_page.edit_requested) as blocker:
        contacts_page.edit_action.trigger()
    assert blocker.args == [contacts_page.model.record_id(4)]


def test_right_click_on_a_row_offers_the_row_actions(contacts_page, qtbot):
    view = contacts_page.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=cell_center(view, 1, 0))
    right_click(view.viewport(), cell_center(view, 1, 0))
    qtbot.waitUntil(contacts_page.row_menu.isVisible)
    texts = [a.text() for a in contacts_page.row_menu.actions()]
    assert texts == ["Edit…", "Add tag…", "Remove tag…", "Assign owner…", "Delete"]
    assert contacts_page.bulk.delete_action.isEnabled()
    contacts_page.row_menu.close()


# -- bulk actions ------------------------------------------------------------------------
def test_bulk_add_and_remove_tag(contacts_page, services, qtbot, monkeypatch):
    view, model = contacts_page.view, contacts_page.model
    select_rows(view, 0, 1, 2)
    ids = [model.record_id(r) for r in (0, 1, 2)]
    untouched = model.record_id(3)
    offered = []
    monkeypatch.setattr(contacts_page.bulk, "_ask_tag",
                        lambda names, editable: offered.append((names, editable)) or "  Hot   lead ")
    with qtbot.waitSignal(contacts_page.status_posted) as blocker:
        contacts_page.bulk.add_tag_action.trigger()
    assert blocker.args == ["Tag “Hot lead” added to 3 people."]
    assert offered[0][1] is True and "VIP" in offered[0][0]
    assert all("Hot lead" in services.contacts.get(i).data.tags for i in ids)
    assert "Hot lead" not in services.contacts.get(untouched).data.tags
    tags = contacts_page.filter_bar.tag_combo
    qtbot.waitUntil(lambda: tags.findText("Hot lead") >= 0)

    select_rows(view, *[r for r in range(model.rowCount()) if model.record_id(r) in ids[:2]])
    monkeypatch.setattr(contacts_page.bulk, "_ask_tag",
                        lambda names, editable: offered.append((names, editable)) or "Hot lead")
    contacts_page.bulk.remove_tag_action.trigger()
    assert offered[1][1] is False and "Hot lead" in offered[1][0]
    assert [("Hot lead" in services.contacts.get(i).data.tags) for i in ids] == [False, False, True]


def test_bulk_delete_asks_first_and_moves_to_the_trash(contacts_page, services, qtbot, monkeypatch):
    view, model = contacts_page.view, contacts_page.model
    select_rows(view, 10, 11)
    ids = [model.record_id(10), model.record_id(11)]
    asked = []
    monkeypatch.setattr(contacts_page.bulk, "_confirm_delete", lambda n: asked.append(n) or False)
    contacts_page.bulk.delete_action.trigger()
    assert asked == [2] and all(services.contacts.exists(i) for i in ids)
    monkeypatch.setattr(contacts_page.bulk, "_confirm_delete", lambda n: asked.append(n) or True)
    with qtbot.waitSignal(contacts_page.status_posted) as blocker:
        contacts_page.bulk.delete_action.trigger()
    assert blocker.args == ["2 people moved to the trash."]
    assert not any(services.contacts.exists(i) for i in ids)
    assert {i.record_id for i in services.trash.items()} == set(ids)
    assert model.rowCount() == PEOPLE - 2
    assert contacts_page.count_label.text() == many(PEOPLE - 2, "people")
    assert view.currentIndex().row() == 10, "the cursor stays where the deleted rows were"


def test_the_delete_key_deletes_the_selection(contacts_page, services, qtbot, monkeypatch):
    monkeypatch.setattr(contacts_page.bulk, "_confirm_delete", lambda n: n == 1)
    select_rows(contacts_page.view, 0)
    doomed = contacts_page.model.record_id(0)
    contacts_page.activateWindow()
    contacts_page.view.setFocus()
    qtbot.waitUntil(contacts_page.view.hasFocus)
    qtbot.keyClick(contacts_page.view, Qt.Key.Key_Delete)
    assert not services.contacts.exists(doomed)


def test_selection_is_kept_across_a_refresh(contacts_page, services, qtbot):
    view, model = contacts_page.view, contacts_page.model
    select_rows(view, 20, 21)
    kept = {model.record_id(20), model.record_id(21)}
    with qtbot.waitSignal(model.modelReset):
        services.contacts.create(ContactDraft(given_name="Aaron", family_name="Aardvark"))
    rows = [i.row() for i in view.selectionModel().selectedRows()]
    assert {model.record_id(r) for r in rows} == kept
    assert rows == [21, 22], "the new first row moved them down by one"


def test_a_failed_write_is_explained(contacts_page, services, monkeypatch):
    def locked(ids, name):
        raise StorageError(StorageProblem.LOCKED, "/data/crm.sqlite")

    shown = []
    monkeypatch.setattr(services.contacts, "add_tag", locked)
    monkeypatch.setattr(contacts_page.bulk, "_ask_tag", lambda names, editable: "Hot lead")
    monkeypatch.setattr(contacts_page.bulk, "show_error", shown.append)
    select_rows(contacts_page.view, 0)
    with no_status_posted(contacts_page):
        contacts_page.bulk.add_tag_action.trigger()
    assert len(shown) == 1 and "locked" in shown[0] and "/data/crm.sqlite" in shown[0]


# -- companies ---------------------------------------------------------------------------
def test_company_page_shows_people_of_the_chosen_company(companies_page, contacts_page, crowd, qtbot):
    companies_page.people_requested.connect(contacts_page.set_company_filter)
    row = next(r for r in range(companies_page.model.rowCount())
               if companies_page.model.index(r, 0).data() == "Blue River Foods")
    select_rows(companies_page.view, row)
    with qtbot.waitSignal(companies_page.people_requested) as blocker:
        companies_page.people_action.trigger()
    assert blocker.args == [crowd.company_ids["Blue River Foods"]]
    settle(qtbot, contacts_page)
    assert contacts_page.model.rowCount() == sum(d.company_name == "Blue River Foods" for d in crowd.drafts)


def test_company_bulk_tag_delete_and_open(companies_page, services, qtbot, monkeypatch):
    view, model = companies_page.view, companies_page.model
    assert [a.text() for a in companies_page.row_menu.actions()] == [
        "Edit…", "Show people", "Add tag…", "Remove tag…", "Assign owner…", "Delete"]
    select_rows(view, 0, 1)
    ids = [model.record_id(0), model.record_id(1)]
    monkeypatch.setattr(companies_page.bulk, "_ask_tag", lambda names, editable: "Reseller")
    companies_page.bulk.add_tag_action.trigger()
    assert all("Reseller" in services.companies.get(i).data.tags for i in ids)
    qtbot.waitUntil(lambda: "Reseller" in model.index(0, CompanyTableModel.COL_TAGS).data())
    select_rows(view, 1, 1)
    monkeypatch.setattr(companies_page.bulk, "_ask_tag", lambda names, editable: "Reseller")
    companies_page.bulk.remove_tag_action.trigger()
    assert "Reseller" in services.companies.get(ids[0]).data.tags
    assert "Reseller" not in services.companies.get(ids[1]).data.tags
    select_rows(view, 0, 1)
    monkeypatch.setattr(companies_page.bulk, "_confirm_delete", lambda n: n == 2)
    with qtbot.waitSignal(companies_page.status_posted) as blocker:
        companies_page.bulk.delete_action.trigger()
    assert blocker.args == ["2 companies moved to the trash."]
    assert model.rowCount() == len(FIRMS) - 2
    assert companies_page.count_label.text() == "1 company"
    with qtbot.waitSignal(companies_page.open_requested) as blocker:
        double_click(view.viewport(), cell_center(view, 0, 0))
    assert blocker.args == [model.record_id(0)]


# -- filtering and sorting off the UI thread ---------------------------------------------
class Held:
    """Holds the people service's count() for the queries ``when`` picks until ``release``,
    as a broad search or sort does at a million rows; notes the threads counts ran on."""

    def __init__(self, monkeypatch, services, when) -> None:
        self.started, self.release = threading.Event(), threading.Event()
        self.threads: set[int] = set()
        original = services.contacts.count

        def count(query=ListQuery()):
            self.threads.add(threading.get_ident())
            if when(query):
                self.started.set()
                self.release.wait(10)
            return original(query)

        monkeypatch.setattr(services.contacts, "count", count)


@pytest.fixture
def hold(monkeypatch, services):
    made = []

    def hold_(when) -> Held:
        made.append(Held(monkeypatch, services, when))
        return made[-1]

    yield hold_
    for held in made:
        held.release.set()  # before the page's teardown waits for its reads


def test_a_filter_is_read_off_the_ui_thread_and_arrives_by_signal(services, contacts_page, hold, qtbot):
    wanted = services.contacts.create(ContactDraft(given_name="Zebulon", family_name="Quixote"))
    held = hold(lambda query: False)
    with qtbot.waitSignal(contacts_page.model.count_changed, timeout=5000) as blocker:
        qtbot.keyClicks(contacts_page.filter_bar.edit, "Quixote")
    assert blocker.args == [1]
    assert held.threads and threading.get_ident() not in held.threads
    assert contacts_page.model.record_id(0) == wanted
    assert contacts_page.count_label.text() == "1 person"


def test_the_window_keeps_working_and_says_so_while_a_search_is_slow(contacts_page, services, hold, qtbot):
    services.contacts.create(ContactDraft(given_name="Alpha", family_name="Centauri"))
    held = hold(lambda query: query.search == "Alpha")
    ticks: list[float] = []
    timer = QTimer(contacts_page)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(5)
    first = contacts_page.model.index(0, 0).data()
    qtbot.keyClicks(contacts_page.filter_bar.edit, "Alpha")
    qtbot.waitUntil(lambda: contacts_page.count_label.text() == "Searching…")
    assert held.started.is_set() and contacts_page.busy_bar.isVisible()
    before = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= before + 20)  # the UI thread runs on while the count waits
    assert contacts_page.model.rowCount() == PEOPLE + 1, "the old rows stay meanwhile"
    assert contacts_page.view.model().index(0, 0).data() == first
    with qtbot.waitSignal(contacts_page.model.modelReset):
        held.release.set()
    assert contacts_page.count_label.text() == "1 person" and contacts_page.busy_bar.isHidden()
    assert contacts_page.model.index(0, 0).data() == "Alpha Centauri"


def test_typing_on_supersedes_a_slow_search(contacts_page, services, hold, qtbot):
    bravo = services.contacts.create(ContactDraft(given_name="Bravo", family_name="Zulu"))
    held = hold(lambda query: query.search == "Alpha")
    edit = contacts_page.filter_bar.edit
    qtbot.keyClicks(edit, "Alpha")
    qtbot.waitUntil(held.started.is_set)
    edit.clear()
    with qtbot.waitSignal(contacts_page.model.modelReset):
        qtbot.keyClicks(edit, "Bravo")
    held.release.set()
    contacts_page.model.shutdown()
    QApplication.processEvents()
    assert contacts_page.model.query.search == "Bravo" and contacts_page.model.record_id(0) == bravo
    assert contacts_page.count_label.text() == "1 person"


def test_a_slow_sort_says_so_and_keeps_the_header_on_the_order_asked_for(contacts_page, hold, qtbot):
    held = hold(lambda query: query.sort == "city")
    view, model = contacts_page.view, contacts_page.model
    header = view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header_point(view, ContactTableModel.COL_CITY))
    qtbot.waitUntil(lambda: contacts_page.count_label.text() == "Sorting…")
    assert model.query.sort == "name" and header.sortIndicatorSection() == ContactTableModel.COL_CITY
    with qtbot.waitSignal(model.modelReset):
        held.release.set()
    assert model.query.sort == "city" and contacts_page.count_label.text() == many(PEOPLE, "people")


def test_a_storage_error_while_filtering_is_shown_and_the_rows_stay(contacts_page, services, qtbot,
                                                                     monkeypatch):
    def locked(query=ListQuery()):
        raise StorageError(StorageProblem.LOCKED, "/data/crm.sqlite")

    shown = []
    monkeypatch.setattr(services.contacts, "count", locked)
    monkeypatch.setattr(contacts_page.bulk, "show_error", shown.append)
    first = contacts_page.model.record_id(0)
    qtbot.keyClicks(contacts_page.filter_bar.edit, "Quixote")
    qtbot.waitUntil(lambda: bool(shown))
    assert len(shown) == 1 and "locked" in shown[0] and "/data/crm.sqlite" in shown[0]
    assert contacts_page.model.rowCount() == PEOPLE and contacts_page.model.record_id(0) == first
    assert contacts_page.count_label.text() == many(PEOPLE, "people")


def test_a_failed_sort_puts_the_sort_indicator_back(contacts_page, services, qtbot, monkeypatch):
    def locked(query=ListQuery()):
        raise StorageError(StorageProblem.LOCKED, "/data/crm.sqlite")

    shown = []
    monkeypatch.setattr(services.contacts, "count", locked)
    monkeypatch.setattr(contacts_page.bulk, "show_error", shown.append)
    view = contacts_page.view
    header = view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header_point(view, ContactTableModel.COL_CITY))
    qtbot.waitUntil(lambda: bool(shown))
    assert header.sortIndicatorSection() == ContactTableModel.COL_NAME
    assert contacts_page.model.requested_query.sort == "name"
