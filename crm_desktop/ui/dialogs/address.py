"""The postal address part of a form, the same for people and companies."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QCompleter, QFormLayout, QLineEdit

from .form import ErrorBoard, FieldBox, add_row, line_edit

ADDRESS_FIELDS = ("street", "city", "region", "postal_code", "country")

# Called with a literal context and text so that pyside6-lupdate can extract every string.
translate = QCoreApplication.translate


@functools.cache
def country_names() -> tuple[str, ...]:
    """Country names Qt knows, in English and in the country's own language, for completion."""
    names: set[str] = set()
    for territory in QLocale.Country:
        if territory in (QLocale.Country.AnyTerritory, QLocale.Country.World):
            continue
        names.add(QLocale.territoryToString(territory))
        native = QLocale(QLocale.Language.AnyLanguage, territory)
        if native.territory() == territory and native.nativeTerritoryName():
            names.add(native.nativeTerritoryName())
    return tuple(sorted(names, key=str.casefold))



class AddressFields:
    """Street, city, region, postal code and country line edits added to a form."""

    def __init__(self, form: QFormLayout, errors: ErrorBoard) -> None:
        self.edits: dict[str, QLineEdit] = {
            "street": line_edit(translate("AddressFields", "Street and number")),
            "city": line_edit(),
            "region": line_edit(),
            "postal_code": line_edit(max_length=20),
            "country": line_edit(),
        }
        labels = {
            "street": translate("AddressFields", "Street"),
            "city": translate("AddressFields", "City"),
            "region": translate("AddressFields", "State / province"),
            "postal_code": translate("AddressFields", "Postal code"),
            "country": translate("AddressFields", "Country"),
        }
        completer = QCompleter(list(country_names()), self.edits["country"])
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.edits["country"].setCompleter(completer)
        for name in ADDRESS_FIELDS:
            box = FieldBox(self.edits[name])
            add_row(form, labels[name], box, self.edits[name])
            errors.register(name, box)

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.edits.items()}

    def load(self, draft) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(draft, name) or "")
