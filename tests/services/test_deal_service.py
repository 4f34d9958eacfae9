"""Deals: creating, editing, moving between stages, winning, losing, undoing, and reading the board."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.core.clock import FixedClock
from crm_desktop.core.deals import ConflictError, DealDraft, DealFilter, LineItem, parse_amount
from crm_desktop.core.errors import ValidationError
from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.services import Change, Services

START = dt.datetime(2024, 5, 6, 9, 0)  # the services fixtures' clock


@pytest.fixture
def stages(crm: Services) -> list[int]:
    return [s.id for s in crm.pipelines.default().stages]


def _deal(crm: Services, stage_id: int, title: str = "Deal", **fields) -> int:
    fields.setdefault("currency", "USD")
    return crm.deals.create(DealDraft(title, stage_id=stage_id, **fields))


def test_the_default_pipeline_has_four_open_stages_with_probabilities(crm):
    pipeline = crm.pipelines.default()
    assert pipeline.is_default
    assert [(s.key, s.probability, s.rotting_days) for s in pipeline.stages] == [
        ("lead", 10, 14), ("qualified", 25, 14), ("proposal", 50, 10), ("negotiation", 75, 7)]
    assert [crm.deals.labels.stage(s) for s in pipeline.stages] == [
        "Lead", "Qualified", "Proposal/Quote", "Negotiation"]


def test_a_deal_is_stored_with_every_field(crm, stages):
    company = crm.companies.create(CompanyDraft(name="Acme"))
    contact = crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    deal_id = crm.deals.create(DealDraft(
        " Renewal  2024 ", stage_id=stages[1], company_id=company, contact_id=contact, value_minor=250000,
        currency="eur", expected_close=dt.date(2024, 6, 30), source="Referral", tags=["VIP", "vip", "Q2"],
        next_step="Send quote", notes="Needs SSO"))
    deal = crm.deals.get(deal_id)
    assert (deal.title, deal.currency, deal.value_minor, deal.company_name, deal.contact_name) == (
        "Renewal 2024", "EUR", 250000, "Acme", "Ann Lee")
    assert deal.probability == 25 and deal.probability_override is None
    assert deal.tags == ["Q2", "VIP"]
    assert (deal.source, deal.next_step, deal.notes, deal.owner_id) == (
        "Referral", "Send quote", "Needs SSO", crm.settings.current_user_id)
    assert deal.stage_entered_at == START and deal.version == 1


def test_line_items_make_the_value(crm, stages):
    deal_id = _deal(crm, stages[0], lines=[LineItem("Licence", 3, 12000), LineItem("Setup", 1, 5050)])
    deal = crm.deals.get(deal_id)
    assert deal.value_minor == 41050
    assert [(line.description, line.quantity, line.unit_price_minor) for line in deal.lines] == [
        ("Licence", 3.0, 12000), ("Setup", 1.0, 5050)]


@pytest.mark.parametrize(("fields", "code"), [
    ({"title": ""}, ("title", "required")),
    ({"value_minor": -1}, ("value", "negative")),
    ({"currency": ""}, ("currency", "invalid_currency")),
    ({"currency": "dollars"}, ("currency", "invalid_currency")),
    ({"probability": 101}, ("probability", "out_of_range")),
    ({"lines": [LineItem("x", -1, 10)]}, ("lines", "negative")),
])
def test_bad_deals_are_refused(crm, stages, fields, code):
    draft = DealDraft(**{"title": "Deal", "stage_id": stages[0], "currency": "USD", **fields})
    with pytest.raises(ValidationError) as caught:
        crm.deals.create(draft)
    assert code in caught.value.codes()


@pytest.mark.parametrize(("text", "currency", "minor"), [
    ("1234.5", "USD", 123450), ("1,234.50", "USD", 123450), ("  ", "USD", 0), ("1500", "JPY", 1500),
    ("0.005", "USD", 0), ("12.345", "KWD", 12345)])
def test_amounts_are_parsed_into_minor_units(text, currency, minor):
    assert parse_amount(text, currency) == minor


@pytest.mark.parametrize(("text", "code"), [
    ("-5", "negative"), ("abc", "not_a_number"), ("nan", "not_a_number"), ("1e30", "too_large")])
def test_bad_amounts_are_refused(text, code):
    with pytest.raises(ValidationError) as caught:
        parse_amount(text, "USD")
    assert caught.value.codes() == {("value", code)}


def test_a_move_records_history_timeline_and_announces_a_stage_change(crm, stages, clock, changes):
    company = crm.companies.create(CompanyDraft(name="Acme"))
    contact = crm.contacts.create(ContactDraft(given_name="Ann"))
    deal_id = _deal(crm, stages[0], "Acme CRM", company_id=company, contact_id=contact, probability=40)
    changes.clear()
    clock.advance(dt.timedelta(days=3))
    move = crm.deals.move(deal_id, stages[2], version=1)
    assert Change("deal", "stage", (deal_id,)) in changes
    deal = crm.deals.get(deal_id)
    assert (deal.stage_id, deal.probability, deal.stage_entered_at, deal.version) == (
        stages[2], 50, START + dt.timedelta(days=3), 2)
    for target in ({"deal_id": deal_id}, {"contact_id": contact}, {"company_id": company}):
        entries = crm.activities.for_record(**target)
        assert [(a.kind, a.subject) for a in entries] == [("stage_change", "Acme CRM: Lead → Proposal/Quote")]
    spells = crm.deals.history(deal_id)
    assert [(s.stage_id, s.duration(clock.now())) for s in spells] == [
        (stages[0], dt.timedelta(days=3)), (stages[2], dt.timedelta(0))]
    assert move.previous_probability == 40


def test_undo_restores_stage_probability_and_timeline(crm, stages, clock, changes):
    deal_id = _deal(crm, stages[0], probability=40)
    clock.advance(dt.timedelta(days=1))
    move = crm.deals.move(deal_id, stages[1])
    changes.clear()
    crm.deals.undo(move)
    deal = crm.deals.get(deal_id)
    assert (deal.stage_id, deal.probability_override, deal.stage_entered_at) == (stages[0], 40, START)
    assert crm.activities.for_record(deal_id=deal_id) == []
    assert [(s.stage_id, s.left_at) for s in crm.deals.history(deal_id)] == [(stages[0], None)]
    assert Change("deal", "stage", (deal_id,)) in changes


def test_moving_to_the_same_stage_does_nothing(crm, stages, changes):
    deal_id = _deal(crm, stages[0])
    changes.clear()
    assert crm.deals.move(deal_id, stages[0]) is None
    assert changes == []


def test_a_move_to_another_pipelines_stage_is_refused(crm, stages):
    other = crm.pipelines.create("Renewals", [("Due", 50, None)])
    deal_id = _deal(crm, stages[0])
    with pytest.raises(ValidationError) as caught:
        crm.deals.move(deal_id, crm.pipelines.get(other).stages[0].id)
    assert caught.value.codes() == {("stage_id", "other_pipeline")}
    assert crm.deals.get(deal_id).stage_id == stages[0]


def test_won_takes_the_final_value_and_close_date_and_undo_reopens(crm, stages, clock, changes):
    deal_id = _deal(crm, stages[3], value_minor=100000)
    changes.clear()
    move = crm.deals.win(deal_id, 90000, dt.date(2024, 5, 3))
    deal = crm.deals.get(deal_id)
    assert (deal.status, deal.value_minor, deal.closed_at, deal.probability) == (
        "won", 90000, dt.datetime(2024, 5, 3, 12, 0), 100)
    assert Change("deal", "stage", (deal_id,)) in changes
    assert [a.kind for a in crm.activities.for_record(deal_id=deal_id)] == ["deal_won"]
    crm.deals.undo(move)
    deal = crm.deals.get(deal_id)
    assert (deal.status, deal.value_minor, deal.closed_at, deal.stage_id) == ("open", 100000, None, stages[3])


def test_lost_needs_a_reason_and_keeps_the_note(crm, stages, changes):
    deal_id = _deal(crm, stages[1])
    with pytest.raises(ValidationError):
        crm.deals.lose(deal_id, "  ")
    crm.deals.lose(deal_id, "Price too high", "  They chose the cheaper plan ")
    deal = crm.deals.get(deal_id)
    assert (deal.status, deal.lost_reason, deal.lost_note, deal.probability) == (
        "lost", "Price too high", "They chose the cheaper plan", 0)
    entry = crm.activities.for_record(deal_id=deal_id)[0]
    assert (entry.kind, entry.body) == ("deal_lost", "Price too high\nThey chose the cheaper plan")
    assert Change("deal", "stage", (deal_id,)) in changes


def test_a_stale_edit_is_detected_not_lost(crm, stages):
    deal_id = _deal(crm, stages[0], value_minor=100)
    seen = crm.deals.get(deal_id)
    crm.deals.update(deal_id, DealDraft("Theirs", stage_id=stages[0], value_minor=200, currency="USD"),
                     seen.version)
    with pytest.raises(ConflictError):
        crm.deals.update(deal_id, DealDraft("Mine", stage_id=stages[0], value_minor=300, currency="USD"),
                         seen.version)
    with pytest.raises(ConflictError):
        crm.deals.move(deal_id, stages[1], version=seen.version)
    assert crm.deals.get(deal_id).title == "Theirs"


def test_a_stale_edit_from_another_process_is_detected(crm, stages, data_dir):
    deal_id = _deal(crm, stages[0])
    version = crm.deals.get(deal_id).version
    other = Services.open(data_dir, clock=FixedClock(START))
    try:
        other.deals.move(deal_id, stages[2])
    finally:
        other.close()
    with pytest.raises(ConflictError):
        crm.deals.update(deal_id, DealDraft("Mine", stage_id=stages[0], currency="USD"), version)
    assert crm.deals.get(deal_id).stage_id == stages[2]


def test_an_edit_that_changes_the_stage_is_a_move(crm, stages, changes):
    deal_id = _deal(crm, stages[0])
    changes.clear()
    version = crm.deals.update(deal_id, DealDraft("Deal", stage_id=stages[1], currency="USD"), 1)
    assert crm.deals.get(deal_id).version == version
    assert Change("deal", "stage", (deal_id,)) in changes
    assert [a.kind for a in crm.activities.for_record(deal_id=deal_id)] == ["stage_change"]


def _task(sql, deal_id: int, due: dt.datetime | None, done: bool = False) -> None:
    sql("INSERT INTO task(title, due_at, done_at, deal_id, uuid, created_at, updated_at) "
        "VALUES ('Call back', ?, ?, ?, hex(randomblob(16)), '2024-01-01', '2024-01-01')",
        (None if due is None else str(due), str(START) if done else None, deal_id))


def test_rotting_needs_the_threshold_passed_and_no_future_task(crm, stages, clock, sql):
    # Negotiation rots after 7 days.
    old, planned, overdue_only = (_deal(crm, stages[3], t) for t in ("a", "b", "c"))
    clock.advance(dt.timedelta(days=7, hours=1))
    fresh = _deal(crm, stages[3], "d")
    clock.advance(dt.timedelta(days=1))
    _task(sql, planned, clock.now() + dt.timedelta(days=2))
    _task(sql, overdue_only, clock.now() - dt.timedelta(days=2))
    _task(sql, overdue_only, clock.now() + dt.timedelta(days=2), done=True)
    cards = {c.id: c for c in crm.deals.cards(DealFilter(pipeline_id=crm.pipelines.default().id))}
    now = clock.now()
    assert {d: cards[d].days_in_stage(now) for d in cards} == {fresh: 1, old: 8, planned: 8, overdue_only: 8}
    assert {d: cards[d].is_rotting(now) for d in cards} == {
        fresh: False, old: True, planned: False, overdue_only: True}
    assert (cards[planned].next_task, cards[planned].next_task_due) == (
        "Call back", now + dt.timedelta(days=2))
    assert cards[old].next_task == ""
    assert cards[overdue_only].next_task_due == now - dt.timedelta(days=2)


def test_a_card_just_past_seven_days_is_not_rotting_at_seven(crm, stages, clock):
    deal_id = _deal(crm, stages[3])
    clock.advance(dt.timedelta(days=7, hours=23))
    card = crm.deals.cards(DealFilter(), [deal_id])[0]
    assert card.days_in_stage(clock.now()) == 7 and not card.is_rotting(clock.now())


def test_filters_select_by_owner_tag_company_close_value_and_text(crm, stages):
    other_owner = crm.lookups.create_user("Bea")
    acme = crm.companies.create(CompanyDraft(name="Acme Ltd"))
    a = _deal(crm, stages[0], "Alpha", value_minor=5000, tags=["hot"], expected_close=dt.date(2024, 5, 10))
    b = _deal(crm, stages[1], "Beta", value_minor=50000, owner_id=other_owner, company_id=acme,
              expected_close=dt.date(2024, 6, 10))
    c = _deal(crm, stages[2], "Gamma 100%_off", value_minor=500000)
    base = DealFilter(pipeline_id=crm.pipelines.default().id)

    def ids(**changes) -> set[int]:
        return {card.id for card in crm.deals.cards(base.with_(**changes))}

    assert ids() == {a, b, c}
    assert ids(owner_id=other_owner) == {b}
    assert ids(tag_id=crm.lookups.tags()[0].id) == {a}
    assert ids(company_id=acme) == {b}
    assert ids(close_from=dt.date(2024, 6, 1), close_to=dt.date(2024, 6, 30)) == {b}
    assert ids(min_value_minor=5000, max_value_minor=50000) == {a, b}
    assert ids(text="acme") == {b}
    assert ids(text="100%_") == {c}
    assert ids(text="100%x") == set()
    assert crm.deals.count(base.with_(min_value_minor=10000)) == 2


def test_the_deal_list_is_sorted_in_sql(crm, stages):
    for title, value in (("b", 300), ("a", 100), ("c", 200)):
        _deal(crm, stages[0], title, value_minor=value)
    flt = DealFilter()
    assert [r[1] for r in crm.deals.page(flt, "value", True, 0, 10)] == ["b", "c", "a"]
    assert [r[1] for r in crm.deals.page(flt, "title", False, 1, 2)] == ["b", "c"]


def test_deleting_and_restoring_a_deal(crm, stages, changes):
    deal_id = _deal(crm, stages[0])
    crm.deals.delete([deal_id])
    assert crm.deals.cards(DealFilter()) == []
    assert Change("deal", "delete", (deal_id,)) in changes
    crm.deals.restore([deal_id])
    assert [c.id for c in crm.deals.cards(DealFilter())] == [deal_id]


def test_demo_data_fills_a_believable_pipeline(crm):
    crm.seed_demo(people=80, firms=20)
    open_cards = crm.deals.cards(DealFilter())
    won, lost = crm.deals.count(DealFilter(status="won")), crm.deals.count(DealFilter(status="lost"))
    assert open_cards and won and lost
    assert all(crm.deals.history(c.id) for c in open_cards)
    assert crm.forecast.forecast(crm.settings.currency or "USD", months=3).stages
