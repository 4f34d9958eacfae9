"""The main window ties pages, search, dialogs and the status bar together."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.ui import main_window as mw
from crm_desktop.ui.main_window import PAGE_COMPANIES, PAGE_CONTACTS, PAGE_TRASH, MainWindow


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


def test_ctrl_k_focuses_search_and_enter_opens_the_person(qtbot, window, services, monkeypatch):
    person = services.contacts.create(ContactDraft(given_name="Grace", family_name="Hopper"))
    opened = []
    monkeypatch.setattr(mw.ContactDialog, "ask",
                        classmethod(lambda cls, parent, svc, contact_id=None: opened.append(contact_id)))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "hopp")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert opened == [person]


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
