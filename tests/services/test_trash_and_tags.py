"""Soft deletion, the trash, purging, and tags in bulk."""

from __future__ import annotations

import datetime as dt

import pytest
from service_helpers import found, person

from crm_desktop.core.errors import FieldError, ValidationError
from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import Channel, Counts, TrashItem


@pytest.fixture
def three(crm):
    shoe = crm.lookups.create_custom_field("contact", "Shoe size")
    return [crm.contacts.create(person(name, email=f"{name.lower()}@example.com", phone=phone,
                                       tags=["customer"], custom={shoe: "40"},
                                       handles=[Channel(f"wx_{name}", "", "wechat")]))
            for name, phone in (("Ann", "(650) 253-0001"), ("Bob", "(650) 253-0002"),
                                ("Cy", "(650) 253-0003"))]


def test_deleted_contacts_are_hidden_everywhere(crm, three):
    ann, bob, cy = three
    assert crm.contacts.delete([bob]) == 1
    assert crm.contacts.count() == 2
    assert [r[0] for r in crm.contacts.page(ListQuery(), 0, 10)] == [ann, cy]
    assert found(crm, "bob") == set()
    assert found(crm, "6502530002") == set()
    assert crm.contacts.count(ListQuery(search="bob")) == 0
    assert crm.counts() == Counts(contacts=2, companies=0, tags=1, users=1, trashed=1)
    assert crm.contacts.exists(bob) is False
    assert crm.contacts.duplicates(person("X", email="bob@example.com")) == []


def test_trash_lists_deletions_newest_first(crm, clock, three):
    ann, bob, _ = three
    crm.contacts.delete([bob])
    clock.advance(dt.timedelta(minutes=1))
    crm.contacts.delete([ann])
    assert crm.trash.items() == [
        TrashItem("contact", ann, "Ann", clock.now()),
        TrashItem("contact", bob, "Bob", clock.now() - dt.timedelta(minutes=1)),
    ]


def test_deleting_twice_counts_once(crm, three):
    assert crm.contacts.delete(three[:2]) == 2
    assert crm.contacts.delete(three) == 1


def test_restore_brings_back_lists_and_search(crm, three):
    bob = three[1]
    crm.contacts.delete([bob])
    crm.trash.restore(crm.trash.items())
    assert crm.trash.items() == []
    assert found(crm, "bob") == {bob}
    assert found(crm, "customer") == set(three)
    assert crm.contacts.count() == 3
    assert crm.contacts.get(bob).stamp.deleted_at is None


def test_purge_removes_everything_hanging_off_the_contact(crm, three, sql):
    bob = three[1]
    crm.contacts.delete([bob])
    crm.trash.purge(crm.trash.items())
    for table, column in (("contact_channel", "contact_id"), ("contact_tag", "contact_id"),
                          ("custom_value", "record_id"), ("contact", "id"), ("contact_fts", "rowid")):
        assert sql(f"SELECT count(*) FROM {table} WHERE {column} = ?", (bob,)) == [(0,)], table
    assert sql("SELECT count(*) FROM contact_channel") == [(6,)]
    assert sql("SELECT count(*) FROM custom_value") == [(2,)]
    assert crm.trash.items() == []
    assert crm.contacts.count() == 2


def test_purge_ignores_contacts_that_are_not_in_the_trash(crm, three):
    ann = three[0]
    assert crm.contacts.purge([ann]) == 0
    record = crm.contacts.get(ann)
    assert list(record.data.custom.values()) == ["40"]
    assert record.data.tags == ["customer"]
    assert found(crm, "ann") == {ann}


def test_empty_trash(crm, three):
    crm.contacts.delete(three[:2])
    assert crm.trash.empty() == 2
    assert crm.trash.items() == []
    assert crm.contacts.count() == 1


def test_tags_added_and_removed_in_bulk(crm, clock, three):
    ann, bob, cy = three
    clock.advance(dt.timedelta(hours=2))
    vip = crm.contacts.add_tag([ann, bob, cy], "  VIP ")
    assert crm.contacts.tags_for(three) == {i: ["customer", "VIP"] for i in three}
    assert crm.contacts.get(ann).stamp.updated_at == clock.now()
    assert crm.contacts.count(ListQuery(tag_id=vip)) == 3
    assert found(crm, "vip") == set(three)
    crm.contacts.remove_tag([ann, cy], vip)
    assert crm.contacts.tags_for(three) == {ann: ["customer"], bob: ["customer", "VIP"], cy: ["customer"]}
    assert crm.contacts.count(ListQuery(tag_id=vip)) == 1
    assert found(crm, "vip") == {bob}


def test_adding_an_existing_tag_by_another_case_reuses_it(crm, three):
    first = crm.contacts.add_tag(three[:1], "Newsletter")
    again = crm.contacts.add_tag(three, "newsletter")
    assert first == again
    assert [t.name for t in crm.lookups.tags()] == ["customer", "Newsletter"]
    assert [t.kind for t in crm.lookups.tags()] == ["customer", "other"]


def test_a_blank_tag_is_refused(crm, three):
    with pytest.raises(ValidationError) as caught:
        crm.contacts.add_tag(three, "   ")
    assert caught.value.errors == [FieldError("tags", "required")]


def test_create_tag_validates(crm):
    crm.lookups.create_tag("Prospect", "prospect", "#aabbcc")
    with pytest.raises(ValidationError) as caught:
        crm.lookups.create_tag("prospect", "friend", "red")
    assert caught.value.codes() == {("kind", "unknown_kind"), ("color", "invalid_color"),
                                    ("name", "exists")}


def test_deals_timeline_entries_and_files_share_the_one_trash(crm, clock, three, sql, tmp_path):
    from crm_desktop.core.activities import ActivityDraft
    from crm_desktop.core.deals import DealDraft

    ann = three[0]
    stage = crm.pipelines.default().stages[0].id
    deal = crm.deals.create(DealDraft(title="Renewal", stage_id=stage, currency="USD", contact_id=ann))
    note = crm.activities.log(ActivityDraft("note", subject="Met at the fair", contact_id=ann))
    contract = tmp_path / "contract.txt"
    contract.write_text("signed", encoding="utf-8")
    filed = crm.attachments.attach(contract, contact_id=ann)
    crm.deals.delete([deal])
    clock.advance(dt.timedelta(minutes=1))
    crm.activities.delete([note])
    clock.advance(dt.timedelta(minutes=1))
    crm.attachments.delete([filed])
    items = crm.trash.items()
    assert [(i.kind, i.record_id, i.name) for i in items] == [
        ("attachment", filed, "contract.txt"), ("activity", note, "Met at the fair"),
        ("deal", deal, "Renewal")]
    crm.trash.restore([items[2]])
    assert crm.deals.get(deal).title == "Renewal"
    crm.trash.purge(items[:2])
    assert crm.trash.items() == []
    assert sql("SELECT count(*) FROM activity WHERE id = ?", (note,)) == [(0,)]
    assert sql("SELECT count(*) FROM attachment WHERE id = ?", (filed,)) == [(0,)]
    crm.deals.delete([deal])
    assert crm.trash.empty() == 1
    assert sql("SELECT count(*) FROM deal WHERE id = ?", (deal,)) == [(0,)]
