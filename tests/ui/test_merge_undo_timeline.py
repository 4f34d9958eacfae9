"""Undoing a merge from the merged record's history: the survivor's timeline entry "Merged with …"
offers Undo merge, which gives back both records exactly as they were."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu, QMessageBox

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.deals import DealDraft
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.core.tasks import TaskDraft
from crm_desktop.ui.customer import page as page_module
from crm_desktop.ui.customer.page import CustomerPage
from crm_desktop.ui.duplicates import timeline_undo

# What hangs off a person, by the columns that tell rows apart.
TABLES = {
    "contact": "id, given_name, family_name, full_name, title, email, phone, city, notes, owner_id, "
               "company_id, deleted_at",
    "contact_channel": "contact_id, channel, value, position",
    "contact_tag": "contact_id, tag_id",
    "activity": "id, kind, subject, contact_id, deleted_at",
    "deal": "id, title, contact_id",
    "task": "id, title, contact_id",
}


def snapshot(services, skip_activities: set[int]) -> dict[str, list[tuple]]:
    db = services.ctx.storage.database.db
    out = {t: sorted(db.execute_sql(f"SELECT {cols} FROM {t}").fetchall()) for t, cols in TABLES.items()}
    out["activity"] = [r for r in out["activity"] if r[0] not in skip_activities]
    return out


@pytest.fixture
def pair(services):
    acme = services.companies.create(CompanyDraft(name="Acme"))
    keep = services.contacts.create(ContactDraft(
        given_name="John", family_name="Smith", company_id=acme, city="Berlin",
        emails=[Channel("john@acme.com")], phones=[Channel("+1 212 555 0100")], tags=["customer"]))
    other = services.contacts.create(ContactDraft(
        given_name="Jon", family_name="Smith", title="CTO", emails=[Channel("jon@new.io")],
        phones=[Channel("+1 415 555 0199")], tags=["VIP", "partner"], notes="Prefers e-mail"))
    for who in (keep, other):
        services.activities.log(ActivityDraft("call", subject=f"call {who}", contact_id=who))
    stage = services.pipelines.default().stages[0].id
    services.deals.create(DealDraft(title="Big order", stage_id=stage, currency="USD", contact_id=other))
    services.tasks.create(TaskDraft(title="Send the quote", contact_id=other))
    return keep, other


@pytest.fixture
def menus(monkeypatch):
    """The texts of each context menu opened, with its actions; nothing is shown."""
    opened: list[dict] = []

    class RecordingMenu(QMenu):
        def exec(self, *_args):
            opened.append({a.text(): a for a in self.actions()})

    monkeypatch.setattr(page_module, "QMenu", RecordingMenu)
    return opened


def merge_row(page: CustomerPage, subject: str):
    for row in range(page.model.rowCount()):
        entry = page.model.entry(row)
        if entry is not None and entry.title == subject:
            return entry
    return None


def test_undo_merge_from_the_survivors_timeline_loses_nothing(qtbot, services, pair, person_page, menus,
                                                             monkeypatch):
    keep, other = pair
    before = snapshot(services, set())
    merge_id = services.merges.merge("contact", keep, other)
    assert services.contacts.get(keep).data.tags == ["customer", "partner", "VIP"]
    page = person_page(keep)
    qtbot.waitUntil(lambda: merge_row(page, "Merged with Jon Smith") is not None)
    entry = merge_row(page, "Merged with Jon Smith")
    asked: list[str] = []
    monkeypatch.setattr(timeline_undo, "confirm", lambda _parent, name: asked.append(name) or True)

    page._on_timeline_menu_requested(entry, QPoint(10, 10))
    assert "Undo merge…" in menus[-1]
    with qtbot.waitSignal(page.status_posted) as posted:
        menus[-1]["Undo merge…"].trigger()
    assert asked == ["Jon Smith"]
    assert posted.args == ["Merge undone: Jon Smith is a separate record again."]

    # Both people are back exactly as they were, each with their own channels, tags,
    # activities, deal and task; only the two timeline notes of the merge are new.
    notes = {a.id for a in services.activities.for_record(contact_id=keep) if a.kind == "system"}
    assert len(notes) == 2
    assert snapshot(services, notes) == before
    assert services.merges.history("contact", keep)[0].id == merge_id
    assert services.merges.history("contact", keep)[0].undone_at is not None
    # The timeline shows the undo, and the merge entry no longer offers it.
    qtbot.waitUntil(lambda: merge_row(page, "Merge with Jon Smith undone") is not None)
    page._on_timeline_menu_requested(merge_row(page, "Merged with Jon Smith"), QPoint(10, 10))
    assert "Undo merge…" not in menus[-1]


def test_only_merge_entries_offer_undo_and_cancel_changes_nothing(qtbot, services, pair, person_page, menus,
                                                                  monkeypatch):
    keep, other = pair
    services.merges.merge("contact", keep, other)
    page = person_page(keep)
    qtbot.waitUntil(lambda: merge_row(page, "Merged with Jon Smith") is not None)
    call = merge_row(page, f"call {keep}")
    page._on_timeline_menu_requested(call, QPoint(10, 10))
    assert "Undo merge…" not in menus[-1]

    monkeypatch.setattr(timeline_undo, "confirm", lambda _parent, _name: False)
    page._on_timeline_menu_requested(merge_row(page, "Merged with Jon Smith"), QPoint(10, 10))
    menus[-1]["Undo merge…"].trigger()
    assert services.merges.history("contact", keep)[0].undone_at is None
    assert services.contacts.get(keep).data.tags == ["customer", "partner", "VIP"]


def test_a_merge_that_can_no_longer_be_undone_says_why(qtbot, services, pair, person_page, menus,
                                                        monkeypatch):
    keep, other = pair
    services.merges.merge("contact", keep, other)
    services.contacts.purge([other])
    page = person_page(keep)
    qtbot.waitUntil(lambda: merge_row(page, "Merged with Jon Smith") is not None)
    monkeypatch.setattr(timeline_undo, "confirm", lambda _parent, _name: True)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    page._on_timeline_menu_requested(merge_row(page, "Merged with Jon Smith"), QPoint(10, 10))
    menus[-1]["Undo merge…"].trigger()
    assert warned == ["The merged record was deleted from the trash for good, so the merge can no longer "
                      "be undone."]
    assert services.merges.history("contact", keep)[0].undone_at is None
