"""The dashboard's figures on a fixed book of deals, people, activities, tasks and orders."""

from __future__ import annotations

import datetime as dt

import pytest
from service_helpers import person

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.dashboard import (
    ActivityCount,
    Customer,
    DashboardQuery,
    MonthValue,
    NewRecords,
    ReasonCount,
    WonLost,
    period_range,
)
from crm_desktop.core.deals import DealDraft
from crm_desktop.core.errors import ValidationError
from crm_desktop.core.orders import OrderDraft, OrderLineDraft
from crm_desktop.core.records import CompanyDraft
from crm_desktop.core.tasks import TaskDraft

MAY = DashboardQuery(dt.date(2024, 5, 1), dt.date(2024, 6, 1), currency="USD")


@pytest.fixture
def book(crm, clock):
    """Now is Monday 2024-05-06 09:00."""
    now = clock.now()
    lead, qualified, proposal, negotiation = (s.id for s in crm.pipelines.default().stages)
    bea = crm.lookups.create_user("Bea")
    acme = crm.companies.create(CompanyDraft(name="Acme", source="event"))
    cold = crm.contacts.create(person("Cold", source="web"))
    warm = crm.contacts.create(person("Warm", source="web"))
    crm.contacts.create(person("Quiet", source="referral", owner_id=bea))

    def deal(title, stage, value, close=None, currency="USD", **fields):
        return crm.deals.create(DealDraft(title, stage_id=stage, value_minor=value, currency=currency,
                                          expected_close=close, **fields))

    deal("A", lead, 100000, dt.date(2024, 5, 20))
    deal("B", proposal, 200000, dt.date(2024, 5, 31), owner_id=bea)
    deal("C", negotiation, 50000, dt.date(2024, 6, 10), probability=90)
    deal("D", negotiation, 99999, dt.date(2024, 5, 20), currency="EUR")
    won = deal("Won", qualified, 300000, company_id=acme)
    crm.deals.win(won, 310000)
    lost = deal("Lost", lead, 70000, owner_id=bea)
    crm.deals.lose(lost, "Price too high")
    log = crm.activities.log
    log(ActivityDraft("call", "old", occurred_at=now - dt.timedelta(days=40), contact_id=cold))
    log(ActivityDraft("call", "recent", occurred_at=now - dt.timedelta(days=5), contact_id=warm))
    log(ActivityDraft("email", "hi", occurred_at=now, contact_id=warm, owner_id=bea))
    later = now + dt.timedelta(hours=1)
    log(ActivityDraft("email", "again", occurred_at=later, contact_id=warm, owner_id=bea))
    log(ActivityDraft("meeting", "lunch", occurred_at=now, contact_id=warm))
    crm.tasks.create(TaskDraft("late", due_at=now - dt.timedelta(days=1)))
    crm.tasks.create(TaskDraft("later today", due_at=now + dt.timedelta(hours=3)))
    crm.tasks.create(TaskDraft("tomorrow", due_at=now + dt.timedelta(days=1)))
    crm.tasks.create(TaskDraft("bea late", due_at=now - dt.timedelta(hours=2), owner_id=bea))
    order = crm.orders.create(OrderDraft(now, [OrderLineDraft("Service", 1, 5000)], currency="USD",
                                         contact_id=warm))
    crm.orders.record_payment(order, 5000, now)
    return {"lead": lead, "proposal": proposal, "negotiation": negotiation, "bea": bea, "acme": acme,
            "cold": cold, "warm": warm, "me": crm.settings.current_user_id}


def test_periods():
    today = dt.date(2024, 5, 6)
    assert period_range("month", today) == (dt.date(2024, 5, 1), dt.date(2024, 6, 1))
    assert period_range("quarter", today) == (dt.date(2024, 4, 1), dt.date(2024, 7, 1))
    assert period_range("year", today) == (dt.date(2024, 1, 1), dt.date(2025, 1, 1))
    assert period_range("custom", today, dt.date(2024, 3, 9), dt.date(2024, 3, 2)) == (
        dt.date(2024, 3, 2), dt.date(2024, 3, 10))


def test_pipeline_by_stage_and_weighted(crm, book):
    board = crm.dashboard.load(MAY)
    by_stage = {s.stage_id: (s.deals, s.value_minor, s.weighted_minor) for s in board.stages}
    assert by_stage[book["lead"]] == (1, 100000, 10000)
    assert by_stage[book["proposal"]] == (1, 200000, 100000)
    assert by_stage[book["negotiation"]] == (1, 50000, 45000)  # the deal's own 90 %
    assert (board.open_deals, board.open_minor, board.weighted_minor) == (3, 350000, 155000)


def test_forecast_won_lost_and_reasons(crm, book):
    board = crm.dashboard.load(MAY)
    assert board.forecast == [MonthValue("2024-05", 2, 300000, 110000)]
    assert board.won_lost == [WonLost("2024-05", 1, 310000, 1, 70000)]
    assert board.win_rate == 0.5
    assert board.lost_reasons == [ReasonCount("Price too high", 1, 70000)]
    assert crm.dashboard.load(MAY.with_(start=dt.date(2024, 5, 1), end=dt.date(2024, 7, 1))).forecast[-1] == \
        MonthValue("2024-06", 1, 50000, 45000)


def test_new_records_activities_tasks(crm, book):
    board = crm.dashboard.load(MAY)
    assert board.new_records == [NewRecords("contact", "2024-05", "web", 2),
                                 NewRecords("contact", "2024-05", "referral", 1),
                                 NewRecords("company", "2024-05", "event", 1)]
    me, bea = book["me"], book["bea"]
    assert board.activities == [ActivityCount(me, "2024-04-29", "call", 1),  # Wednesday 1 May
                                ActivityCount(me, "2024-05-06", "meeting", 1),
                                ActivityCount(bea, "2024-05-06", "email", 2)]
    assert (board.overdue_tasks, board.due_today_tasks) == (2, 1)


def test_top_customers_and_stale(crm, book):
    board = crm.dashboard.load(MAY)
    assert board.top_customers == [Customer("company", book["acme"], "Acme", 310000),
                                   Customer("contact", book["warm"], "Warm", 5000)]
    assert board.stale_customers == 1
    condition = crm.dashboard.record_condition(MAY, "stale")
    assert crm.ctx.storage.segments.count("contact", condition) == 1


def test_owner_filter(crm, book):
    board = crm.dashboard.load(MAY.with_(owner_id=book["bea"]))
    assert (board.open_deals, board.open_minor) == (1, 200000)
    assert board.won_lost == [WonLost("2024-05", 0, 0, 1, 70000)]
    assert [a.owner_id for a in board.activities] == [book["bea"]]
    assert (board.overdue_tasks, board.due_today_tasks) == (1, 0)
    assert sum(n.count for n in board.new_records) == 1
    assert board.top_customers == []


def test_bars_open_their_deals(crm, book):
    dash = crm.dashboard
    stage = dash.deal_condition(MAY, "stage", book["proposal"])
    assert [r[1] for r in dash.deal_page(stage, "title", False, 0, 10)] == ["B"]
    forecast = dash.deal_condition(MAY, "forecast", "2024-05")
    assert [r[1] for r in dash.deal_page(forecast, "title", False, 0, 10)] == ["A", "B"]
    assert dash.deal_count(dash.deal_condition(MAY, "won", "2024-05")) == 1
    assert dash.deal_count(dash.deal_condition(MAY, "reason", "Price too high")) == 1
    new = dash.record_condition(MAY, "new", "2024-05", "web")
    assert crm.ctx.storage.segments.count("contact", new) == 2


def test_cached_until_something_changes(crm, book, clock):
    first = crm.dashboard.load(MAY)
    assert crm.dashboard.load(MAY) is first
    clock.advance(dt.timedelta(minutes=6))  # overdue tasks move with the clock
    assert crm.dashboard.load(MAY) is not first
    first = crm.dashboard.load(MAY)
    crm.contacts.create(person("New", source="web"))
    second = crm.dashboard.load(MAY)
    assert second is not first
    assert NewRecords("contact", "2024-05", "web", 3) in second.new_records


def test_the_quick_part_leaves_out_what_reads_every_person(crm, book):
    quick = crm.dashboard.load(MAY, complete=False)
    assert not quick.complete and quick.new_records == [] and quick.stale_customers == 0
    assert quick.open_minor == 350000 and quick.overdue_tasks == 2
    full = crm.dashboard.load(MAY)
    assert full.complete and full.stale_customers == 1
    assert crm.dashboard.load(MAY, complete=False) is full  # the whole is as good as the part


def test_targets_and_progress(crm, book, changes):
    me, bea = book["me"], book["bea"]
    crm.targets.set_target(me, "won_value", 500000, "USD")
    crm.targets.set_target(bea, "activities", 10)
    assert changes[-1].entity == "target"
    progress = {(p.target.owner_id, p.target.metric): p for p in crm.targets.progress()}
    assert progress[(me, "won_value")].achieved == 310000
    assert progress[(me, "won_value")].ratio == pytest.approx(0.62)
    assert progress[(bea, "activities")].achieved == 2
    assert [p.owner_name for p in crm.dashboard.load(MAY.with_(owner_id=bea)).targets] == ["Bea"]
    crm.targets.set_target(bea, "activities", 0)
    assert [t.metric for t in crm.targets.targets()] == ["won_value"]
    with pytest.raises(ValidationError):
        crm.targets.set_target(me, "calls", 3)


def test_export_xlsx(crm, book, tmp_path):
    from openpyxl import load_workbook

    board = crm.dashboard.load(MAY)
    path = tmp_path / "dash.xlsx"
    crm.dashboard.export_xlsx(board, path, [
        ("Stages", [("Stage", "text"), ("Value", "money")],
         [[s.name, s.value_minor / 100] for s in board.stages]),
        ("Tiles", [("Figure", "text"), ("Count", "integer")], [["Overdue", board.overdue_tasks]])])
    book_ = load_workbook(path, read_only=True)
    assert book_.sheetnames == ["Stages", "Tiles"]
    rows = list(book_["Stages"].iter_rows(values_only=True))
    assert rows[0] == ("Stage", "Value") and rows[1] == ("Lead", 1000)
    assert list(book_["Tiles"].iter_rows(values_only=True))[1] == ("Overdue", 2)
    book_.close()
