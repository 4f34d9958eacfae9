"""The Details tab: every field of the person or company, custom ones too, edited in place.

A save is validated first and changes nothing when it fails (the errors show under the
fields); each save can be undone, one after the other.
"""

from __future__ import annotations

import copy
import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.customer import Target
from ...core.errors import CrmError, EditConflict, FieldError, ValidationError
from ...core.records import Channel
from ...services import Services
from ..dialogs.conflict import ConflictChoice, ask_conflict
from ..dialogs.consent import ConsentFields
from ..dialogs.form import FORM_STYLE, section_title, set_invalid
from ..messages import error_text, field_error_text
from ..undo import history_of, record_edit
from . import texts

CONTACT_FIELDS = ("given_name", "family_name", "title", "email", "phone", "street", "city", "region",
                  "postal_code", "country", "website", "birthday", "source", "notes")
COMPANY_FIELDS = ("name", "industry", "website", "email", "phone", "street", "city", "region", "postal_code",
                  "country", "source", "notes")
_LIST_FIELDS = {"emails": "email", "phones": "phone"}


class DetailsPanel(QWidget):
    saved = Signal()

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.target = target
        self.setStyleSheet(FORM_STYLE)
        self._draft = None
        self.read_at = None  # the record's updated_at when the form was filled
        self._undo: list = []
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.custom: dict[int, QLineEdit] = {}
        self._build()

    def _service(self):
        return self.services.contacts if self.target.kind == "contact" else self.services.companies

    def _build(self) -> None:
        form_host = QWidget(self)
        form = self._form = QFormLayout(form_host)
        names = CONTACT_FIELDS if self.target.kind == "contact" else COMPANY_FIELDS
        for name in names:
            editor = QPlainTextEdit(form_host) if name == "notes" else QLineEdit(form_host)
            if isinstance(editor, QPlainTextEdit):
                editor.setTabChangesFocus(True)
                editor.setMaximumHeight(90)
                editor.textChanged.connect(self._on_editor_changed)
            else:
                editor.textEdited.connect(self._on_editor_changed)
            self.editors[name] = editor
            form.addRow(texts.field_text(name), editor)
            self._add_error_row(name, form_host)
        self.owner = QComboBox(form_host)
        self.owner.addItem("—", None)
        for user in self.services.lookups.users():
            self.owner.addItem(user.name, user.id)
        self.owner.activated.connect(self._on_editor_changed)
        form.addRow(texts.field_text("owner_id"), self.owner)
        for field_id, _key, label, _kind in self.services.lookups.custom_fields(self.target.kind):
            editor = QLineEdit(form_host)
            editor.textEdited.connect(self._on_editor_changed)
            self.custom[field_id] = editor
            form.addRow(label, editor)
        self.consent = None
        if self.target.kind == "contact":
            form.addRow(section_title(self.tr("Data protection")))
            self.consent = ConsentFields(form, self.services.ctx.clock.today(),
                                         changed=self._on_editor_changed)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.save_button = QPushButton(self.tr("Save changes"), self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Discard edits"), self)
        self.revert_button.clicked.connect(self.load)
        self.undo_button = QPushButton(self.tr("Undo last save"), self)
        self.undo_button.clicked.connect(self.undo)
        self.banner = QLabel(self)
        self.banner.setObjectName("errorBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        buttons = QHBoxLayout()
        for button in (self.save_button, self.revert_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        self._set_dirty(False)

    def _add_error_row(self, name: str, host: QWidget) -> None:
        """A hidden row under the field for what is wrong with it (no box widget per field)."""
        label = QLabel(host)
        label.setObjectName("fieldError")
        self._form.addRow("", label)
        self._form.setRowVisible(label, False)
        self.errors[name] = label

    # -- reading and writing -------------------------------------------------------------
    def load(self) -> None:
        record = self._service().get(self.target.id)
        self._draft = record.data
        self.read_at = record.stamp.updated_at
        d = self._draft
        for name, editor in self.editors.items():
            value = self._value_of(d, name)
            if isinstance(editor, QPlainTextEdit):
                editor.blockSignals(True)
                editor.setPlainText(value)
                editor.blockSignals(False)
            else:
                editor.setText(value)
        self.owner.setCurrentIndex(max(self.owner.findData(d.owner_id), 0))
        for field_id, editor in self.custom.items():
            editor.setText(d.custom.get(field_id, ""))
        if self.consent is not None:
            self.consent.load(d)
        self._clear_errors()
        self._set_dirty(False)

    def _value_of(self, d, name: str) -> str:
        if self.target.kind == "contact" and name in ("email", "phone"):
            channels = d.emails if name == "email" else d.phones
            return channels[0].value if channels else ""
        value = getattr(d, name)
        return "" if value is None else str(value)

    def draft_from_form(self):
        d = copy.deepcopy(self._draft)
        for name, editor in self.editors.items():
            text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            if self.target.kind == "contact" and name in ("email", "phone"):
                channels = d.emails if name == "email" else d.phones
                if channels:
                    channels[0].value = text
                elif text.strip():
                    channels.append(Channel(text, "work" if name == "email" else "mobile"))
            elif name == "birthday":
                d.birthday = _date(text)
            else:
                setattr(d, name, text)
        d.owner_id = self.owner.currentData()
        for field_id, editor in self.custom.items():
            d.custom[field_id] = editor.text()
        if self.consent is not None:
            for name, value in self.consent.values().items():
                setattr(d, name, value)
        return d

    def save(self) -> bool:
        previous = copy.deepcopy(self._draft)
        try:
            draft = self.draft_from_form()
        except ValidationError as exc:
            self._clear_errors()
            self._show_errors(exc)
            return False
        in_window = history_of(self) is not None
        if in_window:  # the record as stored, which may be newer than the form's copy
            previous = self.services.edits.snapshot(self.target.kind, self.target.id)
        if not self._write(draft):
            return False
        if in_window and record_edit(self, self.services, self.target.kind, self.target.id, previous):
            return True  # the window's Edit ▸ Undo takes it back
        self._undo.append(previous)
        self.undo_button.setEnabled(True)
        return True

    def undo(self) -> None:
        if self._undo and self._write(self._undo[-1]):
            self._undo.pop()
        self.undo_button.setEnabled(bool(self._undo))

    def _write(self, draft) -> bool:
        self._clear_errors()
        try:
            if not self._update(draft):
                return False
        except ValidationError as exc:
            self._show_errors(exc)
            return False
        except CrmError as exc:
            self.banner.setText(error_text(exc))
            self.banner.show()
            return False
        self.load()
        self.saved.emit()
        return True

    def _update(self, draft) -> bool:
        """Save from ``read_at``; when someone else saved meanwhile, reload or overwrite as asked."""
        try:
            self._service().update(self.target.id, draft, self.read_at)
            return True
        except EditConflict as exc:
            choice = ask_conflict(self, exc)
        if choice is ConflictChoice.OVERWRITE:
            self._service().update(self.target.id, draft)
            return True
        if choice is ConflictChoice.RELOAD:
            self.load()
        return False

    # -- state ---------------------------------------------------------------------------
    def _show_errors(self, exc: ValidationError) -> None:
        for error in exc.errors:
            name = _LIST_FIELDS.get(error.field, error.field)
            label = self.errors.get(name)
            if label is None:
                self.banner.setText(error_text(ValidationError([error])))
                self.banner.show()
                continue
            label.setText(texts.date_error_text() if (error.field, error.code) == ("birthday", "invalid")
                          else field_error_text(error))
            self._form.setRowVisible(label, True)
            set_invalid(self.editors[name], True)

    def _clear_errors(self) -> None:
        self.banner.hide()
        for name, label in self.errors.items():
            self._form.setRowVisible(label, False)
            set_invalid(self.editors[name], False)

    def _on_editor_changed(self, *_args) -> None:
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.undo_button.setEnabled(bool(self._undo))
        self.undo_button.setVisible(history_of(self) is None)  # in the window: Edit ▸ Undo

    def is_dirty(self) -> bool:
        return self.save_button.isEnabled()


def _date(text: str) -> dt.date | None:
    """A typed date (YYYY-MM-DD), None when empty; a ValidationError names the field otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError([FieldError("birthday", "invalid", text)]) from exc
