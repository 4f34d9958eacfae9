"""The customer timeline: every kind of event in one stream, filtered, searched, pinned, paged."""

from __future__ import annotations

import datetime as dt

from service_helpers import person

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.cases import CaseDraft
from crm_desktop.core.customer import Target, TimelineQuery
from crm_desktop.core.orders import OrderDraft, OrderLineDraft
from crm_desktop.core.records import CompanyDraft
from crm_desktop.services import Services

START = dt.datetime(2024, 5, 6, 9, 0)
HOUR = dt.timedelta(hours=1)


def kinds(crm: Services, target: Target) -> list[str]:
    return [e.kind for e in crm.timeline.page(target, TimelineQuery(), 0, 100)]


def test_everything_that_happened_is_one_stream_newest_first(crm: Services, clock, tmp_path):
    ann = crm.contacts.create(person("Ann", "Lee", email="ann@example.com"))
    crm.activities.log(ActivityDraft("call", subject="intro", contact_id=ann, duration_s=120))
    clock.advance(HOUR)
    order_id = crm.orders.create(OrderDraft(clock.now(), [OrderLineDraft("Widget", 2, 5_00)], contact_id=ann))
    clock.advance(HOUR)
    crm.orders.record_payment(order_id, 10_00)
    clock.advance(HOUR)
    case_id = crm.cases.open(CaseDraft("Broken widget", "complaint", contact_id=ann))
    clock.advance(HOUR)
    crm.cases.set_status(case_id, "resolved")
    clock.advance(HOUR)
    doc = tmp_path / "quote.pdf"
    doc.write_bytes(b"%PDF-1.4 quote")
    crm.attachments.attach(doc, contact_id=ann)
    clock.advance(HOUR)
    draft = crm.contacts.get(ann).data
    draft.title = "Buyer"
    crm.contacts.update(ann, draft)

    target = Target("contact", ann)
    assert kinds(crm, target) == ["change", "file", "case_resolved", "case", "payment", "order", "call"]
    assert crm.timeline.count(target) == 7
    entries = crm.timeline.page(target, TimelineQuery(), 0, 10)
    change = entries[0]
    assert (change.title, change.body, change.outcome) == ("title", "", "Buyer")
    assert change.owner == crm.lookups.users()[0].name  # who changed it
    order = entries[5]
    assert (order.amount_minor, order.at) == (10_00, START + HOUR)


def test_filter_by_type_and_search_within(crm: Services, clock):
    ann = crm.contacts.create(person("Ann", "Lee"))
    for i, kind in enumerate(("call", "email", "note", "meeting", "call")):
        crm.activities.log(ActivityDraft(kind, subject=f"{kind} {i}", body=f"<p>about <b>pricing {i}</b></p>",
                                         contact_id=ann, occurred_at=START + i * HOUR))
    target = Target("contact", ann)
    calls = TimelineQuery(groups=("call",))
    assert [e.title for e in crm.timeline.page(target, calls, 0, 10)] == ["call 4", "call 0"]
    assert crm.timeline.count(target, TimelineQuery(groups=("call", "email"))) == 3
    found = crm.timeline.page(target, TimelineQuery(search="pricing 2"), 0, 10)
    assert [e.title for e in found] == ["note 2"]
    assert crm.timeline.count(target, TimelineQuery(search="nothing like it")) == 0


def test_pinned_notes_stay_on_top_and_unpinned_go_back_in_time_order(crm: Services):
    ann = crm.contacts.create(person("Ann", "Lee"))
    old = crm.activities.log(ActivityDraft("note", subject="prefers mornings", contact_id=ann,
                                           occurred_at=START - 30 * HOUR))
    crm.activities.log(ActivityDraft("call", subject="latest", contact_id=ann, occurred_at=START))
    target = Target("contact", ann)
    crm.activities.set_pinned(old, True)
    page = crm.timeline.page(target, TimelineQuery(), 0, 10)
    assert [(e.title, e.pinned) for e in page] == [("prefers mornings", True), ("latest", False)]
    crm.activities.set_pinned(old, False)
    back = crm.timeline.page(target, TimelineQuery(), 0, 10)
    assert [e.title for e in back] == ["latest", "prefers mornings"]


def test_pages_join_up_and_jump_to_a_date_finds_its_row(crm: Services):
    ann = crm.contacts.create(person("Ann", "Lee"))
    for day in range(30):
        crm.activities.log(ActivityDraft("note", subject=f"day {day}", contact_id=ann,
                                         occurred_at=START + dt.timedelta(days=day)))
    target = Target("contact", ann)
    pages = [e.title for off in range(0, 30, 7) for e in crm.timeline.page(target, TimelineQuery(), off, 7)]
    assert pages == [f"day {d}" for d in range(29, -1, -1)]
    from_end = [e.title for off in range(0, 30, 7)
                for e in crm.timeline.page(target, TimelineQuery(), off, 7, total=30)]
    assert from_end == pages
    row = crm.timeline.row_of_date(target, TimelineQuery(), (START + dt.timedelta(days=10)).date())
    assert crm.timeline.page(target, TimelineQuery(), row, 1)[0].title == "day 10"


def test_deleted_activities_leave_the_timeline_and_come_back_on_restore(crm: Services):
    ann = crm.contacts.create(person("Ann", "Lee"))
    note = crm.activities.log(ActivityDraft("note", subject="oops", contact_id=ann))
    target = Target("contact", ann)
    crm.activities.delete([note])
    assert crm.timeline.count(target) == 0
    assert [(t.kind, t.record_id, t.name) for t in crm.activities.trashed()] == [("activity", note, "oops")]
    crm.activities.restore([note])
    assert kinds(crm, target) == ["note"]


def test_a_company_timeline_gathers_its_people_and_names_them(crm: Services):
    acme = crm.companies.create(CompanyDraft(name="Acme"))
    ann = crm.contacts.create(person("Ann", "Lee", company_id=acme))
    other = crm.contacts.create(person("Cy", "Outside"))
    crm.activities.log(ActivityDraft("call", subject="Ann called", contact_id=ann, occurred_at=START))
    crm.activities.log(ActivityDraft("note", subject="about Acme", company_id=acme, occurred_at=START - HOUR))
    crm.activities.log(ActivityDraft("call", subject="not Acme", contact_id=other, occurred_at=START))
    entries = crm.timeline.page(Target("company", acme), TimelineQuery(), 0, 10)
    assert [(e.title, e.person) for e in entries] == [("Ann called", "Ann Lee"), ("about Acme", "")]


def test_a_case_conversation_lands_on_the_timeline(crm: Services):
    ann = crm.contacts.create(person("Ann", "Lee"))
    case_id = crm.cases.open(CaseDraft("Where is my order?", "question", priority=1, contact_id=ann))
    crm.cases.set_status(case_id, "in_progress")
    reply = crm.cases.reply(case_id, ActivityDraft("email", subject="Re: order", body="Shipped today"))
    assert [a.id for a in crm.activities.for_case(case_id)] == [reply]
    case = crm.cases.get(case_id)
    assert (case.status, case.priority, case.resolved_at) == ("in_progress", 1, None)
    assert "email" in kinds(crm, Target("contact", ann))


def test_a_database_without_the_timeline_indexes_still_reads_its_timeline(crm: Services, sql):
    ann = crm.contacts.create(person("Ann", "Lee"))
    crm.activities.log(ActivityDraft("call", subject="hello", contact_id=ann, occurred_at=START))
    sql("DROP INDEX activity_timeline")
    sql("DROP INDEX activity_company_timeline")
    target = Target("contact", ann)
    assert [e.title for e in crm.timeline.page(target, TimelineQuery(), 0, 10)] == ["hello"]
    assert crm.timeline.key_figures(target).last_interaction == START
