"""Follow-up rules: keep in touch, stage entry, no next step — never twice, reset by an interaction."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from service_helpers import person

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.errors import ValidationError
from crm_desktop.core.rules import KEEP_IN_TOUCH, NO_NEXT_STEP, STAGE_ENTRY, FollowRule
from crm_desktop.core.tasks import TaskDraft
from crm_desktop.services import Change, Services

START = dt.datetime(2024, 5, 6, 9, 0)
DAY = dt.timedelta(days=1)


@pytest.fixture
def crm(crm: Services) -> Services:
    crm.tasks.tz = ZoneInfo("UTC")
    return crm


def keep_in_touch(crm: Services) -> FollowRule:
    (rule,) = [r for r in crm.rules.rules() if r.kind == KEEP_IN_TOUCH]
    return rule


def rule_tasks(sql, rule_id: int) -> list[tuple]:
    return sql("SELECT contact_id, title, owner_id, done_at FROM task WHERE rule_id = ? ORDER BY id",
               (rule_id,))


def test_new_users_start_with_keep_in_touch_for_customers_after_30_days(crm: Services):
    rule = keep_in_touch(crm)
    assert (rule.enabled, rule.tag, rule.days) == (True, "customer", 30)


def test_silent_customers_get_one_task_for_their_owner(crm: Services, clock, sql):
    sam = crm.lookups.create_user("Sam")
    ann = crm.contacts.create(person("Ann", "Lee", tags=["Customer"], owner_id=sam))
    crm.contacts.create(person("Bob", tags=["prospect"]))  # not tagged: never
    rule = keep_in_touch(crm)
    assert crm.rules.run_all() == {rule.id: 0}  # too new to be forgotten
    clock.advance(31 * DAY)
    assert crm.rules.run_all() == {rule.id: 1}
    assert rule_tasks(sql, rule.id) == [(ann, "Get back in touch with Ann Lee", sam, None)]
    assert crm.rules.run_all() == {rule.id: 0}  # never the same task twice


def test_an_interaction_resets_the_clock(crm: Services, clock, sql):
    ann = crm.contacts.create(person("Ann", tags=["customer"]))
    rule = keep_in_touch(crm)
    clock.advance(20 * DAY)
    crm.activities.log(ActivityDraft("call", contact_id=ann))
    clock.advance(20 * DAY)  # 40 days since creation, 20 since the call
    assert crm.rules.run_all() == {rule.id: 0}
    crm.activities.log(ActivityDraft("note", contact_id=ann))  # a note is not talking to them
    clock.advance(11 * DAY)
    assert crm.rules.run_all() == {rule.id: 1}
    (task_id,) = [r[0] for r in sql("SELECT id FROM task WHERE rule_id = ?", (rule.id,))]
    # Done — log call: the call resets the clock, and 30 silent days later a new task comes.
    crm.tasks.complete(task_id, log=True)
    assert crm.rules.run_all() == {rule.id: 0}
    clock.advance(31 * DAY)
    assert crm.rules.run_all() == {rule.id: 1}
    assert len(rule_tasks(sql, rule.id)) == 2


def test_an_open_task_on_the_contact_suppresses_the_rule(crm: Services, clock):
    ann = crm.contacts.create(person("Ann", tags=["customer"]))
    crm.tasks.create(TaskDraft("Lunch with Ann", due_at=START + 40 * DAY, contact_id=ann))
    clock.advance(35 * DAY)
    assert sum(crm.rules.run_all().values()) == 0


def test_a_disabled_rule_does_nothing_and_rules_are_checked(crm: Services, clock):
    crm.contacts.create(person("Ann", tags=["customer"]))
    rule = keep_in_touch(crm)
    rule.enabled = False
    crm.rules.save(rule)
    clock.advance(40 * DAY)
    assert crm.rules.run_all() == {}
    with pytest.raises(ValidationError):
        crm.rules.save(FollowRule(None, KEEP_IN_TOUCH, config={"tag": "vip", "days": 0}))


def _deal(sql, stage_id: int, contact_id: int | None = None, entered: str = "2024-05-06 09:00:00") -> int:
    sql("INSERT INTO deal(title, stage_id, contact_id, status, stage_entered_at, uuid, created_at, "
        "updated_at) VALUES ('Big order', ?, ?, 'open', ?, lower(hex(randomblob(16))), ?, ?)",
        (stage_id, contact_id, entered, entered, entered))
    return sql("SELECT max(id) FROM deal")[0][0]


def _stage(sql, name: str) -> int:
    sql("INSERT INTO pipeline(name, uuid, created_at, updated_at) "
        "VALUES ('Sales', lower(hex(randomblob(16))), '2024-01-01', '2024-01-01')")
    pipeline = sql("SELECT max(id) FROM pipeline")[0][0]
    sql("INSERT INTO stage(pipeline_id, name, uuid, created_at, updated_at) "
        "VALUES (?, ?, lower(hex(randomblob(16))), '2024-01-01', '2024-01-01')", (pipeline, name))
    return sql("SELECT max(id) FROM stage")[0][0]


def test_entering_a_stage_creates_the_rules_task_once(crm: Services, sql):
    quote = _stage(sql, "Quote")
    other = _stage(sql, "Won")
    ann = crm.contacts.create(person("Ann"))
    rule_id = crm.rules.save(FollowRule(None, STAGE_ENTRY, config={
        "stage_id": quote, "title": "Send the quote for %1", "due_in_days": 1, "task_kind": "email"}))
    deal = _deal(sql, quote, ann)
    crm.changes.emit(Change("deal", "stage", (deal,)))  # what the deals service emits on a move
    crm.changes.emit(Change("deal", "stage", (deal,)))  # the same entry told twice
    rows = sql("SELECT title, kind, due_at, all_day, contact_id, deal_id FROM task WHERE rule_id = ?",
               (rule_id,))
    assert rows == [("Send the quote for Big order", "email", "2024-05-07 00:00:00", 1, ann, deal)]
    elsewhere = _deal(sql, other)
    crm.changes.emit(Change("deal", "stage", (elsewhere,)))
    assert len(sql("SELECT id FROM task WHERE rule_id = ?", (rule_id,))) == 1
    # Leaving and entering the stage again is a new entry: a new task.
    sql("UPDATE deal SET stage_entered_at = '2024-05-20 10:00:00' WHERE id = ?", (deal,))
    crm.changes.emit(Change("deal", "stage", (deal,)))
    assert len(sql("SELECT id FROM task WHERE rule_id = ?", (rule_id,))) == 2


def test_deals_without_a_next_step_remind_their_owner(crm: Services, sql, clock):
    stage = _stage(sql, "Proposal")
    planned = _deal(sql, stage)
    forgotten = _deal(sql, stage)
    crm.tasks.create(TaskDraft("Call back", due_at=START + 2 * DAY, deal_id=planned))
    (rule,) = [r for r in crm.rules.rules() if r.kind == NO_NEXT_STEP]
    rule.enabled = True
    crm.rules.save(rule)
    assert crm.rules.run_all()[rule.id] == 1
    assert sql("SELECT deal_id FROM task WHERE rule_id = ?", (rule.id,)) == [(forgotten,)]
    assert crm.rules.run_all()[rule.id] == 0


def test_a_deal_moved_by_the_deals_service_gets_the_stage_rules_task(crm: Services, sql):
    from crm_desktop.core.deals import DealDraft

    pipeline_id = crm.pipelines.create("Sales", [("Lead", 10, None), ("Quote", 50, None)])
    lead, quote = crm.pipelines.get(pipeline_id).stages
    ann = crm.contacts.create(person("Ann"))
    config = {"stage_id": quote.id, "title": "Send quote"}
    rule_id = crm.rules.save(FollowRule(None, STAGE_ENTRY, config=config))
    deal = crm.deals.create(DealDraft("Office chairs", pipeline_id, lead.id, contact_id=ann, currency="USD"))
    assert sql("SELECT count(*) FROM task WHERE rule_id = ?", (rule_id,)) == [(0,)]
    crm.deals.move(deal, quote.id)
    assert sql("SELECT title, deal_id, contact_id FROM task WHERE rule_id = ?", (rule_id,)) == [
        ("Send quote", deal, ann)]


# -- keep in touch: a daily limit -----------------------------------------------------------------
def _silent_customers(crm: Services, clock, names: list[str]) -> list[int]:
    """Customers made a day apart, so the first is the one silent longest."""
    made = []
    for name in names:
        made.append(crm.contacts.create(person(name, tags=["customer"])))
        clock.advance(DAY)
    return made


def test_keep_in_touch_makes_at_most_its_daily_limit_longest_silent_first(crm: Services, clock, sql):
    ann, bob, cy = _silent_customers(crm, clock, ["Ann", "Bob", "Cy"])
    rule = keep_in_touch(crm)
    assert rule.daily_limit == 500
    rule.config["daily_limit"] = 2
    crm.rules.save(rule)
    seen: list[Change] = []
    crm.changes.subscribe(seen.append)
    clock.advance(40 * DAY)
    assert crm.rules.run_all() == {rule.id: 2}
    assert [r[0] for r in rule_tasks(sql, rule.id)] == [ann, bob]
    # One notification says how many still wait; the UI is told to show it.
    (note,) = crm.reminders.recent()
    assert (note[1], note[4], note[5]) == ("waiting", "customer", 1)
    assert Change("notification", "rule", (note[0],)) in seen
    assert crm.rules.run_all() == {rule.id: 0}  # the day's limit is used up
    clock.advance(DAY)
    assert crm.rules.run_all() == {rule.id: 1}  # the next day: the one who waited
    assert [r[0] for r in rule_tasks(sql, rule.id)] == [ann, bob, cy]
    assert len(crm.reminders.recent()) == 1  # nobody waits any more: no new notification
    clock.advance(DAY)
    assert crm.rules.run_all() == {rule.id: 0}  # and nobody gets a second task


def test_a_limit_of_zero_makes_every_task_at_once(crm: Services, clock, sql):
    _silent_customers(crm, clock, ["Ann", "Bob", "Cy"])
    rule = keep_in_touch(crm)
    rule.config["daily_limit"] = 0
    crm.rules.save(rule)
    clock.advance(40 * DAY)
    assert crm.rules.run_all() == {rule.id: 3}
    assert crm.reminders.recent() == []
    uuids = [r[0] for r in sql("SELECT uuid FROM task WHERE rule_id = ? ORDER BY id", (rule.id,))]
    assert uuids == sorted(uuids) and len(set(uuids)) == 3  # time-ordered, made in SQL
    assert all(len(u) == 36 and u[14] == "7" and u[19] in "89ab" for u in uuids)  # UUIDv7


def test_a_silence_whose_task_was_done_does_not_hold_a_place_in_the_limit(crm: Services, clock, sql):
    ann, bob = _silent_customers(crm, clock, ["Ann", "Bob"])
    rule = keep_in_touch(crm)
    rule.config["daily_limit"] = 1
    crm.rules.save(rule)
    clock.advance(40 * DAY)
    assert crm.rules.run_all() == {rule.id: 1}
    (task_id,) = [r[0] for r in sql("SELECT id FROM task WHERE rule_id = ?", (rule.id,))]
    crm.tasks.complete(task_id)  # done without logging a talk: Ann's silence goes on
    clock.advance(DAY)
    assert crm.rules.run_all() == {rule.id: 1}  # Bob, not Ann again
    assert [r[0] for r in rule_tasks(sql, rule.id)] == [ann, bob]


def test_the_daily_limit_is_checked():
    from crm_desktop.core.rules import validate

    assert validate(FollowRule(None, KEEP_IN_TOUCH, config={"daily_limit": -1})) == ["daily_limit"]
    assert validate(FollowRule(None, KEEP_IN_TOUCH, config={"daily_limit": 0})) == []


# -- stage entry: notify the owner ------------------------------------------------------------------
def test_a_notify_rule_tells_the_owner_once_per_entry_and_makes_no_task(crm: Services, sql):
    quote = _stage(sql, "Quote")
    rule_id = crm.rules.save(FollowRule(None, STAGE_ENTRY, config={"stage_id": quote, "action": "notify"}))
    assert crm.rules.rules()[-1].action == "notify"
    seen: list[Change] = []
    crm.changes.subscribe(seen.append)
    deal = _deal(sql, quote)
    crm.changes.emit(Change("deal", "stage", (deal,)))
    crm.changes.emit(Change("deal", "stage", (deal,)))  # the same entry told twice
    assert sql("SELECT count(*) FROM task WHERE rule_id = ?", (rule_id,)) == [(0,)]
    (note,) = crm.reminders.recent()
    assert (note[1], note[3], note[4], note[8]) == ("stage", "Big order", "Quote", deal)
    assert [c for c in seen if c.entity == "notification"] == [Change("notification", "rule", (note[0],))]
    assert crm.reminders.unread() == 1
    sql("UPDATE deal SET stage_entered_at = '2024-05-20 10:00:00' WHERE id = ?", (deal,))
    crm.changes.emit(Change("deal", "stage", (deal,)))  # entering again: told again
    assert len(crm.reminders.recent()) == 2


def test_a_stage_rule_does_a_task_or_a_notification_nothing_else():
    from crm_desktop.core.rules import validate

    rule = FollowRule(None, STAGE_ENTRY, config={"stage_id": 1, "action": "email"})
    assert validate(rule) == ["action"]
    assert FollowRule(None, STAGE_ENTRY, config={"stage_id": 1}).action == "task"
