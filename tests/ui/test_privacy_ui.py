"""Consent, "do not contact" and edit conflicts as a user meets them: the person's form and Details
tab, the page header and its quick actions, the export dialog, and the "changed by someone else"
question with its Reload and Overwrite answers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from crm_desktop.core.customer import Target
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.services import Services
from crm_desktop.ui.contacts_page import ContactsPage
from crm_desktop.ui.customer import page as page_module
from crm_desktop.ui.dialogs.company_dialog import CompanyDialog
from crm_desktop.ui.dialogs.contact_dialog import ContactDialog
from crm_desktop.ui.export_dialog import ExportDialog


def _forget_changes(dialog) -> None:
    if dialog.isVisible():
        dialog.mark_clean()


def shown(qtbot, dialog):
    qtbot.addWidget(dialog, before_close_func=_forget_changes)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def ann(services) -> int:
    return services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", title="Buyer",
                                                 emails=[Channel("ann@acme.test", "work")]))


def _someone_else_saves(data_dir: Path, contact_id: int, title: str) -> None:
    """Another program (a second connection to the same file) saves the person meanwhile."""
    other = Services.open(data_dir, fallback_region="US")
    try:
        record = other.contacts.get(contact_id)
        record.data.title = title
        other.contacts.update(contact_id, record.data, record.stamp.updated_at)
    finally:
        other.close()


class ConflictAnswer:
    """Answers the "changed by someone else" box with one of its buttons, remembering what it said."""

    def __init__(self, button: str) -> None:
        self.button = button
        self.text = ""
        self.buttons: list[str] = []
        self.default = ""
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "editConflictBox"
        self.text = box.text()
        self.buttons = [b.text() for b in box.buttons()]
        self.default = box.defaultButton().text()
        next(b for b in box.buttons() if b.text() == self.button).click()


# -- the person's form -----------------------------------------------------------------------------
def test_consent_is_entered_in_the_person_dialog(qtbot, services, ann):
    dialog = shown(qtbot, ContactDialog(services, ann))
    consent = dialog.consent
    consent.basis.setCurrentIndex(consent.basis.findData("consent"))
    consent.given.check.setChecked(True)
    consent.given.edit.setDate(QDate(2024, 3, 1))
    qtbot.keyClicks(consent.note, "Signed at the fair")
    consent.do_not_contact.setChecked(True)
    assert dialog.save() is True
    d = services.contacts.get(ann).data
    assert (d.lawful_basis, d.consent_given_on, d.consent_note, d.do_not_contact) == (
        "consent", dt.date(2024, 3, 1), "Signed at the fair", True)


def test_withdrawal_before_consent_is_shown_under_the_field(qtbot, services, ann):
    dialog = shown(qtbot, ContactDialog(services, ann))
    consent = dialog.consent
    consent.given.check.setChecked(True)
    consent.given.edit.setDate(QDate(2024, 3, 1))
    consent.withdrawn.check.setChecked(True)
    consent.withdrawn.edit.setDate(QDate(2024, 2, 1))
    assert dialog.save() is False
    box = dialog.errors.target("consent_withdrawn_on")
    assert box.error_label.text() == "Consent cannot be withdrawn before it was given."


# -- conflicts ---------------------------------------------------------------------------------------
def test_a_conflicting_save_asks_and_reload_shows_their_changes(qtbot, services, data_dir, ann):
    dialog = shown(qtbot, ContactDialog(services, ann))
    dialog.title_edit.setText("Mine")
    _someone_else_saves(data_dir, ann, "Theirs")
    answer = ConflictAnswer("Reload")
    assert dialog.save() is False
    assert "“Ann Lee” was changed by someone else" in answer.text
    assert set(answer.buttons) == {"Reload", "Overwrite", "Keep editing"}
    assert answer.default == "Keep editing"
    assert dialog.title_edit.text() == "Theirs" and not dialog.is_dirty()
    assert services.contacts.get(ann).data.title == "Theirs"
    dialog.title_edit.setText("Mine after all")  # saved from the reloaded state: no question
    assert dialog.save() is True
    assert services.contacts.get(ann).data.title == "Mine after all"


def test_overwrite_saves_mine_and_keep_editing_saves_nothing(qtbot, services, data_dir, ann):
    dialog = shown(qtbot, ContactDialog(services, ann))
    dialog.title_edit.setText("Mine")
    _someone_else_saves(data_dir, ann, "Theirs")
    ConflictAnswer("Keep editing")
    assert dialog.save() is False
    assert services.contacts.get(ann).data.title == "Theirs" and dialog.title_edit.text() == "Mine"
    ConflictAnswer("Overwrite")
    assert dialog.save() is True
    assert services.contacts.get(ann).data.title == "Mine"


def test_the_company_dialog_asks_too(qtbot, services, data_dir):
    acme = services.companies.create(CompanyDraft(name="Acme"))
    dialog = shown(qtbot, CompanyDialog(services, acme))
    other = Services.open(data_dir, fallback_region="US")
    try:
        record = other.companies.get(acme)
        record.data.industry = "Steel"
        other.companies.update(acme, record.data, record.stamp.updated_at)
    finally:
        other.close()
    answer = ConflictAnswer("Reload")
    dialog.load_draft(CompanyDraft(name="Acme Ltd"))
    assert dialog.save() is False
    assert "The company “Acme” was changed by someone else" in answer.text
    assert services.companies.get(acme).data.name == "Acme"


# -- the customer page ---------------------------------------------------------------------------------
def test_the_details_tab_edits_consent_and_the_header_shows_the_badge(qtbot, services, person_page, ann):
    page = person_page(ann)
    assert not page.header.do_not_contact.isVisibleTo(page.header)
    details = page.details_panel
    details.load()
    details.consent.basis.setCurrentIndex(details.consent.basis.findData("legitimate_interest"))
    qtbot.mouseClick(details.consent.do_not_contact, Qt.MouseButton.LeftButton)
    assert details.is_dirty()
    assert details.save() is True
    d = services.contacts.get(ann).data
    assert (d.lawful_basis, d.do_not_contact) == ("legitimate_interest", True)
    qtbot.waitUntil(lambda: page.header.do_not_contact.isVisibleTo(page.header))
    assert page.header.do_not_contact.text() == "Do not contact"


def test_the_details_tab_asks_when_someone_else_saved(qtbot, services, data_dir, person_page, ann):
    page = person_page(ann)
    details = page.details_panel
    details.load()
    details.editors["city"].setText("Porto")
    _someone_else_saves(data_dir, ann, "Theirs")
    answer = ConflictAnswer("Reload")
    assert details.save() is False
    assert "changed by someone else" in answer.text
    assert details.editors["title"].text() == "Theirs" and details.editors["city"].text() == ""


def test_e_mailing_a_do_not_contact_person_warns_first(qtbot, services, person_page, ann, monkeypatch):
    record = services.contacts.get(ann)
    record.data.do_not_contact = True
    services.contacts.update(ann, record.data)
    page = person_page(ann)
    opened = []
    monkeypatch.setattr(page_module.QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    monkeypatch.setattr(page_module.QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    seen = {}

    def answer(button: str) -> None:
        box = QApplication.activeModalWidget()
        seen["text"], seen["default"] = box.text(), box.defaultButton().text()
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, lambda: answer("Cancel"))
    page.header._on_link_activated("mailto:ann@acme.test")
    assert opened == []
    assert seen["text"] == "Ann Lee is marked “do not contact”. Contact them anyway?"
    assert seen["default"] == "Cancel"
    QTimer.singleShot(0, lambda: answer("Contact anyway"))
    page.header._on_link_activated("mailto:ann@acme.test")
    assert opened == ["mailto:ann@acme.test"]


# -- the export dialog --------------------------------------------------------------------------------
def test_the_export_dialog_leaves_them_out_unless_ticked(qtbot, services, bridge, tmp_path):
    for given, quiet in (("Ann", False), ("Bob", True), ("Cy", False)):
        services.contacts.create(ContactDraft(given_name=given, do_not_contact=quiet))
    page = ContactsPage(services, bridge)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    try:
        dialog = ExportDialog.for_page(page, services)
        qtbot.addWidget(dialog)
        dialog.show()
        box = dialog.include_do_not_contact
        assert box is not None and not box.isChecked()
        assert box.text() == "Include the 1 person marked “do not contact” (left out unless ticked)"
        dialog.path_edit.setText(str(tmp_path / "people.csv"))
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.job is None and dialog.result is not None, timeout=10_000)
        assert dialog.result.rows == 2 and dialog.result.left_out == 1
        assert "1 person marked “do not contact” was left out." in dialog.status.text()
        again = ExportDialog.for_page(page, services)
        qtbot.addWidget(again)
        again.show()
        again.include_do_not_contact.setChecked(True)
        again.path_edit.setText(str(tmp_path / "everyone.csv"))
        again.format_combo.setCurrentIndex(again.format_combo.findData("csv"))
        qtbot.mouseClick(again.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: again.job is None and again.result is not None, timeout=10_000)
        assert again.result.rows == 3 and again.result.left_out == 0
    finally:
        page.model.shutdown()


def test_the_task_dialog_asks_when_someone_else_saved(qtbot, services, data_dir, ann):
    from crm_desktop.core.tasks import TaskDraft
    from crm_desktop.ui.reminders.task_dialog import TaskDialog

    task_id = services.tasks.create(TaskDraft("Call Ann", due_at=dt.datetime(2030, 5, 7, 9), contact_id=ann))
    dialog = TaskDialog(services, services.tasks.get(task_id))
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Call Ann today")
    other = Services.open(data_dir, fallback_region="US")
    try:
        task = other.tasks.get(task_id)
        other.tasks.update(task_id, dataclasses.replace(task.draft(), title="Call Ann back"), task.updated_at)
    finally:
        other.close()
    answer = ConflictAnswer("Reload")
    assert dialog.save() is False
    assert "“Call Ann back” was changed by someone else" in answer.text
    assert dialog.title_edit.text() == "Call Ann back"
    dialog.title_edit.setText("Call Ann today")
    assert dialog.save() is True  # saved from the reloaded task: no question
    assert services.tasks.get(task_id).title == "Call Ann today"


def test_the_activity_dialog_asks_when_someone_else_saved(qtbot, services, data_dir, ann):
    from crm_desktop.core.activities import ActivityDraft
    from crm_desktop.ui.customer.dialogs import ActivityDialog

    call = services.activities.log(ActivityDraft("call", subject="First call", contact_id=ann))
    dialog = ActivityDialog(services, Target("contact", ann), None, activity_id=call)
    qtbot.addWidget(dialog)
    dialog.subject.setText("Mine")
    other = Services.open(data_dir, fallback_region="US")
    try:
        theirs = other.activities.get(call)
        other.activities.update(call, ActivityDraft("call", subject="Theirs", contact_id=ann),
                                theirs.updated_at)
    finally:
        other.close()
    ConflictAnswer("Keep editing")
    assert dialog.save() is False and dialog.subject.text() == "Mine"
    ConflictAnswer("Overwrite")
    assert dialog.save() is True
    assert services.activities.get(call).subject == "Mine"


def test_the_timeline_names_consent_changes_in_words(qtbot, services, person_page, ann):
    record = services.contacts.get(ann)
    record.data.do_not_contact, record.data.lawful_basis = True, "legitimate_interest"
    services.contacts.update(ann, record.data)
    page = person_page(ann)
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() >= 2)
    qtbot.waitUntil(lambda: all(model.entry(r) is not None for r in range(model.rowCount())))
    lines = {model.index(r, 0).data(): model.summary(model.entry(r)) for r in range(model.rowCount())}
    assert "“No” → “Yes”" in lines["Do not contact changed"]
    assert "“Not recorded” → “Legitimate interest”" in lines["Lawful basis changed"]


def test_the_segment_builder_offers_do_not_contact(qtbot, services):
    from crm_desktop.core.segments import Condition, Group
    from crm_desktop.ui.segments.builder import SegmentDialog

    for given, quiet in (("Ann", False), ("Bob", True), ("Cy", True)):
        services.contacts.create(ContactDraft(given_name=given, do_not_contact=quiet))
    dialog = SegmentDialog(services, "contact")
    qtbot.addWidget(dialog)
    row = dialog.root.items[0]
    row.field_combo.setCurrentIndex(row.field_combo.findData("do_not_contact"))
    assert row.field_combo.currentText() == "Do not contact"
    assert [row.op_combo.itemText(i) for i in range(row.op_combo.count())] == ["is marked", "is not marked"]
    qtbot.waitUntil(lambda: dialog.count_label.text() == "2 people match.")
    row.op_combo.setCurrentIndex(row.op_combo.findData("not_set"))
    qtbot.waitUntil(lambda: dialog.count_label.text() == "1 person matches.")
    assert dialog.group() == Group("all", (Condition("do_not_contact", "not_set", None),))
    dialog.reject()
