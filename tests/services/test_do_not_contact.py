"""A person marked "do not contact": rules make no follow-ups for them, their reminders stay quiet
(but visible, marked), and the person is easy to find by a segment condition."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from service_helpers import person

from crm_desktop.core.deals import DealDraft
from crm_desktop.core.rules import KEEP_IN_TOUCH, NO_NEXT_STEP, STAGE_ENTRY, FollowRule
from crm_desktop.core.tasks import SectionQuery, TaskDraft
from crm_desktop.services import Services

START = dt.datetime(2024, 5, 6, 9, 0)
DAY = dt.timedelta(days=1)


@pytest.fixture
def crm(crm: Services) -> Services:
    crm.tasks.tz = ZoneInfo("UTC")
    return crm


def _flag(crm: Services, contact_id: int, on: bool = True) -> None:
    record = crm.contacts.get(contact_id)
    record.data.do_not_contact = on
    crm.contacts.update(contact_id, record.data)


def _rule(crm: Services, kind: str) -> FollowRule:
    (rule,) = [r for r in crm.rules.rules() if r.kind == kind]
    return rule


def test_keep_in_touch_skips_people_marked_do_not_contact(crm: Services, clock, sql):
    ann = crm.contacts.create(person("Ann", tags=["customer"]))
    bob = crm.contacts.create(person("Bob", tags=["customer"], do_not_contact=True))
    rule = _rule(crm, KEEP_IN_TOUCH)
    clock.advance(31 * DAY)
    assert crm.rules.run_all()[rule.id] == 1
    assert sql("SELECT contact_id FROM task WHERE rule_id = ?", (rule.id,)) == [(ann,)]
    _flag(crm, bob, False)  # allowed again: the rule picks them up on its next run
    assert crm.rules.run_all()[rule.id] == 1
    assert {r[0] for r in sql("SELECT contact_id FROM task WHERE rule_id = ?", (rule.id,))} == {ann, bob}


def _pipeline(crm: Services):
    pipeline_id = crm.pipelines.create("Sales", [("Lead", 10, None), ("Quote", 50, None)])
    lead, quote = crm.pipelines.get(pipeline_id).stages
    return pipeline_id, lead, quote


def test_stage_entry_makes_no_task_when_the_deals_person_is_do_not_contact(crm: Services, sql):
    pipeline_id, lead, quote = _pipeline(crm)
    rule_id = crm.rules.save(FollowRule(None, STAGE_ENTRY, config={"stage_id": quote.id, "title": "Quote"}))
    quiet = crm.contacts.create(person("Quiet", do_not_contact=True))
    open_ = crm.contacts.create(person("Open"))
    d1 = crm.deals.create(DealDraft("Chairs", pipeline_id, lead.id, contact_id=quiet, currency="USD"))
    d2 = crm.deals.create(DealDraft("Desks", pipeline_id, lead.id, contact_id=open_, currency="USD"))
    d3 = crm.deals.create(DealDraft("Lamps", pipeline_id, lead.id, currency="USD"))
    for deal in (d1, d2, d3):
        crm.deals.move(deal, quote.id)
    assert {r[0] for r in sql("SELECT deal_id FROM task WHERE rule_id = ?", (rule_id,))} == {d2, d3}


def test_no_next_step_leaves_out_deals_of_people_marked_do_not_contact(crm: Services, sql):
    pipeline_id, lead, _ = _pipeline(crm)
    quiet = crm.contacts.create(person("Quiet", do_not_contact=True))
    d1 = crm.deals.create(DealDraft("Chairs", pipeline_id, lead.id, contact_id=quiet, currency="USD"))
    d2 = crm.deals.create(DealDraft("Desks", pipeline_id, lead.id, currency="USD"))
    rule = _rule(crm, NO_NEXT_STEP)
    rule.enabled = True
    crm.rules.save(rule)
    assert crm.rules.run_all()[rule.id] == 1
    made = {r[0] for r in sql("SELECT deal_id FROM task WHERE rule_id = ?", (rule.id,))}
    assert made == {d2} and d1 not in made


def test_a_due_task_about_a_do_not_contact_person_does_not_notify(crm: Services, clock):
    quiet = crm.contacts.create(person("Quiet", do_not_contact=True))
    ann = crm.contacts.create(person("Ann"))
    silent = crm.tasks.create(TaskDraft("Call Quiet", due_at=START + 10 * dt.timedelta(minutes=1),
                                        contact_id=quiet))
    loud = crm.tasks.create(TaskDraft("Call Ann", due_at=START + 10 * dt.timedelta(minutes=1),
                                      contact_id=ann))
    clock.advance(10 * dt.timedelta(minutes=1))
    plan = crm.reminders.poll()
    assert [r.task_id for r in plan.single] == [loud] and plan.summary == ()
    assert crm.reminders.poll().single == ()  # the silent one is not held back to fire later either
    assert [n[3] for n in crm.reminders.recent()] == ["Call Ann"]
    # The task itself stays on the Reminders page, marked.
    rows = {r.id: r for r in crm.tasks.rows(SectionQuery("today"), 0, 50)}
    assert rows[silent].silenced and not rows[loud].silenced


def test_a_task_on_a_deal_still_notifies(crm: Services, clock):
    pipeline_id, lead, _ = _pipeline(crm)
    quiet = crm.contacts.create(person("Quiet", do_not_contact=True))
    deal = crm.deals.create(DealDraft("Chairs", pipeline_id, lead.id, contact_id=quiet, currency="USD"))
    task = crm.tasks.create(TaskDraft("Send contract", due_at=START, contact_id=quiet, deal_id=deal))
    assert [r.task_id for r in crm.reminders.poll().single] == [task]


def test_a_segment_condition_finds_them(crm: Services):
    from crm_desktop.core.segments import Condition, Group

    crm.contacts.create_many([person("Ann"), person("Bob", do_not_contact=True), person("Cid", tags=["vip"],
                                                                                        do_not_contact=True)])
    marked = Group("all", (Condition("do_not_contact", "set"),))
    assert crm.segments.count_filter("contact", marked) == 2
    assert crm.segments.count_filter("contact", Group("all", (Condition("do_not_contact", "not_set"),))) == 1
    segment_id = crm.segments.create("Do not contact", "contact", marked)
    assert crm.segments.count(segment_id) == 2


def test_a_merge_keeps_a_do_not_contact_request_of_either_record(crm: Services):
    keep = crm.contacts.create(person("Ann", "Lee", email="ann@example.com"))
    gone = crm.contacts.create(person("Ann", "Lee", email="ann.lee@example.com", do_not_contact=True))
    plan = crm.merges.plan("contact", keep, gone)
    (flag,) = [f for f in plan.fields if f.key == "do_not_contact"]
    assert flag.default == "other"
    merge_id = crm.merges.merge("contact", keep, gone)
    assert crm.contacts.get(keep).data.do_not_contact is True
    crm.merges.undo(merge_id)
    assert crm.contacts.get(keep).data.do_not_contact is False
