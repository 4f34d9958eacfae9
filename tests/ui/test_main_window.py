"""The main window ties pages, search, dialogs and the status bar together."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from crm_desktop.core.customer import Target
from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.ui import main_window as mw
from crm_desktop.ui.companies_page import CompaniesPage
from crm_desktop.ui.contacts_page import ContactsPage
from crm_desktop.ui.global_search import GlobalSearch
from crm_desktop.ui.main_window import PAGE_COMPANIES, PAGE_CONTACTS, PAGE_TRASH, SIDEBAR_ICONS, MainWindow
from crm_desktop.ui.trash_page import TrashPage


@pytest.fixture
def window(qtbot, services):
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_sidebar_switches_pages_and_the_new_button_follows(window):
    assert window.stack.currentWidget() is window.contacts_page
    assert window.new_button.text() == "+ New person"
    window.show_page(PAGE_COMPANIES)
    assert window.stack.currentWidget() is window.companies_page
    assert window.new_button.text() == "+ New company"
    window.show_page(PAGE_TRASH)
    assert window.stack.currentWidget() is window.trash_page


def test_new_button_opens_the_dialog_of_the_current_page(window, monkeypatch):
    asked = []
    monkeypatch.setattr(mw.ContactDialog, "ask", classmethod(lambda cls, *a, **k: asked.append("person")))
    monkeypatch.setattr(mw.CompanyDialog, "ask", classmethod(lambda cls, *a, **k: asked.append("company")))
    window.new_button.click()
    window.show_page(PAGE_COMPANIES)
    window.new_button.click()
    assert asked == ["person", "company"]


def test_the_new_button_on_a_customers_page_says_what_it_makes(qtbot, window, services, monkeypatch):
    asked = []
    monkeypatch.setattr(mw.ContactDialog, "ask", classmethod(lambda cls, *a, **k: asked.append("person")))
    company = services.companies.create(CompanyDraft(name="Acme"))
    window.show_page(PAGE_COMPANIES)
    assert window.new_button.text() == "+ New company"
    window.open_company(company)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.customer_area)
    assert window.new_button.text() == "+ New person"
    window.new_button.click()
    assert asked == ["person"]


def test_ctrl_k_focuses_search_and_enter_opens_the_persons_page(qtbot, window, services):
    person = services.contacts.create(ContactDraft(given_name="Grace", family_name="Hopper"))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "hopp")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.customer_area)
    assert window.customer_area.page.target == Target("contact", person)


def test_status_bar_counts_follow_changes(qtbot, window, services):
    qtbot.waitUntil(lambda: window.counts_label.text() == "0 people  ·  0 companies")
    services.companies.create(CompanyDraft(name="Acme"))
    services.contacts.create(ContactDraft(given_name="Ada"))
    qtbot.waitUntil(lambda: window.counts_label.text() == "1 person  ·  1 company")


def test_demo_data_fills_the_lists(qtbot, window, monkeypatch):
    monkeypatch.setattr(window, "_confirm_demo", lambda: True)
    window.load_demo_data()
    qtbot.waitUntil(lambda: window.contacts_page.model.rowCount() == 400)
    assert window.statusBar().currentMessage() == "Added demo data: 400 people and 150 companies."


def test_show_people_of_a_company_filters_the_people_list(qtbot, window, services):
    acme = services.companies.create(CompanyDraft(name="Acme"))
    services.contacts.create(ContactDraft(given_name="In", company_id=acme))
    services.contacts.create(ContactDraft(given_name="Out"))
    window.show_page(PAGE_COMPANIES)
    window.show_people_of(acme)
    assert window.stack.currentIndex() == PAGE_CONTACTS
    qtbot.waitUntil(lambda: window.contacts_page.model.rowCount() == 1)
    assert window.contacts_page.model.index(0, 0).data() == "In"


# -- the frame first, the database after ---------------------------------------------------
def _pages(win):
    return {cls.__name__: len(win.findChildren(cls)) for cls in (ContactsPage, CompaniesPage, TrashPage)}


@pytest.fixture
def frame(qtbot, data_dir):
    win = MainWindow(database_path=data_dir / "crm.sqlite3")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_the_frame_says_which_file_it_opens_and_waits_for_it(frame, data_dir):
    assert frame.windowTitle() == "crm-desktop"
    assert [frame.sidebar.item(i).text() for i in range(frame.sidebar.count())] == [
        "People", "Companies", "Pipeline", "Reminders", "Dashboard", "Trash"]
    note = frame.stack.currentWidget()
    assert isinstance(note, QLabel) and note.text() == f"Opening {data_dir / 'crm.sqlite3'}…"
    assert frame.search.placeholderText() == "Search people and companies  (Ctrl+K)"
    assert not frame.search.isEnabled() and not frame.new_button.isEnabled()
    file_menu = frame.menuBar().actions()[0].menu()
    enabled = {a.text(): a.isEnabled() for a in file_menu.actions() if a.text()}
    # Everything but Quit waits for the database.
    assert {"New &person…", "New &company…", "Load &demo data…", "&Import…", "&Export this list…",
            "&Settings…"} <= set(enabled)
    assert {text for text, on in enabled.items() if on} == {"&Quit"}
    assert _pages(frame) == {"ContactsPage": 0, "CompaniesPage": 0, "TrashPage": 0}


def test_attaching_the_database_fills_the_frame(qtbot, frame, services):
    services.contacts.create(ContactDraft(given_name="Ada", family_name="Lovelace"))
    note = frame.stack.currentWidget()
    frame.attach(services)
    assert frame.stack.currentWidget() is frame.contacts_page
    assert isinstance(frame.search, GlobalSearch) and frame.search.isEnabled()
    assert frame.new_button.isEnabled() and frame.new_button.text() == "+ New person"
    assert all(a.isEnabled() for a in frame.menuBar().actions()[0].menu().actions())
    assert frame.stack.indexOf(note) == -1 and frame.stack.count() == len(SIDEBAR_ICONS)
    qtbot.waitUntil(lambda: frame.counts_label.text() == "1 person  ·  0 companies")
    assert frame.contacts_page.model.index(0, 0).data() == "Ada Lovelace"


def test_a_page_chosen_while_opening_is_the_one_filled(frame, services):
    frame.show_page(PAGE_COMPANIES)
    assert frame.new_button.text() == "+ New company"
    frame.attach(services)
    assert frame.stack.currentWidget() is frame.companies_page
    assert _pages(frame) == {"ContactsPage": 0, "CompaniesPage": 1, "TrashPage": 0}


def test_the_other_pages_are_made_when_first_shown(window):
    assert _pages(window) == {"ContactsPage": 1, "CompaniesPage": 0, "TrashPage": 0}
    window.show_page(PAGE_TRASH)
    trash = window.stack.currentWidget()
    window.show_page(PAGE_CONTACTS)
    window.show_page(PAGE_TRASH)
    assert window.stack.currentWidget() is trash is window.trash_page
    assert _pages(window) == {"ContactsPage": 1, "CompaniesPage": 0, "TrashPage": 1}
    assert window.stack.count() == len(SIDEBAR_ICONS)


def test_the_pages_need_a_database(frame):
    with pytest.raises(RuntimeError, match="attach"):
        _ = frame.companies_page
