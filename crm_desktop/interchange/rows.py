"""A file's rows as import outcomes: each row mapped to a draft and validated.

This is the import's pure-Python share per row (no database): :func:`row_outcome` does it
here, and :class:`RowWorker` does it in a second process (started with ``spawn``, never a
fork of a process running Qt) for a large file, so that it runs on the second core while
this process matches duplicates and writes. Both give the same outcomes for the same
rows; what crosses between the processes is plain tuples and dicts, cheap to pickle.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import pickle
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.errors import FieldError, ValidationError
from ..core.records import Channel, CompanyDraft, ContactDraft
from ..core.text import fold
from ..core.validation import validate_company, validate_contact
from .mapping import BuiltRow, CellProblem, Mapping, cell_text
from .plan import CREATE, SKIP, SKIP_ROW
from .readers import ImportRefused

# Row statuses
NEW, UPDATE, DUPLICATE, REJECTED, EMPTY = "new", "update", "duplicate", "rejected", "empty"

# Dates a row keeps without when they are wrong (e.g. in the future): the rest of the row is imported.
_DATE_FIELDS = ("birthday", "consent_given_on", "consent_withdrawn_on")

# A sum row under a table ("合计", "Total") names no one; it is left out like a blank row.
_TOTAL_WORDS = {"合计", "总计", "小计", "合計", "total", "totals", "grand total", "subtotal", "sum", "summe",
                "gesamt"}


@dataclass
class RowOutcome:
    row_number: int
    cells: list
    status: str  # new | update | duplicate | rejected | empty
    action: str = CREATE  # create | skip | fill | overwrite
    draft: object = None
    problems: list[CellProblem] = field(default_factory=list)
    match_id: int | None = None
    match_reason: str = ""  # id | email | phone | name | file
    match_row: int | None = None  # the earlier row of the file it repeats
    record_id: str = ""  # the stable ID the row names (a backup workbook's ID column)
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, before, after): preview
    name_key: str = ""  # a person's folded name, when duplicates are looked for by name (at a company)


@dataclass(frozen=True)
class RowRules:
    """Everything turning a row into an outcome depends on (and nothing that cannot be pickled)."""

    entity: str  # "contact" | "company"
    mapping: Mapping
    region: str
    today: dt.date
    on_problem: str
    row_actions: dict[int, str]

    def validate(self, draft):
        if self.entity == "contact":
            return validate_contact(draft, self.region, self.today)
        return validate_company(draft, self.region)


def with_fixes(number: int, cells: list, fixes: dict[tuple[int, int], str]) -> list:
    """The row's cells with the user's corrections from the preview put in."""
    if not fixes:
        return cells
    cells = list(cells)
    for (r, c), text in fixes.items():
        if r == number:
            cells += [None] * (c + 1 - len(cells))
            cells[c] = text
    return cells


def row_outcome(rules: RowRules, number: int, cells: list) -> RowOutcome:
    """The row as a validated draft (or rejected, or empty); duplicates are not looked for here."""
    from .mapping import ENTITIES

    if not any(v is not None and cell_text(v) for v in cells):
        return RowOutcome(number, cells, EMPTY, SKIP)
    built = ENTITIES[rules.entity].build(cells, rules.mapping)
    if is_total_row(built.draft):
        return RowOutcome(number, cells, EMPTY, SKIP)
    outcome = RowOutcome(number, cells, NEW, CREATE, problems=built.problems, record_id=built.record_id)
    outcome.draft = _clean(rules, built)
    skip_problems = rules.row_actions.get(number, rules.on_problem) == SKIP_ROW
    if outcome.draft is None or (outcome.problems and skip_problems):
        outcome.status, outcome.action = REJECTED, SKIP
    elif rules.entity == "contact" and outcome.draft.company_name:
        outcome.name_key = name_key(outcome.draft)
    return outcome


def name_key(draft: ContactDraft) -> str:
    """The folded name rows and people are matched on ("Jon Smith" at Acme = "jon smith")."""
    text = f"{draft.given_name} {draft.family_name}"
    return " ".join(text.casefold().split()) if text.isascii() else fold(text)  # fold's ASCII case


def _clean(rules: RowRules, built: BuiltRow):
    """The validated draft, with values that are not valid dropped (and noted as problems)."""
    draft = built.draft
    if rules.entity == "contact" and not (draft.given_name or draft.family_name):
        if draft.emails:
            draft.given_name = draft.emails[0].value.strip()
        elif draft.company_name:
            built.problems.append(CellProblem(_first(built, "company_name"), "no_name", ""))
            return None
    custom = draft.custom
    draft.custom = {}
    for _attempt in range(3):
        try:
            clean = rules.validate(draft)
            clean.custom = custom
            return clean
        except ValidationError as exc:
            if not _drop_invalid(built, exc.errors):
                return None
    return None


def _drop_invalid(built: BuiltRow, errors: list[FieldError]) -> bool:
    draft = built.draft
    fixable = True
    for error in sorted(errors, key=lambda e: -(e.index or 0)):
        cols = built.sources.get(error.field, [])
        col = cols[error.index] if error.index is not None and error.index < len(cols) else \
            (cols[0] if cols else -1)
        built.problems.append(CellProblem(col, error.code, error.value))
        if error.field in ("emails", "phones", "handles") and error.index is not None:
            getattr(draft, error.field).pop(error.index)
            if error.field in built.sources:
                built.sources[error.field].pop(error.index)
        elif error.code == "too_long" or error.field in _DATE_FIELDS:
            setattr(draft, error.field, None if error.field in _DATE_FIELDS else "")
        else:
            fixable = False
    return fixable


def _first(built: BuiltRow, field_name: str) -> int:
    cols = built.sources.get(field_name, [])
    return cols[0] if cols else -1


def is_total_row(draft) -> bool:
    if isinstance(draft, ContactDraft):
        if draft.emails or draft.phones:
            return False
        names = (f"{draft.given_name} {draft.family_name}", draft.family_name + draft.given_name)
    else:
        names = (draft.name,)
    return any(n.strip().casefold().rstrip(":：") in _TOTAL_WORDS for n in names)


# -- across processes ------------------------------------------------------------------------------
_CHANNEL_FIELDS = ("emails", "phones", "handles")
_DRAFT_TYPES = {"contact": ContactDraft, "company": CompanyDraft}


def pack(outcome: RowOutcome) -> tuple:
    """An outcome as plain values (its cells stay with the sender, who read them)."""
    state = None
    if outcome.draft is not None:
        state = outcome.draft.__dict__.copy()
        for name in _CHANNEL_FIELDS:
            channels = state.get(name)
            if channels:
                state[name] = [(c.value, c.label, c.kind) for c in channels]
    return (outcome.row_number, outcome.status, outcome.action, state,
            [(p.column, p.code, p.value) for p in outcome.problems] if outcome.problems else None,
            outcome.record_id, outcome.name_key)


def unpack(packed: tuple, cells: list, entity: str) -> RowOutcome:
    number, status, action, state, problems, record_id, key = packed
    draft = None
    if state is not None:
        for name in _CHANNEL_FIELDS:
            channels = state.get(name)
            if channels:
                state[name] = [Channel(*c) for c in channels]
        draft = object.__new__(_DRAFT_TYPES[entity])
        draft.__dict__.update(state)
    return RowOutcome(number, cells, status, action, draft,
                      [CellProblem(*p) for p in problems] if problems else [], record_id=record_id,
                      name_key=key)


def _serve(rules: RowRules, jobs, results) -> None:
    """The worker process: chunks of (row number, cells) in, packed outcomes out, until None.

    The rows form no reference cycles: the cyclic GC runs a hundred times less often than by
    default, instead of walking every chunk's drafts again and again.
    """
    gc.set_threshold(70_000, 10, 100)
    while True:
        job = jobs.get()
        if job is None:
            return
        try:
            results.put(("rows", [pack(row_outcome(rules, number, cells)) for number, cells in job]))
        except ImportRefused as exc:
            results.put(("refused", exc.code, exc.detail))
            return
        except BaseException as exc:  # a bug: the importing process raises it as if it were its own
            try:
                pickle.loads(pickle.dumps(exc))  # some exceptions pickle but cannot be rebuilt
                results.put(("error", exc, traceback.format_exc()))
            except Exception:
                results.put(("error", None, traceback.format_exc()))
            return


class RowWorkerStopped(RuntimeError):
    """The process checking the rows ended without saying why (killed, out of memory).

    Not a CrmError: like any other unexpected failure it reaches the crash dialog, with details.
    """


class RowWorker:
    """A spawned process that turns chunks of rows into outcomes, a few chunks ahead.

    ``send`` hands it a chunk (it never blocks); ``receive`` returns the outcomes of the
    oldest chunk sent, waiting in short steps so that ``cancelled`` is seen within
    ``POLL_S``. A refusal or error in the worker is raised here as the same ImportRefused
    or exception. Leaving the ``with`` block ends the process (killed if still busy).
    """

    POLL_S = 0.1

    def __init__(self, rules: RowRules) -> None:
        context = multiprocessing.get_context("spawn")  # a fork of a Qt process could inherit held locks
        self._jobs = context.Queue()
        self._results = context.Queue()
        self._process = context.Process(target=_serve, args=(rules, self._jobs, self._results),
                                        name="import-rows", daemon=True)
        self._process.start()
        self._entity = rules.entity
        self._pending: list[list[tuple[int, list]]] = []
        self._closed = False

    def __enter__(self) -> RowWorker:
        return self

    def __exit__(self, *exc) -> None:
        self.close(finished=exc[0] is None)

    @property
    def pending(self) -> int:
        return len(self._pending)

    def send(self, job: list[tuple[int, list]]) -> None:
        self._pending.append(job)
        self._jobs.put(job)

    def receive(self, cancelled: threading.Event | None, on_cancel: Callable[[], BaseException]
                ) -> list[RowOutcome]:
        job = self._pending.pop(0)
        while True:
            if cancelled is not None and cancelled.is_set():
                raise on_cancel()
            try:
                message = self._results.get(timeout=self.POLL_S)
                break
            except queue.Empty:
                if not self._process.is_alive():
                    try:  # it may have answered just before it ended
                        message = self._results.get(timeout=self.POLL_S)
                        break
                    except queue.Empty:
                        raise RowWorkerStopped(
                            f"the row checker stopped (exit code {self._process.exitcode})") from None
        if message[0] == "rows":
            entity = self._entity
            return [unpack(p, cells, entity) for p, (_n, cells) in zip(message[1], job, strict=True)]
        if message[0] == "refused":
            raise ImportRefused(message[1], message[2])
        raise message[1] if message[1] is not None else RuntimeError(message[2])

    def close(self, finished: bool = True) -> None:
        """End the process: asked to when ``finished``, else (or if it does not) killed. Idempotent."""
        if self._closed:
            return
        self._closed = True
        process = self._process
        if finished and process.is_alive():
            self._jobs.put(None)
            process.join(2)
        if process.is_alive():
            process.kill()
            process.join(2)
        self._jobs.cancel_join_thread()  # chunks it never read are dropped, not waited for
        self._jobs.close()
        self._results.close()
        process.close()
