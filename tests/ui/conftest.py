"""Fixtures shared by the widget tests."""

from __future__ import annotations

import pytest

from crm_desktop.core.customer import Target
from crm_desktop.ui.bridge import ChangeBridge
from crm_desktop.ui.main_window import MainWindow


@pytest.fixture
def bridge(services, qapp):
    """The services' change feed as a Qt signal, detached after the test."""
    made = ChangeBridge(services)
    yield made
    made.detach()


@pytest.fixture
def segments_window(qtbot, services):
    """The main window, shown; its segment counters and pages are shut down after the test.

    Ask for the fixtures that fill the database before this one (pytest makes them in order).
    """
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.segments_panel.shutdown()
    for page in win._segment_pages.values():
        page.model.shutdown()
    win.close()


@pytest.fixture
def person_page(qtbot, services, bridge):
    """Makes a shown 360° page of a person (``person_page(contact_id)``); detached after the test."""
    from crm_desktop.ui.customer.page import CustomerPage

    made = []

    def make(contact_id: int) -> CustomerPage:
        page = CustomerPage(services, bridge, Target("contact", contact_id))
        qtbot.addWidget(page)
        page.resize(1200, 800)
        page.show()
        made.append(page)
        return page

    yield make
    for page in made:
        page.detach()
