"""Fixtures shared by the widget tests."""

from __future__ import annotations

import pytest

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
