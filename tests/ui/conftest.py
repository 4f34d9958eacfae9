"""Fixtures shared by the widget tests."""

from __future__ import annotations

import pytest

from crm_desktop.ui.bridge import ChangeBridge


@pytest.fixture
def bridge(services, qapp):
    """The services' change feed as a Qt signal, detached after the test."""
    made = ChangeBridge(services)
    yield made
    made.detach()
