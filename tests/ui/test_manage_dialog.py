"""Managing tags, owners and custom fields."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from crm_desktop.core.records import ContactDraft
from crm_desktop.ui.manage_dialog import ManageDialog


def _dialog(qtbot, services):
    dialog = ManageDialog(services)
    qtbot.addWidget(dialog)
    return dialog


def test_renaming_a_tag_renames_it_for_search(qtbot, services):
    services.contacts.create(ContactDraft(given_name="Ann", tags=["vip"]))
    dialog = _dialog(qtbot, services)
    tab = dialog.tags_tab
    assert tab.table.item(0, 0).text() == "vip"
    tab.table.item(0, 0).setText("Key account")
    assert [t.name for t in services.lookups.tags()] == ["Key account"]
    assert [h.title for h in services.search.search("key account")] == ["Ann"]
    assert services.search.search("vip") == []


def test_changing_a_tag_kind_is_saved(qtbot, services):
    services.lookups.create_tag("acme buyers")
    dialog = _dialog(qtbot, services)
    tab = dialog.tags_tab
    combo = tab.table.cellWidget(0, 1)
    combo.setCurrentIndex(combo.findData("customer"))
    assert services.lookups.tags()[0].kind == "customer"


def test_duplicate_tag_name_is_refused_with_a_message(qtbot, services, monkeypatch):
    services.lookups.create_tag("a")
    services.lookups.create_tag("b")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    dialog = _dialog(qtbot, services)
    tab = dialog.tags_tab
    tab.table.item(1, 0).setText("A")
    assert sorted(t.name for t in services.lookups.tags()) == ["a", "b"]
    assert shown and "already exists" in shown[0]


def test_adding_an_owner_and_a_custom_field(qtbot, services, monkeypatch):
    dialog = _dialog(qtbot, services)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Li Na", True))
    dialog.owners_tab.add_owner()
    assert "Li Na" in [u.name for u in services.lookups.users()]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("VAT number", True))
    dialog.fields_tab.add_field("company")
    assert [f[2] for f in services.lookups.custom_fields("company")] == ["VAT number"]
    assert dialog.fields_tab.lists["company"].item(0).text() == "VAT number"


def test_invalid_owner_email_is_refused(qtbot, services, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    dialog = _dialog(qtbot, services)
    tab = dialog.owners_tab
    tab.table.item(0, 1).setText("not-an-email")
    assert services.lookups.users()[0].email == ""
    assert shown and "not a valid e-mail" in shown[0]
