"""Services on a fresh database with a clock that only moves when a test says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crm_desktop.core.clock import FixedClock
from crm_desktop.services import Change, Services

START = dt.datetime(2024, 5, 6, 9, 0)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def crm(data_dir: Path, clock: FixedClock):
    services = Services.open(data_dir, fallback_region="US", clock=clock)
    yield services
    services.close()


@pytest.fixture
def changes(crm: Services) -> list[Change]:
    seen: list[Change] = []
    crm.changes.subscribe(seen.append)
    return seen


@pytest.fixture
def sql(crm: Services):
    """Run a query on the test's database, for checks the services do not expose."""

    def run(query: str, params=()) -> list[tuple]:
        return crm.ctx.storage.database.db.execute_sql(query, params).fetchall()

    return run
