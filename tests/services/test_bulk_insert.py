"""Adding many people at once: what the bulk path writes equals what single edits write."""

from __future__ import annotations

import gc
import uuid

import pytest
from service_helpers import found, person

from crm_desktop.core.errors import FieldError, ValidationError
from crm_desktop.core.records import Channel

DOC_COLUMNS = "rowid, name, company, emails, phones, tags, notes"


def _varied_people() -> list:
    people = [
        person("伟", "张", email="zw@example.cn", phone="+86 138 1234 5678", company_name="华信科技有限公司",
               title="总经理", city="北京", tags=["客户", "VIP"]),
        person("Jürgen", "Müller", email="J.Mueller@Example.de", phone="+49 30 901820",
               company_name="Acme GmbH", notes="Trade fair\nMet twice", tags=["vip"]),
        person("Ann", "Lee", phone="(650) 253-0000", company_name="ACME gmbh", city="Boston"),
        person("娜娜", "欧阳", company_name="Acme GmbH", tags=["客户"]),
        person("Solo"),
    ]
    people[0].phones.append(Channel("+1 212 555 0101", "work"))
    people[1].emails.append(Channel("jm@home.example", "home"))
    return people * 3


def _documents(sql) -> list[tuple]:
    return sql(f"SELECT {DOC_COLUMNS} FROM contact_fts ORDER BY rowid")


def test_bulk_documents_are_the_ones_a_reindex_builds(crm, sql):
    ids = crm.contacts.create_many(_varied_people(), batch_size=4)
    bulk = _documents(sql)
    assert [row[0] for row in bulk] == ids
    with crm.ctx.write():
        crm.ctx.storage.index.reindex_contacts(ids)
    assert _documents(sql) == bulk
    # The company's own spelling is what both index and list show.
    assert {row[2] for row in bulk} == {" 华  信  科  技  有  限  公  司 ", "Acme GmbH", ""}


def test_bulk_inserted_people_are_found_like_any_other(crm):
    ids = crm.contacts.create_many(_varied_people())
    zhang, muller, ann, ouyang = ids[0], ids[1], ids[2], ids[3]
    assert {zhang, ids[5], ids[10]} == found(crm, "张伟")
    assert muller in found(crm, "muller") and muller in found(crm, "mueller")
    assert ann in found(crm, "6502530000") and ann in found(crm, "16502530000")
    assert zhang in found(crm, "13812345678") and zhang in found(crm, "2125550101")
    assert ouyang in found(crm, "阳娜") and ouyang in found(crm, "客户")
    assert {muller, ann, ouyang} <= found(crm, "acme")


def test_a_bad_draft_in_a_later_batch_keeps_the_earlier_batches_only(crm, sql):
    drafts = [person(f"P{i}", tags=[f"t{i}"]) for i in range(8)]
    drafts[4] = person("P4", email="not an email")
    with pytest.raises(ValidationError) as caught:
        crm.contacts.create_many(drafts, batch_size=3)
    assert caught.value.errors == [FieldError("emails", "invalid_email", "not an email", 0)]
    assert sorted(r[0] for r in sql("SELECT full_name FROM contact")) == ["P0", "P1", "P2"]
    assert sql("SELECT count(*) FROM contact_fts") == [(3,)]
    assert sorted(r[0] for r in sql("SELECT name FROM tag")) == ["t0", "t1", "t2"]


def test_the_position_of_a_bad_draft_counts_from_the_first_draft(crm):
    drafts = [person(f"P{i}") for i in range(7)]
    drafts[5] = person("")
    with pytest.raises(ValidationError) as caught:
        crm.contacts.create_many(drafts, batch_size=2)
    assert caught.value.errors == [FieldError("given_name", "required", "", 5)]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_it_was(crm, enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        crm.contacts.create_many(person(f"P{i}") for i in range(5))
        assert gc.isenabled() is enabled
        with pytest.raises(ValidationError):
            crm.contacts.create_many([person("")])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_record_uuids_are_time_ordered_in_creation_order(crm, sql):
    crm.contacts.create_many(person(f"P{i}") for i in range(50))
    crm.contacts.create(person("Last"))
    rows = sql("SELECT id, uuid FROM contact ORDER BY id")
    assert [u for _, u in rows] == sorted(u for _, u in rows)
    assert {uuid.UUID(u).version for _, u in rows} == {7}


def test_one_tag_spelled_two_ways_in_a_batch_is_one_tag_spelled_as_first_used(crm, sql):
    ids = crm.contacts.create_many([person("Ann", tags=["Trade Fair"]), person("Bob", tags=["trade fair"]),
                                    person("Cy", tags=["TRADE FAIR", "vip"])])
    assert sql("SELECT name FROM tag ORDER BY id") == [("Trade Fair",), ("vip",)]
    tagged = crm.contacts.tags_for(ids)
    assert tagged == {ids[0]: ["Trade Fair"], ids[1]: ["Trade Fair"], ids[2]: ["Trade Fair", "vip"]}
    assert found(crm, "fair") == set(ids)


def test_the_wal_is_checkpointed_less_often_only_while_batches_are_written(crm, sql):
    during = []
    before = sql("PRAGMA wal_autocheckpoint")
    crm.contacts.create_many((person(f"P{i}") for i in range(5)), batch_size=2,
                             progress=lambda done, total: during.append(sql("PRAGMA wal_autocheckpoint")))
    assert during == [[(10_000,)]] * 3
    assert sql("PRAGMA wal_autocheckpoint") == before == [(1000,)]
    with pytest.raises(ValidationError):
        crm.contacts.create_many([person("")])
    assert sql("PRAGMA wal_autocheckpoint") == before


def test_drafts_said_to_be_validated_are_stored_as_validated_without_a_second_check(crm, sql, monkeypatch):
    checked = [crm.contacts.validate(p) for p in _varied_people()]
    reference = crm.contacts.create_many([crm.contacts.validate(p) for p in _varied_people()])

    def refuse(draft):
        raise AssertionError("validated twice")

    monkeypatch.setattr(crm.contacts, "validate", refuse)
    ids = crm.contacts.create_many(checked, batch_size=4, validated=True)
    stored = sql("SELECT full_name, company_name, email, phone, city FROM contact WHERE id IN "
                 f"({','.join('?' * len(ids))}) ORDER BY id", ids)
    expected = sql("SELECT full_name, company_name, email, phone, city FROM contact WHERE id IN "
                   f"({','.join('?' * len(reference))}) ORDER BY id", reference)
    assert stored == expected and len(stored) == len(_varied_people())
    with pytest.raises(AssertionError, match="validated twice"):
        crm.contacts.create_many(_varied_people())
