"""The forecast on a fixed set of deals: monthly sums, win rates, time to close, lost reasons."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.core.deals import DealDraft
from crm_desktop.core.forecast import ForecastCell, LostReasonStat, StageStat, add_months


@pytest.fixture
def book(crm, clock):
    """Three closed deals that went through the stages day by day, and open ones ahead."""
    lead, qualified, proposal, negotiation = (s.id for s in crm.pipelines.default().stages)
    bea = crm.lookups.create_user("Bea")

    def deal(title, stage, value, close=None, currency="USD", **fields):
        return crm.deals.create(DealDraft(title, stage_id=stage, value_minor=value, currency=currency,
                                          expected_close=close, **fields))

    won = deal("Won", lead, 300000)
    lost_late = deal("Lost late", lead, 70000)
    lost_early = deal("Lost early", lead, 20000, owner_id=bea)
    clock.advance(dt.timedelta(days=1))
    crm.deals.lose(lost_early, "No budget")
    clock.advance(dt.timedelta(days=1))
    crm.deals.move(won, qualified)  # day 2
    clock.advance(dt.timedelta(days=1))
    crm.deals.move(lost_late, qualified)  # day 3
    clock.advance(dt.timedelta(days=1))
    crm.deals.lose(lost_late, "Price too high")  # day 4
    clock.advance(dt.timedelta(days=1))
    crm.deals.move(won, proposal)  # day 5
    clock.advance(dt.timedelta(days=5))
    crm.deals.win(won, 310000)  # day 10: 2024-05-16
    deal("A", lead, 100000, dt.date(2024, 5, 20))
    deal("B", proposal, 200000, dt.date(2024, 5, 31), owner_id=bea)
    deal("C", negotiation, 50000, dt.date(2024, 6, 10), probability=90)
    deal("D", negotiation, 99999, dt.date(2024, 5, 20), currency="EUR")
    deal("E", lead, 33333, dt.date(2024, 9, 1))  # past the window
    return {"lead": lead, "qualified": qualified, "proposal": proposal, "bea": bea}


def test_months_weigh_open_deals_and_add_won_ones(crm, book):
    forecast = crm.forecast.forecast("USD", dt.date(2024, 5, 16), months=3)
    assert forecast.months == ["2024-05", "2024-06", "2024-07"]
    assert forecast.cells == [
        ForecastCell("2024-05", None, 2, 300000, 10000 + 100000, 1, 310000),
        ForecastCell("2024-06", None, 1, 50000, 45000, 0, 0),
    ]
    assert forecast.month_total("2024-05").expected_minor == 420000


def test_months_per_owner(crm, book):
    me = crm.settings.current_user_id
    forecast = crm.forecast.forecast("USD", dt.date(2024, 5, 1), months=2, group_by="owner")
    assert forecast.cell("2024-05", me) == ForecastCell("2024-05", me, 1, 100000, 10000, 1, 310000)
    bea = book["bea"]
    assert forecast.cell("2024-05", bea) == ForecastCell("2024-05", bea, 1, 200000, 100000, 0, 0)
    assert forecast.groups() == [me, book["bea"]]


def test_months_per_pipeline_and_other_currencies(crm, book):
    other = crm.pipelines.create("Renewals", [("Due", 40, None)])
    crm.deals.create(DealDraft("R", stage_id=crm.pipelines.get(other).stages[0].id, value_minor=1000,
                               currency="USD", expected_close=dt.date(2024, 5, 2)))
    forecast = crm.forecast.forecast("USD", dt.date(2024, 5, 1), months=1, group_by="pipeline")
    default = crm.pipelines.default().id
    assert [(c.group_id, c.open_count, c.weighted_minor) for c in forecast.cells] == [
        (default, 2, 110000), (other, 1, 400)]
    euro = crm.forecast.forecast("EUR", dt.date(2024, 5, 1), months=1)
    assert euro.cells == [ForecastCell("2024-05", None, 1, 99999, 74999, 0, 0)]


def test_win_rate_and_time_to_close_per_stage(crm, book):
    forecast = crm.forecast.forecast("USD", dt.date(2024, 5, 1), months=1)
    stats = {s.stage_id: s for s in forecast.stages}
    assert stats[book["lead"]] == StageStat(book["lead"], 3, 1, 2, 10.0)
    assert stats[book["qualified"]] == StageStat(book["qualified"], 2, 1, 1, 8.0)
    assert stats[book["proposal"]] == StageStat(book["proposal"], 1, 1, 0, 5.0)
    assert stats[book["lead"]].win_rate == pytest.approx(1 / 3)
    assert stats[book["qualified"]].win_rate == 0.5


def test_lost_reasons_ranked_by_count_then_value(crm, book, clock):
    extra = crm.deals.create(DealDraft("X", stage_id=book["lead"], value_minor=5, currency="USD"))
    crm.deals.lose(extra, "No budget")
    forecast = crm.forecast.forecast("USD", dt.date(2024, 5, 1), months=1)
    assert forecast.lost_reasons == [
        LostReasonStat("No budget", 2, 20005), LostReasonStat("Price too high", 1, 70000)]


def test_history_window_leaves_out_older_closes(crm, book):
    later = add_months(dt.date(2024, 5, 1), 14)
    forecast = crm.forecast.forecast("USD", later, months=1)
    assert forecast.stages == [] and forecast.lost_reasons == [] and forecast.cells == []


def _stats(crm) -> dict[int, tuple[int, int, int, float | None]]:
    found = crm.forecast.forecast("USD", dt.date(2024, 5, 1), months=1).stages
    return {s.stage_id: (s.reached, s.won, s.lost, s.avg_days_to_close) for s in found}


def test_stage_counts_follow_undo_trash_and_reopening(crm, book):
    before = _stats(crm)
    won = crm.deals.create(DealDraft("Late win", stage_id=book["lead"], value_minor=1, currency="USD"))
    move = crm.deals.win(won)
    assert _stats(crm)[book["lead"]] == (4, 2, 2, 5.0)  # (10 + 0) / 2 days
    crm.deals.undo(move)
    assert _stats(crm) == before
    crm.deals.win(won)
    crm.deals.delete([won])
    assert _stats(crm) == before
    crm.deals.restore([won])
    assert _stats(crm)[book["lead"]] == (4, 2, 2, 5.0)
    crm.deals.move(won, book["qualified"])  # reopened: no longer closed
    assert _stats(crm) == before


def test_rebuilding_the_stage_counts_gives_the_same(crm, book, sql):
    before = _stats(crm)
    with crm.ctx.write():
        crm.ctx.storage.deals.rebuild_outcomes()
    assert _stats(crm) == before
    assert sql("SELECT count(*) FROM stage_outcome")[0][0] == 3


def test_open_deals_past_their_close_date_are_counted_apart(crm, book):
    forecast = crm.forecast.forecast("USD", dt.date(2024, 6, 1), months=1)
    assert forecast.overdue == [ForecastCell("", None, 2, 300000, 110000, 0, 0)]
    assert [c.month for c in forecast.cells] == ["2024-06"]


def test_lost_reason_counts_follow_undo_trash_and_a_change_of_heart(crm, book):
    def reasons():
        return [(r.reason, r.count, r.value_minor)
                for r in crm.forecast.forecast("USD", dt.date(2024, 5, 1), months=1).lost_reasons]

    before = reasons()
    deal = crm.deals.create(DealDraft("Z", stage_id=book["lead"], value_minor=900000, currency="USD"))
    move = crm.deals.lose(deal, "Timing")
    assert reasons()[0] == ("Timing", 1, 900000)
    crm.deals.undo(move)
    assert reasons() == before
    crm.deals.lose(deal, "Timing")
    crm.deals.win(deal, 1)  # they came back: no longer lost
    assert reasons() == before
    crm.deals.lose(deal, "Timing")
    crm.deals.delete([deal])
    assert reasons() == before
    crm.deals.restore([deal])
    assert ("Timing", 1, 1) in reasons()
