"""Companies: linking people by name, renaming, validation, trash."""

from __future__ import annotations

import datetime as dt

import pytest
from service_helpers import found, person

from crm_desktop.core.errors import FieldError, ValidationError
from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import CompanyDraft, DuplicateHit
from crm_desktop.services import Change
from crm_desktop.storage.contacts import LIST_COLUMNS

COMPANY = LIST_COLUMNS.index("company_name")


def test_people_are_linked_to_one_company_by_normalised_name(crm):
    ann = crm.contacts.create(person("Ann", company_name="ACME Inc."))
    bob = crm.contacts.create(person("Bob", company_name="Acme, Inc"))
    cid = crm.contacts.create(person("Cid", company_name="  acme  "))
    company_id = crm.contacts.get(ann).data.company_id
    assert crm.companies.count() == 1
    assert crm.companies.choices() == [(company_id, "ACME Inc.")]
    for contact_id in (ann, bob, cid):
        data = crm.contacts.get(contact_id).data
        assert (data.company_id, data.company_name) == (company_id, "ACME Inc.")
    assert [r[COMPANY] for r in crm.contacts.page(ListQuery(), 0, 10)] == ["ACME Inc."] * 3
    assert crm.companies.people_counts([company_id]) == {company_id: 3}
    assert crm.companies.get(company_id).contact_count == 3


def test_one_batch_naming_a_new_company_two_ways_creates_it_once(crm, changes):
    ids = crm.contacts.create_many([person("Ann", company_name="Globex LLC"),
                                    person("Bob", company_name="globex")])
    company_ids = {crm.contacts.get(i).data.company_id for i in ids}
    assert crm.companies.choices() == [(company_ids.pop(), "Globex LLC")]
    assert {crm.contacts.get(i).data.company_name for i in ids} == {"Globex LLC"}
    assert [c.entity for c in changes] == ["company", "contact"]


def test_a_company_given_by_id_names_the_person(crm):
    company_id = crm.companies.create(CompanyDraft(name="Initech"))
    contact_id = crm.contacts.create(person("Peter", company_id=company_id, company_name="typed"))
    assert crm.contacts.get(contact_id).data.company_name == "Initech"


def test_an_unknown_company_id_is_refused_and_nothing_written(crm):
    with pytest.raises(ValidationError) as caught:
        crm.contacts.create(person("Peter", company_id=999))
    assert caught.value.errors == [FieldError("company_id", "unknown_company", "999")]
    assert crm.contacts.count() == 0


def test_company_round_trip(crm, clock):
    owner = crm.lookups.create_user("Sam Lee")
    size = crm.lookups.create_custom_field("company", "Fleet size")
    company_id = crm.companies.create(CompanyDraft(
        name=" Stark Industries ", website="https://stark.example", industry="Manufacturing",
        employees=1200, phone="(212) 555-0199", email="info@stark.example", street="10880 Malibu Point",
        city="Malibu", region="CA", postal_code="90265", country="United States", source="referral",
        notes="Pays on time.", owner_id=owner, tags=["supplier", "VIP"], custom={size: "12"}))
    record = crm.companies.get(company_id)
    assert record.stamp.created_at == clock.now()
    assert record.contact_count == 0
    assert record.data == CompanyDraft(
        name="Stark Industries", website="https://stark.example", industry="Manufacturing",
        employees=1200, phone="+12125550199", email="info@stark.example", street="10880 Malibu Point",
        city="Malibu", region="CA", postal_code="90265", country="United States", source="referral",
        notes="Pays on time.", owner_id=owner, tags=["supplier", "VIP"], custom={size: "12"})
    assert crm.companies.tags_for([company_id]) == {company_id: ["supplier", "VIP"]}


@pytest.mark.parametrize(("draft", "errors"), [
    (CompanyDraft(name=" "), [FieldError("name", "required")]),
    (CompanyDraft(name="X", email="info@"), [FieldError("email", "invalid_email", "info@")]),
    (CompanyDraft(name="X", phone="555"), [FieldError("phone", "invalid_phone", "555")]),
    (CompanyDraft(name="X", employees=-1), [FieldError("employees", "negative", "-1")]),
])
def test_invalid_companies_are_refused(crm, draft, errors):
    with pytest.raises(ValidationError) as caught:
        crm.companies.create(draft)
    assert caught.value.errors == errors
    assert crm.companies.count() == 0


def test_duplicate_company_names(crm):
    acme = crm.companies.create(CompanyDraft(name="ACME Inc."))
    assert crm.companies.duplicates(CompanyDraft(name="Acme, Inc")) == [
        DuplicateHit(acme, "ACME Inc.", "name", "Acme, Inc")]
    assert crm.companies.duplicates(CompanyDraft(name="acme"), exclude_id=acme) == []
    assert crm.companies.duplicates(CompanyDraft(name="Acme Labs")) == []
    assert crm.companies.duplicates(CompanyDraft(name=" ")) == []


def test_rename_renames_it_for_its_people_and_their_search(crm, clock, changes):
    ann = crm.contacts.create(person("Ann", company_name="Vandelay Industries"))
    bob = crm.contacts.create(person("Bob", company_name="Vandelay Industries"))
    other = crm.contacts.create(person("Cy", company_name="Kramerica"))
    company_id = crm.contacts.get(ann).data.company_id
    assert found(crm, "vandelay") == {ann, bob}
    changes.clear()
    clock.advance(dt.timedelta(hours=1))
    draft = crm.companies.get(company_id).data
    draft.name = "Pendant Publishing"
    crm.companies.update(company_id, draft)
    assert {crm.contacts.get(i).data.company_name for i in (ann, bob)} == {"Pendant Publishing"}
    assert crm.contacts.get(other).data.company_name == "Kramerica"
    assert found(crm, "pendant") == {ann, bob}
    assert found(crm, "vandelay") == set()
    assert found(crm, "pendant", "company") == {company_id}
    assert crm.contacts.count(ListQuery(search="publishing")) == 2
    assert changes == [Change("company", "update", (company_id,)), Change("contact", "update", (ann, bob))]
    # The new name is also the key people are linked by.
    dave = crm.contacts.create(person("Dave", company_name="pendant publishing"))
    assert crm.contacts.get(dave).data.company_id == company_id


def test_trashed_company_is_hidden_and_a_new_one_is_made_for_its_name(crm):
    company_id = crm.companies.create(CompanyDraft(name="Hooli"))
    assert crm.companies.delete([company_id]) == 1
    assert crm.companies.count() == 0
    assert found(crm, "hooli", "company") == set()
    assert [(i.kind, i.record_id, i.name) for i in crm.trash.items()] == [("company", company_id, "Hooli")]
    contact_id = crm.contacts.create(person("Gavin", company_name="Hooli"))
    assert crm.contacts.get(contact_id).data.company_id != company_id
    assert crm.companies.restore([company_id]) == 1
    assert found(crm, "hooli", "company") == {company_id, crm.contacts.get(contact_id).data.company_id}


def test_purging_a_company_unlinks_its_people(crm, sql):
    ann = crm.contacts.create(person("Ann", company_name="Wonka Foods"))
    company_id = crm.contacts.get(ann).data.company_id
    crm.companies.delete([company_id])
    crm.companies.purge([company_id])
    data = crm.contacts.get(ann).data
    assert (data.company_id, data.company_name) == (None, "")
    assert found(crm, "wonka") == set()
    assert found(crm, "ann") == {ann}
    assert sql("SELECT count(*) FROM company") == [(0,)]
    assert sql("SELECT count(*) FROM company_fts") == [(0,)]


def test_purging_a_live_company_does_nothing(crm):
    company_id = crm.companies.create(CompanyDraft(name="Tyrell"))
    crm.companies.purge([company_id])
    assert crm.companies.get(company_id).data.name == "Tyrell"
    assert found(crm, "tyrell", "company") == {company_id}


def test_company_tags_in_bulk(crm):
    a = crm.companies.create(CompanyDraft(name="Aperture"))
    b = crm.companies.create(CompanyDraft(name="Black Mesa"))
    tag_id = crm.companies.add_tag([a, b], " key  account ")
    assert crm.companies.tags_for([a, b]) == {a: ["key account"], b: ["key account"]}
    assert crm.companies.count(ListQuery(tag_id=tag_id)) == 2
    assert found(crm, "key account", "company") == {a, b}
