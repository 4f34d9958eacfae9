"""Export of any list to .xlsx, .csv or (people) .vcf, and a backup workbook of everything.

A list hands over what it shows as an ``ExportRequest``: its entity, its ListQuery (filter
and sort), the keys of its visible columns with their header texts, and optionally the
selected ids. Rows are streamed from one SQL statement in batches straight into the writer,
so a million rows take no more memory than a thousand. The file is written next to the
target under a temporary name and renamed at the end: a cancelled or failed export leaves
no partial file behind, and an existing file is replaced only by a complete one.

Another kind of record (deals, tasks) becomes exportable by ``register``-ing its storage
entity (SQL per field, filter and order) and its fields (kind and English header).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.deals import DealFilter, Labels, Stage
from ..core.errors import CrmError
from ..core.query import ListQuery
from ..interchange.export_values import converter
from ..interchange.export_vcard import VCARD_KEYS, VCardWriter, vcard_of
from ..interchange.writers import ColumnSpec, CsvWriter, XlsxWriter, currency_format
from ..storage.exports import COMPANY, CONTACT, CUSTOM_PREFIX, DEAL, DealQuery, Entity, ExportStore
from ..storage.privacy import ConsentStore
from .context import ServiceContext

__all__ = ["DealQuery", "ExportError", "ExportRequest", "ExportResult", "ExportService"]

Progress = Callable[[int, int], bool]  # (done, total) → False to cancel
FORMATS = ("xlsx", "csv", "vcf")
BATCH = 1000  # rows per fetch: progress and Cancel answer within one batch


@dataclass(frozen=True)
class ExportField:
    key: str
    kind: str  # a writers.KINDS entry
    header: str  # English; the UI passes translated headers in the request


def _fields(*specs: tuple[str, str, str]) -> tuple[ExportField, ...]:
    return tuple(ExportField(k, kind, header) for k, kind, header in specs)


CONTACT_FIELDS = _fields(
    ("name", "text", "Name"), ("company", "text", "Company"), ("title", "text", "Title"),
    ("email", "text", "Email"), ("phone", "phone", "Phone"), ("tags", "text", "Tags"),
    ("owner", "text", "Owner"), ("city", "text", "City"), ("country", "text", "Country"),
    ("source", "text", "Source"), ("created", "datetime", "Created"), ("updated", "datetime", "Updated"),
    ("given_name", "text", "Given name"), ("family_name", "text", "Family name"),
    ("emails", "text", "All emails"), ("phones", "phone", "All phones"), ("street", "text", "Street"),
    ("region", "text", "Region"), ("postal_code", "text", "Postal code"), ("website", "text", "Website"),
    ("birthday", "date", "Birthday"), ("notes", "text", "Notes"), ("uuid", "text", "ID"),
    ("do_not_contact", "text", "Do not contact"), ("lawful_basis", "text", "Lawful basis"),
    ("consent_given", "date", "Consent given"), ("consent_withdrawn", "date", "Consent withdrawn"),
    ("consent_note", "text", "Consent note"), ("score", "integer", "Score"),
    ("wechat", "text", "WeChat ID"), ("qq", "text", "QQ number"), ("linkedin", "text", "LinkedIn profile"),
)
COMPANY_FIELDS = _fields(
    ("name", "text", "Name"), ("industry", "text", "Industry"), ("people", "integer", "People"),
    ("phone", "phone", "Phone"), ("email", "text", "Email"), ("website", "text", "Website"),
    ("tags", "text", "Tags"), ("owner", "text", "Owner"), ("city", "text", "City"),
    ("country", "text", "Country"), ("created", "datetime", "Created"),
    ("employees", "integer", "Employees"), ("updated", "datetime", "Updated"),
    ("street", "text", "Street"), ("region", "text", "Region"), ("postal_code", "text", "Postal code"),
    ("source", "text", "Source"), ("notes", "text", "Notes"), ("uuid", "text", "ID"),
)
DEAL_FIELDS = _fields(
    ("title", "text", "Title"), ("company", "text", "Organisation"), ("contact", "text", "Person"),
    ("stage", "text", "Stage"), ("value", "money", "Value"), ("currency", "text", "Currency"),
    ("probability", "integer", "Probability (%)"), ("expected_close", "date", "Expected close"),
    ("owner", "text", "Owner"), ("status", "text", "Status"), ("updated", "datetime", "Updated"),
    ("created", "datetime", "Created"), ("closed", "datetime", "Closed"),
    ("lost_reason", "text", "Lost reason"),
    ("source", "text", "Source"), ("next_step", "text", "Next step"), ("tags", "text", "Tags"),
    ("notes", "text", "Notes"), ("uuid", "text", "ID"),
)
# What a list shows when nothing else is asked for (the lists' default columns).
DEFAULT_KEYS = {
    "contact": ("name", "company", "title", "email", "phone", "tags", "owner", "city"),
    "company": ("name", "industry", "people", "phone", "email", "website", "tags", "owner", "city",
                "country"),
    "deal": ("title", "company", "contact", "stage", "value", "currency", "probability", "expected_close",
             "owner", "status", "updated"),
}
# The backup workbook: every stored field, with the stable ID first.
BACKUP_KEYS = {
    "company": ("uuid", "name", "industry", "employees", "phone", "email", "website", "street", "city",
                "region", "postal_code", "country", "tags", "owner", "source", "notes", "created",
                "updated"),
    "contact": ("uuid", "given_name", "family_name", "name", "company", "title", "emails", "phones",
                "wechat", "qq", "linkedin", "street", "city", "region", "postal_code", "country", "website",
                "birthday", "tags", "owner", "source", "notes", "created", "updated", "lawful_basis",
                "consent_given", "consent_withdrawn", "consent_note", "do_not_contact"),
}
# How a "do not contact" flag is written in a file (the importer reads it back, see core.consent).
FLAG_TEXT = {1: "yes", 0: ""}

class ExportError(CrmError):
    """An export that cannot be made: ``code`` is "cannot_write", "unknown_format" or "not_for_entity"."""

    def __init__(self, code: str, path: str = "", detail: str = "") -> None:
        super().__init__(f"{code}: {path} {detail}".strip())
        self.code, self.path, self.detail = code, path, detail

    def explanation(self) -> str:
        """One English sentence, for the command line (the window says it in the user's language)."""
        texts = {
            "cannot_write": f"cannot write {self.path}: {self.detail}",
            "unknown_format": f"{self.path}: the file name must end in .xlsx, .csv or .vcf",
            "not_for_entity": "only contacts can be exported as vCards",
            "unknown_tag": f"there is no tag named {self.detail!r}",
            "unknown_owner": f"there is no owner named {self.detail!r}",
            "unknown_sort": f"cannot sort by {self.detail!r}",
            "unknown_column": f"there is no column {self.detail!r}",
        }
        return texts.get(self.code, str(self))


@dataclass(frozen=True)
class ExportRequest:
    entity: str = "contact"
    query: ListQuery = ListQuery()
    keys: tuple[str, ...] = ()  # the visible columns in order; empty: the list's default columns
    ids: tuple[int, ...] | None = None  # only these records (a selection), still in the query's order
    # Or only the rows at these inclusive (first, last) positions of the query's order: a selection
    # too large to list its ids (they would be read on the UI thread).
    spans: tuple[tuple[int, int], ...] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)  # translated header per key
    sheet_name: str = ""
    # People marked "do not contact" are left out of a list export unless this says otherwise.
    include_do_not_contact: bool = False


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    cancelled: bool = False
    left_out: int = 0  # people marked "do not contact" that the export left out


def export_format(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError("unknown_format", str(path), path.suffix)
    return fmt


# -- the service ------------------------------------------------------------------------
class ExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ExportStore(ctx.storage.database.db)
        self.labels = Labels()  # names of default stages; the UI passes the deals' localised ones
        self._sources: dict[str, tuple[Entity, tuple[ExportField, ...]]] = {
            "contact": (CONTACT, CONTACT_FIELDS), "company": (COMPANY, COMPANY_FIELDS),
            "deal": (DEAL, DEAL_FIELDS)}
        self._defaults = dict(DEFAULT_KEYS)

    def register(self, entity: str, source: Entity, fields: Sequence[ExportField],
                 default_keys: Sequence[str] = ()) -> None:
        """Make another kind of record exportable (its storage Entity knows the SQL)."""
        self._sources[entity] = (source, tuple(fields))
        self._defaults[entity] = tuple(default_keys) or tuple(f.key for f in fields)

    def request_for(self, what: str, *, search: str = "", tag: str | None = None, owner: str | None = None,
                    sort: str = "name", descending: bool = False, columns: Sequence[str] = ()
                    ) -> ExportRequest:
        """A request from names as a person types them (the command line): "contacts" or
        "companies", a tag and an owner by name, field keys."""
        entity = {"contacts": "contact", "companies": "company", "deals": "deal"}.get(what, what)
        source, _ = self._sources[entity]
        fields = self.fields(entity)
        if entity == "deal" and sort == "name":
            sort = "title"  # what a deal is called by
        lookups = self.ctx.storage
        with self.ctx.read():
            tag_id = _named_id(tag, [(t.id, t.name) for t in lookups.tags.all()], "unknown_tag")
            owner_id = _named_id(owner, [(u.id, u.name) for u in lookups.users.all()], "unknown_owner")
        if sort not in source.sort_sql:
            raise ExportError("unknown_sort", detail=sort)
        known = {f.key for f in fields}
        keys = tuple(k.strip() for k in columns if k.strip())
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise ExportError("unknown_column", detail=unknown[0])
        if entity == "deal":
            flt = DealFilter(status="", owner_id=owner_id, tag_id=tag_id, text=search.strip())
            return ExportRequest(entity, DealQuery(flt, sort, descending), keys)
        query = ListQuery(search=search.strip(), tag_id=tag_id, owner_id=owner_id, sort=sort,
                          descending=descending)
        return ExportRequest(entity, query, keys)

    def fields(self, entity: str) -> tuple[ExportField, ...]:
        """What can be exported of ``entity``: its own fields, then its custom fields."""
        own = self._sources[entity][1]
        if entity not in ("contact", "company"):
            return own
        with self.ctx.read():
            custom = self.ctx.storage.custom_fields.fields(entity)
        return own + tuple(ExportField(f"{CUSTOM_PREFIX}{fid}", "text", label) for fid, _, label, _ in custom)

    def count(self, request: ExportRequest) -> int:
        source, _ = self._sources[request.entity]
        with self.ctx.read():
            total = self.store.count(source, request.query, request.ids)
        if request.spans is not None:
            return sum(max(0, min(last, total - 1) - first + 1) for first, last in request.spans)
        return total

    def _custom_keys(self, entity: str) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields(entity) if f.key.startswith(CUSTOM_PREFIX))

    def columns(self, request: ExportRequest) -> list[tuple[ExportField, ColumnSpec]]:
        known = {f.key: f for f in self.fields(request.entity)}
        keys = [k for k in (request.keys or self._defaults[request.entity]) if k in known]
        money = self._money_format(request) if any(known[k].kind == "money" for k in keys) else ""
        return [(known[k], ColumnSpec(request.headers.get(k) or known[k].header, known[k].kind,
                                      number_format=money if known[k].kind == "money" else ""))
                for k in keys]

    def _money_format(self, request: ExportRequest) -> str:
        """Amounts all in one currency get its sign; mixed ones a plain number (their currency
        column says which)."""
        source, _ = self._sources[request.entity]
        if "currency" not in source.fields:
            return ""
        with self.ctx.read():
            found = self.store.currencies(source, request.query, request.ids)
        return currency_format(found[0]) if len(found) == 1 else ""

    def export(self, request: ExportRequest, path: Path, progress: Progress | None = None,
               *, version: str = "3.0") -> ExportResult:
        """Write the rows of ``request`` to ``path`` (.xlsx, .csv or .vcf), replacing it only when done.

        ``progress(done, total)`` is called after every batch; when it returns False the export
        stops, nothing is left on disk and the result says ``cancelled``.
        """
        path = Path(path)
        fmt = export_format(path)
        if fmt == "vcf" and request.entity != "contact":
            raise ExportError("not_for_entity", str(path), request.entity)
        left_out = self.left_out(request)
        # Counted as everyone less the flagged: a count of the list alone is often read from a
        # b-tree's size or the search index, a count with one more condition reads every row.
        total = self.count(request) - (left_out if request.spans is None else 0)
        request = self._without_do_not_contact(request)
        if fmt == "vcf":
            result = self._run(path, lambda part: VCardWriter(part, version),
                               lambda writer: self._vcards(request, writer, total, progress))
        else:
            specs = [spec for _, spec in self.columns(request)]
            sheet = fmt == "xlsx"
            result = self._run(path, lambda part: XlsxWriter(part) if sheet else CsvWriter(part, specs),
                               lambda writer: self._stream(request, writer, 0, total, progress, sheet=sheet))
        return replace(result, left_out=left_out)

    # -- do not contact --------------------------------------------------------------------
    def _skips_do_not_contact(self, request: ExportRequest) -> bool:
        return request.entity == "contact" and not request.include_do_not_contact

    def left_out(self, request: ExportRequest) -> int:
        """How many people of ``request`` are marked "do not contact" (0 when they are included)."""
        if not self._skips_do_not_contact(request):
            return 0
        if request.spans is not None:  # positions in the list's order: counted by reading the flags
            flags = self._batches(self._sources["contact"][0], request, ["do_not_contact"])
            with self.ctx.read():
                return sum(1 for batch in flags for (flag,) in batch if flag)
        with self.ctx.read():
            where, params = self.store.condition(self._sources["contact"][0], request.query, request.ids)
            return ConsentStore(self.ctx.storage.database.db).count_flagged(where, params)

    def _without_do_not_contact(self, request: ExportRequest) -> ExportRequest:
        """The request without the people marked "do not contact" (unless it includes them);
        a selection by positions keeps its positions and drops them as the rows are read."""
        if not self._skips_do_not_contact(request) or request.spans is not None:
            return request
        # By id against the few flagged (their partial index), not by the column: a list's order
        # then still comes from an index alone, without reading each row for its flag (measured
        # at 1M: an export's CPU +27% by the column, a few % so).
        return replace(request, query=_with_condition(request.query, _NOT_FLAGGED))

    def backup(self, path: Path, sheet_names: Mapping[str, str] | None = None,
               progress: Progress | None = None) -> ExportResult:
        """A workbook with one sheet per kind of record, every field and its stable ID
        (everyone: people marked "do not contact" too, so nothing is lost)."""
        names = {"company": "Companies", "contact": "People", **(sheet_names or {})}
        requests = [ExportRequest(e, keys=BACKUP_KEYS[e] + self._custom_keys(e), sheet_name=names[e],
                                  include_do_not_contact=True)
                    for e in ("company", "contact")]
        total = sum(self.count(r) for r in requests)

        def fill(writer: XlsxWriter) -> int:
            written = 0
            for request in requests:
                written += self._stream(request, writer, written, total, progress, sheet=True)
            return written

        return self._run(Path(path), XlsxWriter, fill)

    # -- writing -------------------------------------------------------------------------
    def _run(self, path: Path, open_writer: Callable[[Path], object], fill: Callable[[object], int]
             ) -> ExportResult:
        """Open a writer on a temporary file next to ``path``, fill it, and rename it onto
        ``path`` once complete; a cancelled or failed export removes it."""
        try:
            fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".part", dir=path.parent)
            os.close(fd)
        except OSError as exc:
            raise ExportError("cannot_write", str(path), exc.strerror or str(exc)) from exc
        part = Path(name)
        try:
            writer = open_writer(part)
            try:
                done = fill(writer)
            except BaseException:
                writer.abort()
                raise
            writer.close()
            os.chmod(part, 0o666 & ~_umask())  # as any file the user saves, not mkstemp's 0600
            os.replace(part, path)
        except _Cancelled as stop:
            return ExportResult(path, stop.done, cancelled=True)
        except OSError as exc:
            raise ExportError("cannot_write", str(path), exc.strerror or str(exc)) from exc
        finally:
            with contextlib.suppress(OSError):
                part.unlink()
            if threading.current_thread() is not threading.main_thread():
                self.store.release_thread()  # a worker's connection would outlive its thread
        return ExportResult(path, done)

    def _stream(self, request: ExportRequest, writer, offset: int, total: int, progress: Progress | None,
                *, sheet: bool) -> int:
        """The rows of ``request`` into ``writer``; how many."""
        columns = self.columns(request)
        if sheet:
            default = {"contact": "People", "company": "Companies"}.get(request.entity, request.entity)
            writer.begin_sheet(request.sheet_name or default, [spec for _, spec in columns])
        done = 0
        with self.ctx.read():
            for batch in self.typed_batches(request, columns, serial_times=sheet):
                writer.write_rows(batch)
                done += len(batch)
                _report(progress, offset + done, total)
        return done

    def typed_batches(self, request: ExportRequest, columns, *, serial_times: bool) -> Iterator[list]:
        """Batches of the request's rows as cells: timestamps in local time (as spreadsheet serial
        numbers when ``serial_times``: a workbook stores nothing else), dates as dates."""
        source, _ = self._sources[request.entity]
        times = frozenset(f.key for f, _ in columns if f.kind == "datetime")
        serials = times if serial_times else frozenset()
        kinds = ["number" if f.key in serials else f.kind for f, _ in columns]
        reals = frozenset(f.key for f, _ in columns if f.kind in ("money", "number"))
        keys = [f.key for f, _ in columns]
        # Tags and owners come named by SQL on the reading thread: a converter per row cost the
        # writing thread ~10 % more than the writer's own time (cProfile at 100k).
        named = frozenset(keys) & source.names.keys()
        unnamed = [None if k in named else k for k in keys]
        convert = converter(kinds, self._named_values(request.entity, unnamed))
        for batch in self._batches(source, request, keys, serials, reals=reals, prefetch=True, named=named):
            yield [convert(row) for row in batch] if convert else batch

    def _batches(self, source: Entity, request: ExportRequest, keys: Sequence[str],
                 serials: frozenset[str] = frozenset(), *, reals: frozenset[str] = frozenset(),
                 prefetch: bool = False, named: frozenset[str] = frozenset()) -> Iterator[list[tuple]]:
        """Batches of rows; with ``prefetch``, SQLite builds them on a thread of its own
        (``_prefetched``) while this one writes the ones before, with the ``named`` keys as names."""
        if request.spans is not None and not request.spans:
            return iter(())
        skip = min((first for first, _ in request.spans), default=0) if request.spans else 0

        def read(keys: Sequence[str]) -> Iterator[list]:
            if prefetch:
                return _prefetched(self.store, source, request.query, keys, request.ids, skip, serials, reals,
                                   named)
            return self.store.rows(source, request.query, keys, request.ids, BATCH, offset=skip,
                                   serials=serials)

        if request.spans is not None and self._skips_do_not_contact(request) and keys != ["do_not_contact"]:
            # A selection by positions: read the flag with each row and drop the flagged ones.
            shown = "do_not_contact" in keys
            rows = read(keys if shown else [*keys, "do_not_contact"])
            flag = list(keys).index("do_not_contact") if shown else len(keys)
            return _without_flagged(_in_spans(rows, request.spans), flag, strip=not shown)
        rows = read(keys)
        return _in_spans(rows, request.spans) if request.spans is not None else rows

    def _named_values(self, entity: str, keys: Sequence[str | None]) -> dict[int, Callable]:
        """Converters of stored ids and keys into names: tags, and a default stage in the user's language
        (a None key: a column that needs none)."""
        found: dict[int, Callable] = {}
        if "tags" in keys:
            found[list(keys).index("tags")] = self._tag_namer()
        if entity in ("contact", "company") and "owner" in keys:
            with self.ctx.read():
                users = self.store.user_names()
            found[list(keys).index("owner")] = lambda owner_id: users.get(owner_id)
        if entity == "contact" and "do_not_contact" in keys:
            found[list(keys).index("do_not_contact")] = lambda flag: FLAG_TEXT.get(flag, flag)
        if entity == "deal" and "stage" in keys:
            labels = self.labels

            def stage(value: str | None) -> str:
                name, _, key = (value or "").partition("\x1f")
                return labels.stage(Stage(0, 0, name, key, 0, 0, None)) if name or key else ""

            found[list(keys).index("stage")] = stage
        return found

    def _tag_namer(self) -> Callable[[str | None], str | None]:
        """Tag ids as stored ("3,5") to names sorted as the lists sort them ("customer, VIP");
        a record has one of a few sets of tags, so each set is named once."""
        with self.ctx.read():
            names = self.store.tag_names()
        cache: dict[str, str] = {}

        def name(ids: str | None) -> str | None:
            if not ids:
                return None
            text = cache.get(ids)
            if text is None:
                found = [names[int(i)] for i in ids.split(",") if int(i) in names]
                text = cache[ids] = ", ".join(sorted(found, key=str.lower))
            return text or None

        return name

    def _vcards(self, request: ExportRequest, writer: VCardWriter, total: int,
                progress: Progress | None) -> int:
        source, _ = self._sources["contact"]
        convert = converter(["text"] * len(VCARD_KEYS), self._named_values("contact", VCARD_KEYS))
        done = 0
        with self.ctx.read():
            for batch in self._batches(source, request, VCARD_KEYS):
                writer.write_cards(vcard_of(convert(row)) for row in batch)
                done += len(batch)
                _report(progress, done, total)
        return done


def _named_id(name: str | None, choices: Sequence[tuple[int, str]], code: str) -> int | None:
    if name is None:
        return None
    wanted = name.strip().casefold()
    found = next((i for i, n in choices if n.casefold() == wanted), None)
    if found is None:
        raise ExportError(code, detail=name)
    return found


def _umask() -> int:
    """The process's file-creation mask, read without changing it (os.umask would, for all threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022


_END = object()
PREFETCH_PAGES = 4  # pages read ahead: a few MB at most


def _prefetched(store: ExportStore, source: Entity, query, keys: Sequence[str], ids, offset: int,
                serials: frozenset[str], reals: frozenset[str], named: frozenset[str] = frozenset()
                ) -> Iterator[list]:
    """The rows in batches, read by SQLite on a thread of its own as one JSON text per batch.

    Reading rows one by one on a second thread was slower than not at all (the GIL changed
    hands for every row); a whole page is built by SQLite in one step with the GIL let go, so
    the pages are ready while this thread writes, and each costs it one ``json.loads``. The
    reading thread has its own connection and closes it when done; leaving the loop early
    (Cancel, an error) stops it after its current page.
    """
    pages: queue.Queue = queue.Queue(PREFETCH_PAGES)
    stop = threading.Event()

    def read() -> None:
        try:
            for text in store.json_pages(source, query, keys, ids, BATCH, offset, serials, reals, stop,
                                         named):
                while not stop.is_set():
                    try:
                        pages.put(text, timeout=0.1)
                        break
                    except queue.Full:
                        continue
            pages.put(_END)
        except BaseException as exc:  # raised again where the rows are wanted, inside ctx.read()
            pages.put(exc)
        finally:
            store.release_thread()

    reader = threading.Thread(target=read, name="export-reader", daemon=True)
    reader.start()
    try:
        while (item := pages.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield json.loads(item)
    finally:
        stop.set()
        while reader.is_alive():
            with contextlib.suppress(queue.Empty):
                pages.get(timeout=0.05)
        reader.join()


def _in_spans(batches: Iterator[list[tuple]], spans: Sequence[tuple[int, int]]) -> Iterator[list[tuple]]:
    """Only the rows at positions inside ``spans`` (inclusive), counted from ``spans[0][0]``."""
    spans = sorted(spans)
    position, i = spans[0][0] if spans else 0, 0
    for batch in batches:
        kept = []
        for row in batch:
            while i < len(spans) and position > spans[i][1]:
                i += 1
            if i == len(spans):
                break
            if position >= spans[i][0]:
                kept.append(row)
            position += 1
        if kept:
            yield kept
        if i == len(spans):
            return


_NOT_FLAGGED = "id NOT IN (SELECT id FROM contact WHERE do_not_contact = 1 AND deleted_at IS NULL)"


def _with_condition(query, condition: str):
    """The list query with one more SQL condition on the person's row."""
    if query.segment is None:
        return query.with_(segment=(condition, ()))
    sql, params = query.segment
    return query.with_(segment=(f"({sql}) AND {condition}", params))


def _without_flagged(batches: Iterator[list[tuple]], flag: int, *, strip: bool) -> Iterator[list[tuple]]:
    """Rows whose cell ``flag`` ("do not contact") is not set; ``strip`` drops that (last) cell."""
    for batch in batches:
        kept = [row[:flag] if strip else row for row in batch if not row[flag]]
        if kept:
            yield kept


class _Cancelled(Exception):
    def __init__(self, done: int) -> None:
        super().__init__(done)
        self.done = done


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise _Cancelled(done)
