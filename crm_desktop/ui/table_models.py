"""The windowed table model every record list shares; each page module holds its own subclass.

It keeps one COUNT(*) and a small LRU of row pages read from the services on demand, so
memory and start-up time stay flat however many records there are. Sorting and filtering
happen in SQL through a ListQuery, never in a proxy.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QLocale, QModelIndex, QObject, Qt, Signal

from ..core.errors import CrmError
from ..core.query import ListQuery
from ..services import Change, Services
from .bridge import ChangeBridge
from .paging import PageCache

log = logging.getLogger(__name__)

PAGE_SIZE = 200
MAX_PAGES = 16
LOAD_THREADS = 2  # the newest query is read while a superseded one may still be running
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
# Plain ints: data() runs seven times per painted cell, and enum attribute lookups add up.
_DISPLAY, _TOOLTIP, _ALIGN = (int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                               Qt.ItemDataRole.TextAlignmentRole))
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _ALIGN, ID_ROLE, SORT_ROLE})
_DATA_ROLES = [_DISPLAY, _TOOLTIP, ID_ROLE, SORT_ROLE]
_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_NUMBER_KEYS = frozenset({"people", "score"})  # columns of numbers: right-aligned


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


def stamp(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def date_text(utc: dt.datetime | None, locale: QLocale) -> str:
    """The user's calendar date of a stored naive-UTC timestamp, in the locale's short format."""
    if utc is None:
        return ""
    return locale.toString(utc.replace(tzinfo=dt.UTC).astimezone().date(), QLocale.FormatType.ShortFormat)


def read_rows(source, query: ListQuery, count: int, offset: int, limit: int) -> list[tuple]:
    """Rows [offset, offset + limit) of the ``count`` rows of ``query``, read from the nearer end.

    SQLite steps over every row before an OFFSET (a million for the last page), so the second
    half is read in the opposite direction from the end and turned round: the same rows, as
    every sort ends with the id in the sort's own direction (ContactStore/CompanyStore.page).
    """
    limit = min(limit, count - offset)
    if limit <= 0:
        return []
    from_end = count - offset - limit
    if from_end >= offset:
        return source.page(query, offset, limit)
    rows = source.page(query.with_(descending=not query.descending), from_end, limit)
    rows.reverse()
    return rows


class _Jobs(QObject):
    """Reads for new queries on worker threads, numbered: any but the newest is stale.
    ``finished`` brings a job's number and result (or exception) to the UI thread.

    Python threads keep their thread state between jobs, so each keeps its SQLite connection
    and page cache (the services give every thread its own); a QThreadPool thread starts
    afresh for each job, which made a read at a million rows about twice as slow."""

    finished = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()  # no Qt parent: it must outlive the model until its jobs are done
        self.newest = 0
        self._executor: ThreadPoolExecutor | None = None
        self._queued: list[Future] = []

    def start(self, read: Callable[[Callable[[], bool]], object]) -> None:
        self.drop()
        if self._executor is None:
            self._executor = ThreadPoolExecutor(LOAD_THREADS, thread_name_prefix="list-reader")
        self._queued = [self._executor.submit(self._run, read, self.newest)]

    def drop(self) -> None:
        """Make every job stale; the ones not started yet never start."""
        self.newest += 1
        for future in self._queued:
            future.cancel()

    def stop(self) -> None:
        """Drop every job and wait for the running ones; the threads (and connections) end."""
        self.drop()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _run(self, read: Callable[[Callable[[], bool]], object], generation: int) -> None:
        try:
            result = read(lambda: generation == self.newest)
        except Exception as exc:  # the UI thread shows a CrmError and re-raises anything else
            result = exc
        self.finished.emit(generation, result)


class RecordTableModel(QAbstractTableModel):
    """Shared machinery: the count, the page cache, sorting, and refresh on changes.

    ``set_query`` and ``sort`` return at once: the new query is counted and its first page
    read on a worker thread while the rows on screen stay; one reset then shows them.
    ``loading_changed`` tells when such a read starts and ends, ``load_failed`` its CrmError.
    """

    COLUMNS: tuple[Column, ...] = ()
    ENTITY = ""
    # Entities whose changes alter what rows show but never how many there are.
    RELATED: frozenset[str] = frozenset()

    count_changed = Signal(int)
    loading_changed = Signal(bool)
    load_failed = Signal(object)  # a CrmError

    def __init__(self, services: Services, bridge: ChangeBridge | None = None,
                 parent: QObject | None = None, *, max_pages: int = MAX_PAGES) -> None:
        super().__init__(parent)
        self._services = services
        self._query = self._requested = ListQuery()
        self._pages: PageCache[CachedRow] = PageCache(self._load_rows, PAGE_SIZE, max_pages)
        self._users = self._load_users()
        self._count = self._source().count(self._query)
        self._headers = self._header_texts()
        self._tags_column = self.column_of("tags")
        self._set_up_loading()
        if bridge is not None:
            bridge.changed.connect(self._on_bridge_changed)

    def _set_up_loading(self) -> None:
        self._jobs = _Jobs()
        self._jobs.finished.connect(self._on_jobs_finished)
        self.destroyed.connect(partial(_Jobs.stop, self._jobs))  # holds it: no job outlives the model
        app = QCoreApplication.instance()
        if app is not None:
            # The services are closed once the event loop ends; no job may be reading then.
            app.aboutToQuit.connect(self.shutdown)

    # -- what subclasses provide ---------------------------------------------------------
    def _source(self):
        raise NotImplementedError

    def _header_texts(self) -> tuple[str, ...]:
        raise NotImplementedError

    @classmethod
    def _build_rows(cls, source, users: dict[int, str], raws: list[tuple],
                    locale: QLocale) -> list[CachedRow]:
        """Display rows from page rows; runs on worker threads too, so it touches no model state."""
        raise NotImplementedError

    # -- public API ----------------------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        """The query whose rows are shown."""
        return self._query

    @property
    def requested_query(self) -> ListQuery:
        """The query asked for last: the one shown, or one still being read."""
        return self._requested

    def is_loading(self) -> bool:
        return self._requested != self._query

    def set_query(self, query: ListQuery) -> None:
        """Show the rows of ``query`` once read off the UI thread; a newer query supersedes it."""
        if query == self._requested:
            return
        was_loading = self.is_loading()
        self._requested = query
        self._load_requested()
        if self.is_loading() != was_loading:
            self.loading_changed.emit(self.is_loading())

    def shutdown(self) -> None:
        """Drop queued reads and wait for running ones; call it before the services close."""
        self._jobs.stop()
        if self.is_loading():
            self._requested = self._query
            self.loading_changed.emit(False)

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self.COLUMNS) if c.key == key), -1)

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self.COLUMNS) and self.COLUMNS[column].sort_key is not None

    def sort_column(self) -> int:
        """The column showing the requested sort key, or -1 when no column shows it."""
        return next((i for i, c in enumerate(self.COLUMNS) if c.sort_key == self._requested.sort), -1)

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._requested.descending else Qt.SortOrder.AscendingOrder

    def record_id(self, row: int) -> int | None:
        cached = self._row(row)
        return cached.id if cached is not None else None

    def ids_in_rows(self, spans: Iterable[tuple[int, int]]) -> list[int]:
        """Record ids of the rows in the inclusive (first, last) spans, in row order. Rows not
        cached are read in large batches that bypass the cache: nothing on screen is evicted."""
        ids: list[int] = []
        for first, last in spans:
            row = max(first, 0)
            last = min(last, self._count - 1)
            while row <= last:
                page = self._pages.cached(row // PAGE_SIZE)
                if page is not None:
                    end = min(last, (row // PAGE_SIZE + 1) * PAGE_SIZE - 1)
                    ids += [r.id for r in page[row % PAGE_SIZE:end % PAGE_SIZE + 1]]
                else:
                    end = min(last, row + 10 * PAGE_SIZE - 1)
                    raws = read_rows(self._source(), self._query, self._count, row, end - row + 1)
                    ids += [raw[0] for raw in raws]
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

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _ALIGN and self.COLUMNS[section].key in _NUMBER_KEYS:
            return _NUMBER_ALIGN
        return None

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        if role not in _ANSWERED or not index.isValid():  # fonts, colours, icons: the style's own
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return row.display[column]
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return row.sort[column]
        if role == _TOOLTIP and column == self._tags_column:
            return "\n".join(row.tags) or None
        if role == _ALIGN and self.COLUMNS[column].key in _NUMBER_KEYS:
            return _NUMBER_ALIGN
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by the column's sort key in SQL, off the UI thread; other columns ignore it."""
        if not self.is_sortable(column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(self._requested.with_(sort=self.COLUMNS[column].sort_key, descending=descending))

    # -- reading a new query off the UI thread -------------------------------------------
    def _load_requested(self) -> None:
        if self._requested == self._query:
            self._jobs.drop()  # back to what is shown (a letter typed and erased): nothing to read
            return
        # Only plain values go to the job, never the model, which may be gone when it ends.
        self._jobs.start(partial(self._read_query, self._source(), self._users, self._requested))

    @classmethod
    def _read_query(cls, source, users: dict[int, str], query: ListQuery, still_wanted: Callable[[], bool]
                    ) -> tuple[ListQuery, int, list[CachedRow]] | None:
        """On a worker thread: ``query``, its row count and first page; None once superseded."""
        count = source.count(query)
        if not still_wanted():
            return None  # the first page is the slow part of a broad search
        raws = read_rows(source, query, count, 0, PAGE_SIZE)
        return query, count, cls._build_rows(source, users, raws, QLocale())

    def _on_jobs_finished(self, generation: int, result: object) -> None:
        if isinstance(result, Exception) and not isinstance(result, CrmError):
            raise result  # a bug: it reaches the crash handler like one on this thread
        if generation != self._jobs.newest or result is None:
            return
        if isinstance(result, CrmError):
            self._requested = self._query
            self.loading_changed.emit(False)
            self.load_failed.emit(result)
        else:
            self._show(*result)

    def _show(self, query: ListQuery, count: int, first_page: list[CachedRow]) -> None:
        self.beginResetModel()
        self._query, self._count = query, count
        self._pages.clear()
        self._pages.put(0, first_page)
        self.endResetModel()
        self.loading_changed.emit(False)
        self.count_changed.emit(count)

    # -- the page cache ------------------------------------------------------------------
    def _row(self, row: int) -> CachedRow | None:
        if not 0 <= row < self._count:
            return None
        return self._pages.row(row)

    def _load_rows(self, offset: int, limit: int) -> list[CachedRow]:
        source = self._source()
        try:
            raws = read_rows(source, self._query, self._count, offset, limit)
            return self._build_rows(source, self._users, raws, QLocale())
        except CrmError as exc:
            # Painting cannot show a dialog; an empty page is kept until the next
            # refresh so a locked database is not hammered on every repaint.
            log.warning("could not read list rows at %d: %s", offset, exc)
            return []

    def _load_users(self) -> dict[int, str]:
        return {u.id: u.name for u in self._services.lookups.users()}

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in ("user", "all"):
            self._users = self._load_users()
        if change.entity in (self.ENTITY, "all"):
            self.refresh(recount=True)
        elif change.entity in self.RELATED:
            self.refresh(recount=False)
        else:
            return
        if self.is_loading():
            self._load_requested()  # what is being read may predate the change
