"""The data-protection part of a person's form: lawful basis, consent, "do not contact"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from ...core.consent import LAWFUL_BASES, NOTE_LIMIT
from .form import ErrorBoard, FieldBox, add_row, fill_combo, line_edit, select_data

translate = QCoreApplication.translate


def lawful_basis_text(key: str) -> str:
    """The name of a lawful basis (GDPR Art. 6(1)); "" is "not recorded"."""
    names = {
        "": translate("Consent", "Not recorded"),
        "consent": translate("Consent", "Consent"),
        "contract": translate("Consent", "Contract"),
        "legal_obligation": translate("Consent", "Legal obligation"),
        "vital_interests": translate("Consent", "Vital interests"),
        "public_task": translate("Consent", "Public task"),
        "legitimate_interest": translate("Consent", "Legitimate interest"),
    }
    return names.get(key, key)


def do_not_contact_text() -> str:
    return translate("Consent", "Do not contact")


class DateChoice(QWidget):
    """A date that may be unknown: a check box that enables a date box."""

    def __init__(self, today: dt.date, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.check.setToolTip(tooltip)
        self.check.setAccessibleName(tooltip)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
        self.edit.setDisplayFormat(fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy"))
        self.edit.setMinimumDate(QDate(1990, 1, 1))
        self.edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.edit.setDate(self.edit.maximumDate())
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.check)
        line.addWidget(self.edit, 1)

    def value(self) -> dt.date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None

    def set_value(self, day: dt.date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(QDate(day.year, day.month, day.day))


class ConsentFields:
    """Lawful basis, consent given and withdrawn, how it was given, and "do not contact", added to a form.

    ``errors`` (an ErrorBoard) gets the fields registered so validation errors show under them;
    ``changed`` is called on every edit.
    """

    def __init__(self, form: QFormLayout, today: dt.date, errors: ErrorBoard | None = None,
                 changed: Callable[[], None] | None = None) -> None:
        self.basis = QComboBox()
        fill_combo(self.basis, [(key, lawful_basis_text(key)) for key in LAWFUL_BASES])
        self.basis.setToolTip(translate("Consent", "Why you may hold this person's data (GDPR Art. 6)"))
        self.given = DateChoice(today, translate("Consent", "Consent given on a known date"))
        self.withdrawn = DateChoice(today, translate("Consent", "Consent withdrawn on a known date"))
        self.note: QLineEdit = line_edit(translate("Consent", "e.g. Signed form at the trade fair, web form"),
                                         NOTE_LIMIT)
        self.do_not_contact = QCheckBox(translate("Consent", "Do not contact this person"))
        self.do_not_contact.setToolTip(translate(
            "Consent", "No follow-up reminders for them, and list exports leave them out"))
        rows = (("lawful_basis", translate("Consent", "Lawful basis"), self.basis),
                ("consent_given_on", translate("Consent", "Consent given"), self.given),
                ("consent_withdrawn_on", translate("Consent", "Consent withdrawn"), self.withdrawn),
                ("consent_note", translate("Consent", "How consent was given"), self.note),
                ("do_not_contact", "", self.do_not_contact))
        for name, label, widget in rows:
            box = FieldBox(widget)
            add_row(form, label, box, widget)
            if errors is not None:
                errors.register(name, box)
        if changed is not None:
            self.basis.activated.connect(lambda *_: changed())
            for choice in (self.given, self.withdrawn):
                choice.check.toggled.connect(lambda *_: changed())
                choice.edit.dateChanged.connect(lambda *_: changed())
            self.note.textEdited.connect(lambda *_: changed())
            self.do_not_contact.toggled.connect(lambda *_: changed())

    def load(self, draft) -> None:
        select_data(self.basis, draft.lawful_basis, lawful_basis_text(draft.lawful_basis))
        self.given.set_value(draft.consent_given_on)
        self.withdrawn.set_value(draft.consent_withdrawn_on)
        self.note.setText(draft.consent_note)
        self.do_not_contact.setChecked(draft.do_not_contact)

    def values(self) -> dict:
        return {"lawful_basis": self.basis.currentData() or "", "consent_given_on": self.given.value(),
                "consent_withdrawn_on": self.withdrawn.value(), "consent_note": self.note.text(),
                "do_not_contact": self.do_not_contact.isChecked()}
