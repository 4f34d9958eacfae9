"""Related people: recorded relationships both ways, and colleagues at the same company."""

from __future__ import annotations

import pytest
from service_helpers import person

from crm_desktop.core.errors import ValidationError
from crm_desktop.core.records import CompanyDraft
from crm_desktop.services import Services


def test_relationships_show_on_both_pages_and_colleagues_follow(crm: Services):
    acme = crm.companies.create(CompanyDraft(name="Acme"))
    ann = crm.contacts.create(person("Ann", "Lee", company_id=acme))
    bob = crm.contacts.create(person("Bob", "Ray", company_id=acme))
    cy = crm.contacts.create(person("Cy", "Zed", company_id=acme))
    dee = crm.contacts.create(person("Dee", "Out"))
    crm.relationships.add(ann, bob, "reports_to")
    crm.relationships.add(ann, dee, "referred_by")

    assert [(p.name, p.relation) for p in crm.relationships.related(ann)] == [
        ("Bob Ray", "reports_to"), ("Dee Out", "referred_by"), ("Cy Zed", "colleague")]
    assert next((p.name, p.relation) for p in crm.relationships.related(bob)) == ("Ann Lee", "~reports_to")
    rel = crm.relationships.related(ann)[1].relationship_id
    crm.relationships.remove(rel)
    assert "Dee Out" not in {p.name for p in crm.relationships.related(ann)}
    assert {p.name for p in crm.relationships.related(cy)} == {"Ann Lee", "Bob Ray"}


def test_a_relationship_to_oneself_or_twice_is_refused(crm: Services):
    ann = crm.contacts.create(person("Ann", "Lee"))
    bob = crm.contacts.create(person("Bob", "Ray"))
    with pytest.raises(ValidationError):
        crm.relationships.add(ann, ann, "reports_to")
    crm.relationships.add(ann, bob, "reports_to")
    with pytest.raises(ValidationError) as twice:
        crm.relationships.add(ann, bob, "reports_to")
    assert ("other_id", "exists") in twice.value.codes()


def test_field_changes_record_old_and_new_values_and_who(crm: Services):
    acme = crm.companies.create(CompanyDraft(name="Acme"))
    ann = crm.contacts.create(person("Ann", "Lee", title="Clerk"))
    draft = crm.contacts.get(ann).data
    draft.title, draft.company_id = "Buyer", acme
    crm.contacts.update(ann, draft)
    changes = {(c.field, c.old, c.new, c.user) for c in crm.history.changes("contact", ann)}
    me = crm.lookups.users()[0].name
    assert ("title", "Clerk", "Buyer", me) in changes
    assert ("company_id", "", "Acme", me) in changes


def test_changes_after_switching_user_name_the_new_user(crm: Services):
    ann = crm.contacts.create(person("Ann", "Lee", title="Clerk"))
    other = crm.lookups.create_user("Sam Lee")
    crm.settings.current_user_id = other
    crm.save_settings()
    draft = crm.contacts.get(ann).data
    draft.title = "Buyer"
    crm.contacts.update(ann, draft)
    assert [(c.field, c.user) for c in crm.history.changes("contact", ann)] == [("title", "Sam Lee")]


def test_tag_and_custom_field_changes_are_recorded_on_edits_and_bulk_tagging(crm: Services):
    shoe = crm.lookups.create_custom_field("contact", "Shoe size")
    ann = crm.contacts.create(person("Ann", "Lee", tags=["prospect"], custom={shoe: "40"}))
    bob = crm.contacts.create(person("Bob"))
    assert crm.history.changes("contact", ann) == []  # creating is not a change
    draft = crm.contacts.get(ann).data
    draft.tags, draft.custom = ["customer", "prospect"], {shoe: "41"}
    crm.contacts.update(ann, draft)
    me = crm.lookups.users()[0].name
    assert {(c.field, c.old, c.new, c.user) for c in crm.history.changes("contact", ann)} == {
        ("tags", "prospect", "customer, prospect", me), ("custom:Shoe size", "40", "41", me)}
    crm.contacts.add_tag([ann, bob], "VIP")
    assert [(c.field, c.old, c.new) for c in crm.history.changes("contact", bob)] == [("tags", "", "VIP")]
    acme = crm.companies.create(CompanyDraft(name="Acme", tags=["partner"]))
    partner = next(t.id for t in crm.lookups.tags() if t.name == "partner")
    crm.companies.remove_tag([acme], partner)
    assert [(c.field, c.old, c.new) for c in crm.history.changes("company", acme)] == [
        ("tags", "partner", "")]
