"""Creating and editing a person."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from ...core.emails import normalize_email
from ...core.names import split_full_name
from ...core.phones import format_phone
from ...core.records import ContactDraft, DuplicateHit
from ...core.text import has_cjk
from ...services import Services
from .address import AddressFields
from .channel_list import EMAIL, HANDLE, PHONE, ChannelList
from .consent import ConsentFields
from .form import FieldBox, add_row, fill_combo, line_edit, select_data
from .labels import preferred_channel_choices, preferred_channel_text
from .record_dialog import RecordDialog, ask_dialog


def family_name_first() -> bool:
    """Chinese, Japanese and Korean users write (and expect to type) the family name first."""
    return QLocale().language() in (QLocale.Language.Chinese, QLocale.Language.Japanese,
                                    QLocale.Language.Korean)


def name_split_offer(given: str, family: str) -> tuple[str, str] | None:
    """(given, family) to offer when a whole name was typed into one of the two boxes."""
    given, family = given.strip(), family.strip()
    if bool(given) == bool(family):
        return None
    text = given or family
    if " " not in text and "," not in text and not (has_cjk(text) and len(text) >= 2):
        return None
    split = split_full_name(text)
    return split if split[0] and split[1] else None


class ContactDialog(RecordDialog):
    """The form for one person. Use ``ContactDialog.ask`` to run it."""

    def __init__(self, services: Services, contact_id: int | None = None,
                 prefill: ContactDraft | None = None, parent: QWidget | None = None) -> None:
        super().__init__(services, contact_id, parent)
        self._known_channels: set[tuple[str, str]] = set()
        self._build_person_section()
        self._build_details_section()
        self._build_address_section()
        self._build_more_section()
        self.consent = ConsentFields(self._section(self.tr("Data protection")),
                                     self.services.ctx.clock.today(), self.errors)
        self.body_layout.addStretch(1)
        self._load_initial(contact_id, prefill)
        self.mark_clean()
        self.fit_to_screen(780, 860)
        (self.family_name_edit if family_name_first() else self.given_name_edit).setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, contact_id: int | None = None,
            prefill: ContactDraft | None = None) -> int | None:
        """Show the dialog; the saved person's id, or None when the user cancelled."""
        return ask_dialog(lambda: cls(services, contact_id, prefill, parent), parent)

    def _region(self) -> str:
        return self.services.ctx.region

    # -- building --------------------------------------------------------------------------
    def _build_person_section(self) -> None:
        form = self._section(self.tr("Person"))
        self.given_name_edit = line_edit(self.tr("e.g. Alice or 伟"))
        self.family_name_edit = line_edit(self.tr("e.g. Smith or 张"))
        rows = [("given_name", self.tr("Given name"), self.given_name_edit),
                ("family_name", self.tr("Family name"), self.family_name_edit)]
        if family_name_first():
            rows.reverse()
        for key, label, edit in rows:
            self._field(form, key, label, edit)
        self.split_button = QPushButton()
        self.split_button.setFlat(True)
        self.split_button.setAutoDefault(False)
        self.split_button.hide()
        form.addRow("", self.split_button)
        self.split_button.clicked.connect(self._on_split_button_clicked)
        for edit in (self.given_name_edit, self.family_name_edit):
            edit.textChanged.connect(self._update_split_offer)
        self.title_edit = line_edit(self.tr("e.g. Purchasing manager"))
        self._field(form, "title", self.tr("Job title"), self.title_edit)
        self._build_company_combo(form)

    def _build_company_combo(self, form: QFormLayout) -> None:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        fill_combo(combo, [(None, ""), *self.services.companies.choices()])
        combo.lineEdit().setPlaceholderText(self.tr("Type to find a company or add a new one"))
        completer = QCompleter(combo.model(), combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        self.company_combo = combo
        self.company_box = self._field(form, "company_name", self.tr("Company"), combo)
        self.errors.register("company_id", self.company_box)
        combo.editTextChanged.connect(self._on_company_combo_edit_text_changed)

    def _build_details_section(self) -> None:
        form = self._section(self.tr("Contact details"))
        self.email_list = ChannelList(EMAIL, self._region)
        self.phone_list = ChannelList(PHONE, self._region)
        self.handle_list = ChannelList(HANDLE, self._region)
        for name, label, widget in (("emails", self.tr("E-mail"), self.email_list),
                                    ("phones", self.tr("Phone"), self.phone_list),
                                    ("handles", self.tr("Social profiles"), self.handle_list)):
            add_row(form, label, widget)
            self.errors.register(name, widget)
        self.website_edit = line_edit("https://")
        self._field(form, "website", self.tr("Website"), self.website_edit)
        self.preferred_combo = QComboBox()
        fill_combo(self.preferred_combo, preferred_channel_choices())
        self._field(form, "preferred_channel", self.tr("Preferred channel"), self.preferred_combo)

    def _build_address_section(self) -> None:
        self.address = AddressFields(self._section(self.tr("Address")), self.errors)

    def _build_more_section(self) -> None:
        form = self._section(self.tr("More"))
        self._build_birthday(form)
        self._add_common_fields(form, "contact")

    def _build_birthday(self, form: QFormLayout) -> None:
        self.birthday_check = QCheckBox()
        self.birthday_check.setToolTip(self.tr("Set a birthday"))
        self.birthday_check.setAccessibleName(self.tr("Birthday known"))
        self.birthday_edit = QDateEdit()
        self.birthday_edit.setCalendarPopup(True)
        self.birthday_edit.setDisplayFormat(_four_digit_year(QLocale().dateFormat(QLocale.FormatType.ShortFormat)))
        self.birthday_edit.setMinimumDate(QDate(1900, 1, 1))
        self.birthday_edit.setMaximumDate(_qdate(self.services.ctx.clock.today()))
        self.birthday_edit.setEnabled(False)
        self.birthday_check.toggled.connect(self._on_birthday_check_toggled)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.birthday_check)
        box = FieldBox(self.birthday_edit)
        line.addWidget(box, 1)
        add_row(form, self.tr("Birthday"), row, self.birthday_check)
        self.errors.register("birthday", box)

    # -- loading and reading ---------------------------------------------------------------
    def _load_initial(self, contact_id: int | None, prefill: ContactDraft | None) -> None:
        if contact_id is None:
            draft = prefill or ContactDraft(owner_id=self.services.settings.current_user_id)
            self.setWindowTitle(self.tr("New person"))
        else:
            record = self.services.contacts.get(contact_id)
            draft = record.data
            self.read_at = record.stamp.updated_at
            self._known_channels = {("email", normalize_email(c.value)) for c in draft.emails}
            self._known_channels |= {("phone", c.value) for c in draft.phones}
            self.setWindowTitle(self.tr("Edit person – %1").replace("%1", record.full_name))
        self.load_draft(draft)

    def load_draft(self, d: ContactDraft) -> None:
        self.given_name_edit.setText(d.given_name)
        self.family_name_edit.setText(d.family_name)
        self.title_edit.setText(d.title)
        if d.company_id is not None:
            select_data(self.company_combo, d.company_id, d.company_name)
        else:
            self.company_combo.setEditText(d.company_name)
        self.email_list.set_channels(d.emails)
        self.phone_list.set_channels(d.phones)
        self.handle_list.set_channels(d.handles)
        self.website_edit.setText(d.website)
        select_data(self.preferred_combo, d.preferred_channel, preferred_channel_text(d.preferred_channel))
        self.address.load(d)
        self.birthday_check.setChecked(d.birthday is not None)
        if d.birthday is not None:
            self.birthday_edit.setDate(_qdate(d.birthday))
        self.source_edit.setText(d.source)
        select_data(self.owner_combo, d.owner_id)
        self.tag_edit.set_tags(d.tags)
        self.notes_edit.setPlainText(d.notes)
        for field_id, edit in self.custom_edits.items():
            edit.setText(d.custom.get(field_id, ""))
        self.consent.load(d)

    def build_draft(self) -> ContactDraft:
        company_id, company_name = self._company_choice()
        birthday = self.birthday_edit.date().toPython() if self.birthday_check.isChecked() else None
        return ContactDraft(
            given_name=self.given_name_edit.text(), family_name=self.family_name_edit.text(),
            title=self.title_edit.text(), company_id=company_id, company_name=company_name,
            emails=self.email_list.channels(), phones=self.phone_list.channels(),
            handles=self.handle_list.channels(), **self.address.values(),
            website=self.website_edit.text(), preferred_channel=self.preferred_combo.currentData(),
            birthday=birthday, source=self.source_edit.text(), notes=self.notes_edit.toPlainText(),
            owner_id=self.owner_combo.currentData(), tags=self.tag_edit.tags(),
            custom={field_id: edit.text() for field_id, edit in self.custom_edits.items()},
            **self.consent.values(),
        )

    def _company_choice(self) -> tuple[int | None, str]:
        """(id, name) of the chosen company, or (None, typed name) for a company to create."""
        text = " ".join(self.company_combo.currentText().split())
        if not text:
            return None, ""
        index = self.company_combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index > 0:
            return self.company_combo.itemData(index), self.company_combo.itemText(index)
        return None, text

    # -- saving ----------------------------------------------------------------------------
    def _service(self):
        return self.services.contacts

    def _new_duplicates(self, draft: ContactDraft) -> list[DuplicateHit]:
        hits = self.services.contacts.duplicates(draft, exclude_id=self.record_id)
        return [h for h in hits if (h.reason, h.value) not in self._known_channels]

    def _duplicate_text(self, hits: Sequence[DuplicateHit]) -> str:
        lines = []
        for hit in hits:
            if hit.reason == "phone":
                text = self.tr("A person with the phone number %1 already exists: %2.")
                value = format_phone(hit.value)
            else:
                text = self.tr("A person with the e-mail address %1 already exists: %2.")
                value = hit.value
            lines.append(text.replace("%1", value).replace("%2", hit.name))
        return "\n".join(lines) + "\n\n" + self.tr("Save anyway?")

    # -- slots -----------------------------------------------------------------------------
    def _update_split_offer(self) -> None:
        offer = name_split_offer(self.given_name_edit.text(), self.family_name_edit.text())
        if offer is not None:
            text = self.tr("Split into given name “%1” and family name “%2”")
            self.split_button.setText(text.replace("%1", offer[0]).replace("%2", offer[1]))
        self.split_button.setVisible(offer is not None)

    def _on_split_button_clicked(self) -> None:
        offer = name_split_offer(self.given_name_edit.text(), self.family_name_edit.text())
        if offer is not None:
            self.given_name_edit.setText(offer[0])
            self.family_name_edit.setText(offer[1])
            self.title_edit.setFocus()

    def _on_company_combo_edit_text_changed(self, _text: str) -> None:
        company_id, name = self._company_choice()
        hint = ""
        if company_id is None and name:
            hint = self.tr("“%1” is a new company. It will be added when you save.").replace("%1", name)
        self.company_box.set_hint(hint)

    def _on_birthday_check_toggled(self, checked: bool) -> None:
        self.birthday_edit.setEnabled(checked)
        if checked:
            self.birthday_edit.setFocus()


def _qdate(value) -> QDate:
    return QDate(value.year, value.month, value.day)


def _four_digit_year(fmt: str) -> str:
    """Birthdays need the century: turn a short "M/d/yy" format into "M/d/yyyy"."""
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")
