"""The person, company and settings dialogs, driven through their widgets."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from crm_desktop.core.errors import FieldError, NotFoundError, StorageError, StorageProblem
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.core.settings import Settings
from crm_desktop.ui.dialogs import CompanyDialog, ContactDialog, SettingsDialog, record_dialog
from crm_desktop.ui.dialogs.contact_dialog import name_split_offer
from crm_desktop.ui.dialogs.tag_editor import split_tags
from crm_desktop.ui.messages import error_text, field_error_text


def shown(qtbot, dialog):
    # Closing a changed form asks first; at the end of a test it is closed without asking.
    qtbot.addWidget(dialog, before_close_func=_forget_changes)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def type_text(widget, text):
    """Type non-ASCII text the way an input method (e.g. Pinyin) delivers it: as a commit."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _forget_changes(dialog):
    if hasattr(dialog, "mark_clean"):
        dialog.mark_clean()


def save(qtbot, dialog):
    with qtbot.waitSignal(dialog.saved, timeout=2000) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def click_save_expecting_nothing(qtbot, dialog):
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


class Answers:
    """Stands in for a confirmation question: records what was asked, answers as told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list = []

    def __call__(self, *args):
        self.asked.append(args)
        return self.answer


# -- person dialog ---------------------------------------------------------------------------
def test_new_person_typed_into_the_form_is_stored_exactly(qtbot, services):
    acme = services.companies.create(CompanyDraft(name="Acme Trading"))
    dialog = shown(qtbot, ContactDialog(services))
    assert dialog.given_name_edit.hasFocus()
    assert dialog.windowTitle() == "New person"
    qtbot.keyClicks(dialog.given_name_edit, "Alice")
    qtbot.keyClicks(dialog.family_name_edit, "Smith")
    qtbot.keyClicks(dialog.title_edit, "Head of purchasing")
    qtbot.keyClicks(dialog.company_combo.lineEdit(), "acme trading")
    qtbot.keyClicks(dialog.email_list.rows[0].value_edit, "alice@example.com")
    qtbot.mouseClick(dialog.email_list.add_button, Qt.MouseButton.LeftButton)
    assert len(dialog.email_list.rows) == 2
    second = dialog.email_list.rows[1]
    assert second.value_edit.hasFocus()
    qtbot.keyClicks(second.value_edit, "alice@home.example")
    qtbot.keyClicks(second.label_combo, "Home")
    phone = dialog.phone_list.rows[0]
    qtbot.keyClicks(phone.value_edit, "(415) 555-0100")
    assert phone.hint_label.text() == "Saved as +14155550100"
    qtbot.keyClicks(dialog.address.edits["city"], "San Francisco")
    qtbot.keyClicks(dialog.tag_edit, "VIP")
    type_text(dialog.tag_edit, "，")
    qtbot.keyClicks(dialog.tag_edit, " Trade fair 2024")
    qtbot.keyClicks(dialog.notes_edit, "Met at the fair.")

    contact_id = save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.record_id == contact_id
    data = services.contacts.get(contact_id).data
    assert (data.given_name, data.family_name, data.title) == ("Alice", "Smith", "Head of purchasing")
    assert (data.company_id, data.company_name) == (acme, "Acme Trading")
    assert data.emails == [Channel("alice@example.com", "work"), Channel("alice@home.example", "home")]
    assert data.phones == [Channel("+14155550100", "mobile")]
    assert data.city == "San Francisco"
    assert data.tags == ["Trade fair 2024", "VIP"]
    assert data.notes == "Met at the fair."
    assert data.owner_id == services.settings.current_user_id
    assert data.birthday is None


def test_a_company_name_that_is_not_known_yet_is_created_with_the_person(qtbot, services):
    dialog = shown(qtbot, ContactDialog(services))
    qtbot.keyClicks(dialog.given_name_edit, "Bo")
    qtbot.keyClicks(dialog.company_combo.lineEdit(), "Blue River Foods")
    assert "Blue River Foods" in dialog.company_box.hint_label.text()
    assert dialog.company_box.hint_label.isVisible()

    contact_id = save(qtbot, dialog)

    [(company_id, name)] = services.companies.choices()
    assert name == "Blue River Foods"
    assert services.contacts.get(contact_id).data.company_id == company_id


def test_every_invalid_field_is_marked_at_once_and_nothing_is_saved(qtbot, services):
    dialog = shown(qtbot, ContactDialog(services))
    email_row, phone_row = dialog.email_list.rows[0], dialog.phone_list.rows[0]
    qtbot.keyClicks(email_row.value_edit, "alice@")
    qtbot.keyClicks(phone_row.value_edit, "12")
    qtbot.keyClicks(dialog.notes_edit, "no name given")

    click_save_expecting_nothing(qtbot, dialog)

    assert services.contacts.count() == 0
    assert dialog.isVisible()
    name_box = dialog.errors.target("given_name")
    assert name_box.error_label.isVisible()
    assert name_box.error_label.text() == field_error_text(FieldError("given_name", "required"))
    assert email_row.error_label.text() == field_error_text(FieldError("emails", "invalid_email", "alice@"))
    assert phone_row.error_label.text() == field_error_text(FieldError("phones", "invalid_phone", "12"))
    assert [email_row.error_label.isVisible(), phone_row.error_label.isVisible()] == [True, True]
    invalid = [w.property("invalid") for w in (dialog.given_name_edit, email_row.value_edit,
                                                phone_row.value_edit, dialog.title_edit)]
    assert invalid == [True, True, True, None]
    assert dialog.given_name_edit.hasFocus()
    assert dialog.banner.isVisible()
    # What was typed is still there, and fixing it clears the marks on the next save.
    assert email_row.value_edit.text() == "alice@"
    qtbot.keyClicks(dialog.given_name_edit, "Alice")
    email_row.value_edit.setText("alice@example.com")
    phone_row.value_edit.clear()
    save(qtbot, dialog)
    assert not dialog.banner.isVisible()
    assert dialog.given_name_edit.property("invalid") is False
    assert services.contacts.count() == 1


def test_an_error_in_the_second_email_row_is_shown_on_that_row(qtbot, services):
    dialog = shown(qtbot, ContactDialog(services))
    qtbot.keyClicks(dialog.given_name_edit, "Alice")
    qtbot.keyClicks(dialog.email_list.rows[0].value_edit, "alice@example.com")
    dialog.email_list.add_row()
    qtbot.keyClicks(dialog.email_list.rows[1].value_edit, "wrong")

    click_save_expecting_nothing(qtbot, dialog)

    assert not dialog.email_list.rows[0].error_label.isVisible()
    assert "wrong" in dialog.email_list.rows[1].error_label.text()
    assert dialog.email_list.rows[1].value_edit.hasFocus()


def test_duplicate_email_asks_before_saving(qtbot, services, monkeypatch):
    services.contacts.create(ContactDraft(given_name="Bob", family_name="Stone",
                                          emails=[Channel("bob@example.com")]))
    dialog = shown(qtbot, ContactDialog(services))
    qtbot.keyClicks(dialog.given_name_edit, "Robert")
    qtbot.keyClicks(dialog.email_list.rows[0].value_edit, "BOB@example.com")
    no = Answers(False)
    monkeypatch.setattr(dialog, "_confirm_duplicates", no)

    click_save_expecting_nothing(qtbot, dialog)

    [(hits,)] = no.asked
    assert [(h.name, h.reason, h.value) for h in hits] == [("Bob Stone", "email", "bob@example.com")]
    assert services.contacts.count() == 1
    assert dialog.isVisible()
    text = dialog._duplicate_text(hits)
    assert "Bob Stone" in text and "bob@example.com" in text

    monkeypatch.setattr(dialog, "_confirm_duplicates", Answers(True))
    new_id = save(qtbot, dialog)
    assert services.contacts.count() == 2
    assert services.contacts.get(new_id).data.given_name == "Robert"


def test_duplicate_question_is_a_message_box_whose_default_is_cancel(qtbot, services):
    services.contacts.create(ContactDraft(given_name="Bob", phones=[Channel("+14155550100")]))
    dialog = shown(qtbot, ContactDialog(services))
    qtbot.keyClicks(dialog.given_name_edit, "Robert")
    qtbot.keyClicks(dialog.phone_list.rows[0].value_edit, "415 555 0100")
    seen = {}

    def answer(button_text: str):
        box = QApplication.activeModalWidget()
        seen["text"] = box.text()
        seen["default"] = box.defaultButton().text()
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, lambda: answer("Cancel"))
    assert dialog.save() is False
    assert "+1 415-555-0100" in seen["text"] and "Bob" in seen["text"]
    assert seen["default"] == "Cancel"
    QTimer.singleShot(0, lambda: answer("Save anyway"))
    assert dialog.save() is True
    assert services.contacts.count() == 2


def test_edit_mode_loads_the_person_and_updates_it(qtbot, services, monkeypatch):
    acme = services.companies.create(CompanyDraft(name="Acme Trading"))
    original = ContactDraft(
        given_name="伟", family_name="张", company_id=acme,
        emails=[Channel("wei@example.cn", "work"), Channel("wei@home.cn", "home")],
        phones=[Channel("+8613912345678", "mobile")], handles=[Channel("zhangwei", "", "wechat")],
        birthday=dt.date(1985, 3, 14), tags=["VIP"], notes="Prefers WeChat.", preferred_channel="wechat")
    contact_id = services.contacts.create(original)
    # Another person already shares the phone: editing must not ask about it again.
    services.contacts.create(ContactDraft(given_name="Li", phones=[Channel("+8613912345678")]))
    dialog = shown(qtbot, ContactDialog(services, contact_id))
    monkeypatch.setattr(dialog, "_confirm_duplicates", Answers(False))

    assert dialog.windowTitle().endswith("张伟")
    assert dialog.given_name_edit.text() == "伟"
    assert [r.value_edit.text() for r in dialog.email_list.rows] == ["wei@example.cn", "wei@home.cn"]
    assert dialog.email_list.rows[1].label_combo.currentData() == "home"
    assert dialog.handle_list.rows[0].kind_combo.currentData() == "wechat"
    assert dialog.company_combo.currentText() == "Acme Trading"
    assert dialog.birthday_check.isChecked()
    assert dialog.birthday_edit.date().toPython() == dt.date(1985, 3, 14)
    assert dialog.preferred_combo.currentData() == "wechat"
    assert not dialog.is_dirty()

    type_text(dialog.title_edit, "总经理")
    assert dialog.is_dirty()
    save(qtbot, dialog)

    data = services.contacts.get(contact_id).data
    assert data.title == "总经理"
    assert data.emails == original.emails and data.phones == original.phones
    assert (data.birthday, data.tags, data.company_id) == (dt.date(1985, 3, 14), ["VIP"], acme)
    assert services.contacts.count() == 2


def test_editing_in_a_phone_that_another_person_has_asks(qtbot, services, monkeypatch):
    contact_id = services.contacts.create(ContactDraft(given_name="Ann"))
    services.contacts.create(ContactDraft(given_name="Li", phones=[Channel("+8613912345678")]))
    dialog = shown(qtbot, ContactDialog(services, contact_id))
    asked = Answers(False)
    monkeypatch.setattr(dialog, "_confirm_duplicates", asked)
    qtbot.keyClicks(dialog.phone_list.rows[0].value_edit, "+86 139 1234 5678")
    click_save_expecting_nothing(qtbot, dialog)
    assert [h.name for h in asked.asked[0][0]] == ["Li"]
    assert services.contacts.get(contact_id).data.phones == []


def test_storage_error_shows_its_message_and_keeps_the_input(qtbot, services, monkeypatch):
    error = StorageError(StorageProblem.LOCKED, "/data/crm.sqlite3")

    def locked(_draft):
        raise error

    shown_text = []
    monkeypatch.setattr(services.contacts, "create", locked)
    monkeypatch.setattr(record_dialog.QMessageBox, "warning",
                        lambda parent, title, text: shown_text.append(text))
    dialog = shown(qtbot, ContactDialog(services))
    qtbot.keyClicks(dialog.given_name_edit, "Alice")
    click_save_expecting_nothing(qtbot, dialog)
    assert shown_text == [error_text(error)]
    assert dialog.isVisible() and dialog.given_name_edit.text() == "Alice"
    assert dialog.record_id is None


def test_ctrl_return_saves_even_from_the_notes_box(qtbot, services):
    dialog = shown(qtbot, ContactDialog(services))
    qtbot.keyClicks(dialog.given_name_edit, "Alice")
    dialog.notes_edit.setFocus()
    qtbot.keyClicks(dialog.notes_edit, "line")
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert services.contacts.get(dialog.record_id).data.notes == "line"


def test_escape_closes_a_clean_form_and_asks_before_discarding_changes(qtbot, services, monkeypatch):
    dialog = shown(qtbot, ContactDialog(services))
    keep = Answers(False)
    monkeypatch.setattr(dialog, "_confirm_discard", keep)
    qtbot.keyClicks(dialog.given_name_edit, "Alice")
    qtbot.keyClick(dialog.given_name_edit, Qt.Key.Key_Escape)
    assert len(keep.asked) == 1 and dialog.isVisible()

    monkeypatch.setattr(dialog, "_confirm_discard", Answers(True))
    qtbot.keyClick(dialog.given_name_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert services.contacts.count() == 0

    clean = shown(qtbot, ContactDialog(services))
    never = Answers(False)
    monkeypatch.setattr(clean, "_confirm_discard", never)
    qtbot.keyClick(clean.given_name_edit, Qt.Key.Key_Escape)
    assert not clean.isVisible() and never.asked == []


def test_a_whole_name_in_one_box_can_be_split(qtbot, services):
    dialog = shown(qtbot, ContactDialog(services))
    assert not dialog.split_button.isVisible()
    type_text(dialog.given_name_edit, "欧阳娜娜")
    assert dialog.split_button.isVisible()
    assert "娜娜" in dialog.split_button.text() and "欧阳" in dialog.split_button.text()
    qtbot.mouseClick(dialog.split_button, Qt.MouseButton.LeftButton)
    assert (dialog.given_name_edit.text(), dialog.family_name_edit.text()) == ("娜娜", "欧阳")
    assert not dialog.split_button.isVisible()


@pytest.mark.parametrize(("given", "family", "offer"), [
    ("Alice Smith", "", ("Alice", "Smith")),
    ("", "张伟", ("伟", "张")),
    ("Smith, Alice", "", ("Alice", "Smith")),
    ("Alice", "", None),
    ("伟", "", None),
    ("Alice", "Smith", None),
])
def test_name_split_is_offered_only_for_a_whole_name_in_one_box(given, family, offer):
    assert name_split_offer(given, family) == offer


def test_removing_rows_keeps_one_empty_row(qtbot, services):
    dialog = shown(qtbot, ContactDialog(services))
    phones = dialog.phone_list
    qtbot.keyClicks(phones.rows[0].value_edit, "+14155550100")
    qtbot.mouseClick(phones.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(phones.rows[1].value_edit, "+14155550101")
    qtbot.mouseClick(phones.rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert [c.value for c in phones.channels()] == ["+14155550101"]
    qtbot.mouseClick(phones.rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert len(phones.rows) == 1 and phones.channels()[0].value == ""


def test_tab_order_runs_through_added_rows_before_the_add_button(qtbot, services):
    dialog = shown(qtbot, ContactDialog(services))
    emails = dialog.email_list
    emails.add_row()
    first, second = emails.rows
    assert first.remove_button.nextInFocusChain() is second.value_edit
    assert second.remove_button.nextInFocusChain() is emails.add_button


def test_tags_are_split_on_ascii_and_full_width_commas():
    assert split_tags("VIP,  trade   fair ，客户；x;") == ["VIP", "trade fair", "客户", "x"]


def test_custom_fields_of_people_are_edited_too(qtbot, services):
    field_id = services.lookups.create_custom_field("contact", "WeChat group")
    dialog = shown(qtbot, ContactDialog(services))
    qtbot.keyClicks(dialog.given_name_edit, "Alice")
    qtbot.keyClicks(dialog.custom_edits[field_id], "Shenzhen buyers")
    contact_id = save(qtbot, dialog)
    assert services.contacts.get(contact_id).data.custom == {field_id: "Shenzhen buyers"}


def test_ask_returns_the_new_id_or_none(qtbot, services):
    def fill_and_save():
        dialog = QApplication.activeModalWidget()
        try:
            dialog.given_name_edit.setText("Alice")
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        finally:
            if dialog.isVisible():
                dialog.done(0)

    QTimer.singleShot(0, fill_and_save)
    contact_id = ContactDialog.ask(None, services)
    assert services.contacts.get(contact_id).data.given_name == "Alice"

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert ContactDialog.ask(None, services) is None
    assert services.contacts.count() == 1


def test_ask_for_a_person_that_is_gone_says_so(qtbot, services, monkeypatch):
    messages = []
    monkeypatch.setattr(record_dialog.QMessageBox, "warning",
                        lambda parent, title, text: messages.append(text))
    assert ContactDialog.ask(None, services, contact_id=999) is None
    assert messages == [error_text(NotFoundError("contact", 999))]


def test_prefill_is_shown_and_not_counted_as_a_change(qtbot, services):
    acme = services.companies.create(CompanyDraft(name="Acme Trading"))
    dialog = shown(qtbot, ContactDialog(services, prefill=ContactDraft(company_id=acme)))
    assert dialog.company_combo.currentText() == "Acme Trading"
    assert not dialog.is_dirty()


# -- company dialog --------------------------------------------------------------------------
def test_new_company_typed_into_the_form_is_stored_exactly(qtbot, services):
    dialog = shown(qtbot, CompanyDialog(services))
    assert dialog.name_edit.hasFocus()
    qtbot.keyClicks(dialog.name_edit, "Cedar Logistics Ltd")
    qtbot.keyClicks(dialog.website_edit, "https://cedar.example")
    qtbot.keyClicks(dialog.industry_edit, "Logistics")
    dialog.employees_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.employees_spin, "120")
    qtbot.keyClicks(dialog.phone_edit, "+44 20 7946 0958")
    assert dialog.phone_box.hint_label.text() == "Saved as +442079460958"
    qtbot.keyClicks(dialog.email_edit, "info@cedar.example")
    qtbot.keyClicks(dialog.address.edits["country"], "United Kingdom")
    qtbot.keyClicks(dialog.tag_edit, "Supplier")

    company_id = save(qtbot, dialog)

    data = services.companies.get(company_id).data
    assert (data.name, data.website, data.industry) == ("Cedar Logistics Ltd", "https://cedar.example",
                                                        "Logistics")
    assert (data.employees, data.phone, data.email) == (120, "+442079460958", "info@cedar.example")
    assert (data.country, data.tags) == ("United Kingdom", ["Supplier"])


def test_company_errors_are_shown_inline(qtbot, services):
    dialog = shown(qtbot, CompanyDialog(services))
    qtbot.keyClicks(dialog.email_edit, "info@")
    click_save_expecting_nothing(qtbot, dialog)
    assert dialog.errors.target("name").error_label.isVisible()
    assert dialog.errors.target("email").error_label.isVisible()
    assert dialog.name_edit.hasFocus()
    assert services.companies.choices() == []


def test_unknown_employee_count_is_stored_as_none(qtbot, services):
    dialog = shown(qtbot, CompanyDialog(services))
    assert dialog.employees_spin.text() == "Unknown"
    qtbot.keyClicks(dialog.name_edit, "Tiny Co")
    company_id = save(qtbot, dialog)
    assert services.companies.get(company_id).data.employees is None


def test_company_with_the_same_normalised_name_asks(qtbot, services, monkeypatch):
    services.companies.create(CompanyDraft(name="Acme Trading Ltd."))
    dialog = shown(qtbot, CompanyDialog(services))
    qtbot.keyClicks(dialog.name_edit, "ACME trading")
    no = Answers(False)
    monkeypatch.setattr(dialog, "_confirm_duplicates", no)
    click_save_expecting_nothing(qtbot, dialog)
    [(hits,)] = no.asked
    assert [(h.name, h.reason) for h in hits] == [("Acme Trading Ltd.", "name")]
    assert "Acme Trading Ltd." in dialog._duplicate_text(hits)
    assert len(services.companies.choices()) == 1

    monkeypatch.setattr(dialog, "_confirm_duplicates", Answers(True))
    save(qtbot, dialog)
    assert sorted(n for _, n in services.companies.choices()) == ["ACME trading", "Acme Trading Ltd."]


def test_company_edit_loads_and_updates_without_asking_about_its_own_name(qtbot, services, monkeypatch):
    company_id = services.companies.create(CompanyDraft(name="Acme", employees=40, tags=["Partner"]))
    dialog = shown(qtbot, CompanyDialog(services, company_id))
    monkeypatch.setattr(dialog, "_confirm_duplicates", Answers(False))
    assert (dialog.name_edit.text(), dialog.employees_spin.value()) == ("Acme", 40)
    assert dialog.tag_edit.tags() == ["Partner"]
    qtbot.keyClicks(dialog.industry_edit, "Retail")
    save(qtbot, dialog)
    data = services.companies.get(company_id).data
    assert (data.name, data.industry, data.employees, data.tags) == ("Acme", "Retail", 40, ["Partner"])


# -- settings dialog -------------------------------------------------------------------------
def test_settings_changes_are_saved_to_the_settings_file(qtbot, services):
    dialog = shown(qtbot, SettingsDialog(services))
    assert not dialog.restart_label.isVisible()
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("CN"))
    dialog.currency_combo.setCurrentIndex(dialog.currency_combo.findData("CNY"))
    qtbot.keyClick(dialog.language_combo, Qt.Key.Key_End)
    assert dialog.language_combo.currentData() == "zh_CN"
    assert dialog.restart_label.isVisible()

    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                         Qt.MouseButton.LeftButton)

    stored = Settings.load(services.paths.settings)
    assert (stored.default_region, stored.currency, stored.language) == ("CN", "CNY", "zh_CN")
    assert services.ctx.region == "CN"


def test_the_largest_file_to_attach_is_a_setting(qtbot, services):
    dialog = shown(qtbot, SettingsDialog(services))
    assert dialog.attachment_limit.value() == 100
    dialog.attachment_limit.setValue(25)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    assert Settings.load(services.paths.settings).attachment_limit_mb == 25
    assert services.attachments.limit_bytes == 25 * 1024 * 1024


def test_settings_dialog_shows_the_stored_settings(qtbot, services):
    services.settings.default_region, services.settings.currency = "DE", "EUR"
    services.settings.language = "en"
    dialog = shown(qtbot, SettingsDialog(services))
    assert dialog.region_combo.currentText() == "Germany – Deutschland (+49)"
    assert dialog.currency_combo.currentText().startswith("EUR")
    assert dialog.language_combo.currentText() == "English"


def test_country_list_has_names_with_calling_codes_sorted_by_name(qtbot, services):
    dialog = shown(qtbot, SettingsDialog(services))
    combo = dialog.region_combo
    texts = [combo.itemText(i) for i in range(1, combo.count())]
    assert combo.itemData(0) == "" and "United States" in combo.itemText(0)
    assert combo.itemText(combo.findData("CN")) == "China – 中国 (+86)"
    assert combo.itemText(combo.findData("US")) == "United States (+1)"
    assert len(texts) == len(set(combo.itemData(i) for i in range(1, combo.count()))) > 200
    assert texts.index("Afghanistan – افغانستان (+93)") < texts.index("Brazil – Brasil (+55)")
    assert texts.index("Brazil – Brasil (+55)") < texts.index("Zimbabwe (+263)")


def test_open_folder_uses_the_replaceable_opener(qtbot, services):
    shutil.rmtree(services.paths.backups, ignore_errors=True)
    services.paths.logs.mkdir(exist_ok=True)
    dialog = shown(qtbot, SettingsDialog(services))
    opened = []
    dialog.opener = lambda url: opened.append(url) or True
    qtbot.mouseClick(dialog.folder_buttons["data"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_buttons["logs"], Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(services.paths.root)),
                      QUrl.fromLocalFile(str(services.paths.logs))]
    assert not dialog.folder_buttons["backups"].isEnabled()


def test_settings_that_cannot_be_written_are_not_kept(qtbot, services, monkeypatch):
    def disk_full():
        raise OSError(28, "No space left on device")

    warnings = []
    monkeypatch.setattr(services, "save_settings", disk_full)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    dialog = shown(qtbot, SettingsDialog(services))
    dialog.currency_combo.setCurrentIndex(dialog.currency_combo.findData("JPY"))
    assert dialog.save() is False
    assert services.settings.currency == ""
    assert warnings and "No space left on device" in warnings[0]

