"""The people list: filters, bulk actions and a windowed table of every contact, with its model."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ..core.phones import format_phone
from ..core.query import CONTACT_SORT_KEYS, ListQuery
from ..services import Services
from ..storage.contacts import LIST_COLUMNS
from .bridge import ChangeBridge
from .list_page import PageText, RecordListPage
from .table_models import ID_ROLE, CachedRow, Column, RecordTableModel, date_text, stamp

_CONTACT = {name: i for i, name in enumerate(LIST_COLUMNS)}
_SORTABLE = (*CONTACT_SORT_KEYS, "score")  # the lead score: in the order of its own index


class ContactTableModel(RecordTableModel):
    """People, one row each: Name, Company, Title, Email, Phone, Tags, Owner, City, Country, ..."""

    COLUMNS = tuple(Column(k, k if k in _SORTABLE else None, shown, w) for k, shown, w in (
        ("name", True, 180), ("company", True, 170), ("title", True, 140), ("email", True, 200),
        ("phone", True, 140), ("tags", True, 140), ("owner", True, 110), ("score", True, 60),
        ("city", True, 110), ("country", False, 110), ("source", False, 120), ("created", False, 100),
        ("updated", False, 100),
    ))
    ENTITY = "contact"
    RELATED = frozenset({"company", "tag", "user", "score"})
    (COL_NAME, COL_COMPANY, COL_TITLE, COL_EMAIL, COL_PHONE, COL_TAGS, COL_OWNER, COL_SCORE, COL_CITY,
     COL_COUNTRY, COL_SOURCE, COL_CREATED, COL_UPDATED) = range(13)

    def _source(self):
        return self._services.contacts

    def _header_texts(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Company"), self.tr("Title"), self.tr("Email"),
                self.tr("Phone"), self.tr("Tags"), self.tr("Owner"), self.tr("Score"), self.tr("City"),
                self.tr("Country"), self.tr("Source"), self.tr("Created"), self.tr("Updated"))

    @classmethod
    def _build_rows(cls, source, users: dict[int, str], raws: list[tuple],
                    locale: QLocale) -> list[CachedRow]:
        tags = source.tags_for([raw[0] for raw in raws]) if raws else {}
        return [cls._build_row(raw, tuple(tags.get(raw[0], ())), users, locale) for raw in raws]

    @staticmethod
    def _build_row(raw: tuple, tags: tuple[str, ...], users: dict[int, str], locale: QLocale) -> CachedRow:
        c = _CONTACT
        phone = raw[c["phone"]] or ""
        owner = users.get(raw[c["owner_id"]], "")
        created, updated = stamp(raw[c["created_at"]]), stamp(raw[c["updated_at"]])
        texts = [raw[c[k]] or "" for k in ("full_name", "company_name", "title", "email")]
        places = [raw[c[k]] or "" for k in ("city", "country", "source")]
        score = raw[c["score"]]
        display = (*texts, format_phone(phone) if phone else "", ", ".join(tags), owner,
                   "" if score is None else locale.toString(score), *places,
                   date_text(created, locale), date_text(updated, locale))
        sort = (*texts, phone, ", ".join(tags), owner, score, *places, created, updated)
        return CachedRow(raw[c["id"]], display, sort, tags)


class ChoiceListModel(QAbstractListModel):
    """(id, name) pairs for a picker; cheap even with a hundred thousand entries.

    An entry with the id None stands for "everything" (e.g. "All companies").
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[int | None, str]] = []

    def set_entries(self, entries: Sequence[tuple[int | None, str]]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def row_of(self, entry_id: int | None) -> int:
        return next((i for i, (eid, _) in enumerate(self._entries) if eid == entry_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry_id, name = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.EditRole:
            # An editable combo shows the edit text: "everything" leaves the box empty for typing.
            return name if entry_id is not None else ""
        if role == ID_ROLE:
            return entry_id
        return None


class CompanyFilterCombo(QComboBox):
    """Pick one company by typing part of its name, or "All companies"."""

    company_changed = Signal(object)  # a company id, or None for all

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(16)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choices = ChoiceListModel(self)
        self.setModel(self.choices)
        self.view().setUniformItemSizes(True)  # type: ignore[attr-defined]
        completer = QCompleter(self.choices, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(self.tr("All companies"))
        self.set_choices([])
        self.currentIndexChanged.connect(self._on_self_current_index_changed)
        self.lineEdit().editingFinished.connect(self._on_line_edit_editing_finished)

    def company_id(self) -> int | None:
        return self.currentData(ID_ROLE)

    def set_company_id(self, company_id: int | None) -> bool:
        """Choose a company; False (and no change) if it is not offered."""
        row = self.choices.row_of(company_id)
        if row >= 0:
            self.setCurrentIndex(row)
        return row >= 0

    def set_choices(self, choices: Sequence[tuple[int, str]]) -> None:
        """Replace the companies offered, keeping the current one if it still exists."""
        current = self.company_id()
        with QSignalBlocker(self):
            self.choices.set_entries([(None, self.tr("All companies")), *choices])
            self.setCurrentIndex(max(self.choices.row_of(current), 0))
        if self.company_id() != current:
            self.company_changed.emit(self.company_id())

    def _on_self_current_index_changed(self, _row: int) -> None:
        self.company_changed.emit(self.company_id())

    def _on_line_edit_editing_finished(self) -> None:
        text = self.currentText().strip()
        row = 0 if not text else self.findText(text, Qt.MatchFlag.MatchFixedString)
        if row < 0:
            # Not a company name: show the chosen company again rather than a stray text.
            self.setEditText(self.itemText(self.currentIndex()))
            return
        self.setCurrentIndex(row)


class ContactsPage(RecordListPage):
    """Everyone in the CRM, filtered by text, tag, owner and company.

    The window opens dialogs in answer to ``open_requested`` / ``edit_requested`` (a contact
    id) and ``create_requested``, and shows ``status_posted`` texts in its status bar.
    """

    MODEL = ContactTableModel
    SERVICE = "contacts"
    COLUMNS_SETTING = "contact_columns"
    # Tags and owners come and go with these changes; a new person can bring a new company.
    LOOKUP_ENTITIES = frozenset({"tag", "user", "all", "contact", "company"})

    company_combo: CompanyFilterCombo

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(services, bridge, parent)
        self.filter_bar.lookups_reloaded.connect(self._on_filter_bar_lookups_reloaded)
        self.company_combo.company_changed.connect(self._apply_filters)
        self._on_filter_bar_lookups_reloaded()

    # -- public API ----------------------------------------------------------------------
    def set_company_filter(self, company_id: int | None) -> None:
        """Show only the people of one company (None: of every company)."""
        if not self.company_combo.set_company_id(company_id):
            self._on_filter_bar_lookups_reloaded()  # a company added a moment ago
            self.company_combo.set_company_id(company_id)
        self._apply_filters()

    # -- page hooks ----------------------------------------------------------------------
    def _extra_filters(self) -> list[QWidget]:
        # Made here, not in __init__: the base builds the filter bar around it.
        self.company_combo = CompanyFilterCombo(self)
        return [self.company_combo]

    def _query(self) -> ListQuery:
        return super()._query().with_(company_id=self.company_combo.company_id())

    def _on_filter_bar_lookups_reloaded(self) -> None:
        self.company_combo.set_choices(self._services.companies.choices())

    def _texts(self, n: int) -> dict[str, PageText]:
        return {
            "new": self.tr("New person"),
            "edit": self.tr("Edit…"),
            "count": (self.tr("1 person"), self.tr("%Ln people", "", n)),
            "confirm_delete": (self.tr("Move the selected person to the trash?"),
                               self.tr("Move the %Ln selected people to the trash?", "", n)),
            "deleted": (self.tr("1 person moved to the trash."),
                        self.tr("%Ln people moved to the trash.", "", n)),
            "tag_added": (self.tr("Tag “%1” added to 1 person."),
                          self.tr("Tag “%1” added to %Ln people.", "", n)),
            "tag_removed": (self.tr("Tag “%1” removed from 1 person."),
                            self.tr("Tag “%1” removed from %Ln people.", "", n)),
            "no_tags": self.tr("The selected people have no tags."),
        }
