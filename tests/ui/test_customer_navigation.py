"""Opening customer pages from lists and search, and Back/Forward between them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crm_desktop.core.customer import Target
from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.ui.customer.navigation import NavigationHistory
from crm_desktop.ui.main_window import PAGE_CONTACTS, MainWindow


@pytest.fixture
def window(qtbot, services):
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_history_goes_back_and_forward_and_a_visit_drops_what_was_ahead():
    history = NavigationHistory(limit=3)
    a, b, c, d = (Target("contact", i) for i in range(1, 5))
    for target in (a, b, c):
        history.visit(target)
    assert history.back() == b and history.back() == a and history.back() is None
    assert history.forward() == b
    history.visit(d)
    assert history.entries == [a, b, d] and not history.can_go_forward()
    history.visit(d)
    assert history.entries == [a, b, d]
    history.forget(b)
    assert history.entries == [a, d] and history.current == d


def test_enter_on_a_search_result_opens_the_persons_page(qtbot, window, services):
    grace = services.contacts.create(ContactDraft(given_name="Grace", family_name="Hopper"))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search, "hopp")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    area = window.customer_area
    assert window.stack.currentWidget() is area
    assert area.page.target == Target("contact", grace)
    assert area.page.header.name.text() == "Grace Hopper"


def test_double_click_in_the_list_opens_the_page_and_back_forward_move_between_pages(qtbot, window, services):
    acme = services.companies.create(CompanyDraft(name="Acme"))
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", company_id=acme))
    page = window.contacts_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.view.activated.emit(page.model.index(0, 0))  # a double-click or Enter on the row
    area = window.customer_area
    assert area.page.target == Target("contact", ann)
    area.page.header.subtitle.linkActivated.emit(f"company:{acme}")
    assert area.page.target == Target("company", acme)
    assert area.where.text() == "Company · Acme"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert area.page.target == Target("contact", ann)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert area.page.target == Target("company", acme)
    area.close_button.click()
    assert window.stack.currentWidget() is window.contacts_page
    assert window.sidebar.currentRow() == PAGE_CONTACTS


def test_a_record_moved_to_the_trash_cannot_be_opened(window, services):
    ann = services.contacts.create(ContactDraft(given_name="Ann"))
    services.contacts.delete([ann])
    window.open_contact(ann)
    assert window.stack.currentWidget() is window.contacts_page
    assert window.statusBar().currentMessage() == "This record no longer exists. It may have been deleted."


def test_edit_opens_the_full_form_of_the_record_shown(window, services, monkeypatch):
    from crm_desktop.ui import main_window as mw

    ann = services.contacts.create(ContactDraft(given_name="Ann"))
    edited = []
    monkeypatch.setattr(mw.ContactDialog, "ask", classmethod(
        lambda cls, parent, svc, contact_id=None: edited.append(contact_id)))
    window.open_contact(ann)
    window.customer_area.edit_button.click()
    assert edited == [ann]


def test_a_page_whose_record_is_deleted_steps_back(qtbot, window, services):
    acme = services.companies.create(CompanyDraft(name="Acme"))
    ann = services.contacts.create(ContactDraft(given_name="Ann", company_id=acme))
    window.open_company(acme)
    window.open_contact(ann)
    services.contacts.delete([ann])
    qtbot.waitUntil(lambda: window.customer_area.page.target == Target("company", acme))
    services.companies.delete([acme])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.contacts_page)
