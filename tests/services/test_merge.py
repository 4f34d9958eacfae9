"""Merging two records and undoing it: nothing is lost, and undo gives back exactly what was."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.duplicates import OTHER, SURVIVOR
from crm_desktop.core.errors import ValidationError
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.services import Services

STAMP = "'2024-01-01 00:00:00', '2024-01-01 00:00:00'"
# Everything that hangs off a contact, and the columns that tell rows apart (not updated_at).
TABLES = {
    "contact_channel": "id, contact_id, channel, value, normalized, position",
    "contact_tag": "contact_id, tag_id",
    "custom_value": "field_id, record_id, value",
    "activity": "id, kind, subject, contact_id, company_id, deal_id, deleted_at",
    "deal": "id, title, contact_id, company_id",
    "task": "id, title, contact_id, company_id",
    "sales_order": "id, number, contact_id, company_id",
    "service_case": "id, subject, contact_id, company_id",
    "attachment": "id, filename, contact_id, company_id",
    "relationship": "id, contact_id, other_id, kind",
    "contact_score": "contact_id, score",
}


def snapshot(sql, skip_activities: tuple[int, ...] = ()) -> dict[str, list[tuple]]:
    out = {t: sorted(sql(f"SELECT {cols} FROM {t}")) for t, cols in TABLES.items()}
    out["activity"] = [r for r in out["activity"] if r[0] not in skip_activities]
    out["contact"] = sorted(sql("SELECT id, given_name, family_name, full_name, title, email, phone, city, "
                                "notes, owner_id, company_id, deleted_at FROM contact"))
    return out


def add_everything(sql, contact_id: int, company_id: int, tag: str) -> None:
    """One of every kind of row that can point at a contact."""
    run = sql
    run(f"INSERT INTO deal(title, contact_id, uuid, created_at, updated_at) VALUES ('Deal {tag}', ?, "
        f"'d-{tag}', {STAMP})", (contact_id,))
    run(f"INSERT INTO task(title, contact_id, uuid, created_at, updated_at) VALUES ('Task {tag}', ?, "
        f"'t-{tag}', {STAMP})", (contact_id,))
    run(f"INSERT INTO sales_order(number, ordered_at, contact_id, company_id, uuid, created_at, updated_at) "
        f"VALUES ('SO-{tag}', '2024-01-02', ?, ?, 'o-{tag}', {STAMP})", (contact_id, company_id))
    run(f"INSERT INTO service_case(subject, opened_at, contact_id, uuid, created_at, updated_at) "
        f"VALUES ('Case {tag}', '2024-01-03', ?, 'c-{tag}', {STAMP})", (contact_id,))
    run(f"INSERT INTO attachment(filename, sha256, size, contact_id, uuid, created_at, updated_at) "
        f"VALUES ('{tag}.pdf', 'abc', 3, ?, 'a-{tag}', {STAMP})", (contact_id,))
    run("INSERT INTO contact_score(contact_id, score, computed_at) VALUES (?, 10, '2024-01-01')",
        (contact_id,))


@pytest.fixture
def pair(crm: Services, sql, clock):
    region = crm.lookups.create_custom_field("contact", "Region", "text")
    shoe = crm.lookups.create_custom_field("contact", "Shoe", "text")
    owner = crm.lookups.create_user("Sam")
    acme = crm.companies.create(CompanyDraft(name="Acme"))
    keep = crm.contacts.create(ContactDraft(
        given_name="John", family_name="Smith", company_id=acme, city="Berlin",
        emails=[Channel("john@acme.com"), Channel("js@home.net")], phones=[Channel("+1 212 555 0100")],
        tags=["customer", "VIP"], custom={region: "EU"}, notes="Met in 2020"))
    clock.advance(dt.timedelta(hours=1))
    other = crm.contacts.create(ContactDraft(
        given_name="Jon", family_name="Smith", title="CTO", owner_id=owner,
        emails=[Channel("JOHN@acme.com"), Channel("jon@new.io")], phones=[Channel("+1 415 555 0199")],
        handles=[Channel("jsmith", "", "wechat")], tags=["VIP", "partner"], custom={shoe: "44", region: "US"},
        notes="Prefers e-mail"))
    third = crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    for who in (keep, other):
        crm.activities.log(ActivityDraft("call", subject=f"call {who}", contact_id=who))
    crm.activities.log(ActivityDraft("note", subject="gone", contact_id=other))
    gone = crm.activities.for_record(contact_id=other)[0].id
    crm.activities.delete([gone])  # a trashed activity moves too
    add_everything(sql, keep, acme, "k")
    add_everything(sql, other, acme, "o")
    sql(f"INSERT INTO relationship(contact_id, other_id, kind, uuid, created_at, updated_at) "
        f"VALUES (?, ?, 'spouse', 'r1', {STAMP})", (third, other))
    sql(f"INSERT INTO relationship(contact_id, other_id, kind, uuid, created_at, updated_at) "
        f"VALUES (?, ?, 'colleague', 'r2', {STAMP})", (keep, other))
    clock.advance(dt.timedelta(hours=1))
    return {"keep": keep, "other": other, "third": third, "region": region, "shoe": shoe, "owner": owner}


def test_plan_defaults_to_the_most_recent_non_empty_value(crm, pair):
    plan = crm.merges.plan("contact", pair["keep"], pair["other"])
    sides = {f.key: f.default for f in plan.fields}
    assert sides["name"] == OTHER  # both set, the other record is newer
    assert sides["title"] == OTHER  # only the other has one
    assert sides["city"] == SURVIVOR  # only the survivor has one
    assert sides["owner"] == OTHER
    assert sides["company"] == SURVIVOR
    assert sides[f"custom:{pair['shoe']}"] == OTHER
    assert not next(f for f in plan.fields if f.key == "street").differs


def test_merge_moves_everything_and_undo_restores_it(crm, pair, sql, changes):
    keep, other = pair["keep"], pair["other"]
    before = snapshot(sql)
    merge_id = crm.merges.merge("contact", keep, other, {"name": SURVIVOR, "notes": OTHER})
    # The survivor: chosen values, every channel once, every tag, custom values filled in.
    record = crm.contacts.get(keep)
    assert record.full_name == "John Smith" and record.data.title == "CTO"
    assert record.data.notes == "Prefers e-mail" and record.data.city == "Berlin"
    assert record.data.owner_id == pair["owner"]
    assert [c.value for c in record.data.emails] == ["john@acme.com", "js@home.net", "jon@new.io"]
    assert [c.value for c in record.data.phones] == ["+12125550100", "+14155550199"]
    assert [c.value for c in record.data.handles] == ["jsmith"]
    assert record.data.tags == ["customer", "partner", "VIP"]
    assert record.data.custom == {pair["region"]: "US", pair["shoe"]: "44"}
    # Every row that pointed at the other record now points at the survivor.
    for table in ("deal", "task", "sales_order", "service_case", "attachment"):
        assert sql(f"SELECT count(*) FROM {table} WHERE contact_id = ?", (other,)) == [(0,)], table
        assert sql(f"SELECT count(*) FROM {table} WHERE contact_id = ?", (keep,)) == [(2,)], table
    assert sql("SELECT count(*) FROM activity WHERE contact_id = ?", (other,)) == [(0,)]
    assert sql("SELECT contact_id, other_id FROM relationship WHERE uuid = 'r1'") == [(pair["third"], keep)]
    # A link between the two stays with the merged record rather than link the survivor to itself.
    assert sql("SELECT contact_id, other_id FROM relationship WHERE uuid = 'r2'") == [(keep, other)]
    # The other record is in the trash; search finds the survivor by the other's e-mail.
    assert sql("SELECT deleted_at IS NOT NULL FROM contact WHERE id = ?", (other,)) == [(1,)]
    assert [(h.kind, h.record_id) for h in crm.search.search("jon@new.io")] == [("contact", keep)]
    # The timeline of the survivor says so, and knows which merge it was.
    entry = crm.activities.for_record(contact_id=keep)[0]
    assert (entry.kind, entry.subject) == ("system", "Merged with Jon Smith")
    assert crm.merges.for_activity(entry.id).id == merge_id
    assert [m.id for m in crm.merges.history("contact", keep)] == [merge_id]
    assert any(c.entity == "contact" and c.op == "delete" and c.ids == (other,) for c in changes)

    crm.merges.undo(merge_id)
    undone = crm.activities.for_record(contact_id=keep)[0]
    assert undone.subject == "Merge with Jon Smith undone" and crm.merges.for_activity(undone.id) is None
    assert snapshot(sql, (entry.id, undone.id)) == before
    assert crm.merges.history("contact", keep)[0].undone_at is not None
    with pytest.raises(ValidationError) as again:
        crm.merges.undo(merge_id)
    assert ("merge", "already_undone") in again.value.codes()


def test_undo_keeps_what_was_edited_and_added_since(crm, pair, sql):
    keep, other = pair["keep"], pair["other"]
    merge_id = crm.merges.merge("contact", keep, other)
    draft = crm.contacts.get(keep).data
    draft.title = "CEO"  # changed after the merge: stays
    crm.contacts.update(keep, draft)
    crm.activities.log(ActivityDraft("email", subject="after", contact_id=keep))
    crm.merges.undo(merge_id)
    assert crm.contacts.get(keep).data.title == "CEO"
    assert crm.contacts.get(keep).full_name == "Jon Smith" or crm.contacts.get(keep).full_name == "John Smith"
    assert sql("SELECT contact_id FROM activity WHERE subject = 'after'") == [(keep,)]
    assert crm.contacts.get(other).full_name == "Jon Smith"


def test_undo_is_refused_once_the_merged_record_is_purged(crm, pair):
    merge_id = crm.merges.merge("contact", pair["keep"], pair["other"])
    crm.contacts.purge([pair["other"]])
    with pytest.raises(ValidationError) as refused:
        crm.merges.undo(merge_id)
    assert ("merge", "purged") in refused.value.codes()


def test_merging_a_record_with_itself_is_refused(crm, pair):
    with pytest.raises(ValidationError):
        crm.merges.merge("contact", pair["keep"], pair["keep"])


def test_companies_merge_and_undo(crm, sql):
    a = crm.companies.create(CompanyDraft(name="Acme Inc.", website="https://acme.com", tags=["customer"]))
    b = crm.companies.create(CompanyDraft(name="ACME", phone="+1 212 555 0100", tags=["supplier"]))
    people = [crm.contacts.create(ContactDraft(given_name=n, company_id=b)) for n in ("Ann", "Bob")]
    crm.activities.log(ActivityDraft("meeting", company_id=b))
    merge_id = crm.merges.merge("company", a, b, {"name": SURVIVOR})
    company = crm.companies.get(a)
    assert company.data.phone == "+12125550100" and sorted(company.data.tags) == ["customer", "supplier"]
    assert sql("SELECT DISTINCT company_id, company_name FROM contact WHERE id IN (?, ?)", people) == [
        (a, "Acme Inc.")]
    assert sql("SELECT count(*) FROM activity WHERE company_id = ? AND kind = 'meeting'", (a,)) == [(1,)]
    crm.merges.undo(merge_id)
    assert sql("SELECT DISTINCT company_id, company_name FROM contact WHERE id IN (?, ?)", people) == [
        (b, "ACME")]
    assert crm.companies.get(a).data.phone == "" and crm.companies.get(a).data.tags == ["customer"]
    assert crm.companies.get(b).data.tags == ["supplier"]
