"""Migration 0014: the dashboard's year reads a few thousand rows, and gives the same figures.

"Activities per owner, week and type" reads the counts per day that triggers keep in
``activity_day``; the closed-deal figures read ``deal_closed`` alone. The counts are checked
against a count over every activity after each kind of change, and the deal figures against
those given by the index as it was before (the migration reverted).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
from migration_support import migration

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.clock import FixedClock
from crm_desktop.core.dashboard import DashboardQuery, period_range, week_start
from crm_desktop.core.deals import DealDraft
from crm_desktop.core.orders import OrderDraft, OrderLineDraft
from crm_desktop.core.paths import DATABASE_NAME
from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.services import Services

NOW = dt.datetime(2025, 11, 20, 10, 0)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LOGGED = ("call", "email", "meeting", "note")


def _migration():
    return migration("0014_dashboard_year")


def _deal_closed(db) -> str:
    return db.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'deal_closed'").fetchone()[0]


def _names(db) -> set[str]:
    return {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master")}


def _kept(db) -> dict[tuple, int]:
    rows = db.execute_sql("SELECT day, owner_id, kind, n FROM activity_day WHERE n != 0").fetchall()
    return {(day, owner, kind): n for day, owner, kind, n in rows}


def _counted(db) -> dict[tuple, int]:
    rows = db.execute_sql("SELECT substr(occurred_at, 1, 10), coalesce(owner_id, 0), kind, count(*) "
                          "FROM activity NOT INDEXED WHERE deleted_at IS NULL GROUP BY 1, 2, 3").fetchall()
    return {(day, owner, kind): n for day, owner, kind, n in rows}


@pytest.fixture
def crm(data_dir: Path):
    services = Services.open(data_dir, fallback_region="US", clock=FixedClock(NOW))
    yield services
    services.close()


@pytest.fixture
def two_years(crm):
    """Two years of activities (some deleted, some with no owner or of other kinds) and of deals won
    and lost, in two currencies, by three owners; a few paid orders."""
    rng = random.Random(14)
    owners = [crm.settings.current_user_id, crm.lookups.create_user("Bea"), crm.lookups.create_user("Cy")]
    companies = [crm.companies.create(CompanyDraft(name=f"Company {n}")) for n in range(6)]
    people = [crm.contacts.create(ContactDraft(given_name=f"P{n}", company_id=rng.choice(companies)))
              for n in range(8)]
    stage = crm.pipelines.default().stages[0].id
    clock = crm.ctx.clock

    def moment() -> dt.datetime:
        return NOW - dt.timedelta(minutes=rng.randrange(730 * 24 * 60))

    for n in range(240):
        kind = rng.choice((*LOGGED, "stage_change", "system"))
        activity = crm.activities.log(ActivityDraft(kind, f"a{n}", occurred_at=moment(),
                                                    contact_id=rng.choice(people),
                                                    owner_id=rng.choice((*owners, None))))
        if n % 17 == 0:
            crm.activities.delete([activity])
    for n in range(60):
        deal = crm.deals.create(DealDraft(f"D{n}", stage_id=stage, value_minor=rng.randrange(1, 90) * 1000,
                                          currency=rng.choice(("USD", "USD", "EUR")),
                                          owner_id=rng.choice(owners), company_id=rng.choice(companies),
                                          contact_id=rng.choice(people)))
        when = moment()
        if n % 3:
            crm.deals.win(deal, closed_on=when.date())
        else:
            clock.advance(when - clock.now())
            crm.deals.lose(deal, rng.choice(("Price", "Timing")))
            clock.advance(NOW - clock.now())
    for n in range(5):
        order = crm.orders.create(OrderDraft(moment(), [OrderLineDraft("Service", 1, 700 * (n + 1))],
                                             currency="USD", company_id=companies[n]))
        crm.orders.record_payment(order, 700 * (n + 1), moment())
    return owners


def _year(owner: int | None = None) -> DashboardQuery:
    start, end = period_range("year", NOW.date())
    return DashboardQuery(start, end, owner, "USD")


def _deal_figures(crm, query: DashboardQuery):
    store = crm.ctx.storage.dashboard
    with crm.ctx.read():
        return (store.won_lost(query), store.lost_reasons(query), store.top_customers(query),
                store.won_by_owner(NOW - dt.timedelta(days=300), NOW, "USD"))


def test_a_year_of_activities_is_counted_per_owner_week_and_kind(crm, two_years):
    query = _year()
    rows = crm.ctx.storage.database.db.execute_sql(
        "SELECT occurred_at, owner_id, kind FROM activity NOT INDEXED WHERE deleted_at IS NULL").fetchall()
    expected = Counter()
    for occurred, owner, kind in rows:
        day = dt.date.fromisoformat(occurred[:10])
        if query.start <= day < query.end and kind in LOGGED:
            expected[(owner, week_start(day).isoformat(), kind)] += 1
    with crm.ctx.read():
        counted = crm.ctx.storage.dashboard.activities(query)
        by_owner = crm.ctx.storage.dashboard.activities_by_owner(query.start, query.end)
    assert {(a.owner_id, a.week, a.kind): a.count for a in counted} == dict(expected)
    assert [(a.week, a.owner_id is None, a.owner_id or 0, a.kind) for a in counted] == sorted(
        (a.week, a.owner_id is None, a.owner_id or 0, a.kind) for a in counted)
    assert sum(expected.values()) > 50
    owners = Counter()
    for (owner, _week, _kind), n in expected.items():
        if owner is not None:
            owners[owner] += n
    assert by_owner == dict(owners)


def test_the_counts_per_day_follow_every_change(crm, two_years):
    db = crm.ctx.storage.database.db
    assert _kept(db) == _counted(db)
    person = db.execute_sql("SELECT min(id) FROM contact").fetchone()[0]
    first = crm.activities.log(ActivityDraft("call", "x", occurred_at=NOW, owner_id=two_years[1],
                                             contact_id=person))
    second = crm.activities.log(ActivityDraft("note", "y", occurred_at=NOW - dt.timedelta(days=3),
                                              contact_id=person))
    assert _kept(db) == _counted(db)
    crm.activities.update(first, ActivityDraft("meeting", "x", occurred_at=NOW - dt.timedelta(days=40),
                                               owner_id=two_years[2], contact_id=person))
    assert _kept(db) == _counted(db)
    crm.activities.delete([first, second])
    assert _kept(db) == _counted(db)
    crm.activities.restore([first])
    assert _kept(db) == _counted(db)
    crm.activities.delete([first])
    crm.activities.purge([first, second])
    assert _kept(db) == _counted(db)
    with db.atomic():  # an owner removed (ON DELETE SET NULL), a person deleted with their activities
        db.execute_sql("UPDATE activity SET owner_id = NULL WHERE owner_id = ?", (two_years[1],))
        db.execute_sql("DELETE FROM activity WHERE contact_id = (SELECT min(contact_id) FROM activity)")
        db.execute_sql("UPDATE activity SET subject = 'same day', occurred_at = "
                       "substr(occurred_at, 1, 10) || ' 23:59:59'")
    assert _kept(db) == _counted(db)


@pytest.mark.parametrize(("figure", "sql"), [
    ("won and lost per month",
     "SELECT substr(closed_at, 1, 7), sum(value_minor) FROM deal INDEXED BY deal_closed "
     "WHERE status IN ('won', 'lost') AND deleted_at IS NULL AND closed_at >= '2025' AND closed_at < '2026' "
     "AND currency = 'USD' AND owner_id = 1 GROUP BY 1"),
    ("won deals of the top customers",
     "SELECT company_id, contact_id, value_minor FROM deal INDEXED BY deal_closed WHERE status = 'won' "
     "AND deleted_at IS NULL AND closed_at >= '2025' AND closed_at < '2026' AND currency = 'USD'"),
])
def test_a_years_figures_read_an_index_only(crm, figure, sql):
    plan = " | ".join(r[-1] for r in crm.ctx.storage.database.db.execute_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert "USING COVERING INDEX" in plan, figure


def test_the_deal_figures_are_those_of_the_index_before(crm, two_years):
    db = crm.ctx.storage.database.db
    migration = _migration()
    queries = [_year(), _year(two_years[1]), DashboardQuery(dt.date(2024, 3, 1), NOW.date(), None, "EUR")]
    now = [_deal_figures(crm, q) for q in queries]
    assert now[0][0] and now[0][2]  # won / lost months and top customers
    kept = _kept(db)
    with db.atomic():
        migration.down(None, db)
    assert _deal_closed(db) == migration.DEAL_CLOSED[1]
    assert "activity_by_day" in _names(db) and not {"activity_day", *migration.TRIGGERS} & _names(db)
    assert [_deal_figures(crm, q) for q in queries] == now
    with db.atomic():
        migration.up(None, db)
    assert _deal_closed(db) == migration.DEAL_CLOSED[0]
    assert "activity_by_day" not in _names(db) and {"activity_day", *migration.TRIGGERS} <= _names(db)
    assert [_deal_figures(crm, q) for q in queries] == now
    assert _kept(db) == kept


def test_an_older_file_is_upgraded_with_its_activities_counted(tmp_path: Path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(FIXTURES / "schema-v12.sqlite3", data_dir / DATABASE_NAME)
    services = Services.open(data_dir)
    try:
        db = services.ctx.storage.database.db
        assert _deal_closed(db) == _migration().DEAL_CLOSED[0]
        assert _kept(db) == _counted(db) and _kept(db)  # the file's activities, counted per day
        assert db.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
        board = services.dashboard.load(_year())  # every figure still reads
        assert board.complete
    finally:
        services.close()
