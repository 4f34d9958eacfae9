"""Windowed table models for the contact and company lists.

The models hold one COUNT(*) and a small LRU of row pages; rows are read from the
services on demand, so memory and start-up time stay flat however many records
there are. Sorting and filtering happen in SQL through a ListQuery, never in a proxy.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from ..core.errors import CrmError
from ..core.phones import format_phone
from ..core.query import COMPANY_SORT_KEYS, CONTACT_SORT_KEYS, ListQuery
from ..services import Change, Services
from ..storage import companies as company_rows
from ..storage import contacts as contact_rows
from .bridge import ChangeBridge

log = logging.getLogger(__name__)

PAGE_SIZE = 200
MAX_PAGES = 16
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_DATA_ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ID_ROLE, SORT_ROLE]
_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    """One list column: its settings key, the ListQuery sort key (None = not sortable), layout hints."""

    key: str
    sort_key: str | None
    shown_by_default: bool = True
    width: int = 120


@dataclass(frozen=True)
class CachedRow:
    id: int
    display: tuple[str, ...]
    sort: tuple
    tags: tuple[str, ...]


def _column(key: str, sort_keys: Sequence[str], shown: bool = True, width: int = 120) -> Column:
    return Column(key, key if key in sort_keys else None, shown, width)


def stamp(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def date_text(utc: dt.datetime | None, locale: QLocale) -> str:
    """The user's calendar date of a stored naive-UTC timestamp, in the locale's short format."""
    if utc is None:
        return ""
    day = utc.replace(tzinfo=dt.UTC).astimezone().date()
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


class RecordTableModel(QAbstractTableModel):
    """Shared machinery: the count, the page cache, sorting, and refresh on changes."""

    COLUMNS: tuple[Column, ...] = ()
    ENTITY = ""
    # Entities whose changes alter what rows show but never how many there are.
    RELATED: frozenset[str] = frozenset()

    count_changed = Signal(int)

    def __init__(self, services: Services, bridge: ChangeBridge | None = None,
                 parent: QObject | None = None, *, max_pages: int = MAX_PAGES) -> None:
        super().__init__(parent)
        self._services = services
        self._max_pages = max_pages
        self._query = ListQuery()
        self._pages: OrderedDict[int, list[CachedRow]] = OrderedDict()
        self._users = self._load_users()
        self._count = self._source().count(self._query)
        self._headers = self._header_texts()
        self._tags_column = self.column_of("tags")
        if bridge is not None:
            bridge.changed.connect(self._on_bridge_changed)

    # -- what subclasses provide ---------------------------------------------------------
    def _source(self):
        raise NotImplementedError

    def _header_texts(self) -> tuple[str, ...]:
        raise NotImplementedError

    def _build_rows(self, raws: list[tuple], locale: QLocale) -> list[CachedRow]:
        raise NotImplementedError

    # -- public API ----------------------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        """Show the rows of ``query``; one COUNT(*) now, rows as they are painted."""
        if query == self._query:
            return
        count = self._source().count(query)
        self.beginResetModel()
        self._query = query
        self._pages.clear()
        self._count = count
        self.endResetModel()
        self.count_changed.emit(count)

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self.COLUMNS) if c.key == key), -1)

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self.COLUMNS) and self.COLUMNS[column].sort_key is not None

    def sort_column(self) -> int:
        """The column showing the current sort key, or -1 when no column shows it."""
        return next((i for i, c in enumerate(self.COLUMNS) if c.sort_key == self._query.sort), -1)

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._query.descending else Qt.SortOrder.AscendingOrder

    def record_id(self, row: int) -> int | None:
        cached = self._row(row)
        return cached.id if cached is not None else None

    def ids_in_rows(self, spans: Iterable[tuple[int, int]]) -> list[int]:
        """Record ids of the rows in the inclusive (first, last) spans, in row order.

        Pages already cached are used as they are; the rest are read in large
        batches that bypass the cache, so a big selection does not evict what is
        on screen.
        """
        ids: list[int] = []
        for first, last in spans:
            row = max(first, 0)
            last = min(last, self._count - 1)
            while row <= last:
                page = self._pages.get(row // PAGE_SIZE)
                if page is not None:
                    end = min(last, (row // PAGE_SIZE + 1) * PAGE_SIZE - 1)
                    ids += [r.id for r in page[row % PAGE_SIZE:end % PAGE_SIZE + 1]]
                else:
                    end = min(last, row + 10 * PAGE_SIZE - 1)
                    ids += [raw[0] for raw in self._source().page(self._query, row, end - row + 1)]
                row = end + 1
        return ids

    def refresh(self, recount: bool = True) -> None:
        """Forget cached rows; reset the view only if the number of rows changed."""
        count = self._source().count(self._query) if recount else self._count
        if count != self._count:
            self.beginResetModel()
            self._pages.clear()
            self._count = count
            self.endResetModel()
            self.count_changed.emit(count)
            return
        self._pages.clear()
        if count:
            last = self.index(count - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, _DATA_ROLES)

    # -- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[section].key == "people":
            return _NUMBER_ALIGN
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display[column]
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return row.sort[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self._tags_column:
            return "\n".join(row.tags) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[column].key == "people":
            return _NUMBER_ALIGN
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by the column's sort key in SQL; columns without one ignore the request."""
        if not self.is_sortable(column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(self._query.with_(sort=self.COLUMNS[column].sort_key, descending=descending))

    # -- the page cache ------------------------------------------------------------------
    def _row(self, row: int) -> CachedRow | None:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _page(self, number: int) -> list[CachedRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._load_page(number)
        self._pages[number] = page
        if len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)
        return page

    def _load_page(self, number: int) -> list[CachedRow]:
        try:
            raws = self._source().page(self._query, number * PAGE_SIZE, PAGE_SIZE)
            return self._build_rows(raws, QLocale())
        except CrmError as exc:
            # Painting cannot show a dialog; an empty page is kept until the next
            # refresh so a locked database is not hammered on every repaint.
            log.warning("could not read list rows at page %d: %s", number, exc)
            return []

    def _load_users(self) -> dict[int, str]:
        return {u.id: u.name for u in self._services.lookups.users()}

    def _owner(self, owner_id: int | None) -> str:
        return self._users.get(owner_id, "") if owner_id is not None else ""

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in ("user", "all"):
            self._users = self._load_users()
        if change.entity in (self.ENTITY, "all"):
            self.refresh(recount=True)
        elif change.entity in self.RELATED:
            self.refresh(recount=False)


_CONTACT = {name: i for i, name in enumerate(contact_rows.LIST_COLUMNS)}
_COMPANY = {name: i for i, name in enumerate(company_rows.LIST_COLUMNS)}


class ContactTableModel(RecordTableModel):
    """People, one row each: Name, Company, Title, Email, Phone, Tags, Owner, City, Country, ..."""

    COLUMNS = tuple(_column(key, CONTACT_SORT_KEYS, shown, width) for key, shown, width in (
        ("name", True, 180), ("company", True, 170), ("title", True, 140), ("email", True, 200),
        ("phone", True, 140), ("tags", True, 140), ("owner", True, 110), ("city", True, 110),
        ("country", False, 110), ("source", False, 120), ("created", False, 100),
        ("updated", False, 100),
    ))
    ENTITY = "contact"
    RELATED = frozenset({"company", "tag", "user"})
    (COL_NAME, COL_COMPANY, COL_TITLE, COL_EMAIL, COL_PHONE, COL_TAGS, COL_OWNER, COL_CITY,
     COL_COUNTRY, COL_SOURCE, COL_CREATED, COL_UPDATED) = range(12)

    def _source(self):
        return self._services.contacts

    def _header_texts(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Company"), self.tr("Title"), self.tr("Email"),
                self.tr("Phone"), self.tr("Tags"), self.tr("Owner"), self.tr("City"),
                self.tr("Country"), self.tr("Source"), self.tr("Created"), self.tr("Updated"))

    def _build_rows(self, raws: list[tuple], locale: QLocale) -> list[CachedRow]:
        tags = self._source().tags_for([raw[0] for raw in raws]) if raws else {}
        return [self._build_row(raw, tuple(tags.get(raw[0], ())), locale) for raw in raws]

    def _build_row(self, raw: tuple, tags: tuple[str, ...], locale: QLocale) -> CachedRow:
        c = _CONTACT
        phone = raw[c["phone"]] or ""
        owner = self._owner(raw[c["owner_id"]])
        created, updated = stamp(raw[c["created_at"]]), stamp(raw[c["updated_at"]])
        texts = [raw[c[k]] or "" for k in ("full_name", "company_name", "title", "email")]
        places = [raw[c[k]] or "" for k in ("city", "country", "source")]
        display = (*texts, format_phone(phone) if phone else "", ", ".join(tags), owner, *places,
                   date_text(created, locale), date_text(updated, locale))
        sort = (*texts, phone, ", ".join(tags), owner, *places, created, updated)
        return CachedRow(raw[c["id"]], display, sort, tags)


class CompanyTableModel(RecordTableModel):
    """Companies, one row each, with how many live people work there."""

    COLUMNS = tuple(_column(key, COMPANY_SORT_KEYS, shown, width) for key, shown, width in (
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

    def _build_rows(self, raws: list[tuple], locale: QLocale) -> list[CachedRow]:
        ids = [raw[0] for raw in raws]
        tags = self._source().tags_for(ids) if ids else {}
        people = self._source().people_counts(ids) if ids else {}
        return [self._build_row(raw, tuple(tags.get(raw[0], ())), people.get(raw[0], 0), locale)
                for raw in raws]

    def _build_row(self, raw: tuple, tags: tuple[str, ...], people: int, locale: QLocale) -> CachedRow:
        c = _COMPANY
        phone = raw[c["phone"]] or ""
        owner = self._owner(raw[c["owner_id"]])
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
