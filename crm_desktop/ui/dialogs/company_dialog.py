"""Creating and editing a company."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QSpinBox, QWidget

from ...core.records import CompanyDraft, DuplicateHit
from ...core.text import company_key
from ...services import Services
from .address import AddressFields
from .channel_list import phone_hint_text, phone_placeholder
from .form import line_edit, select_data
from .record_dialog import RecordDialog, ask_dialog

MAX_EMPLOYEES = 10_000_000


class CompanyDialog(RecordDialog):
    """The form for one company. Use ``CompanyDialog.ask`` to run it."""

    def __init__(self, services: Services, company_id: int | None = None,
                 prefill: CompanyDraft | None = None, parent: QWidget | None = None) -> None:
        super().__init__(services, company_id, parent)
        self._loaded_key = ""
        self._build_company_section()
        self._build_details_section()
        self.address = AddressFields(self._section(self.tr("Address")), self.errors)
        self._build_more_section()
        self.body_layout.addStretch(1)
        self._load_initial(company_id, prefill)
        self.mark_clean()
        self.fit_to_screen(720, 760)
        self.name_edit.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, company_id: int | None = None,
            prefill: CompanyDraft | None = None) -> int | None:
        """Show the dialog; the saved company's id, or None when the user cancelled."""
        return ask_dialog(lambda: cls(services, company_id, prefill, parent), parent)

    # -- building --------------------------------------------------------------------------
    def _build_company_section(self) -> None:
        form = self._section(self.tr("Company"))
        self.name_edit = line_edit(self.tr("e.g. Acme Ltd. or 华为技术有限公司"))
        self._field(form, "name", self.tr("Name"), self.name_edit)
        self.website_edit = line_edit("https://")
        self._field(form, "website", self.tr("Website"), self.website_edit)
        self.industry_edit = line_edit(self.tr("e.g. Manufacturing, Retail, Software"))
        self._field(form, "industry", self.tr("Industry"), self.industry_edit)
        self.employees_spin = QSpinBox()
        self.employees_spin.setRange(0, MAX_EMPLOYEES)
        self.employees_spin.setSpecialValueText(self.tr("Unknown"))
        self.employees_spin.setGroupSeparatorShown(True)
        self.employees_spin.setAccelerated(True)
        self._field(form, "employees", self.tr("Employees"), self.employees_spin)

    def _build_details_section(self) -> None:
        form = self._section(self.tr("Contact details"))
        self.phone_edit = line_edit(phone_placeholder(self.services.ctx.region), 200)
        self.phone_box = self._field(form, "phone", self.tr("Phone"), self.phone_edit)
        self.phone_edit.textChanged.connect(self._on_phone_edit_text_changed)
        self.email_edit = line_edit(self.tr("info@example.com"), 254)
        self._field(form, "email", self.tr("E-mail"), self.email_edit)

    def _build_more_section(self) -> None:
        form = self._section(self.tr("More"))
        self._add_common_fields(form, "company")

    # -- loading and reading ---------------------------------------------------------------
    def _load_initial(self, company_id: int | None, prefill: CompanyDraft | None) -> None:
        if company_id is None:
            draft = prefill or CompanyDraft(owner_id=self.services.settings.current_user_id)
            self.setWindowTitle(self.tr("New company"))
        else:
            record = self.services.companies.get(company_id)
            draft = record.data
            self.read_at = record.stamp.updated_at
            self._loaded_key = company_key(draft.name)
            self.setWindowTitle(self.tr("Edit company – %1").replace("%1", draft.name))
        self.load_draft(draft)

    def load_draft(self, d: CompanyDraft) -> None:
        self.name_edit.setText(d.name)
        self.website_edit.setText(d.website)
        self.industry_edit.setText(d.industry)
        self.employees_spin.setValue(min(d.employees or 0, MAX_EMPLOYEES))
        self.phone_edit.setText(d.phone)
        self.email_edit.setText(d.email)
        self.address.load(d)
        self.source_edit.setText(d.source)
        select_data(self.owner_combo, d.owner_id)
        self.tag_edit.set_tags(d.tags)
        self.notes_edit.setPlainText(d.notes)
        for field_id, edit in self.custom_edits.items():
            edit.setText(d.custom.get(field_id, ""))

    def build_draft(self) -> CompanyDraft:
        return CompanyDraft(
            name=self.name_edit.text(), website=self.website_edit.text(),
            industry=self.industry_edit.text(), employees=self.employees_spin.value() or None,
            phone=self.phone_edit.text(), email=self.email_edit.text(), **self.address.values(),
            source=self.source_edit.text(), notes=self.notes_edit.toPlainText(),
            owner_id=self.owner_combo.currentData(), tags=self.tag_edit.tags(),
            custom={field_id: edit.text() for field_id, edit in self.custom_edits.items()},
        )

    # -- saving ----------------------------------------------------------------------------
    def _service(self):
        return self.services.companies

    def _new_duplicates(self, draft: CompanyDraft) -> list[DuplicateHit]:
        if self.record_id is not None and company_key(draft.name) == self._loaded_key:
            return []  # the name did not change: whatever matched before was accepted then
        return self.services.companies.duplicates(draft, exclude_id=self.record_id)

    def _duplicate_text(self, hits: Sequence[DuplicateHit]) -> str:
        lines = [self.tr("A company named “%1” already exists.").replace("%1", hit.name) for hit in hits]
        return "\n".join(lines) + "\n\n" + self.tr("Save anyway?")

    def _on_phone_edit_text_changed(self, text: str) -> None:
        self.phone_box.set_hint(phone_hint_text(text, self.services.ctx.region))
