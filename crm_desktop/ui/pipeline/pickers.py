"""Pickers for a deal's organisation and person that stay quick with a hundred thousand records."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ...services import Services
from ..contacts_page import CompanyFilterCombo

translate = QCoreApplication.translate
SEARCH_DELAY_MS = 150
HITS = 30


class CompanyPicker(CompanyFilterCombo):
    """Every live company by name (a list model, not one item per company), or none."""

    def __init__(
        self, services: Services, current: int | None, none_text: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.choices.set_entries([(None, none_text), *services.companies.choices()])
        self.lineEdit().setPlaceholderText(none_text)
        self.set_company_id(current)


class PersonPicker(QLineEdit):
    """A person found by typing part of a name, e-mail or phone (the global search's index).

    ``person_changed`` carries the chosen contact id, or None once the box is cleared.
    """

    person_changed = Signal(object)

    def __init__(self, services: Services, current: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._ids: dict[str, int] = {}
        self.person_id: int | None = None
        self._picked = ""
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(translate("DealDialog", "Type a name to find the person"))
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._on_completer_activated)
        self.setCompleter(completer)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(self._on_self_text_edited)
        if current is not None:
            self.set_person(current)

    def set_person(self, contact_id: int | None) -> None:
        name = ""
        if contact_id is not None:
            found = self._services.contacts.get(contact_id)
            name = found.full_name
        self.person_id = contact_id
        self._picked = name
        self.setText(name)

    def chosen(self) -> tuple[bool, int | None]:
        """(True, the person) when the box shows a person picked from the list or nothing,
        (False, None) when it holds typed text that names no one picked."""
        text = self.text().strip()
        if not text:
            return True, None
        return (True, self.person_id) if text == self._picked.strip() else (False, None)

    def search_now(self) -> None:
        """Offer the people matching what is typed."""
        text = self.text().strip()
        hits = [h for h in self._services.search.search(text, HITS) if h.kind == "contact"] if text else []
        self._ids = {}
        for hit in hits:
            label = f"{hit.title} · {hit.subtitle}" if hit.subtitle else hit.title
            while label in self._ids:  # two people of the same name and company
                label += " "
            self._ids[label] = hit.record_id
        self._names.setStringList(list(self._ids))
        if self._ids and self.hasFocus():
            self.completer().complete()

    def _on_self_text_edited(self, text: str) -> None:
        if not text.strip():
            self.person_id = None
            self.person_changed.emit(None)
        self._timer.start()

    def _on_completer_activated(self, label: str) -> None:
        contact_id = self._ids.get(label)
        if contact_id is not None:
            self.set_person(contact_id)
            self.person_changed.emit(contact_id)
