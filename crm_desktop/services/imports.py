"""Importing a file of contacts (or companies): preview, duplicates, one undoable batch.

The whole import runs in ONE write transaction: the batch record, new companies,
new and updated contacts and the undo rows are committed together, so a cancel,
a full disk or a crash leaves the database exactly as it was. Rows are handled
in chunks: each chunk is mapped and validated, its e-mails and phones are looked
up in the database in a few queries, then it is written through the contact
service's bulk insert.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import json
import threading
import time
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import CrmError, FieldError, ValidationError
from ..core.records import ContactDraft
from ..core.text import company_key as _company_key
from ..core.text import fold
from ..interchange.mapping import CUSTOM_PREFIX, NEW_CUSTOM_PREFIX, cell_text
from ..interchange.plan import (
    CREATE,
    DUPLICATE_ACTIONS,
    FILL,
    OVERWRITE,
    SKIP,
    ImportOptions,
    ImportPlan,
    build_plan,
    default_date_order,
    draft_from_json,
    draft_to_json,
    merge_drafts,
    refresh_date_orders,
)
from ..interchange.readers import ImportRefused
from ..interchange.rows import (
    DUPLICATE,
    EMPTY,
    NEW,
    REJECTED,
    UPDATE,
    RowOutcome,
    RowRules,
    RowWorker,
    name_key,
    row_outcome,
    with_fixes,
)
from ..storage.imports import ImportBatch, ImportProfile
from .changes import Change
from .contacts import _no_cycle_collection, _spare_core
from .context import ServiceContext

__all__ = ["DUPLICATE_ACTIONS", "ImportCancelled", "ImportOptions", "ImportRefused", "ImportResult",
           "ImportService", "RowOutcome", "Summary", "UndoResult"]

CHUNK = 1000
PROGRESS_ROWS = 250
FUZZY_NAME_SCORE = 90
# Rows at least this long are mapped and validated in a second process (see interchange.rows).
WORKER_MIN_ROWS = 20_000
CHUNKS_AHEAD = 3  # chunks handed to that process before their outcomes are asked for

Progress = Callable[[int, int], None]  # (rows done, rows in the file or 0)


@functools.lru_cache(maxsize=65_536)
def company_key(name: str) -> str:
    """A file names a few companies many times: normalise each name once."""
    return _company_key(name)


class ImportCancelled(CrmError):
    """The user cancelled; nothing was stored."""


@dataclass
class Summary:
    rows: int = 0
    new: int = 0
    updates: int = 0
    duplicates: int = 0
    problems: int = 0
    rejected: int = 0


@dataclass
class ImportResult:
    batch_id: int
    summary: Summary
    created: int = 0
    updated: int = 0
    skipped: int = 0
    rejected_rows: list[tuple[int, list, str]] = field(default_factory=list)  # (row, cells, reason code)
    seconds: float = 0.0


@dataclass
class UndoResult:
    removed: int = 0
    restored: int = 0
    left: list[str] = field(default_factory=list)  # names of records edited since the import


class _Matcher:
    """Finds the existing record (or earlier row) each row duplicates, a chunk at a time."""

    def __init__(self, service: ImportService) -> None:
        self.store = service.ctx.storage.imports
        self.companies = service.ctx.storage.companies
        self.seen: dict[str, int] = {}  # "e:addr" / "p:+86..." / "n:name|company" → file row
        self.people_at: dict[int, list[tuple[int, str]]] = {}
        self.company_ids: dict[str, int] = {}  # company key → id, of the companies found so far
        self.names: dict[int, str] = {}  # file row → folded name, for the chunk being matched

    def match_chunk(self, outcomes: list[RowOutcome]) -> None:
        self.names.clear()
        live = [o for o in outcomes if o.status not in (REJECTED, EMPTY)]
        self._match_ids("contact", live)
        emails = {e.value.strip().lower() for o in live for e in o.draft.emails}
        phones = {p.value for o in live for p in o.draft.phones}
        by_email = self.store.contacts_by_channel("email", list(emails)) if emails else {}
        by_phone = self.store.contacts_by_channel("phone", list(phones)) if phones else {}
        for o in live:
            if o.match_id is None:
                self._match_one(o, by_email, by_phone)
            self._remember(o)
        self._match_names([o for o in live if o.match_id is None and o.match_row is None])

    def match_companies(self, outcomes: list[RowOutcome]) -> None:
        """Companies are the same when their normalised names are ("ACME Inc." = "Acme, Inc")."""
        live = [o for o in outcomes if o.status not in (REJECTED, EMPTY)]
        self._match_ids("company", live)
        keys = {o.row_number: company_key(o.draft.name) for o in live}
        known = self.companies.find_by_key(list(set(keys.values())))
        for o in live:
            key = keys[o.row_number]
            if o.match_id is not None:
                self.seen.setdefault("c:" + key, o.row_number)
            elif key in known:
                o.match_id, o.match_reason = known[key], "name"
            elif "c:" + key in self.seen:
                o.match_row, o.match_reason = self.seen["c:" + key], "file"
            else:
                self.seen["c:" + key] = o.row_number

    def _match_ids(self, entity: str, live: list[RowOutcome]) -> None:
        """A row naming the stable ID of a record (a backup workbook edited in Excel) is that record."""
        wanted = {o.record_id for o in live if o.record_id}
        if not wanted:
            return
        found = self.store.ids_by_uuid(entity, list(wanted))
        for o in live:
            if o.record_id in found:
                o.match_id, o.match_reason = found[o.record_id], "id"

    def _match_one(self, o: RowOutcome, by_email: dict, by_phone: dict) -> None:
        for e in o.draft.emails:
            key = e.value.strip().lower()
            if key in by_email:
                o.match_id, o.match_reason = by_email[key], "email"
                return
            if "e:" + key in self.seen:
                o.match_row, o.match_reason = self.seen["e:" + key], "file"
                return
        for p in o.draft.phones:
            if p.value in by_phone:
                o.match_id, o.match_reason = by_phone[p.value], "phone"
                return
            if "p:" + p.value in self.seen:
                o.match_row, o.match_reason = self.seen["p:" + p.value], "file"
                return

    def _name_key(self, o: RowOutcome) -> str:
        """The row's folded name, worked out once (both the file and the database are matched on it)."""
        if o.name_key:
            return o.name_key
        key = self.names.get(o.row_number)
        if key is None:
            key = self.names[o.row_number] = name_key(o.draft)
        return key

    def _match_names(self, rows: list[RowOutcome]) -> None:
        """Same person at the same company (names compared fuzzily: "Jon Smith" = "John Smith")."""
        from rapidfuzz import fuzz  # imported on first use, like every heavy library

        rows = [o for o in rows if o.draft.company_name and (o.draft.given_name or o.draft.family_name)]
        if not rows:
            return
        keys = {o.draft.company_name: company_key(o.draft.company_name) for o in rows}
        # A company found once keeps its id for the whole import: only the others are looked up
        # (again: the import may have created them since).
        known = self.company_ids
        unknown = [key for key in set(keys.values()) if key not in known]
        if unknown:
            known.update(self.companies.find_by_key(unknown))
        here = {known[k] for k in set(keys.values()) if k in known}
        missing = [cid for cid in here if cid not in self.people_at]
        for cid in missing:
            self.people_at[cid] = []
        for pid, name, cid in self.store.contacts_of_companies(missing):
            self.people_at[cid].append((pid, fold(name)))
        for o in rows:
            ckey = keys[o.draft.company_name]
            name = self._name_key(o)
            earlier = self.seen.get("n:" + name + "|" + ckey, o.row_number)
            if earlier != o.row_number:
                o.match_row, o.match_reason = earlier, "file"
                continue
            for pid, other in self.people_at.get(known.get(ckey, -1), ()):
                if fuzz.token_sort_ratio(name, other) >= FUZZY_NAME_SCORE:
                    o.match_id, o.match_reason = pid, "name"
                    break

    def _remember(self, o: RowOutcome) -> None:
        for e in o.draft.emails:
            self.seen.setdefault("e:" + e.value.strip().lower(), o.row_number)
        for p in o.draft.phones:
            self.seen.setdefault("p:" + p.value, o.row_number)
        if o.draft.company_name:
            key = "n:" + self._name_key(o) + "|" + company_key(o.draft.company_name)
            self.seen.setdefault(key, o.row_number)


class ImportService:
    def __init__(self, ctx: ServiceContext, contacts, companies) -> None:
        self.ctx = ctx
        self.contacts = contacts
        self.companies = companies
        self.store = ctx.storage.imports
        self.backups = None  # a BackupService: every import is preceded by a backup

    # -- planning ----------------------------------------------------------------------------
    def inspect(self, path: Path | str, entity: str = "contact", sheet: int | None = None,
                source=None) -> ImportPlan:
        """Open a file and propose how to import it; a saved mapping for the same headers wins."""
        plan = build_plan(path, entity, sheet, source, custom=self.custom_fields(entity))
        plan.mapping.default_date_order = default_date_order(self.ctx.region)
        self.apply_saved_profile(plan)
        return plan

    def apply_saved_profile(self, plan: ImportPlan) -> None:
        signature = plan.header_signature()
        with self.ctx.read():
            for profile in self.store.profiles(plan.entity.name):
                if profile.header_key == signature:
                    self.apply_profile(plan, profile)
                    return

    def apply_profile(self, plan: ImportPlan, profile: ImportProfile) -> None:
        data = json.loads(profile.mapping)
        targets = data.get("targets", [])
        if len(targets) == len(plan.headers):
            plan.mapping.targets = list(targets)
            plan.profile = profile.name
            refresh_date_orders(plan)  # the file's own dates first; the saved order where they leave it open
            for col, order in data.get("date_order", {}).items():
                plan.mapping.date_order.setdefault(int(col), order)
                plan.undecided_dates.pop(int(col), None)

    def save_profile(self, name: str, plan: ImportPlan) -> int:
        name = " ".join(name.split())
        if not name:
            raise ValidationError([FieldError("name", "required")])
        with self.ctx.write():
            pid = self.store.save_profile(name, plan.entity.name, plan.header_signature(),
                                          plan.mapping_json(), self.ctx.clock.now())
        plan.profile = name
        self.ctx.changes.emit(Change("import_profile", "create", (pid,)))
        return pid

    def profiles(self, entity: str = "contact") -> list[ImportProfile]:
        with self.ctx.read():
            return self.store.profiles(entity)

    def custom_fields(self, entity: str = "contact") -> list[tuple[int, str]]:
        with self.ctx.read():
            return [(fid, label) for fid, _key, label, _type in self.ctx.storage.custom_fields.fields(entity)]

    # -- rows ----------------------------------------------------------------------------------
    def _rules(self, plan: ImportPlan, options: ImportOptions) -> RowRules:
        return RowRules(plan.entity.name, plan.mapping, self.ctx.region, self.ctx.clock.today(),
                        options.on_problem, dict(options.row_actions))

    def outcomes(self, plan: ImportPlan, options: ImportOptions, limit: int | None = None,
                 cancelled: threading.Event | None = None, progress: Progress | None = None,
                 worker: RowWorker | bool | None = None) -> Iterator[list[RowOutcome]]:
        """Every data row's outcome, a chunk at a time, duplicates found.

        ``progress`` hears of the rows read every PROGRESS_ROWS rows, within a chunk too, so a
        progress bar moves at least four times a second even on a slow machine (with the worker,
        of every chunk it has checked: the chunks come ~5 times a second). A whole file
        of at least :data:`WORKER_MIN_ROWS` rows is mapped and validated in a second process
        (see :meth:`_worker_chunks`; ``worker``: one :meth:`start_worker` started earlier, which
        this ends, or False for none); the outcomes are the same.
        """
        matcher = _Matcher(self)
        rules = self._rules(plan, options)
        total = plan.source.row_count_hint() if progress else 0
        if worker is None:
            worker = self.start_worker(plan, options) if limit is None else None
        chunks = (self._worker_chunks(plan, options, worker, cancelled, progress, total) if worker
                  else self._chunks(plan, options, rules, limit, cancelled, progress, total))
        with self.ctx.read(), contextlib.closing(chunks):
            for chunk in chunks:
                yield self._decide(matcher, chunk, options)
                if cancelled is not None and cancelled.is_set():
                    raise ImportCancelled()

    worker_min_rows = WORKER_MIN_ROWS

    def start_worker(self, plan: ImportPlan, options: ImportOptions) -> RowWorker | None:
        """The process that will map and validate a large file's rows, when a core is idle.

        Handing rows over costs both processes CPU (pickling), which pays only when the worker
        runs beside this process: measured with both cores busy with other work, the import
        took 58-64 s with it against 48 s without (main process CPU 26.8 against 31.1 s, the
        worker's 10.4 s on top). None for a small file or a busy machine.
        """
        if plan.source.row_count_hint() < self.worker_min_rows or not self.core_free():
            return None
        return RowWorker(self._rules(plan, options))

    @staticmethod
    def core_free() -> bool:
        return _spare_core()

    def _chunks(self, plan: ImportPlan, options: ImportOptions, rules: RowRules, limit: int | None,
                cancelled: threading.Event | None, progress: Progress | None, total: int
                ) -> Iterator[list[RowOutcome]]:
        """The rows' outcomes (duplicates not looked for yet), worked out here."""
        chunk: list[RowOutcome] = []
        fixes = options.fixes
        for count, (number, cells) in enumerate(plan.data_rows(), 1):
            chunk.append(row_outcome(rules, number, with_fixes(number, cells, fixes)))
            if count % PROGRESS_ROWS == 0:
                if progress:
                    progress(count, total)
                if cancelled is not None and cancelled.is_set():
                    raise ImportCancelled()
            if len(chunk) >= CHUNK or (limit is not None and count >= limit):
                yield chunk
                chunk = []
            if limit is not None and count >= limit:
                return
        if chunk:
            yield chunk

    def _worker_chunks(self, plan: ImportPlan, options: ImportOptions, worker: RowWorker,
                       cancelled: threading.Event | None, progress: Progress | None, total: int
                       ) -> Iterator[list[RowOutcome]]:
        """The same outcomes, mapped and validated in a second process (RowWorker).

        This process reads the file and hands the worker a few chunks of cells ahead; while it
        matches and writes one chunk, the worker maps and validates the next ones on the other
        core. Cancel is seen while waiting for the worker too; leaving ends the worker.
        """
        rows = plan.data_rows()
        fixes = options.fixes

        def next_job() -> list[tuple[int, list]]:
            job = []
            for number, cells in rows:
                job.append((number, with_fixes(number, cells, fixes)))
                if len(job) >= CHUNK:
                    break
            return job

        done = 0
        with worker:
            for _ in range(CHUNKS_AHEAD):
                job = next_job()
                if not job:
                    break
                worker.send(job)
            while worker.pending:
                chunk = worker.receive(cancelled, ImportCancelled)
                job = next_job()
                if job:
                    worker.send(job)
                done += len(chunk)
                if progress:
                    progress(done, total)
                yield chunk

    def _decide(self, matcher: _Matcher, chunk: list[RowOutcome], options: ImportOptions) -> list[RowOutcome]:
        if _is_contacts(chunk):
            matcher.match_chunk(chunk)
        else:
            matcher.match_companies(chunk)
        for o in chunk:
            if o.status in (REJECTED, EMPTY):
                continue
            if o.match_id is not None or o.match_row is not None:
                action = options.row_actions.get(o.row_number, options.on_duplicate)
                action = action if action in DUPLICATE_ACTIONS else options.on_duplicate
                if o.match_id is None and action in (FILL, OVERWRITE):
                    action = SKIP  # repeats an earlier row of the file: that row is imported
                o.action = action
                o.status = UPDATE if action in (FILL, OVERWRITE) else (NEW if action == CREATE else DUPLICATE)
        return chunk

    def preview(self, plan: ImportPlan, options: ImportOptions, limit: int = 200) -> list[RowOutcome]:
        """The first rows' outcomes; a row that updates a record lists what it changes."""
        rows = [o for chunk in self.outcomes(plan, options, limit) for o in chunk]
        service = self.contacts if plan.entity.name == "contact" else self.companies
        with self.ctx.read():
            for o in rows:
                if o.match_id is not None and o.action in (FILL, OVERWRITE):
                    existing = service.get(o.match_id).data
                    merged = merge_drafts(existing, _with_custom_ids(o.draft),
                                          overwrite=o.action == OVERWRITE)
                    o.changes = draft_changes(existing, merged)
        return rows

    def summarize(self, plan: ImportPlan, options: ImportOptions, progress: Progress | None = None,
                  cancelled: threading.Event | None = None) -> Summary:
        summary = Summary()
        chunks = self.outcomes(plan, options, cancelled=cancelled, progress=progress)
        with contextlib.closing(chunks), _no_cycle_collection():
            for chunk in chunks:
                for o in chunk:
                    _count(summary, o)
        return summary

    # -- running -------------------------------------------------------------------------------
    def run(self, plan: ImportPlan, options: ImportOptions, progress: Progress | None = None,
            cancelled: threading.Event | None = None) -> ImportResult:
        """Import every row in one transaction; ImportCancelled (nothing stored) if cancelled."""
        started = time.perf_counter()
        worker = self.start_worker(plan, options)  # it starts up while the backup is made
        with contextlib.ExitStack() as stack:
            if worker is not None:
                stack.callback(worker.close, finished=False)  # ended at once if the import fails
            if self.backups is not None:
                self.backups.before("import")  # raises (and nothing is imported) if none can be made
            return self._run(plan, options, progress, cancelled, worker, started)

    def _run(self, plan: ImportPlan, options: ImportOptions, progress: Progress | None,
             cancelled: threading.Event | None, worker: RowWorker | None, started: float) -> ImportResult:
        entity = plan.entity.name
        # A file as large as the table of people goes in through the contact service's bulk load:
        # one transaction whose sort indexes are built again once at the end (over the whole
        # table), which every create_many of the import joins. A smaller one is one transaction
        # that keeps the indexes: 100 rows into 100,000 people took 3.9 s with the bulk load.
        with self.ctx.read():
            bulk = entity == "contact" and self.contacts.worth_bulk_load(plan.source.row_count_hint())
        with self.contacts.bulk_load() if bulk else self.ctx.write():
            batch_id = self.store.create_batch(entity, plan.path.name, plan.source.format,
                                               plan.source.sheets[0].name if plan.source.sheets else "",
                                               plan.mapping_json(), self.ctx.clock.now())
            result = ImportResult(batch_id, Summary())
            writer = _BatchWriter(self, plan, result)
            chunks = self.outcomes(plan, options, cancelled=cancelled, progress=progress,
                                   worker=worker if worker is not None else False)
            # closing: a failure ends the row worker at once, not when collected. The cyclic GC
            # pauses as in create_many: it walked the rows' drafts again and again (1.0-1.6 s of
            # CPU in 1,900 collections for 100,000 rows), which form no cycles.
            with contextlib.closing(chunks), _no_cycle_collection():
                for chunk in chunks:
                    for o in chunk:
                        _count(result.summary, o)
                    writer.write(chunk)
                    if cancelled is not None and cancelled.is_set():
                        raise ImportCancelled()
            # Every row is read: the sheet the reader holds (~1.1 GB for a million rows) is let go
            # before the end of the bulk load, whose index builds sort in memory of their own
            # (read again if the file is wanted later).
            plan.source.release()
            writer.finish()
            s = result.summary
            self.store.finish_batch(batch_id, s.rows, result.created, result.updated, result.skipped,
                                    s.rejected, self.ctx.clock.now())
        result.seconds = time.perf_counter() - started
        self.ctx.changes.emit(Change("contact" if entity == "contact" else "company", "create", ()))
        self.ctx.changes.emit(Change("import_batch", "create", (batch_id,)))
        return result

    # -- history and undo ------------------------------------------------------------------------
    def history(self, limit: int = 200) -> list[ImportBatch]:
        with self.ctx.read():
            return self.store.batches(limit)

    def undo(self, batch_id: int) -> UndoResult:
        """Remove what a batch created and restore what it updated, unless edited since."""
        result = UndoResult()
        with self.ctx.write():
            rows = self.store.rows_of(batch_id)
            for entity in ("contact", "company"):
                mine = [r for r in rows if r.entity == entity]
                now_at = self.store.updated_at(entity, [r.record_id for r in mine])
                self._undo_entity(entity, mine, now_at, result)
            self.store.mark_undone(batch_id, self.ctx.clock.now())
        self.ctx.changes.emit(Change("contact", "purge", ()))
        self.ctx.changes.emit(Change("import_batch", "update", (batch_id,)))
        return result

    def _undo_entity(self, entity: str, rows, now_at: dict, result: UndoResult) -> None:
        service = self.contacts if entity == "contact" else self.companies
        untouched = {r.record_id for r in rows if r.record_id in now_at
                     and now_at[r.record_id][0] == r.after_updated_at and now_at[r.record_id][1] is None}
        if entity == "company":
            busy = {cid for _pid, _n, cid in self.store.contacts_of_companies(list(untouched))}
            untouched -= busy
        removable = [r.record_id for r in rows if r.action == "created" and r.record_id in untouched]
        if removable:
            service.delete(removable)
            service.purge(removable)
            result.removed += len(removable)
        for r in rows:
            if r.action == "updated" and r.record_id in untouched:
                service.update(r.record_id, draft_from_json(r.prior, entity))
                result.restored += 1
            elif r.record_id not in untouched and r.record_id in now_at and now_at[r.record_id][1] is None:
                result.left.append(self._name(entity, r.record_id))

    def _name(self, entity: str, record_id: int) -> str:
        if entity == "contact":
            return self.contacts.get(record_id).full_name
        return self.companies.get(record_id).data.name

    # -- rejected rows ----------------------------------------------------------------------------
    def write_rejected(self, plan: ImportPlan, result: ImportResult, path: Path,
                       reason_text: Callable[[str], str], reason_header: str) -> Path:
        """An .xlsx of the rows not imported, as they were, with a reason column; fix it and import it."""
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append([*plan.headers, reason_header])
        for _number, cells, code in result.rejected_rows:
            row = [cell_text(v) for v in cells] + [""] * (len(plan.headers) - len(cells))
            ws.append([*row[:len(plan.headers)], reason_text(code)])
        wb.save(path)
        return path


def _with_custom_ids(draft):
    """A draft whose custom values keyed by mapping target (``custom:3``) are keyed by field id;
    values for fields the import would create (``new:…``) are left out."""
    custom = {int(k[len(CUSTOM_PREFIX):]): v for k, v in draft.custom.items()
              if isinstance(k, str) and k.startswith(CUSTOM_PREFIX)}
    copy = dataclasses.replace(draft)
    copy.custom = custom
    return copy


def draft_changes(before, after) -> list[tuple[str, str, str]]:
    """(field, old value, new value) of every field that differs, as text, in the draft's order."""
    out = []
    for f in dataclasses.fields(before):
        if f.name in ("company_id", "owner_id"):
            continue
        old, new = getattr(before, f.name), getattr(after, f.name)
        if old != new:
            out.append((f.name, _as_text(old), _as_text(new)))
    return out


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(v.value if hasattr(v, "value") else str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(str(v) for v in value.values())
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value)


def _is_contacts(chunk: list[RowOutcome]) -> bool:
    return any(isinstance(o.draft, ContactDraft) for o in chunk)


def _count(summary: Summary, o: RowOutcome) -> None:
    if o.status == EMPTY:
        return
    summary.rows += 1
    if o.status == REJECTED:
        summary.rejected += 1
        return
    if o.problems:
        summary.problems += 1
    if o.match_id is not None or o.match_row is not None:
        summary.duplicates += 1
    if o.action == CREATE:
        summary.new += 1
    elif o.action in (FILL, OVERWRITE):
        summary.updates += 1


class _BatchWriter:
    """Writes the outcomes of one chunk: new records in bulk, updates one by one, undo rows."""

    def __init__(self, service: ImportService, plan: ImportPlan, result: ImportResult) -> None:
        self.service = service
        self.ctx = service.ctx
        self.plan = plan
        self.result = result
        self.entity = plan.entity.name
        self.custom_ids = self._custom_fields()
        # The ids of the people made, for the undo rows written at the end: 8 bytes each (a list
        # of ints took ~36 bytes per row, ~36 MB at a million).
        self.created_ids = array("q")
        self.created_companies: list[int] = []
        self.company_ids: dict[str, int] = {}  # company key → id, of the companies seen in this import

    def _custom_fields(self) -> dict[str, int]:
        ids: dict[str, int] = {}
        store = self.ctx.storage.custom_fields
        for target in self.plan.mapping.targets:
            if target.startswith(CUSTOM_PREFIX):
                ids[target] = int(target[len(CUSTOM_PREFIX):])
            elif target.startswith(NEW_CUSTOM_PREFIX) and target not in ids:
                label = target[len(NEW_CUSTOM_PREFIX):].strip() or "Imported"
                key = "import_" + "_".join(fold(label).split())[:40]
                ids[target] = store.create(self.entity, key, label, "text", self.ctx.clock.now())
        return ids

    def _custom_values(self, values: dict) -> dict[int, str]:
        return {self.custom_ids[k]: v for k, v in values.items() if k in self.custom_ids}

    def write(self, chunk: list[RowOutcome]) -> None:
        creates = []
        for o in chunk:
            if o.status == REJECTED:
                code = o.problems[0].code if o.problems else "invalid"
                if len(self.result.rejected_rows) < 100_000:
                    self.result.rejected_rows.append((o.row_number, o.cells, code))
            elif o.status == EMPTY:
                continue
            elif o.action == CREATE:
                o.draft.custom = self._custom_values(o.draft.custom)
                creates.append(o.draft)
            elif o.action in (FILL, OVERWRITE):
                self._update(o)
            else:
                self.result.skipped += 1
        if creates:
            self._create(creates)

    def _create(self, drafts: list) -> None:
        if self.entity == "contact":
            self._link_companies(drafts)
            ids = self.service.contacts.create_many(drafts, batch_size=len(drafts), validated=True)
        else:
            ids = [self.service.companies.create(d) for d in drafts]
        self.created_ids.extend(ids)
        self.result.created += len(ids)

    def _link_companies(self, drafts: list[ContactDraft]) -> None:
        """Link each draft to its company, creating the ones that do not exist yet (undo knows them).

        A draft gets the company's id: the contact service then only reads the company's own
        spelling of its name, where a name alone would be normalised again in every batch.
        """
        from ..core.records import CompanyDraft

        companies = self.ctx.storage.companies
        keys: dict[str, str] = {}  # key → the first spelling in the file
        for d in drafts:
            if d.company_id is None and d.company_name:
                key = company_key(d.company_name)
                if key not in self.company_ids:
                    keys.setdefault(key, d.company_name)
        if keys:
            found = companies.find_by_key(list(keys))
            now = self.ctx.clock.now()
            for key, name in keys.items():
                if key not in found:
                    found[key] = companies.insert(CompanyDraft(name=name), [], now)
                    self.created_companies.append(found[key])
                self.company_ids[key] = found[key]
        for d in drafts:
            if d.company_id is None and d.company_name:
                d.company_id = self.company_ids[company_key(d.company_name)]

    def _update(self, o: RowOutcome) -> None:
        service = self.service.contacts if self.entity == "contact" else self.service.companies
        record = service.get(o.match_id)
        existing = record.data
        o.draft.custom = self._custom_values(o.draft.custom)
        merged = merge_drafts(existing, o.draft, overwrite=o.action == OVERWRITE)
        prior = draft_to_json(existing)
        if self.entity == "contact":
            self._link_companies([merged])
        service.update(o.match_id, merged)
        self.ctx.storage.imports.add_rows(self.result.batch_id,
                                          [(self.entity, o.match_id, "updated", prior, None)])
        self.result.updated += 1

    def finish(self) -> None:
        store = self.ctx.storage.imports
        batch = self.result.batch_id
        # Made as they are written, not held as a list (~190 MB of tuples at a million rows).
        rows = itertools.chain(((self.entity, i, "created", None, None) for i in self.created_ids),
                               (("company", i, "created", None, None) for i in self.created_companies))
        store.add_rows(batch, rows)
        store.stamp_rows(batch)
