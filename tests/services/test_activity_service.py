"""The activity log: entries land on the right timelines and count as interactions."""

from __future__ import annotations

import datetime as dt

import pytest
from service_helpers import person

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.errors import ValidationError
from crm_desktop.services import Change, Services

START = dt.datetime(2024, 5, 6, 9, 0)


def test_a_logged_call_is_on_the_contacts_timeline_newest_first(crm: Services, clock):
    ann = crm.contacts.create(person("Ann", "Lee"))
    first = crm.activities.log(ActivityDraft("note", subject="met at fair", contact_id=ann))
    clock.advance(dt.timedelta(hours=1))
    second = crm.activities.log(ActivityDraft("call", subject="pricing", duration_s=300,
                                              outcome="interested", contact_id=ann))
    timeline = crm.activities.for_record(contact_id=ann)
    assert [a.id for a in timeline] == [second, first]
    call = timeline[0]
    assert (call.kind, call.duration_s, call.outcome) == ("call", 300, "interested")
    assert call.occurred_at == START + dt.timedelta(hours=1)
    assert call.owner_id == crm.settings.current_user_id is not None


def test_only_calls_emails_and_meetings_count_as_interactions(crm: Services, clock):
    ann = crm.contacts.create(person("Ann"))
    bob = crm.contacts.create(person("Bob"))
    crm.activities.log(ActivityDraft("meeting", contact_id=ann, occurred_at=START - dt.timedelta(days=3)))
    crm.activities.log(ActivityDraft("note", contact_id=ann))
    crm.activities.log(ActivityDraft("note", contact_id=bob))
    assert crm.activities.last_interaction([ann, bob]) == {ann: START - dt.timedelta(days=3)}


def test_an_activity_needs_a_known_kind_and_a_customer(crm: Services):
    ann = crm.contacts.create(person("Ann"))
    with pytest.raises(ValidationError):
        crm.activities.log(ActivityDraft("fax", contact_id=ann))
    with pytest.raises(ValidationError):
        crm.activities.log(ActivityDraft("call"))
    assert crm.activities.for_record(contact_id=ann) == []


def test_logging_and_deleting_are_announced(crm: Services, changes: list[Change]):
    ann = crm.contacts.create(person("Ann"))
    changes.clear()
    entry = crm.activities.log(ActivityDraft("email", contact_id=ann))
    crm.activities.delete([entry])
    assert changes == [Change("activity", "create", (entry,)), Change("activity", "delete", (entry,))]
    assert crm.activities.for_record(contact_id=ann) == []


def test_an_entry_logged_inside_another_write_commits_with_it(crm: Services):
    ann = crm.contacts.create(person("Ann"))
    with pytest.raises(RuntimeError), crm.ctx.write():
        crm.activities.log(ActivityDraft("note", contact_id=ann), emit=False)
        raise RuntimeError("the outer write fails")
    assert crm.activities.for_record(contact_id=ann) == []
