"""Inverses for what a customer's page and the reminders write: tasks done, reopened and snoozed,
case and order statuses, payments, orders, cases and relationships; each in one transaction and
refused, with nothing written, when the record was changed since."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.cases import CaseDraft
from crm_desktop.core.customer import Target
from crm_desktop.core.edits import TaskState, activity_draft
from crm_desktop.core.errors import EditConflict, NotFoundError
from crm_desktop.core.orders import OrderDraft, OrderLineDraft
from crm_desktop.core.records import ContactDraft
from crm_desktop.core.tasks import TaskDraft
from crm_desktop.services import Services


@pytest.fixture
def ann(crm: Services) -> int:
    return crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))


def _completed(crm: Services, task_id: int, **kwargs):
    before = TaskState.of(crm.tasks.get(task_id))
    made = crm.tasks.complete(task_id, **kwargs)
    return before, TaskState.of(crm.tasks.get(task_id)), made


def test_undoing_a_completion_reopens_the_task_and_trashes_what_it_made(crm, ann, clock):
    task = crm.tasks.create(TaskDraft("Call Ann", kind="call", due_at=clock.now(), recurrence="FREQ=WEEKLY",
                                      contact_id=ann))
    clock.advance(dt.timedelta(minutes=5))
    before, after, made = _completed(crm, task, log=True)
    next_id, activity_id = made
    assert next_id is not None and activity_id is not None
    crm.tasks.put_state(task, before, after, made=made, made_live=False)
    assert crm.tasks.get(task).done_at is None
    assert {(i.kind, i.record_id) for i in crm.trash.items()} == {("task", next_id),
                                                                   ("activity", activity_id)}
    crm.tasks.put_state(task, after, before, made=made, made_live=True)  # redo
    assert crm.tasks.get(task).done_at == after.done_at
    assert crm.trash.items() == [] and crm.tasks.get(next_id).done_at is None
    assert crm.activities.get(activity_id).subject == "Call Ann"


def test_a_task_reopened_elsewhere_since_is_not_put_back(crm, ann, clock):
    task = crm.tasks.create(TaskDraft("Call Ann", due_at=clock.now(), contact_id=ann))
    before, after, made = _completed(crm, task)
    crm.tasks.put_state(task, before, after, made=made, made_live=False)  # undone
    clock.advance(dt.timedelta(minutes=1))
    crm.tasks.complete(task)  # done again, elsewhere
    again = TaskState.of(crm.tasks.get(task))
    with pytest.raises(EditConflict):
        crm.tasks.put_state(task, after, before, made=made, made_live=True)  # the redo
    assert TaskState.of(crm.tasks.get(task)) == again  # nothing written


def test_a_title_edited_since_does_not_stop_the_undo_of_done(crm, ann, clock):
    task = crm.tasks.create(TaskDraft("Call Ann", due_at=clock.now(), contact_id=ann))
    before, after, made = _completed(crm, task)
    current = crm.tasks.get(task)
    crm.tasks.update(task, dataclasses.replace(current.draft(), title="Call Ann back"), current.updated_at)
    crm.tasks.put_state(task, before, after, made=made, made_live=False)
    assert (crm.tasks.get(task).done_at, crm.tasks.get(task).title) == (None, "Call Ann back")


def test_the_next_occurrence_done_since_keeps_the_completion(crm, ann, clock):
    task = crm.tasks.create(TaskDraft("Weekly call", due_at=clock.now(), recurrence="FREQ=WEEKLY",
                                      contact_id=ann))
    before, after, made = _completed(crm, task)
    crm.tasks.complete(made[0])
    with pytest.raises(EditConflict):
        crm.tasks.put_state(task, before, after, made=made, made_live=False)
    assert crm.tasks.get(task).done_at is not None and crm.trash.items() == []


def test_a_snooze_is_undone_and_its_reminder_comes_back(crm, ann, clock):
    task = crm.tasks.create(TaskDraft("Call Ann", due_at=clock.now() + dt.timedelta(hours=1), contact_id=ann))
    before = TaskState.of(crm.tasks.get(task))
    crm.tasks.snooze_for(task, 60)
    snoozed = crm.tasks.get(task)
    assert snoozed.snoozed_until is not None
    crm.tasks.put_state(task, before, TaskState.of(snoozed))
    assert TaskState.of(crm.tasks.get(task)) == before


def test_a_completion_made_for_good_cannot_be_brought_back(crm, ann, clock):
    task = crm.tasks.create(TaskDraft("Weekly call", due_at=clock.now(), recurrence="FREQ=WEEKLY",
                                      contact_id=ann))
    before, after, made = _completed(crm, task)
    crm.tasks.put_state(task, before, after, made=made, made_live=False)
    crm.trash.empty()
    with pytest.raises(NotFoundError):
        crm.tasks.put_state(task, after, before, made=made, made_live=True)
    assert crm.tasks.get(task).done_at is None  # one transaction: nothing half done


def test_an_activity_edit_is_undone_from_the_stamp_it_left(crm, ann, clock):
    note = crm.activities.log(ActivityDraft("note", subject="Met", contact_id=ann))
    old = crm.activities.get(note)
    clock.advance(dt.timedelta(minutes=1))
    stamp = crm.activities.update(note, dataclasses.replace(activity_draft(old), subject="Met at the fair"),
                                  old.updated_at)
    stamp = crm.activities.update(note, activity_draft(old), stamp)
    assert crm.activities.get(note).subject == "Met"
    crm.activities.update(note, dataclasses.replace(activity_draft(old), outcome="Keen"))  # elsewhere
    with pytest.raises(EditConflict):
        crm.activities.update(note, dataclasses.replace(activity_draft(old), subject="Met again"), stamp)
    assert crm.activities.get(note).outcome == "Keen"


def test_a_case_status_goes_back_unless_it_moved_since(crm, ann):
    case = crm.cases.open(CaseDraft("Broken screen", contact_id=ann))
    crm.cases.set_status(case, "resolved")
    crm.cases.put_status(case, "open", "resolved")
    assert (crm.cases.get(case).status, crm.cases.get(case).resolved_at) == ("open", None)
    crm.cases.set_status(case, "in_progress")
    with pytest.raises(EditConflict):
        crm.cases.put_status(case, "resolved", "open")
    assert crm.cases.get(case).status == "in_progress"


def test_an_opened_case_goes_to_the_trash_and_back(crm, ann):
    case = crm.cases.open(CaseDraft("Broken screen", contact_id=ann))
    assert crm.cases.delete([case]) == 1
    assert crm.cases.for_target(Target("contact", ann)) == []
    assert crm.cases.restore([case]) == 1
    assert [c.id for c in crm.cases.for_target(Target("contact", ann))] == [case]


def _order(crm: Services, ann: int, clock) -> int:
    return crm.orders.create(OrderDraft(clock.now(), [OrderLineDraft("Licence", 1, 10_000)], currency="EUR",
                                        contact_id=ann))


def test_a_cancelled_order_is_open_again_and_settled(crm, ann, clock):
    order = _order(crm, ann, clock)
    crm.orders.record_payment(order, 10_000)
    assert crm.orders.get(order).status == "paid"
    crm.orders.set_status(order, "cancelled")
    crm.orders.put_status(order, "paid", "cancelled")
    assert crm.orders.get(order).status == "paid"
    with pytest.raises(EditConflict):
        crm.orders.put_status(order, "open", "cancelled")


def test_a_payment_is_taken_back_and_recorded_again(crm, ann, clock):
    order = _order(crm, ann, clock)
    payment = crm.orders.record_payment(order, 10_000)
    assert crm.orders.delete_payments([payment]) == 1
    assert (crm.orders.get(order).status, crm.orders.get(order).paid_minor) == ("open", 0)
    assert crm.orders.restore_payments([payment]) == 1
    assert (crm.orders.get(order).status, crm.orders.get(order).paid_minor) == ("paid", 10_000)


def test_a_new_order_goes_to_the_trash_and_back(crm, ann, clock):
    order = _order(crm, ann, clock)
    crm.orders.delete([order])
    assert crm.orders.for_target(Target("contact", ann)) == []
    crm.orders.restore([order])
    assert [o.id for o in crm.orders.for_target(Target("contact", ann))] == [order]


def test_a_relationship_is_removed_and_recorded_again(crm, ann):
    bob = crm.contacts.create(ContactDraft(given_name="Bob"))
    rel = crm.relationships.add(ann, bob, "reports_to")
    assert crm.relationships.delete([rel]) == 1
    assert crm.relationships.related(ann) == []
    assert crm.relationships.restore([rel]) == 1
    assert [p.id for p in crm.relationships.related(ann)] == [bob]
    assert crm.relationships.restore([rel]) == 0  # already there


def test_a_tag_edited_in_the_settings_gets_its_name_kind_and_colour_back(crm, ann):
    tag = crm.lookups.create_tag("VIP", "customer", "#ff0000")
    crm.lookups.update_tag(tag, "Key account", "partner", "#00ff00")
    crm.lookups.put_tag(tag, ("VIP", "customer", "#ff0000"), ("Key account", "partner", "#00ff00"))
    assert [(t.name, t.kind, t.color) for t in crm.lookups.tags()] == [("VIP", "customer", "#ff0000")]
    crm.lookups.update_tag(tag, "Gold", "customer", "#ff0000")  # elsewhere
    with pytest.raises(EditConflict):
        crm.lookups.put_tag(tag, ("Key account", "partner", "#00ff00"), ("VIP", "customer", "#ff0000"))
    assert [t.name for t in crm.lookups.tags()] == ["Gold"]


def test_a_stage_edited_in_the_settings_gets_its_values_back(crm):
    stage = crm.pipelines.default().stages[1]
    old = (stage.name, stage.probability, stage.rotting_days)
    crm.pipelines.update_stage(stage.id, "Discovery", 35, 14)
    crm.pipelines.put_stage(stage.id, old, ("Discovery", 35, 14))
    again = crm.pipelines.stage(stage.id)
    assert (again.name, again.probability, again.rotting_days) == old
    crm.pipelines.update_stage(stage.id, "Qualified!", 40, None)
    with pytest.raises(EditConflict):
        crm.pipelines.put_stage(stage.id, ("Discovery", 35, 14), old)
    assert crm.pipelines.stage(stage.id).name == "Qualified!"


def test_orders_and_cases_undone_are_in_the_trash_to_restore_or_purge(crm, ann, clock):
    order = _order(crm, ann, clock)
    crm.orders.record_payment(order, 5_000)
    case = crm.cases.open(CaseDraft("Broken screen", contact_id=ann))
    crm.activities.log(ActivityDraft("email", subject="About the screen", contact_id=ann, case_id=case))
    crm.orders.delete([order])
    crm.cases.delete([case])
    items = {(i.kind, i.record_id, i.name) for i in crm.trash.items()}
    assert ("case", case, "Broken screen") in items and ("order", order) in {(k, i) for k, i, _n in items}
    crm.trash.restore([i for i in crm.trash.items() if i.kind == "case"])
    assert crm.cases.get(case).subject == "Broken screen"
    crm.trash.empty()
    assert crm.trash.items() == [] and crm.orders.for_target(Target("contact", ann)) == []


def test_an_owner_a_pipeline_and_a_lost_reason_get_their_names_back(crm):
    bob = crm.lookups.create_user("Bob", "bob@example.com")
    crm.lookups.update_user(bob, "Robert", "bob@example.com")
    crm.lookups.put_user(bob, ("Bob", "bob@example.com"), ("Robert", "bob@example.com"))
    assert next(u.name for u in crm.lookups.users() if u.id == bob) == "Bob"
    pipeline = crm.pipelines.create("Renewals")
    crm.pipelines.rename(pipeline, "Upsell")
    crm.pipelines.put_name(pipeline, "Renewals", "Upsell")
    assert crm.pipelines.get(pipeline).name == "Renewals"
    with pytest.raises(EditConflict):
        crm.pipelines.put_name(pipeline, "Upsell", "Something else")
    reason = crm.pipelines.add_lost_reason("Too slow")
    crm.pipelines.rename_lost_reason(reason, "Too late")
    crm.pipelines.put_reason_name(reason, "Too slow", "Too late")
    assert next(r.name for r in crm.pipelines.lost_reasons() if r.id == reason) == "Too slow"


def test_a_photo_chosen_or_removed_is_shown_again_unless_changed_since(crm, ann, tmp_path):
    target = Target("contact", ann)
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    first.write_bytes(b"\x89PNG first")
    second.write_bytes(b"\x89PNG second")
    old = crm.attachments.set_photo(target, first)
    new = crm.attachments.set_photo(target, second)
    crm.attachments.put_photo(target, old, new)
    assert crm.attachments.photo_id(target) == old
    crm.attachments.clear_photo(target)  # elsewhere
    with pytest.raises(EditConflict):
        crm.attachments.put_photo(target, new, old)
    assert crm.attachments.photo_id(target) is None


def test_stages_added_deleted_and_moved_are_put_back(crm):
    pipeline = crm.pipelines.default()
    order = [s.id for s in pipeline.stages]
    added = crm.pipelines.add_stage(pipeline.id, "Trial", 60, None)
    crm.pipelines.delete_stage(added)  # the undo of adding it
    assert [s.id for s in crm.pipelines.get(pipeline.id).stages] == order
    crm.pipelines.restore_stage(added)  # its redo
    assert crm.pipelines.get(pipeline.id).stages[-1].id == added
    moved = [order[1], order[0], *order[2:], added]
    crm.pipelines.reorder_stages(pipeline.id, moved)
    crm.pipelines.put_stage_order(pipeline.id, [*order, added], moved)
    assert [s.id for s in crm.pipelines.get(pipeline.id).stages] == [*order, added]
    with pytest.raises(EditConflict):
        crm.pipelines.put_stage_order(pipeline.id, [*order, added], moved)
    with pytest.raises(NotFoundError):
        crm.pipelines.restore_stage(added)  # not deleted


def test_pipelines_lost_reasons_and_new_tags_come_back_or_go(crm, ann, clock):
    pipeline = crm.pipelines.create("Renewals", [("Call", 10, None), ("Quote", 50, None)])
    crm.pipelines.delete_stage(crm.pipelines.get(pipeline).stages[0].id)  # deleted before: stays deleted
    clock.advance(dt.timedelta(minutes=1))
    crm.pipelines.delete(pipeline)
    crm.pipelines.restore(pipeline)
    assert [s.name for s in crm.pipelines.get(pipeline).stages] == ["Quote"]
    reason = crm.pipelines.add_lost_reason("Too slow")
    crm.pipelines.delete_lost_reason(reason)
    crm.pipelines.restore_lost_reason(reason)
    assert "Too slow" in [r.name for r in crm.pipelines.lost_reasons()]
    tag = crm.lookups.create_tag("Fair 2024")
    crm.lookups.delete_unused_tag(tag)
    assert "Fair 2024" not in [t.name for t in crm.lookups.tags()]
    crm.lookups.restore_tag(tag)
    crm.contacts.add_tag([ann], "Fair 2024")  # carried since: the undo of creating it is refused
    with pytest.raises(EditConflict):
        crm.lookups.delete_unused_tag(tag)
    assert "Fair 2024" in [t.name for t in crm.lookups.tags()]


def test_a_retired_tag_whose_name_was_taken_is_not_brought_back(crm):
    tag = crm.lookups.create_tag("Fair")
    crm.lookups.delete_unused_tag(tag)
    crm.lookups.create_tag("FAIR")
    with pytest.raises(NotFoundError):
        crm.lookups.restore_tag(tag)


def test_a_follow_up_rule_gets_its_settings_back_and_a_deleted_one_comes_back(crm):
    rule = crm.rules.rules()[0]
    before = dataclasses.replace(rule, config=dict(rule.config))
    edited = dataclasses.replace(rule, enabled=not rule.enabled)
    crm.rules.save(edited)
    crm.rules.put_rule(rule.id, before, edited)
    assert crm.rules.rules()[0].enabled == rule.enabled
    with pytest.raises(EditConflict):
        crm.rules.put_rule(rule.id, before, edited)  # it is no longer as the edit left it
    crm.rules.delete(rule.id)
    crm.rules.restore(rule.id)
    assert rule.id in [r.id for r in crm.rules.rules()]


def test_a_new_owner_and_a_new_field_are_retired_only_while_unused(crm, ann):
    cy = crm.lookups.create_user("Cy")
    crm.lookups.delete_unused_user(cy)
    assert "Cy" not in [u.name for u in crm.lookups.users()]
    crm.lookups.restore_user(cy)
    crm.edits.assign_owner("contact", [ann], cy)  # given a person since
    with pytest.raises(EditConflict):
        crm.lookups.delete_unused_user(cy)
    with pytest.raises(EditConflict):
        crm.lookups.delete_unused_user(crm.ctx.settings.current_user_id)
    field = crm.lookups.create_custom_field("contact", "WeChat")
    crm.lookups.delete_unused_custom_field(field)
    assert crm.lookups.custom_fields("contact") == []
    crm.lookups.restore_custom_field(field)
    draft = crm.contacts.get(ann).data
    draft.custom[field] = "ann_lee"
    crm.contacts.update(ann, draft)
    with pytest.raises(EditConflict):
        crm.lookups.delete_unused_custom_field(field)
    assert [f[2] for f in crm.lookups.custom_fields("contact")] == ["WeChat"]


def test_a_deleted_scoring_rule_comes_back(crm):
    from crm_desktop.core.scoring import ScoreRule

    rule = crm.scoring.save_rule(ScoreRule(None, "tag", 10, {"tag": "VIP"}))
    crm.scoring.delete_rule(rule)
    crm.scoring.restore_rule(rule)
    assert rule in [r.id for r in crm.scoring.rules()]
    with pytest.raises(NotFoundError):
        crm.scoring.restore_rule(rule)


def test_a_deleted_saved_filter_is_saved_again_unless_its_name_was_taken(crm):
    from crm_desktop.core.deals import DealFilter

    flt = DealFilter(min_value_minor=60_000)
    first = crm.pipelines.save_filter("Big ones", flt)
    crm.pipelines.delete_filter(first)
    again = crm.pipelines.restore_filter("Big ones", flt)
    assert [(name, f.min_value_minor) for i, name, f in crm.pipelines.saved_filters() if i == again] == [
        ("Big ones", 60_000)]
    with pytest.raises(EditConflict):
        crm.pipelines.restore_filter("Big ones", DealFilter())


def test_a_stage_deleted_with_its_deals_comes_back_with_them(crm, clock):
    from crm_desktop.core.deals import DealDraft

    pipeline = crm.pipelines.default()
    gone, other = pipeline.stages[1], pipeline.stages[2]
    usd = {"pipeline_id": pipeline.id, "currency": "USD"}
    first = crm.deals.create(DealDraft("Big order", stage_id=gone.id, probability=35, **usd))
    second = crm.deals.create(DealDraft("Small order", stage_id=gone.id, **usd))
    stays = crm.deals.create(DealDraft("Elsewhere", stage_id=other.id, **usd))
    before = {d: (crm.deals.get(d), crm.deals.history(d)) for d in (first, second, stays)}
    clock.advance(dt.timedelta(days=3))

    deletion = crm.pipelines.remove_stage(gone.id, other.id)
    assert {m.deal_id for m in deletion.deals} == {first, second}
    assert gone.id not in [s.id for s in crm.pipelines.get(pipeline.id).stages]
    assert crm.deals.get(first).stage_id == other.id and crm.deals.get(first).probability != 35

    clock.advance(dt.timedelta(minutes=1))
    crm.pipelines.undo_remove_stage(deletion)
    assert [s.id for s in crm.pipelines.get(pipeline.id).stages] == [s.id for s in pipeline.stages]
    for deal_id, (deal, history) in before.items():
        now = crm.deals.get(deal_id)
        assert (now.stage_id, now.probability, now.stage_entered_at) == (
            deal.stage_id, deal.probability, deal.stage_entered_at)
        assert crm.deals.history(deal_id) == history

    # redo, then a deal moved since: the undo is refused and writes nothing
    deletion = crm.pipelines.remove_stage(gone.id, other.id)
    crm.deals.move(second, pipeline.stages[3].id)
    with pytest.raises(EditConflict) as refused:
        crm.pipelines.undo_remove_stage(deletion)
    assert refused.value.name == "Small order"
    assert gone.id not in [s.id for s in crm.pipelines.get(pipeline.id).stages]
    assert crm.deals.get(first).stage_id == other.id
