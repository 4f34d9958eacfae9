"""Dialogs of the pipeline: a deal, marking it won or lost, and where to move a stage's deals."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.deals import Deal, DealDraft, LineItem
from ...core.errors import CrmError, FieldError, ValidationError
from ...core.settings import CURRENCIES
from ...services import Services
from .common import LABELS, amount_text, error_text, money, parse_money
from .pickers import CompanyPicker, PersonPicker

translate = QCoreApplication.translate


def _date_edit(parent: QWidget, value: dt.date | None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
    edit.setDate(QDate(value) if value else QDate.currentDate())
    return edit


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet("color: #d93025;")
    label.setWordWrap(True)
    label.hide()
    return label


class DealDialog(QDialog):
    """Create or edit a deal. ``ask`` returns the deal id once saved, or None if cancelled."""

    def __init__(
        self,
        services: Services,
        deal: Deal | None = None,
        *,
        stage_id: int | None = None,
        company_id: int | None = None,
        contact_id: int | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._deal = deal
        self.setWindowTitle(
            translate("DealDialog", "Edit deal") if deal else translate("DealDialog", "New deal")
        )
        self.resize(560, 640)
        draft = (
            deal.draft()
            if deal
            else DealDraft(
                stage_id=stage_id,
                company_id=company_id,
                contact_id=contact_id,
                currency=services.deals.default_currency(),
            )
        )
        self._build(draft)
        self.saved_id: int | None = None

    # -- building --------------------------------------------------------------------------
    def _build(self, draft: DealDraft) -> None:
        form = QFormLayout()
        self.title = QLineEdit(draft.title, self)
        self.title.setPlaceholderText(translate("DealDialog", "e.g. 20 licences for Acme"))
        form.addRow(translate("DealDialog", "Title"), self.title)
        self.pipeline = QComboBox(self)
        for pipeline in self._services.pipelines.pipelines():
            self.pipeline.addItem(LABELS.pipeline(pipeline), pipeline)
        self.stage = QComboBox(self)
        self.pipeline.currentIndexChanged.connect(self._fill_stages)
        stage = self._services.pipelines.stage(draft.stage_id) if draft.stage_id else None
        at = next(
            (
                i
                for i in range(self.pipeline.count())
                if stage and self.pipeline.itemData(i).id == stage.pipeline_id
            ),
            0,
        )
        self.pipeline.setCurrentIndex(at)
        self._fill_stages()
        if stage is not None:
            self.stage.setCurrentIndex(max(0, self.stage.findData(stage.id)))
        form.addRow(translate("DealDialog", "Pipeline"), self.pipeline)
        form.addRow(translate("DealDialog", "Stage"), self.stage)
        self.company = CompanyPicker(
            self._services, draft.company_id, translate("DealDialog", "No organisation"), self
        )
        form.addRow(translate("DealDialog", "Organisation"), self.company)
        self.contact = PersonPicker(self._services, self._live_contact(draft.contact_id), self)
        self.contact.person_changed.connect(self._on_contact_person_changed)
        form.addRow(translate("DealDialog", "Person"), self.contact)
        form.addRow(translate("DealDialog", "Value"), self._value_row(draft))
        self.close_set = QCheckBox(translate("DealDialog", "Expected close"), self)
        self.close_set.setChecked(draft.expected_close is not None)
        self.close_date = _date_edit(self, draft.expected_close)
        self.close_date.setEnabled(self.close_set.isChecked())
        self.close_set.toggled.connect(self.close_date.setEnabled)
        form.addRow(self.close_set, self.close_date)
        self.probability = QSpinBox(self)
        self.probability.setRange(-1, 100)
        self.probability.setSuffix(" %")
        self.probability.setSpecialValueText(translate("DealDialog", "The stage's"))
        self.probability.setValue(-1 if draft.probability is None else draft.probability)
        form.addRow(translate("DealDialog", "Probability"), self.probability)
        self.owner = QComboBox(self)
        for user in self._services.lookups.users():
            self.owner.addItem(user.name, user.id)
        self.owner.setCurrentIndex(
            max(0, self.owner.findData(draft.owner_id or self._services.settings.current_user_id))
        )
        form.addRow(translate("DealDialog", "Owner"), self.owner)
        self.source = QLineEdit(draft.source, self)
        form.addRow(translate("DealDialog", "Source"), self.source)
        self.tags = QLineEdit(", ".join(draft.tags), self)
        self.tags.setPlaceholderText(translate("DealDialog", "Separate tags with commas"))
        form.addRow(translate("DealDialog", "Tags"), self.tags)
        self.next_step = QLineEdit(draft.next_step, self)
        form.addRow(translate("DealDialog", "Next step"), self.next_step)
        self.notes = QPlainTextEdit(draft.notes, self)
        self.notes.setPlaceholderText(translate("DealDialog", "Pain points and needs"))
        self.notes.setFixedHeight(70)
        form.addRow(translate("DealDialog", "Needs"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._lines_box(draft.lines))
        self.error = _error_label(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _value_row(self, draft: DealDraft) -> QWidget:
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        self.value = QLineEdit(
            amount_text(draft.value_minor, draft.currency or "USD") if draft.value_minor else "", row
        )
        self.value.setPlaceholderText("0")
        self.currency = QComboBox(row)
        self.currency.addItems(list(dict.fromkeys([*CURRENCIES, draft.currency or "USD"])))
        self.currency.setCurrentText(draft.currency or "USD")
        box.addWidget(self.value, 1)
        box.addWidget(self.currency)
        return row

    def _lines_box(self, lines: list[LineItem]) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(QLabel(translate("DealDialog", "Products (optional; they make the value)"), box))
        add = QPushButton(translate("DealDialog", "Add product"), box)
        remove = QPushButton(translate("DealDialog", "Remove"), box)
        header.addStretch(1)
        header.addWidget(add)
        header.addWidget(remove)
        layout.addLayout(header)
        self.lines = QTableWidget(0, 3, box)
        self.lines.setHorizontalHeaderLabels(
            [
                translate("DealDialog", "Product"),
                translate("DealDialog", "Quantity"),
                translate("DealDialog", "Unit price"),
            ]
        )
        self.lines.horizontalHeader().setStretchLastSection(True)
        self.lines.setFixedHeight(110)
        for line in lines:
            self._add_line(line)
        add.clicked.connect(lambda: self._add_line(LineItem("")))
        remove.clicked.connect(lambda: self.lines.removeRow(self.lines.currentRow()))
        layout.addWidget(self.lines)
        return box

    def _add_line(self, line: LineItem) -> None:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        currency = self.currency.currentText()
        price = amount_text(line.unit_price_minor, currency) if line.unit_price_minor else ""
        for column, text in enumerate((line.description, f"{line.quantity:g}", price)):
            self.lines.setItem(row, column, QTableWidgetItem(text))

    def _live_contact(self, contact_id: int | None) -> int | None:
        if contact_id is None:
            return None
        try:
            self._services.contacts.get(contact_id)
        except CrmError:  # deleted since: the deal keeps no person
            return None
        return contact_id

    def _on_contact_person_changed(self, contact_id: int | None) -> None:
        """A person picked while no organisation is set brings their company along."""
        if contact_id is None or self.company.company_id() is not None:
            return
        company_id = self._services.contacts.get(contact_id).data.company_id
        if company_id is not None:
            self.company.set_company_id(company_id)

    def _fill_stages(self) -> None:
        self.stage.clear()
        pipeline = self.pipeline.currentData()
        for stage in pipeline.stages if pipeline else []:
            self.stage.addItem(f"{LABELS.stage(stage)} ({stage.probability} %)", stage.id)

    # -- saving ----------------------------------------------------------------------------
    def draft(self) -> DealDraft:
        currency = self.currency.currentText().strip().upper()
        lines = []
        for row in range(self.lines.rowCount()):
            cells = [(self.lines.item(row, c).text() if self.lines.item(row, c) else "") for c in range(3)]
            if not any(cell.strip() for cell in cells):
                continue
            quantity = parse_money(cells[1] or "1", "JPY", field="lines")  # a whole or decimal count
            lines.append(
                LineItem(
                    cells[0],
                    float(quantity) if quantity else 0.0,
                    parse_money(cells[2], currency, field="lines"),
                )
            )
        probability = self.probability.value()
        return DealDraft(
            self.title.text(),
            self.pipeline.currentData().id,
            self.stage.currentData(),
            self.company.company_id(),
            self._person(),
            parse_money(self.value.text(), currency),
            currency,
            self.close_date.date().toPython() if self.close_set.isChecked() else None,
            None if probability < 0 else probability,
            self.owner.currentData(),
            self.source.text(),
            [t.strip() for t in self.tags.text().split(",") if t.strip()],
            self.next_step.text(),
            self.notes.toPlainText(),
            lines,
        )

    def _person(self) -> int | None:
        ok, contact_id = self.contact.chosen()
        if not ok:
            raise ValidationError([FieldError("contact_id", "pick_from_list")])
        return contact_id

    def save(self) -> None:
        try:
            draft = self.draft()
            if self._deal is None:
                self.saved_id = self._services.deals.create(draft)
            else:
                self._services.deals.update(self._deal.id, draft, self._deal.version)
                self.saved_id = self._deal.id
        except ValidationError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        self.accept()

    @classmethod
    def ask(cls, parent, services: Services, deal_id: int | None = None, **initial) -> int | None:
        deal = services.deals.get(deal_id) if deal_id is not None else None
        dialog = cls(services, deal, parent=parent, **initial)
        return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None


class WonDialog(QDialog):
    """Final value and close date of a won deal."""

    def __init__(self, deal: Deal, today: dt.date, parent=None) -> None:
        super().__init__(parent)
        self._currency = deal.currency
        self.setWindowTitle(translate("WonDialog", "Deal won"))
        self.setMinimumWidth(400)
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                translate("WonDialog", "“%1” is won. Confirm what was agreed:").replace("%1", deal.title),
                self,
            )
        )
        self.value = QLineEdit(amount_text(deal.value_minor, deal.currency), self)
        form.addRow(translate("WonDialog", "Final value (%1)").replace("%1", deal.currency), self.value)
        self.closed = _date_edit(self, today)
        form.addRow(translate("WonDialog", "Close date"), self.closed)
        self.error = _error_label(self)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("WonDialog", "Mark as won"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.result_value: tuple[int, dt.date] | None = None

    def _check(self) -> None:
        try:
            value = parse_money(self.value.text(), self._currency)
        except ValidationError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.result_value = (value, self.closed.date().toPython())
        self.accept()

    @classmethod
    def ask(cls, parent, deal: Deal, today: dt.date) -> tuple[int, dt.date] | None:
        dialog = cls(deal, today, parent)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


class LostDialog(QDialog):
    """Why a deal was lost: a reason from the list (required) and free text."""

    def __init__(self, deal: Deal, reasons: list[str], parent=None, edit_reasons=None) -> None:
        """``edit_reasons``: opens the list for editing and returns it afterwards (or None: no button)."""
        super().__init__(parent)
        self._edit_reasons = edit_reasons
        self.setWindowTitle(translate("LostDialog", "Deal lost"))
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        form.addRow(QLabel(translate("LostDialog", "Why was “%1” lost?").replace("%1", deal.title), self))
        self.reason = QComboBox(self)
        self._fill_reasons(reasons)
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        if edit_reasons is not None:
            edit = QPushButton(translate("LostDialog", "Edit the list…"), self)
            edit.clicked.connect(self.edit_reasons)
            row.addWidget(edit)
        form.addRow(translate("LostDialog", "Reason"), row)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(translate("LostDialog", "What happened (optional)"))
        self.note.setFixedHeight(80)
        form.addRow(translate("LostDialog", "Details"), self.note)
        self.error = _error_label(self)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("LostDialog", "Mark as lost"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.result_value: tuple[str, str] | None = None

    def _fill_reasons(self, reasons: list[str]) -> None:
        chosen = self.reason.currentData()
        self.reason.clear()
        self.reason.addItem(translate("LostDialog", "Choose a reason…"), "")
        for reason in reasons:
            self.reason.addItem(reason, reason)
        self.reason.setCurrentIndex(max(0, self.reason.findData(chosen)))

    def edit_reasons(self) -> None:
        self._fill_reasons(self._edit_reasons())

    def _check(self) -> None:
        if not self.reason.currentData():
            self.error.setText(translate("LostDialog", "Choose why the deal was lost."))
            self.error.show()
            return
        self.result_value = (self.reason.currentData(), self.note.toPlainText())
        self.accept()

    @classmethod
    def ask(cls, parent, deal: Deal, reasons: list[str], edit_reasons=None) -> tuple[str, str] | None:
        dialog = cls(deal, reasons, parent, edit_reasons)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


def won_summary(deal: Deal) -> str:
    return (
        translate("Pipeline", "Won “%1” for %2.")
        .replace("%1", deal.title)
        .replace("%2", money(deal.value_minor, deal.currency))
    )
