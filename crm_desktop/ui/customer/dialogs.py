"""Quick actions of a customer page: log an activity, add an order or a payment, open a case,
relate two people. Each dialog has ``ask(...)`` returning the new record's id, or None."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.activities import ActivityDraft
from ...core.cases import CASE_KINDS, CaseDraft
from ...core.customer import RELATIONSHIP_KINDS, Target
from ...core.errors import CrmError, EditConflict, FieldError, ValidationError
from ...core.orders import OrderDraft, OrderLineDraft, parse_money
from ...core.settings import CURRENCIES
from ...services import Services
from ..dialogs.conflict import ConflictChoice, ask_conflict
from ..dialogs.form import FORM_STYLE
from ..undo import record_created
from ..undo.records import activity_saved
from . import texts
from .richtext import RichTextEdit

LOGGED = ("call", "email", "meeting", "note")


def to_utc(value: QDateTime) -> dt.datetime:
    return value.toPython().astimezone(dt.UTC).replace(tzinfo=None)


def now_edit(parent: QWidget) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.currentDateTime(), parent)
    edit.setCalendarPopup(True)
    return edit


class QuickDialog(QDialog):
    """A form, an error banner and OK/Cancel; ``save()`` runs ``_save`` and shows what went wrong."""

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.target = target
        self.saved_id: int | None = None
        self.setStyleSheet(FORM_STYLE)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorBanner")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error_label)
        self.layout_.addWidget(self.buttons)

    def target_ids(self) -> dict[str, int | None]:
        return {"contact_id": self.target.id if self.target.kind == "contact" else None,
                "company_id": self.target.id if self.target.kind == "company" else None}

    def _on_buttons_accepted(self) -> None:
        self.save()

    def save(self) -> bool:
        try:
            self.saved_id = self._save()
        except CrmError as exc:
            self.error_label.setText(texts.error_text_of(exc))
            self.error_label.show()
            return False
        if self.saved_id is None:  # not saved, on the user's word: the dialog stays open
            return False
        self.accept()
        return True

    def _save(self) -> int | None:
        raise NotImplementedError

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, target: Target, **kwargs) -> int | None:
        dialog = cls(services, target, parent, **kwargs)
        dialog.exec()
        if dialog.saved_id is not None:  # in the window, Edit ▸ Undo takes it back
            dialog.keep_for_undo(parent)
        return dialog.saved_id

    def keep_for_undo(self, parent: QWidget | None) -> None:
        """Put what was saved in the window's undo history (a new record: Undo moves it to the trash)."""
        made = self.created_kind()
        if made is not None:
            record_created(parent, self.services, made[0], self.saved_id, made[1])

    def created_kind(self) -> tuple[str, str] | None:
        """The kind of record the dialog makes (as the trash knows it) and its name; None: not undoable."""
        return None


class ActivityDialog(QuickDialog):
    """Log a call, e-mail, meeting or note: subject, rich-text notes, outcome, when, how long.

    A call started from a phone number times itself until the user edits the duration.
    """

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None, *,
                 kind: str = "note", subject: str = "", timed: bool = False,
                 case_id: int | None = None, activity_id: int | None = None) -> None:
        super().__init__(services, target, parent)
        self.case_id = case_id
        self.activity_id = activity_id
        self.read_at = None  # the activity's updated_at when it was read
        self.before = None  # the activity as it was before the save (what Undo gives back)
        self.setWindowTitle(self.tr("Edit activity") if activity_id else self.tr("Log activity"))
        self.kind_combo = QComboBox(self)
        for k in LOGGED:
            self.kind_combo.addItem(texts.kind_text(k), k)
        self.kind_combo.setCurrentIndex(LOGGED.index(kind) if kind in LOGGED else 3)
        self.subject = QLineEdit(subject, self)
        self.when = now_edit(self)
        self.duration = QSpinBox(self)
        self.duration.setRange(0, 24 * 60)
        self.duration.setSuffix(self.tr(" min"))
        self.outcome = QComboBox(self)
        self.outcome.setEditable(True)
        self.outcome.addItems(["", self.tr("Connected"), self.tr("Left a voicemail"), self.tr("No answer"),
                               self.tr("Interested"), self.tr("Not interested"), self.tr("Follow up later")])
        self.body = RichTextEdit(self)
        self.pinned = QCheckBox(self.tr("Pin on top of the timeline"), self)
        self.form.addRow(self.tr("Type"), self.kind_combo)
        self.form.addRow(self.tr("Subject"), self.subject)
        self.form.addRow(self.tr("When"), self.when)
        self.form.addRow(self.tr("Duration"), self.duration)
        self.form.addRow(self.tr("Outcome"), self.outcome)
        self.form.addRow(self.tr("Notes"), self.body)
        self.form.addRow("", self.pinned)
        self.finish_layout()
        self.resize(560, 520)
        self._started = dt.datetime.now()
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self._on_timer_timeout)
        if timed:
            self._timer.start()
            self.duration.valueChanged.connect(self._on_duration_edited)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        if activity_id is not None:
            self._load(services.activities.get(activity_id))
        self._on_kind_combo_current_index_changed()

    def _load(self, activity) -> None:
        self.read_at = activity.updated_at
        self.before = activity
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(activity.kind), 0))
        self.subject.setText(activity.subject)
        self.body.editor.setHtml(activity.body)
        self.outcome.setCurrentText(activity.outcome)
        local = activity.occurred_at.replace(tzinfo=dt.UTC).astimezone()
        self.when.setDateTime(QDateTime(local))
        self.duration.setValue((activity.duration_s or 0) // 60)
        self.pinned.setChecked(activity.pinned)

    def kind(self) -> str:
        return self.kind_combo.currentData()

    def _on_kind_combo_current_index_changed(self, _index: int = 0) -> None:
        timed = self.kind() in ("call", "meeting")
        self.duration.setEnabled(timed)

    def _on_timer_timeout(self) -> None:
        minutes = int((dt.datetime.now() - self._started).total_seconds() // 60)
        with_signal_blocked(self.duration, minutes)

    def _on_duration_edited(self, _value: int) -> None:
        self._timer.stop()  # the user's own figure wins

    def _save(self) -> int | None:
        self._timer.stop()
        minutes = self.duration.value() if self.duration.isEnabled() else 0
        draft = ActivityDraft(self.kind(), subject=self.subject.text().strip(), body=self.body.html(),
                              outcome=self.outcome.currentText().strip(),
                              occurred_at=to_utc(self.when.dateTime()),
                              duration_s=minutes * 60 or None, pinned=self.pinned.isChecked(),
                              case_id=self.case_id, **self.target_ids())
        if self.activity_id is not None:
            return self._update(draft)
        return self.services.activities.log(draft)

    def _update(self, draft: ActivityDraft) -> int | None:
        """Save from the activity as read; if someone else saved it meanwhile, ask: reload or overwrite."""
        try:
            self.services.activities.update(self.activity_id, draft, self.read_at)
        except EditConflict as exc:
            choice = ask_conflict(self, exc)
            if choice is ConflictChoice.RELOAD:
                self._load(self.services.activities.get(self.activity_id))
            if choice is not ConflictChoice.OVERWRITE:
                return None
            self.before = self.services.activities.get(self.activity_id)
            self.services.activities.update(self.activity_id, draft)
        return self.activity_id

    def keep_for_undo(self, parent: QWidget | None) -> None:
        if self.activity_id is None:
            super().keep_for_undo(parent)
        else:
            activity_saved(parent, self.services, self.activity_id, self.before)

    def created_kind(self) -> tuple[str, str]:
        return "activity", self.subject.text().strip() or texts.kind_text(self.kind())


def with_signal_blocked(spin: QSpinBox, value: int) -> None:
    blocked = spin.blockSignals(True)
    spin.setValue(value)
    spin.blockSignals(blocked)


class OrderDialog(QuickDialog):
    """A new order with its lines; with a due date it is an invoice to be paid."""

    COLUMNS = 4  # product, description, quantity, unit price

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(services, target, parent)
        self.setWindowTitle(self.tr("New order"))
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("Given automatically"))
        self.ordered = now_edit(self)
        self.invoice = QCheckBox(self.tr("Invoice due on"), self)
        self.due = now_edit(self)
        self.due.setDateTime(QDateTime.currentDateTime().addDays(30))
        self.due.setEnabled(False)
        self.invoice.toggled.connect(self.due.setEnabled)
        self.currency = QComboBox(self)
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        local = self.locale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
        self.currency.setCurrentText(services.settings.currency or local or "USD")
        self.lines = QTableWidget(0, self.COLUMNS, self)
        self.lines.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Description"), self.tr("Quantity"),
                                              self.tr("Unit price")])
        self.lines.horizontalHeader().setStretchLastSection(True)
        self.lines.itemChanged.connect(self._on_lines_item_changed)
        add = QPushButton(self.tr("Add line"), self)
        add.clicked.connect(self.add_line)
        self.total_label = QLabel(self)
        self.form.addRow(self.tr("Number"), self.number)
        self.form.addRow(self.tr("Order date"), self.ordered)
        self.form.addRow(self.invoice, self.due)
        self.form.addRow(self.tr("Currency"), self.currency)
        self.form.addRow(self.tr("Lines"), self.lines)
        self.form.addRow(add, self.total_label)
        self.finish_layout()
        self.resize(640, 480)
        self.add_line()

    def add_line(self, product: str = "", description: str = "", quantity: str = "1",
                 price: str = "") -> None:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        for column, value in enumerate((product, description, quantity, price)):
            self.lines.setItem(row, column, QTableWidgetItem(value))

    def _cell(self, row: int, column: int) -> str:
        item = self.lines.item(row, column)
        return item.text().strip() if item is not None else ""

    def read_lines(self) -> list[OrderLineDraft]:
        lines: list[OrderLineDraft] = []
        for row in range(self.lines.rowCount()):
            product, description = self._cell(row, 0), self._cell(row, 1)
            quantity, price = self._cell(row, 2), self._cell(row, 3)
            if not (product or description or price):
                continue
            try:
                lines.append(OrderLineDraft(description, float(quantity.replace(",", ".") or 1),
                                            parse_money(price or "0"), product))
            except ValueError as exc:
                raise ValidationError([FieldError("lines", "negative", "", row)]) from exc
        return lines

    def _on_lines_item_changed(self, _item: QTableWidgetItem) -> None:
        try:
            total = sum(line.total_minor for line in self.read_lines())
        except ValidationError:
            self.total_label.setText("")
            return
        text = texts.money_text(total, self.currency.currentText(), self.locale())
        self.total_label.setText(self.tr("Total: %1").replace("%1", text))

    def _save(self) -> int:
        draft = OrderDraft(to_utc(self.ordered.dateTime()), self.read_lines(), self.number.text(),
                           self.currency.currentText(),
                           to_utc(self.due.dateTime()) if self.invoice.isChecked() else None,
                           **self.target_ids())
        return self.services.orders.create(draft)

    def created_kind(self) -> tuple[str, str]:
        return "order", self.services.orders.get(self.saved_id).number


class PaymentDialog(QuickDialog):
    """A payment against one order, the balance offered as the amount."""

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None, *,
                 order_id: int) -> None:
        super().__init__(services, target, parent)
        self.order = services.orders.get(order_id)
        self.setWindowTitle(self.tr("Record payment for %1").replace("%1", self.order.number))
        self.amount = QDoubleSpinBox(self)
        self.amount.setDecimals(2)
        self.amount.setRange(0, 1e12)
        self.amount.setPrefix(f"{self.order.currency} ")
        self.amount.setValue(max(self.order.balance_minor, 0) / 100)
        self.when = now_edit(self)
        self.method = QComboBox(self)
        self.method.setEditable(True)
        self.method.addItems([self.tr("Bank transfer"), self.tr("Card"), self.tr("Cash"), self.tr("Alipay"),
                              self.tr("WeChat Pay"), self.tr("Cheque")])
        self.form.addRow(self.tr("Amount"), self.amount)
        self.form.addRow(self.tr("Paid on"), self.when)
        self.form.addRow(self.tr("Method"), self.method)
        self.finish_layout()

    def _save(self) -> int:
        return self.services.orders.record_payment(self.order.id, round(self.amount.value() * 100),
                                                   to_utc(self.when.dateTime()), self.method.currentText())

    def created_kind(self) -> tuple[str, str]:
        return "payment", self.order.number


class CaseDialog(QuickDialog):
    """Open a service case: a complaint, question or feedback, with its priority."""

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(services, target, parent)
        self.setWindowTitle(self.tr("Open a service case"))
        self.kind = QComboBox(self)
        for kind in CASE_KINDS:
            self.kind.addItem(texts.case_kind_text(kind), kind)
        self.subject = QLineEdit(self)
        self.priority = QComboBox(self)
        for level in range(3):
            self.priority.addItem(texts.priority_text(level), level)
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.form.addRow(self.tr("Type"), self.kind)
        self.form.addRow(self.tr("Subject"), self.subject)
        self.form.addRow(self.tr("Priority"), self.priority)
        self.form.addRow(self.tr("Description"), self.description)
        self.finish_layout()
        self.resize(480, 340)

    def _save(self) -> int:
        return self.services.cases.open(CaseDraft(self.subject.text(), self.kind.currentData(),
                                                  self.priority.currentData(), self.description.toPlainText(),
                                                  **self.target_ids()))

    def created_kind(self) -> tuple[str, str]:
        return "case", self.subject.text().strip()


class RelationshipDialog(QuickDialog):
    """Relate this person to someone found by name: reports to, referred by, …"""

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(services, target, parent)
        self.setWindowTitle(self.tr("Add a related person"))
        self.kind = QComboBox(self)
        for kind in RELATIONSHIP_KINDS:
            self.kind.addItem(texts.relation_text(kind), kind)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Type a name to find the person"))
        self.hits = QListWidget(self)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.form.addRow(self.tr("This person"), self.kind)
        self.form.addRow(self.tr("Person"), self.search)
        self.form.addRow("", self.hits)
        self.finish_layout()

    def _on_search_text_changed(self, text: str) -> None:
        self.hits.clear()
        for hit in self.services.search.search(text, 20) if text.strip() else []:
            if hit.kind == "contact" and hit.record_id != self.target.id:
                item = QListWidgetItem(f"{hit.title}  —  {hit.subtitle}" if hit.subtitle else hit.title)
                item.setData(Qt.ItemDataRole.UserRole, hit.record_id)
                self.hits.addItem(item)
        if self.hits.count():
            self.hits.setCurrentRow(0)

    def _save(self) -> int:
        item = self.hits.currentItem()
        if item is None:
            raise ValidationError([FieldError("other_id", "required")])
        return self.services.relationships.add(self.target.id, item.data(Qt.ItemDataRole.UserRole),
                                               self.kind.currentData())

    def created_kind(self) -> tuple[str, str]:
        item = self.hits.currentItem()
        return "relationship", item.text().split("  —  ")[0] if item is not None else ""
