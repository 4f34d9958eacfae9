"""Undoable edits: every operation the app-wide undo covers has an inverse, and each refuses to
overwrite what was changed since."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.deals import ConflictError, DealDraft
from crm_desktop.core.edits import ChangedSinceError, changed_fields
from crm_desktop.core.errors import ValidationError
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.services import Services


@pytest.fixture
def ann(crm: Services) -> int:
    return crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", title="Buyer",
                                            emails=[Channel("ann@example.com", "work")], tags=["VIP"]))


def _edit(crm: Services, contact_id: int, **values):
    draft = dataclasses.replace(crm.contacts.get(contact_id).data, **values)
    return crm.edits.update("contact", contact_id, draft)


def test_an_edit_is_reverted_and_reapplied_field_by_field(crm, ann):
    edit = _edit(crm, ann, title="Head of buying", city="Lyon")
    assert set(edit.changed) == {"title", "city"} and edit.name == "Ann Lee"
    crm.edits.revert(edit)
    data = crm.contacts.get(ann).data
    assert (data.title, data.city) == ("Buyer", "")
    crm.edits.reapply(edit)
    data = crm.contacts.get(ann).data
    assert (data.title, data.city) == ("Head of buying", "Lyon")


def test_undo_keeps_changes_to_other_fields_made_since(crm, ann):
    edit = _edit(crm, ann, title="Head of buying")
    _edit(crm, ann, city="Paris")  # someone else, another field
    crm.edits.revert(edit)
    data = crm.contacts.get(ann).data
    assert (data.title, data.city) == ("Buyer", "Paris")


def test_undo_refuses_when_the_same_field_was_changed_since(crm, ann):
    edit = _edit(crm, ann, title="Head of buying")
    _edit(crm, ann, title="CEO")
    with pytest.raises(ChangedSinceError) as caught:
        crm.edits.revert(edit)
    assert caught.value.fields == ("title",) and caught.value.name == "Ann Lee"
    assert crm.contacts.get(ann).data.title == "CEO"  # nothing written
    edit2 = _edit(crm, ann, title="Buyer")
    crm.edits.revert(edit2)
    _edit(crm, ann, title="CFO")
    with pytest.raises(ChangedSinceError):
        crm.edits.reapply(edit2)  # the redo is as careful: the title is no longer the one undo left


def test_custom_fields_tags_owner_and_company_are_restored_by_undo(crm, ann):
    shoe = crm.lookups.create_custom_field("contact", "Shoe")
    bob = crm.lookups.create_user("Bob")
    edit = _edit(crm, ann, custom={shoe: "42"}, tags=["VIP", "Gold"], owner_id=bob, company_name="Acme",
                 emails=[Channel("ann@acme.test", "work")])
    assert set(edit.changed) == {f"custom:{shoe}", "tags", "owner_id", "company_id", "emails"}
    crm.edits.revert(edit)
    data = crm.contacts.get(ann).data
    assert (data.custom, data.tags, data.owner_id, data.company_id, data.company_name) == (
        {}, ["VIP"], edit.before.owner_id, None, "")
    assert [e.value for e in data.emails] == ["ann@example.com"]
    crm.edits.reapply(edit)
    data = crm.contacts.get(ann).data
    assert (data.custom, sorted(data.tags), data.owner_id, data.company_name) == (
        {shoe: "42"}, ["Gold", "VIP"], bob, "Acme")


def test_a_company_edit_is_undone(crm):
    acme = crm.companies.create(CompanyDraft(name="Acme", industry="Retail", employees=10))
    before = crm.edits.snapshot("company", acme)
    crm.companies.update(acme, dataclasses.replace(before, industry="Software", employees=12))
    edit = crm.edits.edited("company", acme, before)  # an edit saved by a dialog, then recorded
    assert set(edit.changed) == {"industry", "employees"}
    crm.edits.revert(edit)
    data = crm.companies.get(acme).data
    assert (data.industry, data.employees) == ("Retail", 10)


def test_undo_of_an_edit_of_a_record_in_the_trash_says_so(crm, ann):
    edit = _edit(crm, ann, title="CEO")
    crm.contacts.delete([ann])
    with pytest.raises(Exception) as caught:
        crm.edits.revert(edit)
    assert type(caught.value).__name__ == "NotFoundError"


def test_bulk_tag_undo_takes_the_tag_off_only_the_records_it_was_added_to(crm, ann):
    bo = crm.contacts.create(ContactDraft(given_name="Bo"))
    cy = crm.contacts.create(ContactDraft(given_name="Cy", tags=["vip"]))
    change = crm.edits.add_tag("contact", [ann, bo, cy], "vip")
    assert change.ids == (bo,) and change.tag == "VIP"
    crm.edits.revert_tags(change)
    assert crm.contacts.tags_for([ann, bo, cy]) == {ann: ["VIP"], cy: ["VIP"]}
    crm.edits.reapply_tags(change)
    assert crm.contacts.tags_for([bo]) == {bo: ["VIP"]}


def test_removing_a_tag_is_undone_on_the_records_that_had_it(crm, ann):
    acme = crm.companies.create(CompanyDraft(name="Acme", tags=["Partner"]))
    globex = crm.companies.create(CompanyDraft(name="Globex"))
    tag_id = next(t.id for t in crm.lookups.tags() if t.name == "Partner")
    change = crm.edits.remove_tag("company", [acme, globex], tag_id)
    assert change.ids == (acme,) and not change.added
    assert crm.companies.tags_for([acme]) == {}
    undone = crm.edits.revert_tags(change)
    assert crm.companies.tags_for([acme, globex]) == {acme: ["Partner"]} and undone.added
    crm.edits.reapply_tags(change)
    assert crm.companies.tags_for([acme]) == {}


def test_an_empty_tag_name_is_refused(crm, ann):
    with pytest.raises(ValidationError):
        crm.edits.add_tag("contact", [ann], "  ")


def test_bulk_owner_is_given_back_record_by_record_unless_changed_since(crm, ann):
    bob, cat = crm.lookups.create_user("Bob"), crm.lookups.create_user("Cat")
    bo = crm.contacts.create(ContactDraft(given_name="Bo", owner_id=bob))
    cy = crm.contacts.create(ContactDraft(given_name="Cy", owner_id=cat))
    first = crm.contacts.get(ann).data.owner_id
    change = crm.edits.assign_owner("contact", [ann, bo, cy], cat)
    assert change.ids == (ann, bo)  # Cy already had Cat
    crm.edits.assign_owner("contact", [bo], bob)  # changed again elsewhere
    assert crm.edits.revert_owner(change) == 1  # Bo keeps his newer owner
    owners = [crm.contacts.get(i).data.owner_id for i in (ann, bo, cy)]
    assert owners == [first, bob, cat]
    crm.edits.reapply_owner(change)
    assert [crm.contacts.get(i).data.owner_id for i in (ann, bo)] == [cat, cat]


def test_restore_this_value_writes_the_old_value_back_as_a_new_history_entry(crm, ann, clock):
    shoe = crm.lookups.create_custom_field("contact", "Shoe")
    bob = crm.lookups.create_user("Bob")
    clock.advance(dt.timedelta(minutes=1))
    _edit(crm, ann, title="CEO", custom={shoe: "42"}, owner_id=bob, tags=["Gold"],
          birthday=dt.date(1990, 1, 2), emails=[Channel("new@example.com", "work")], company_name="Acme")
    clock.advance(dt.timedelta(minutes=1))
    _edit(crm, ann, custom={shoe: "43"})
    history: dict = {}
    for change in crm.history.changes("contact", ann):  # newest first: each field's latest change
        history.setdefault(change.field, change)
    for field in ("title", "custom:Shoe", "owner_id", "tags", "birthday", "email", "company_id"):
        clock.advance(dt.timedelta(minutes=1))
        edit = crm.edits.restore_value(history[field])
        assert edit.changed, field
    data = crm.contacts.get(ann).data
    assert (data.title, data.custom, data.tags, data.birthday, data.company_id) == ("Buyer", {shoe: "42"},
                                                                                    ["VIP"], None, None)
    assert data.owner_id != bob
    assert [e.value for e in data.emails] == ["ann@example.com"]
    latest = crm.history.changes("contact", ann)[0]
    assert (latest.field, latest.old, latest.new) == ("company_id", "Acme", "")


def test_restore_this_value_is_itself_undoable(crm, ann):
    _edit(crm, ann, title="CEO")
    change = crm.history.changes("contact", ann)[0]
    edit = crm.edits.restore_value(change)
    assert crm.contacts.get(ann).data.title == "Buyer"
    crm.edits.revert(edit)
    assert crm.contacts.get(ann).data.title == "CEO"


def test_restoring_an_owner_who_is_gone_is_refused(crm, ann):
    bob = crm.lookups.create_user("Bob")
    _edit(crm, ann, owner_id=bob)
    _edit(crm, ann, owner_id=None)
    change = next(c for c in crm.history.changes("contact", ann) if c.field == "owner_id" and c.old == "Bob")
    crm.ctx.storage.database.db.execute_sql("UPDATE app_user SET name = 'Robert' WHERE id = ?", (bob,))
    with pytest.raises(ValidationError):
        crm.edits.restore_value(change)


def test_changed_fields_ignore_the_order_of_tags():
    a = ContactDraft(given_name="A", tags=["x", "Y"])
    assert changed_fields(a, dataclasses.replace(a, tags=["y", "X"])) == ()


# -- the inverses the other services already had, as the undo history uses them ----------------
def test_deleting_people_companies_deals_and_activities_is_undone_by_restore(crm, ann):
    acme = crm.companies.create(CompanyDraft(name="Acme"))
    stage = crm.pipelines.default().stages[0].id
    deal = crm.deals.create(DealDraft("Deal", stage_id=stage, currency="USD"))
    note = crm.activities.log(ActivityDraft("note", subject="Hi", contact_id=ann))
    for service, ids in ((crm.contacts, [ann]), (crm.companies, [acme]), (crm.deals, [deal]),
                         (crm.activities, [note])):
        assert service.delete(ids) == 1
        assert service.restore(ids) == 1
        assert service.delete(ids) == 1  # redo deletes again
    assert len(crm.trash.items()) == 4


def test_a_stage_move_is_undone_and_done_again_with_the_version_undo_returned(crm):
    stages = [s.id for s in crm.pipelines.default().stages]
    deal = crm.deals.create(DealDraft("Deal", stage_id=stages[0], currency="USD"))
    move = crm.deals.move(deal, stages[2])
    version = crm.deals.undo(move)
    assert crm.deals.get(deal).stage_id == stages[0]
    again = crm.deals.move(deal, stages[2], version)
    assert crm.deals.get(deal).stage_id == stages[2]
    crm.deals.move(deal, stages[1])  # moved elsewhere since
    with pytest.raises(ConflictError):
        crm.deals.undo(again)


def test_a_merge_is_undone_and_merged_again(crm, ann):
    twin = crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", city="Oslo"))
    merge_id = crm.merges.merge("contact", ann, twin)
    crm.merges.undo(merge_id)
    assert crm.contacts.exists(twin)
    crm.merges.merge("contact", ann, twin)
    assert not crm.contacts.exists(twin) and crm.contacts.get(ann).data.city == "Oslo"


def test_redo_of_an_undone_merge_keeps_the_values_chosen_the_first_time(crm, ann):
    shoe = crm.lookups.create_custom_field("contact", "Shoe")
    twin = crm.contacts.create(ContactDraft(given_name="Anne", family_name="Lee", city="Oslo",
                                            custom={shoe: "39"}))
    merge_id = crm.merges.merge("contact", ann, twin, {"city": "other", "name": "survivor",
                                                       f"custom:{shoe}": "other"})
    crm.merges.undo(merge_id)
    again = crm.merges.redo(merge_id)
    kept = crm.contacts.get(ann)
    assert (kept.full_name, kept.data.city, kept.data.custom) == ("Ann Lee", "Oslo", {shoe: "39"})
    assert not crm.contacts.exists(twin) and again != merge_id
    crm.merges.undo(again)
    assert crm.contacts.get(ann).data.city == "" and crm.contacts.exists(twin)
    with pytest.raises(ValidationError):
        crm.merges.redo(crm.merges.redo(merge_id))  # only an undone merge is merged again


def test_a_deleted_task_is_in_the_trash_restored_and_purged_from_there(crm):
    from crm_desktop.core.tasks import TaskDraft

    task = crm.tasks.create(TaskDraft("Call Ann", due_at=crm.ctx.clock.now()))
    assert crm.tasks.delete([task]) == 1
    [item] = crm.trash.items()
    assert (item.kind, item.record_id, item.name) == ("task", task, "Call Ann")
    assert crm.tasks.restore([task]) == 1 and crm.tasks.get(task).title == "Call Ann"
    crm.tasks.delete([task])
    crm.trash.purge(crm.trash.items())
    assert crm.trash.items() == [] and crm.tasks.restore([task]) == 0
