"""The company list: filters, bulk actions and a windowed table of every company, with its model."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QAction

from ..core.phones import format_phone
from ..core.query import COMPANY_SORT_KEYS
from ..storage.companies import LIST_COLUMNS
from .list_page import PageText, RecordListPage
from .table_models import CachedRow, Column, RecordTableModel, date_text, stamp

_COMPANY = {name: i for i, name in enumerate(LIST_COLUMNS)}


class CompanyTableModel(RecordTableModel):
    """Companies, one row each, with how many live people work there."""

    COLUMNS = tuple(Column(k, k if k in COMPANY_SORT_KEYS else None, shown, w) for k, shown, w in (
        ("name", True, 200), ("industry", True, 140), ("people", True, 70), ("phone", True, 140),
        ("email", True, 180), ("website", True, 180), ("tags", True, 140), ("owner", True, 110),
        ("city", True, 110), ("country", True, 110), ("created", False, 100),
        ("employees", False, 90),
    ))
    ENTITY = "company"
    RELATED = frozenset({"contact", "tag", "user"})
    (COL_NAME, COL_INDUSTRY, COL_PEOPLE, COL_PHONE, COL_EMAIL, COL_WEBSITE, COL_TAGS, COL_OWNER,
     COL_CITY, COL_COUNTRY, COL_CREATED, COL_EMPLOYEES) = range(12)

    def _source(self):
        return self._services.companies

    def _header_texts(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Industry"), self.tr("People"), self.tr("Phone"),
                self.tr("Email"), self.tr("Website"), self.tr("Tags"), self.tr("Owner"),
                self.tr("City"), self.tr("Country"), self.tr("Created"), self.tr("Employees"))

    @classmethod
    def _build_rows(cls, source, users: dict[int, str], raws: list[tuple],
                    locale: QLocale) -> list[CachedRow]:
        ids = [raw[0] for raw in raws]
        tags = source.tags_for(ids) if ids else {}
        people = source.people_counts(ids) if ids else {}
        return [cls._build_row(raw, tuple(tags.get(raw[0], ())), people.get(raw[0], 0), users, locale)
                for raw in raws]

    @staticmethod
    def _build_row(raw: tuple, tags: tuple[str, ...], people: int, users: dict[int, str],
                   locale: QLocale) -> CachedRow:
        c = _COMPANY
        phone = raw[c["phone"]] or ""
        owner = users.get(raw[c["owner_id"]], "")
        name, industry = raw[c["name"]] or "", raw[c["industry"]] or ""
        email, website = raw[c["email"]] or "", raw[c["website"]] or ""
        city, country = raw[c["city"]] or "", raw[c["country"]] or ""
        joined, created = ", ".join(tags), stamp(raw[c["created_at"]])
        employees = raw[c["employees"]]
        display = (name, industry, locale.toString(people), format_phone(phone) if phone else "",
                   email, website, joined, owner, city, country, date_text(created, locale),
                   locale.toString(employees) if employees is not None else "")
        sort = (name, industry, people, phone, email, website, joined, owner, city, country, created,
                employees if employees is not None else -1)
        return CachedRow(raw[c["id"]], display, sort, tags)


class CompaniesPage(RecordListPage):
    """Every company, filtered by text, tag and owner.

    The window opens dialogs in answer to ``open_requested`` / ``edit_requested`` (a
    company id) and ``create_requested``, shows the people of a company on
    ``people_requested``, and shows ``status_posted`` texts in its status bar.
    """

    people_requested = Signal(int)

    MODEL = CompanyTableModel
    SERVICE = "companies"
    COLUMNS_SETTING = "company_columns"
    # Tags and owners come and go with these changes (a tag can be created by tagging).
    LOOKUP_ENTITIES = frozenset({"tag", "user", "all", "company"})

    people_action: QAction

    def _extra_row_actions(self) -> list[QAction]:
        # Made here, not in __init__: the base puts it in the toolbar and the row menu.
        self.people_action = QAction(self.tr("Show people"), self)
        self.people_action.triggered.connect(self._on_people_action_triggered)
        return [self.people_action]

    def _on_people_action_triggered(self) -> None:
        self._emit_current(self.people_requested)

    def _texts(self, n: int) -> dict[str, PageText]:
        return {
            "new": self.tr("New company"),
            "edit": self.tr("Edit…"),
            "count": (self.tr("1 company"), self.tr("%Ln companies", "", n)),
            "confirm_delete": (
                self.tr("Move the selected company to the trash? Its people stay."),
                self.tr("Move the %Ln selected companies to the trash? Their people stay.", "", n)),
            "deleted": (self.tr("1 company moved to the trash."),
                        self.tr("%Ln companies moved to the trash.", "", n)),
            "tag_added": (self.tr("Tag “%1” added to 1 company."),
                          self.tr("Tag “%1” added to %Ln companies.", "", n)),
            "tag_removed": (self.tr("Tag “%1” removed from 1 company."),
                            self.tr("Tag “%1” removed from %Ln companies.", "", n)),
            "no_tags": self.tr("The selected companies have no tags."),
        }
