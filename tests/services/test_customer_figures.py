"""Key figures of a customer page, with exact values: revenue, balance, last interaction."""

from __future__ import annotations

import datetime as dt

import pytest
from service_helpers import person

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.customer import Money, Target
from crm_desktop.core.errors import ValidationError
from crm_desktop.core.orders import OrderDraft, OrderLineDraft
from crm_desktop.core.records import CompanyDraft
from crm_desktop.services import Change, Services

START = dt.datetime(2024, 5, 6, 9, 0)
DAY = dt.timedelta(days=1)


def add_deal(sql, title: str, status: str, value: int, *, contact_id=None, company_id=None,
             currency: str = "USD") -> int:
    sql("INSERT INTO deal(title, status, value_minor, currency, contact_id, company_id, uuid, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))), ?, ?)",
        (title, status, value, currency, contact_id, company_id, str(START), str(START)))
    return sql("SELECT max(id) FROM deal")[0][0]


def add_task(sql, title: str, due: dt.datetime | None, *, contact_id: int,
             done: dt.datetime | None = None) -> int:
    sql("INSERT INTO task(title, due_at, done_at, contact_id, uuid, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, lower(hex(randomblob(16))), ?, ?)",
        (title, str(due) if due else None, str(done) if done else None, contact_id, str(START), str(START)))
    return sql("SELECT max(id) FROM task")[0][0]


def order(contact_id: int, *lines: tuple[float, int], currency: str = "USD", deal_id=None,
          due: dt.datetime | None = None) -> OrderDraft:
    return OrderDraft(START, [OrderLineDraft(f"item {i}", q, p) for i, (q, p) in enumerate(lines)],
                      currency=currency, contact_id=contact_id, deal_id=deal_id, due_at=due)


def test_lifetime_revenue_counts_won_deals_and_payments_outside_them(crm: Services, sql):
    ann = crm.contacts.create(person("Ann", "Lee"))
    won = add_deal(sql, "Big sale", "won", 500_00, contact_id=ann)
    add_deal(sql, "Lost one", "lost", 900_00, contact_id=ann)
    add_deal(sql, "Open one", "open", 120_00, contact_id=ann)
    add_deal(sql, "Open two", "open", 30_00, contact_id=ann)
    # An order of the won deal, paid in full: its payment is the deal's value, not counted again.
    of_deal = crm.orders.create(order(ann, (1, 500_00), deal_id=won))
    crm.orders.record_payment(of_deal, 500_00)
    # Two orders of their own: 3 × 19.99 + 10.00 = 69.97, paid 50.00; and 200.00, paid in full.
    part = crm.orders.create(order(ann, (3, 19_99), (1, 10_00)))
    crm.orders.record_payment(part, 50_00)
    full = crm.orders.create(order(ann, (2, 100_00)))
    crm.orders.record_payment(full, 150_00)
    crm.orders.record_payment(full, 50_00)

    figures = crm.timeline.key_figures(Target("contact", ann))

    assert figures.lifetime_revenue == Money((("USD", 500_00 + 50_00 + 200_00),))
    assert figures.outstanding == Money((("USD", 69_97 - 50_00),))
    assert figures.open_deals == Money((("USD", 150_00),))
    assert figures.open_deal_count == 2
    assert [o.status for o in crm.orders.for_target(Target("contact", ann))] == ["paid", "open", "paid"]


def test_outstanding_balance_per_currency_and_cancelled_orders_owe_nothing(crm: Services):
    ann = crm.contacts.create(person("Ann", "Lee"))
    crm.orders.create(order(ann, (1, 80_00), currency="EUR"))
    crm.orders.create(order(ann, (2, 1_000_00), currency="CNY"))
    cancelled = crm.orders.create(order(ann, (1, 999_00), currency="EUR"))
    crm.orders.set_status(cancelled, "cancelled")

    figures = crm.timeline.key_figures(Target("contact", ann))

    assert figures.outstanding == Money((("CNY", 2_000_00), ("EUR", 80_00)))
    assert not figures.lifetime_revenue


def test_last_interaction_is_the_latest_call_email_or_meeting_not_a_note(crm: Services, clock):
    ann = crm.contacts.create(person("Ann", "Lee"))
    crm.activities.log(ActivityDraft("call", subject="intro", contact_id=ann, occurred_at=START - 10 * DAY))
    crm.activities.log(ActivityDraft("meeting", subject="demo", contact_id=ann, occurred_at=START - 3 * DAY))
    crm.activities.log(ActivityDraft("note", subject="thinks it over", contact_id=ann, occurred_at=START))

    figures = crm.timeline.key_figures(Target("contact", ann))

    assert figures.last_interaction == START - 3 * DAY
    assert figures.days_since_interaction(clock.today()) == 3
    assert figures.customer_since == START - 10 * DAY  # the first activity precedes the record


def test_next_follow_up_is_the_earliest_open_task(crm: Services, sql):
    ann = crm.contacts.create(person("Ann", "Lee"))
    add_task(sql, "send quote", START + 5 * DAY, contact_id=ann)
    add_task(sql, "call back", START + 2 * DAY, contact_id=ann)
    add_task(sql, "done already", START + DAY, contact_id=ann, done=START)

    figures = crm.timeline.key_figures(Target("contact", ann))

    assert (figures.next_follow_up, figures.next_follow_up_title) == (START + 2 * DAY, "call back")
    assert [t.title for t in crm.timeline.tasks(Target("contact", ann))] == ["call back", "send quote",
                                                                              "done already"]


def test_a_company_page_adds_up_everyone_who_works_there(crm: Services, sql):
    acme = crm.companies.create(CompanyDraft(name="Acme"))
    ann = crm.contacts.create(person("Ann", "Lee", company_id=acme))
    bob = crm.contacts.create(person("Bob", "Ray", company_id=acme))
    outsider = crm.contacts.create(person("Cy", "Outside"))
    add_deal(sql, "Ann's", "won", 100_00, contact_id=ann)
    add_deal(sql, "Acme's own", "won", 40_00, company_id=acme)
    add_deal(sql, "Not theirs", "won", 7_00, contact_id=outsider)
    crm.orders.create(order(bob, (1, 25_00)))
    crm.activities.log(ActivityDraft("email", contact_id=bob, occurred_at=START - DAY))
    crm.activities.log(ActivityDraft("call", contact_id=outsider, occurred_at=START))

    figures = crm.timeline.key_figures(Target("company", acme))

    assert figures.lifetime_revenue == Money((("USD", 140_00),))
    assert figures.outstanding == Money((("USD", 25_00),))
    assert figures.last_interaction == START - DAY
    assert {p.name for p in crm.timeline.people(acme)} == {"Ann Lee", "Bob Ray"}
    assert {d.title for d in crm.timeline.deals(Target("company", acme))} == {"Ann's", "Acme's own"}


def test_a_payment_must_be_positive_and_an_order_needs_lines(crm: Services):
    ann = crm.contacts.create(person("Ann", "Lee"))
    with pytest.raises(ValidationError) as empty:
        crm.orders.create(OrderDraft(START, [], contact_id=ann))
    assert ("lines", "required") in empty.value.codes()
    order_id = crm.orders.create(order(ann, (1, 10_00)))
    with pytest.raises(ValidationError):
        crm.orders.record_payment(order_id, 0)
    assert crm.orders.get(order_id).paid_minor == 0


def test_an_order_gets_a_number_its_lines_and_announces_itself(crm: Services, changes: list[Change]):
    ann = crm.contacts.create(person("Ann", "Lee"))
    order_id = crm.orders.create(OrderDraft(START, [OrderLineDraft("Widget", 2.5, 4_00, product="W-1")],
                                            contact_id=ann, currency="usd", due_at=START + 30 * DAY))
    got = crm.orders.get(order_id)
    assert (got.number, got.currency, got.total_minor, got.due_at) == (f"SO-{order_id:05d}", "USD", 10_00,
                                                                      START + 30 * DAY)
    assert got.lines[0].product == "W-1"
    assert got.is_overdue(START + 31 * DAY) and not got.is_overdue(START)
    assert changes[-1] == Change("order", "create", (order_id,))


def test_the_lead_score_shows_where_scoring_has_computed_one(crm: Services, sql):
    ann = crm.contacts.create(person("Ann", "Lee"))
    bob = crm.contacts.create(person("Bob", "Ray"))
    assert crm.timeline.key_figures(Target("contact", ann)).score is None
    if not sql("SELECT name FROM sqlite_master WHERE name = 'contact_score'"):
        pytest.skip("this schema has no lead scores")
    sql("INSERT INTO contact_score(contact_id, score, computed_at) VALUES (?, 65, ?)", (ann, str(START)))
    assert crm.timeline.key_figures(Target("contact", ann)).score == 65
    assert crm.timeline.key_figures(Target("contact", bob)).score is None
