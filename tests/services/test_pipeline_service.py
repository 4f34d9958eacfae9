"""Pipelines and stages, lost reasons and saved filters."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.core.deals import DealDraft, DealFilter, StageInUseError
from crm_desktop.core.errors import ValidationError
from crm_desktop.services import Change


def test_a_user_pipeline_with_its_stages(crm, changes):
    pipeline_id = crm.pipelines.create(" Renewals ", [("Due", 40, 30), ("Quoted", 70, None)])
    pipeline = crm.pipelines.get(pipeline_id)
    assert (pipeline.name, pipeline.is_default) == ("Renewals", False)
    assert [(s.name, s.probability, s.rotting_days, s.position) for s in pipeline.stages] == [
        ("Due", 40, 30, 0), ("Quoted", 70, None, 1)]
    assert [p.id for p in crm.pipelines.pipelines()] == [crm.pipelines.default().id, pipeline_id]
    assert Change("pipeline", "create", (pipeline_id,)) in changes


def test_stages_are_added_renamed_and_reordered(crm):
    pipeline = crm.pipelines.default()
    first, second = pipeline.stages[0].id, pipeline.stages[1].id
    added = crm.pipelines.add_stage(pipeline.id, "Demo", 60, 5, position=2)
    crm.pipelines.update_stage(first, "Inbound", 5, None)
    assert [(s.name, s.probability) for s in crm.pipelines.get(pipeline.id).stages] == [
        ("Inbound", 5), ("Qualified", 25), ("Demo", 60), ("Proposal/Quote", 50), ("Negotiation", 75)]
    crm.pipelines.reorder_stages(pipeline.id, [second, first] + [s.id for s in pipeline.stages[2:]] + [added])
    assert [s.id for s in crm.pipelines.get(pipeline.id).stages][:2] == [second, first]
    with pytest.raises(ValidationError):
        crm.pipelines.reorder_stages(pipeline.id, [second, first])


@pytest.mark.parametrize(("probability", "rotting"), [(-1, None), (101, None), (50, -3)])
def test_stage_numbers_are_checked(crm, probability, rotting):
    pipeline = crm.pipelines.default()
    with pytest.raises(ValidationError):
        crm.pipelines.add_stage(pipeline.id, "X", probability, rotting)


def test_a_default_stage_keeps_its_translatable_name_until_renamed(crm):
    stage = crm.pipelines.default().stages[0]
    assert crm.deals.labels.stage(stage) == "Lead"
    crm.pipelines.update_stage(stage.id, "Inbound", 15, 3)
    assert crm.deals.labels.stage(crm.pipelines.stage(stage.id)) == "Inbound"
    crm.pipelines.update_stage(stage.id, "", 15, 3)  # back to the default
    again = crm.pipelines.stage(stage.id)
    assert (again.name, again.key, again.probability, again.rotting_days) == ("Lead", "lead", 15, 3)
    custom = crm.pipelines.add_stage(crm.pipelines.default().id, "Mine")
    with pytest.raises(ValidationError):
        crm.pipelines.update_stage(custom, "", 10, None)


def test_deleting_a_stage_with_deals_asks_where_they_go(crm, clock, changes):
    pipeline = crm.pipelines.default()
    lead, qualified = pipeline.stages[0].id, pipeline.stages[1].id
    deal_id = crm.deals.create(DealDraft("D", stage_id=lead, currency="USD", probability=33))
    with pytest.raises(StageInUseError) as caught:
        crm.pipelines.delete_stage(lead)
    assert caught.value.deals == 1
    with pytest.raises(ValidationError):
        crm.pipelines.delete_stage(lead, move_to=lead)
    clock.advance(dt.timedelta(days=2))
    assert crm.pipelines.delete_stage(lead, move_to=qualified) == [deal_id]
    deal = crm.deals.get(deal_id)
    assert (deal.stage_id, deal.probability) == (qualified, 25)
    assert [s.stage_id for s in crm.deals.history(deal_id)] == [lead, qualified]
    assert lead not in [s.id for s in crm.pipelines.default().stages]
    assert Change("deal", "stage", (deal_id,)) in changes


def test_an_empty_stage_is_deleted_without_asking(crm):
    pipeline = crm.pipelines.default()
    assert crm.pipelines.delete_stage(pipeline.stages[-1].id) == []
    assert len(crm.pipelines.default().stages) == 3


def test_the_default_pipeline_and_one_with_deals_stay(crm):
    with pytest.raises(ValidationError):
        crm.pipelines.delete(crm.pipelines.default().id)
    other = crm.pipelines.create("Other", [("Only", 10, None)])
    crm.deals.create(DealDraft("D", stage_id=crm.pipelines.get(other).stages[0].id, currency="USD"))
    with pytest.raises(StageInUseError):
        crm.pipelines.delete(other)
    empty = crm.pipelines.create("Empty", [("Only", 10, None)])
    crm.pipelines.delete(empty)
    assert empty not in [p.id for p in crm.pipelines.pipelines()]


def test_lost_reasons_are_a_list_the_user_edits(crm):
    keys = [r.key for r in crm.pipelines.lost_reasons()]
    assert keys == ["price", "competitor", "no_budget", "no_response", "timing", "other"]
    added = crm.pipelines.add_lost_reason("Legal blocked it")
    crm.pipelines.rename_lost_reason(added, "Legal said no")
    crm.pipelines.delete_lost_reason(crm.pipelines.lost_reasons()[0].id)
    reasons = crm.pipelines.lost_reasons()
    assert [crm.deals.labels.reason(r) for r in reasons][-1] == "Legal said no"
    assert "price" not in [r.key for r in reasons]


def test_saved_filters_round_trip(crm):
    flt = DealFilter(pipeline_id=1, owner_id=2, tag_id=3, close_from=dt.date(2024, 5, 1),
                     close_to=dt.date(2024, 5, 31), min_value_minor=100, text="acme")
    filter_id = crm.pipelines.save_filter("May, Acme", flt)
    crm.pipelines.save_filter("Big", DealFilter(min_value_minor=10**6))
    assert crm.pipelines.saved_filters() == [
        (crm.pipelines.saved_filters()[0][0], "Big", DealFilter(min_value_minor=10**6)),
        (filter_id, "May, Acme", flt)]
    crm.pipelines.save_filter("Big", DealFilter(min_value_minor=5))
    assert [f for _, n, f in crm.pipelines.saved_filters() if n == "Big"] == [DealFilter(min_value_minor=5)]
    crm.pipelines.delete_filter(filter_id)
    assert [n for _, n, _ in crm.pipelines.saved_filters()] == ["Big"]
