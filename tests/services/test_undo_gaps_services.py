"""Inverses for three operations Undo did not fully cover: a photo chosen (the image it attached
goes to the trash with it), an owner's targets saved on the dashboard, and two records marked
"not duplicates". Each is one transaction, refused with nothing written when changed since."""

from __future__ import annotations

import pytest

from crm_desktop.core.customer import Target
from crm_desktop.core.dashboard import Target as SalesTarget
from crm_desktop.core.errors import EditConflict, NotFoundError
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.services import Services


@pytest.fixture
def ann(crm: Services) -> int:
    return crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))


@pytest.fixture
def images(tmp_path):
    made = []
    for name in ("old.png", "new.png"):
        path = tmp_path / name
        path.write_bytes(b"\x89PNG " + name.encode())
        made.append(path)
    return made


def files_of(crm: Services, target: Target) -> set[int]:
    return {f.id for f in crm.attachments.for_target(target)}


def trashed_files(crm: Services) -> set[int]:
    return {i.record_id for i in crm.trash.items() if i.kind == "attachment"}


# -- a photo chosen --------------------------------------------------------------------------------
def test_undoing_a_photo_choice_trashes_the_image_it_attached_and_redo_brings_it_back(crm, ann, images):
    target = Target("contact", ann)
    old = crm.attachments.set_photo(target, images[0])
    new = crm.attachments.set_photo(target, images[1])
    assert files_of(crm, target) == {old, new}
    assert crm.attachments.undo_photo_choice(target, new, old, "Ann Lee") is True
    assert crm.attachments.photo_id(target) == old
    assert files_of(crm, target) == {old}
    assert trashed_files(crm) == {new}  # as a delete in Files: it can be restored from the trash
    assert crm.attachments.content_path(crm.attachments.get(old)).is_file()
    crm.attachments.redo_photo_choice(target, new, old, True, "Ann Lee")
    assert crm.attachments.photo_id(target) == new
    assert files_of(crm, target) == {old, new}
    assert trashed_files(crm) == set()


def test_the_first_photo_undone_leaves_no_photo_and_no_file(crm, ann, images, changes):
    target = Target("company", crm.companies.create(CompanyDraft(name="Acme")))
    chosen = crm.attachments.set_photo(target, images[0])
    changes.clear()
    assert crm.attachments.undo_photo_choice(target, chosen, None) is True
    assert crm.attachments.photo_id(target) is None
    assert files_of(crm, target) == set()
    assert {(c.entity, c.op) for c in changes} == {("company", "update"), ("attachment", "delete")}


def test_a_photo_changed_since_refuses_the_undo_and_keeps_the_image(crm, ann, images):
    target = Target("contact", ann)
    chosen = crm.attachments.set_photo(target, images[0])
    crm.attachments.clear_photo(target)  # elsewhere
    with pytest.raises(EditConflict):
        crm.attachments.undo_photo_choice(target, chosen, None, "Ann Lee")
    assert files_of(crm, target) == {chosen}
    assert crm.attachments.photo_id(target) is None


def test_an_earlier_photo_deleted_since_refuses_the_undo_with_nothing_written(crm, ann, images):
    target = Target("contact", ann)
    old = crm.attachments.set_photo(target, images[0])
    new = crm.attachments.set_photo(target, images[1])
    crm.attachments.delete([old])  # from Files
    with pytest.raises(NotFoundError):
        crm.attachments.undo_photo_choice(target, new, old, "Ann Lee")
    assert crm.attachments.photo_id(target) == new
    assert files_of(crm, target) == {new}


def test_an_image_that_is_also_another_records_photo_stays_in_files(crm, ann, images):
    target = Target("contact", ann)
    bob = Target("contact", crm.contacts.create(ContactDraft(given_name="Bob")))
    chosen = crm.attachments.set_photo(target, images[0])
    with crm.ctx.write():  # the data model lets one image be several records' photo
        crm.ctx.storage.attachments.set_photo(bob, chosen)
    assert crm.attachments.undo_photo_choice(target, chosen, None) is False
    assert crm.attachments.photo_id(target) is None
    assert crm.attachments.photo_id(bob) == chosen
    assert files_of(crm, target) == {chosen}
    crm.attachments.redo_photo_choice(target, chosen, None, False)
    assert crm.attachments.photo_id(target) == chosen


def test_an_image_a_merge_moved_to_the_record_kept_stays_in_its_files(crm, ann, images):
    target = Target("contact", ann)
    kept = crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee",
                                            emails=[Channel("ann@example.com")]))
    chosen = crm.attachments.set_photo(target, images[0])
    crm.merges.merge("contact", kept, ann)
    assert chosen in files_of(crm, Target("contact", kept))
    assert crm.attachments.undo_photo_choice(target, chosen, None) is False
    assert chosen in files_of(crm, Target("contact", kept))
    assert trashed_files(crm) == set()


def test_redo_is_refused_when_the_image_was_deleted_for_good_or_the_photo_changed(crm, ann, images):
    target = Target("contact", ann)
    chosen = crm.attachments.set_photo(target, images[0])
    crm.attachments.undo_photo_choice(target, chosen, None)
    other = crm.attachments.set_photo(target, images[1])  # elsewhere
    with pytest.raises(EditConflict):
        crm.attachments.redo_photo_choice(target, chosen, None, True)
    assert trashed_files(crm) == {chosen}  # nothing written
    crm.attachments.put_photo(target, None, other)
    crm.attachments.purge([chosen])
    with pytest.raises(NotFoundError):
        crm.attachments.redo_photo_choice(target, chosen, None, True)
    assert crm.attachments.photo_id(target) is None


# -- targets ---------------------------------------------------------------------------------------
def _owner(crm: Services) -> int:
    return crm.lookups.create_user("Bea")


def test_targets_saved_together_are_put_back_and_forth(crm):
    me = _owner(crm)
    crm.targets.set_target(me, "activities", 10)
    before, after = crm.targets.set_targets(me, [SalesTarget(me, "won_value", 500_000, "USD"),
                                                 SalesTarget(me, "activities", 0)])
    assert before == (SalesTarget(me, "activities", 10),)
    assert after == (SalesTarget(me, "won_value", 500_000, "USD"),)
    crm.targets.put_targets(me, before, after, "Bea")
    assert crm.targets.owner_targets(me) == before
    crm.targets.put_targets(me, after, before, "Bea")
    assert crm.targets.owner_targets(me) == after
    assert crm.targets.targets() == list(after)


def test_a_target_changed_since_refuses_the_undo_with_nothing_written(crm):
    me = _owner(crm)
    before, after = crm.targets.set_targets(me, [SalesTarget(me, "won_value", 500_000, "USD"),
                                                 SalesTarget(me, "activities", 12)])
    crm.targets.set_target(me, "activities", 15)  # elsewhere
    with pytest.raises(EditConflict) as caught:
        crm.targets.put_targets(me, before, after, "Bea")
    assert (caught.value.kind, caught.value.name) == ("target", "Bea")
    assert {t.metric: t.amount for t in crm.targets.owner_targets(me)} == {"won_value": 500_000,
                                                                           "activities": 15}
    crm.targets.set_target(me, "activities", 12)
    crm.targets.set_target(me, "won_value", 500_000, "EUR")  # the same amount in another currency
    with pytest.raises(EditConflict):
        crm.targets.put_targets(me, before, after, "Bea")


def test_saving_targets_validates_all_before_writing_any(crm):
    from crm_desktop.core.errors import ValidationError

    me = _owner(crm)
    with pytest.raises(ValidationError):
        crm.targets.set_targets(me, [SalesTarget(me, "activities", 5), SalesTarget(me, "calls", 3)])
    assert crm.targets.owner_targets(me) == ()


# -- not duplicates --------------------------------------------------------------------------------
def _pairs(crm: Services) -> set[tuple[int, int]]:
    return {c.pair for c in crm.duplicates.scan("contact").candidates}


def test_a_pair_marked_not_duplicates_is_proposed_again_once_unmarked(crm):
    a, b = (crm.contacts.create(ContactDraft(given_name=name, family_name="Smith",
                                             emails=[Channel("john@acme.com")])) for name in ("John", "Jon"))
    pair = (min(a, b), max(a, b))
    assert _pairs(crm) == {pair}
    assert crm.duplicates.mark_distinct("contact", b, a) is True
    assert crm.duplicates.mark_distinct("contact", a, b) is False  # marked already
    assert _pairs(crm) == set()
    assert crm.duplicates.unmark_distinct("contact", a, b) is True
    assert _pairs(crm) == {pair}
    assert crm.duplicates.unmark_distinct("contact", a, b) is False
