"""Choosing "This year" while the slow figures of the period shown are still counted: the year's
first figures show without waiting for them."""

from __future__ import annotations

import threading

import pytest

from crm_desktop.core.records import ContactDraft
from crm_desktop.ui.bridge import ChangeBridge
from crm_desktop.ui.dashboard.page import DashboardPage


@pytest.fixture
def page(qtbot, services):
    services.contacts.create(ContactDraft(given_name="Ann", source="web"))
    bridge = ChangeBridge(services)
    made = DashboardPage(services, bridge)
    qtbot.addWidget(made)
    made.resize(1024, 700)
    made.show()
    qtbot.waitUntil(lambda: made.board is not None and made.board.complete, timeout=10000)
    yield made
    made.shutdown()
    bridge.detach()


def test_a_period_chosen_meanwhile_does_not_wait_for_the_slow_figures(qtbot, page, services):
    store = services.ctx.storage.dashboard
    release, started = threading.Event(), threading.Event()
    counted = store.new_records

    def slow(query):  # "new people by source" reads every person: here it waits until released
        started.set()
        release.wait(10)
        return counted(query)

    store.new_records = slow
    try:
        services.dashboard._cache.clear()
        page.refresh()  # this quarter again: its slow figures are being counted
        qtbot.waitUntil(started.is_set, timeout=10000)
        page.period_combo.setCurrentIndex(page.period_combo.findData("year"))
        year = page.query()
        qtbot.waitUntil(lambda: page.board is not None and page.board.query.start == year.start,
                        timeout=5000)
        assert not release.is_set() and not page.board.complete
        assert page.tiles["stale"].value.text() == "…"  # counted after the others
    finally:
        release.set()
    qtbot.waitUntil(lambda: page.board.complete and page.board.query.start == year.start, timeout=10000)
    assert page.tiles["stale"].value.text() != "…"


def test_every_figure_arriving_first_is_not_replaced_by_the_quick_ones(qtbot, page, services):
    import dataclasses

    full = page.board
    assert full.complete
    page._on_loader_loaded(page._loader.generation, dataclasses.replace(full, complete=False))
    assert page.board is full and page.tiles["stale"].value.text() != "…"
