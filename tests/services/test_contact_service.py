"""Creating, reading and editing people; validation; duplicate detection."""

from __future__ import annotations

import datetime as dt

import pytest
from service_helpers import found, person

from crm_desktop.core.errors import FieldError, NotFoundError, ValidationError
from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import Channel, ContactDraft, DuplicateHit
from crm_desktop.services import Change
from crm_desktop.storage.contacts import LIST_COLUMNS


def _full_draft(crm) -> ContactDraft:
    owner = crm.lookups.create_user("Sam Lee")
    shoe = crm.lookups.create_custom_field("contact", "Shoe size")
    since = crm.lookups.create_custom_field("contact", "Customer since", "date")
    return ContactDraft(
        given_name="  Alice ", family_name="Smith", title="Purchasing Manager",
        company_name="Globex Corporation",
        emails=[Channel("Alice.Smith@Globex.example", "work"), Channel("alice@home.example", "home")],
        phones=[Channel("(650) 253-0000", "work"), Channel("+44 20 7946 0958", "mobile"),
                Channel("138 1234 5678 ", "other")],
        handles=[Channel("alice_w", "", "wechat"), Channel("in/alicesmith", "profile", "LinkedIn")],
        street="1600 Amphitheatre Pkwy", city="Mountain View", region="CA", postal_code="94043",
        country="United States", website="https://alice.example", preferred_channel="email",
        birthday=dt.date(1985, 2, 28), source="trade show", notes="Met at the spring fair.\n对价格敏感",
        owner_id=owner, tags=["VIP", "customer", "vip "], custom={shoe: " 38 ", since: "2019-04-01"},
    )


def test_a_phone_of_another_country_without_its_code_is_refused(crm):
    draft = _full_draft(crm)
    with pytest.raises(ValidationError) as caught:
        crm.contacts.create(draft)
    assert caught.value.errors == [FieldError("phones", "invalid_phone", "138 1234 5678", 2)]


def test_round_trip_of_every_field(crm, clock):
    draft = _full_draft(crm)
    draft.phones = draft.phones[:2]
    contact_id = crm.contacts.create(draft)
    record = crm.contacts.get(contact_id)
    shoe, since = (f[0] for f in crm.lookups.custom_fields("contact"))
    assert record.full_name == "Alice Smith"
    assert record.stamp.created_at == record.stamp.updated_at == clock.now()
    assert record.data == ContactDraft(
        given_name="Alice", family_name="Smith", title="Purchasing Manager",
        company_id=record.data.company_id, company_name="Globex Corporation",
        emails=[Channel("Alice.Smith@Globex.example", "work"), Channel("alice@home.example", "home")],
        phones=[Channel("+16502530000", "work"), Channel("+442079460958", "mobile")],
        handles=[Channel("alice_w", "", "wechat"), Channel("in/alicesmith", "profile", "linkedin")],
        street="1600 Amphitheatre Pkwy", city="Mountain View", region="CA", postal_code="94043",
        country="United States", website="https://alice.example", preferred_channel="email",
        birthday=dt.date(1985, 2, 28), source="trade show", notes="Met at the spring fair.\n对价格敏感",
        owner_id=draft.owner_id, tags=["customer", "VIP"], custom={shoe: "38", since: "2019-04-01"},
    )
    assert crm.companies.get(record.data.company_id).data.name == "Globex Corporation"


def test_list_row_carries_the_first_email_and_phone(crm):
    draft = _full_draft(crm)
    draft.phones = draft.phones[:2]
    contact_id = crm.contacts.create(draft)
    row = dict(zip(LIST_COLUMNS, crm.contacts.page(ListQuery(), 0, 10)[0], strict=True))
    assert row["id"] == contact_id
    assert (row["full_name"], row["email"], row["phone"]) == (
        "Alice Smith", "Alice.Smith@Globex.example", "+16502530000")
    assert (row["company_name"], row["title"], row["city"], row["country"]) == (
        "Globex Corporation", "Purchasing Manager", "Mountain View", "United States")


def test_update_replaces_channels_tags_and_custom_values(crm, clock, sql):
    draft = _full_draft(crm)
    draft.phones = draft.phones[:2]
    contact_id = crm.contacts.create(draft)
    created = crm.contacts.get(contact_id)
    clock.advance(dt.timedelta(minutes=5))
    edited = created.data
    edited.given_name, edited.family_name = "伟", "张"
    edited.emails = [Channel("zhang.wei@example.cn", "work")]
    edited.phones = [Channel("+86 138 1234 5678", "mobile")]
    edited.handles = []
    edited.tags = ["partner"]
    edited.custom = {}
    edited.birthday = None
    crm.contacts.update(contact_id, edited)
    record = crm.contacts.get(contact_id)
    assert record.full_name == "张伟"
    assert record.stamp.uuid == created.stamp.uuid
    assert record.stamp.created_at == created.stamp.created_at
    assert record.stamp.updated_at == clock.now()
    assert (record.data.emails, record.data.phones, record.data.handles) == (
        [Channel("zhang.wei@example.cn", "work")], [Channel("+8613812345678", "mobile")], [])
    assert (record.data.tags, record.data.custom, record.data.birthday) == (["partner"], {}, None)
    assert sql("SELECT count(*) FROM contact_channel WHERE contact_id = ?", (contact_id,)) == [(2,)]
    assert sql("SELECT count(*) FROM custom_value") == [(0,)]
    assert found(crm, "伟") == {contact_id}
    assert found(crm, "alice") == set()


def test_get_and_update_of_an_unknown_contact(crm):
    with pytest.raises(NotFoundError) as caught:
        crm.contacts.get(404)
    assert (caught.value.kind, caught.value.record_id) == ("contact", 404)
    with pytest.raises(NotFoundError):
        crm.contacts.update(404, person("Nobody"))
    assert crm.contacts.exists(404) is False


@pytest.mark.parametrize(("draft", "errors"), [
    (person(""), [FieldError("given_name", "required")]),
    (person("  ", "  "), [FieldError("given_name", "required")]),
    (person("Al", email="al@@example.com"), [FieldError("emails", "invalid_email", "al@@example.com", 0)]),
    (person("Al", phone="12345"), [FieldError("phones", "invalid_phone", "12345", 0)]),
    (person("Al", phone="138 1234 5678"), [FieldError("phones", "invalid_phone", "138 1234 5678", 0)]),
    (person("Al", birthday=dt.date(2024, 5, 7)), [FieldError("birthday", "in_future", "2024-05-07")]),
    (person("Al", preferred_channel="pigeon"),
     [FieldError("preferred_channel", "unknown_channel", "pigeon")]),
    (person("Al", handles=[Channel("x", "", "myspace")]),
     [FieldError("handles", "unknown_kind", "myspace", 0)]),
    (person("", email="bad", phone="1"), [
        FieldError("given_name", "required"), FieldError("emails", "invalid_email", "bad", 0),
        FieldError("phones", "invalid_phone", "1", 0)]),
    (person("A" * 501), [FieldError("given_name", "too_long", "A" * 40)]),
])
def test_invalid_drafts_are_refused_with_every_problem(crm, draft, errors):
    with pytest.raises(ValidationError) as caught:
        crm.contacts.validate(draft)
    assert caught.value.errors == errors


def test_birthday_today_is_accepted(crm, clock):
    contact_id = crm.contacts.create(person("Al", birthday=clock.today()))
    assert crm.contacts.get(contact_id).data.birthday == dt.date(2024, 5, 6)


@pytest.mark.parametrize(("region", "typed", "stored"), [
    ("US", "(650) 253-0000", "+16502530000"),
    ("US", "650.253.0000", "+16502530000"),
    ("CN", "138 1234 5678", "+8613812345678"),
    ("CN", "010-6552 9988", "+861065529988"),
    ("CN", "+1 650 253 0000", "+16502530000"),
])
def test_phones_are_stored_in_e164_read_with_the_default_region(crm, region, typed, stored):
    crm.settings.default_region = region
    contact_id = crm.contacts.create(person("Al", phone=typed))
    assert crm.contacts.get(contact_id).data.phones == [Channel(stored, "mobile")]


def test_same_number_typed_twice_is_kept_once(crm):
    contact_id = crm.contacts.create(ContactDraft(
        given_name="Al", phones=[Channel("(650) 253-0000", "work"), Channel("+1 650 253 0000", "home")],
        emails=[Channel("al@example.com"), Channel("AL@example.com")]))
    data = crm.contacts.get(contact_id).data
    assert data.phones == [Channel("+16502530000", "work")]
    assert data.emails == [Channel("al@example.com")]


def test_a_failed_create_writes_nothing(crm, changes, sql):
    tables = ("contact", "contact_channel", "company", "tag", "contact_tag", "custom_value", "contact_fts")
    before = {t: sql(f"SELECT count(*) FROM {t}") for t in tables}
    bad = person("Al", email="not-an-email", company_name="Initech", tags=["new tag"])
    with pytest.raises(ValidationError):
        crm.contacts.create(bad)
    assert {t: sql(f"SELECT count(*) FROM {t}") for t in tables} == before
    assert changes == []


def test_a_bad_draft_in_a_batch_stores_none_of_the_batch(crm, sql):
    drafts = [person("Ann", company_name="Initech"), person("Bob", tags=["fresh"]),
              person("", email="x@y.zz")]
    with pytest.raises(ValidationError) as caught:
        crm.contacts.create_many(drafts)
    assert caught.value.errors == [FieldError("given_name", "required", "", 2)]
    assert (crm.contacts.count(), crm.companies.count()) == (0, 0)
    assert sql("SELECT count(*) FROM tag WHERE name = 'fresh'") == [(0,)]


def test_create_many_stores_in_batches_and_reports_progress(crm):
    seen = []
    ids = crm.contacts.create_many((person(f"P{i}") for i in range(7)), batch_size=3,
                                   progress=lambda done, total: seen.append((done, total)), total=7)
    assert ids == list(range(ids[0], ids[0] + 7))
    assert seen == [(3, 7), (6, 7), (7, 7)]
    assert crm.contacts.count() == 7


def test_create_many_stops_when_progress_says_cancel(crm):
    ids = crm.contacts.create_many((person(f"P{i}") for i in range(7)), batch_size=3,
                                   progress=lambda done, total: False)
    assert len(ids) == 3
    assert crm.contacts.count() == 3


def test_writes_are_announced(crm, changes):
    contact_id = crm.contacts.create(person("Al", company_name="Hooli"))
    company_id = crm.contacts.get(contact_id).data.company_id
    crm.contacts.update(contact_id, person("Al", company_name="Hooli Inc."))
    crm.contacts.delete([contact_id])
    crm.contacts.restore([contact_id])
    assert changes == [
        Change("company", "create", (company_id,)),
        Change("contact", "create", (contact_id,)),
        Change("contact", "update", (contact_id,)),
        Change("contact", "delete", (contact_id,)),
        Change("contact", "restore", (contact_id,)),
    ]


def test_duplicates_by_email_ignore_case(crm):
    alice = crm.contacts.create(person("Alice", "Smith", email="Alice@Example.com"))
    hits = crm.contacts.duplicates(person("A.", email=" alice@EXAMPLE.com"))
    assert hits == [DuplicateHit(alice, "Alice Smith", "email", "alice@example.com")]


def test_duplicates_by_phone_in_any_format(crm):
    alice = crm.contacts.create(person("Alice", phone="+1 650-253-0000"))
    for typed in ("(650) 253 0000", "6502530000", "+16502530000", "001 650 253 0000"):
        crm.settings.default_region = "CN" if typed.startswith("00") else "US"
        assert crm.contacts.duplicates(person("X", phone=typed)) == [
            DuplicateHit(alice, "Alice", "phone", "+16502530000")], typed


def test_duplicates_by_email_and_phone_are_both_reported(crm):
    alice = crm.contacts.create(person("Alice", email="a@example.com", phone="(650) 253-0000"))
    bob = crm.contacts.create(person("Bob", phone="(650) 253-0001"))
    hits = crm.contacts.duplicates(ContactDraft(
        given_name="X", emails=[Channel("A@example.com")],
        phones=[Channel("650 253 0000"), Channel("650 253 0001")]))
    assert hits == [
        DuplicateHit(alice, "Alice", "email", "a@example.com"),
        DuplicateHit(alice, "Alice", "phone", "+16502530000"),
        DuplicateHit(bob, "Bob", "phone", "+16502530001"),
    ]


def test_no_duplicates_for_itself_for_trashed_people_or_new_values(crm):
    alice = crm.contacts.create(person("Alice", email="a@example.com"))
    trashed = crm.contacts.create(person("Old", email="old@example.com"))
    crm.contacts.delete([trashed])
    assert crm.contacts.duplicates(person("Alice", email="a@example.com"), exclude_id=alice) == []
    assert crm.contacts.duplicates(person("X", email="old@example.com")) == []
    assert crm.contacts.duplicates(person("X", email="new@example.com")) == []
