"""Use cases on people: create (one or many), edit, tag, trash, find duplicates, list."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from ..core.cpu import spare_cores
from ..core.emails import normalize_email
from ..core.errors import FieldError, NotFoundError, ValidationError
from ..core.names import display_name
from ..core.query import ListQuery
from ..core.records import CompanyDraft, ContactDraft, ContactRecord, DuplicateHit
from ..core.text import company_key
from ..core.validation import validate_contact
from ..storage import ContactWrite
from ..storage.common import new_uuids
from ..storage.contacts import contact_parts
from .changes import Change
from .context import ServiceContext, later_than

Progress = Callable[[int, int], bool]  # (done, total) → False to cancel

# The fewest people create_many loads in bulk (when the table holds no more than that).
BULK_MIN = 10_000


def _batches(drafts: Iterable[ContactDraft], size: int) -> Iterator[list[ContactDraft]]:
    batch: list[ContactDraft] = []
    for draft in drafts:
        batch.append(draft)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _spare_core() -> bool:
    """Whether a second thread would get a core of its own (the load average leaves one free).

    Checking the next batch beside the writing costs GIL hand-overs; measured on two cores
    kept busy by other work, it made a load slower (wall time = CPU time, 168 against
    122 µs of CPU per contact), so it is done only when a core is idle.
    """
    return spare_cores(2)


@contextlib.contextmanager
def _prompt_switching() -> Iterator[None]:
    """Hand the GIL over sooner while a batch is checked beside SQLite's writing.

    When a statement returns, the writing thread waits for the checking thread to give
    up the GIL, by default up to 5 ms; with ~1,000 rows per statement that wait would
    be a large share of the write. Restored afterwards.
    """
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, 0.0005))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _go_on() -> None:
    pass


class _Turns:
    """Gives the writing thread the GIL to itself for its own Python while a batch is checked
    beside it.

    Only one thread runs Python at a time. When the writing thread comes back from SQLite
    (which runs without the GIL) while the checking thread runs Python, it waits for the
    GIL up to the switch interval; linking a batch's companies reads ~2,000 rows, one step
    and one such wait each, so that stretch took ~9× its CPU time (0.4 s per batch of
    10,000). Around such stretches the writer takes its turn; the checking thread waits
    between two drafts (off the GIL) until the writer is back in SQLite.
    """

    def __init__(self) -> None:
        self._checker_may_run = threading.Event()
        self._checker_may_run.set()

    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        self._checker_may_run.clear()
        try:
            yield
        finally:
            self._checker_may_run.set()

    def checker(self) -> None:
        """Called by the checking thread between drafts: waits while the writer has its turn."""
        self._checker_may_run.wait()


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk insert.

    A batch allocates hundreds of thousands of container objects (drafts, channels, row
    tuples) that live until it is written and form no cycles; the collector would walk
    all of them again and again, which cost ~40 µs per contact at 100k. Reference
    counting still frees everything as usual; collection resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ContactService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.contacts
        self._bulk_depth = 0

    # -- writing -------------------------------------------------------------------------
    def validate(self, draft: ContactDraft) -> ContactDraft:
        return validate_contact(draft, self.ctx.region, self.ctx.clock.today())

    def create(self, draft: ContactDraft) -> int:
        return self.create_many([draft])[0]

    def create_many(self, drafts: Iterable[ContactDraft], *, batch_size: int = 10_000,
                    progress: Progress | None = None, total: int = 0,
                    validated: bool = False, bulk: bool | None = None) -> list[int]:
        """Validate and store contacts in batches.

        Every draft of a batch is checked before any is written; a ValidationError
        names the first bad draft by its position (FieldError.index) and nothing of
        that batch is stored, while the batches before it are. ``validated`` says every
        draft is already what :meth:`validate` returned (an import checks each row itself
        to report its problems), so it is not checked a second time. ``progress`` is
        called after each batch with (stored, total); returning False stops after it.

        Each batch is checked on a second thread while the one before it is written:
        SQLite writes a batch in statements of ~1,000 rows that run without the GIL.

        A load as large as the table already is (at least :data:`BULK_MIN` people: the
        first import of a list, a demo database) runs as a bulk load (see
        :meth:`bulk_load`): ``bulk`` forces it on or off. Otherwise, or inside a
        :meth:`bulk_load`, every batch is a transaction of its own.
        """
        count = len(drafts) if isinstance(drafts, Sequence) else total
        with _no_cycle_collection(), self.ctx.read(), self.store.bulk_session():
            if bulk is None:
                bulk = not self._bulk_depth and self.worth_bulk_load(count)
            if bulk and not self._bulk_depth:
                with self.bulk_load():
                    ids, created, stopped = self._create_batches(drafts, batch_size, progress, total,
                                                                 validated)
            else:
                ids, created, stopped = self._create_batches(drafts, batch_size, progress, total, validated)
        self._announce_companies(created)
        if ids:
            self.ctx.changes.emit(Change("contact", "create", tuple(ids) if len(ids) < 1000 else ()))
        if stopped is not None:
            raise stopped
        return ids

    def worth_bulk_load(self, count: int) -> bool:
        """Whether adding ``count`` people is worth a :meth:`bulk_load`: at least :data:`BULK_MIN`
        and as many as the table holds (its sort indexes are built again over the whole table)."""
        return count >= BULK_MIN and count >= self.store.row_count()

    @contextlib.contextmanager
    def bulk_load(self) -> Iterator[None]:
        """One write transaction in which many people are added fast (an import, a first load).

        The list's sort indexes are dropped and built again by sorting when the block ends,
        and the search index buffers its terms (see ContactStore.bulk_load); create_many
        calls inside the block join its transaction. When the block raises, everything
        written inside it is rolled back and the database is as before. Searching, sorting
        and duplicate checks inside the block still work (the indexes they need are kept);
        sorting the list by a dropped column is slower until the block ends.
        """
        with self.ctx.write(), self.store.bulk_load():
            self._bulk_depth += 1
            try:
                yield
            finally:
                self._bulk_depth -= 1

    def _create_batches(self, drafts: Iterable[ContactDraft], batch_size: int, progress: Progress | None,
                        total: int, validated: bool
                        ) -> tuple[list[int], list[int], ValidationError | None]:
        """(ids stored, companies created, the ValidationError that stopped it or None).

        From the second batch on, when a core is idle, the next batch is checked and its rows
        prepared on a worker thread while this one is written here (the connection and its
        transaction belong to this thread); otherwise the batches are checked in turn.
        """
        ids: list[int] = []
        created: list[int] = []
        batches = _batches(drafts, batch_size)
        batch = next(batches, None)
        following = next(batches, None) if batch is not None else None
        if batch is None:
            return ids, created, None
        if following is None or not _spare_core():  # nothing to overlap, or no core to do it on
            offset = 0
            while batch is not None:
                try:
                    writes = self._prepare(batch, offset, validated)
                except ValidationError as exc:
                    return ids, created, exc
                ids += self._write_batch(writes, created)
                offset += len(batch)
                batch, following = following, next(batches, None) if following is not None else None
                if progress and progress(len(ids), total) is False:
                    break
            return ids, created, None
        turns = _Turns()
        with ThreadPoolExecutor(1, thread_name_prefix="contact-check") as pool, _prompt_switching():
            pending: Future | None = pool.submit(self._prepare, batch, 0, validated, turns)
            offset = 0
            while pending is not None:
                offset += len(batch)
                batch = following
                following = next(batches, None) if batch is not None else None
                ahead = (pool.submit(self._prepare, batch, offset, validated, turns) if batch is not None
                         else None)
                try:
                    writes = pending.result()
                except ValidationError as exc:
                    return ids, created, exc
                ids += self._write_batch(writes, created, turns)
                pending = ahead
                if progress and progress(len(ids), total) is False:
                    break
        return ids, created, None

    def _prepare(self, drafts: Sequence[ContactDraft], offset: int, validated: bool,
                 turns: _Turns | None = None) -> list[ContactWrite]:
        """Check a batch and compute what its rows need apart from the database (any thread)."""
        wait = turns.checker if turns is not None else _go_on
        clean = list(drafts) if validated else []
        for i, draft in enumerate(() if validated else drafts):
            wait()
            try:
                clean.append(self.validate(draft))
            except ValidationError as exc:
                raise ValidationError([dataclasses.replace(e, index=offset + i) if e.index is None
                                       else e for e in exc.errors]) from None
        writes = []
        for d, uid in zip(clean, new_uuids(len(clean)), strict=True):
            wait()
            full_name = display_name(d.given_name, d.family_name)
            writes.append(ContactWrite(d, full_name, (), contact_parts(d, full_name, uid)))
        return writes

    def _write_batch(self, writes: list[ContactWrite], created: list[int], turns: _Turns | None = None
                     ) -> list[int]:
        with self.ctx.write():
            now = self.ctx.clock.now()
            with turns.writer() if turns is not None else contextlib.nullcontext():
                created += self._resolve_companies([w.draft for w in writes])
                self._resolve_tags(writes, now)
                rows = self.store.rows(writes, now)
            return self.store.write_rows(rows)

    def _resolve_tags(self, writes: list[ContactWrite], now) -> None:
        """Give each write its tag ids, and its draft the tags' stored spelling.

        Tags take their stored spelling, in the order of their ids, so the search document
        is the one a reindex would write; a new tag is spelled as its first use in the batch.
        """
        tags = self.ctx.storage.tags.resolve(dict.fromkeys(t for w in writes for t in w.draft.tags), now)
        sets: dict[tuple[str, ...], tuple[list[str], list[int]]] = {}
        for w in writes:
            d = w.draft
            if d.tags:
                key = tuple(d.tags)
                found = sets.get(key)
                if found is None:
                    ordered = sorted(tags[t.casefold()] for t in key)
                    found = sets[key] = ([name for _, name in ordered], [tag_id for tag_id, _ in ordered])
                d.tags = found[0]
                w.tag_ids = found[1]

    def _announce_companies(self, created: Sequence[int]) -> None:
        if created:
            self.ctx.changes.emit(Change("company", "create", tuple(created)))

    def _resolve_companies(self, drafts: Sequence[ContactDraft]) -> list[int]:
        """Link each draft to its company: by id, or by normalised name (creating it).

        A linked draft takes the company's own spelling of its name. Returns the ids
        of the companies created.
        """
        companies = self.ctx.storage.companies
        linked = [d for d in drafts if d.company_id is not None]
        if linked:  # an import links hundreds of companies per batch: their names in one query
            by_id = companies.names(list({d.company_id for d in linked}))
            for d in linked:
                name = by_id.get(d.company_id)
                if name is None:
                    raise ValidationError([FieldError("company_id", "unknown_company", str(d.company_id))])
                d.company_name = name or ""
        named = [d for d in drafts if d.company_id is None and d.company_name]
        if not named:
            return []
        # A batch names a few companies many times: normalise each distinct name once.
        keys = {name: company_key(name) for name in dict.fromkeys(d.company_name for d in named)}
        known = companies.find_by_key(list(keys))
        spelling = companies.names(list(known.values()))
        created: list[int] = []
        now = self.ctx.clock.now()
        for d in named:
            key = keys[d.company_name]
            if key not in known:
                known[key] = companies.insert(
                    CompanyDraft(name=d.company_name, owner_id=d.owner_id), [], now)
                spelling[known[key]] = d.company_name
                created.append(known[key])
            d.company_id = known[key]
            d.company_name = spelling[d.company_id]
        return created

    def update(self, contact_id: int, draft: ContactDraft, expected: dt.datetime | None = None
               ) -> dt.datetime:
        """Store an edit; returns the person's new updated_at.

        ``expected`` is the updated_at the edit started from (``record.stamp.updated_at``):
        when someone saved the person since, nothing is written and EditConflict is raised.
        Without it the edit overwrites whatever is stored.
        """
        clean = self.validate(draft)
        with self.ctx.write():
            now = later_than(self.ctx.clock.now(), expected)
            created = self._resolve_companies([clean])
            tag_ids = self.ctx.storage.tags.ensure(clean.tags, now)
            write = ContactWrite(clean, display_name(clean.given_name, clean.family_name),
                                 [tag_ids[t] for t in clean.tags])
            self.store.update(contact_id, write, now, expected)
        self._announce_companies(created)
        self.ctx.changes.emit(Change("contact", "update", (contact_id,)))
        return now

    def add_tag(self, ids: Sequence[int], tag_name: str) -> int:
        name = " ".join(tag_name.split())
        if not name:
            raise ValidationError([FieldError("tags", "required")])
        with self.ctx.write():
            now = self.ctx.clock.now()
            tag_id = self.ctx.storage.tags.ensure([name], now)[name]
            self.store.add_tag(ids, tag_id, now)
        self.ctx.changes.emit(Change("contact", "update", tuple(ids)))
        return tag_id

    def remove_tag(self, ids: Sequence[int], tag_id: int) -> None:
        with self.ctx.write():
            self.store.remove_tag(ids, tag_id, self.ctx.clock.now())
        self.ctx.changes.emit(Change("contact", "update", tuple(ids)))

    def delete(self, ids: Sequence[int]) -> int:
        """Move contacts to the trash."""
        with self.ctx.write():
            n = self.store.soft_delete(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("contact", "delete", tuple(ids)))
        return n

    def restore(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            n = self.store.restore(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("contact", "restore", tuple(ids)))
        return n

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed contacts for good."""
        with self.ctx.write():
            n = self.store.purge(ids)
        self.ctx.changes.emit(Change("contact", "purge", tuple(ids)))
        return n

    # -- reading -------------------------------------------------------------------------
    def get(self, contact_id: int) -> ContactRecord:
        with self.ctx.read():
            return self.store.get(contact_id)

    def exists(self, contact_id: int) -> bool:
        try:
            self.get(contact_id)
        except NotFoundError:
            return False
        return True

    def duplicates(self, draft: ContactDraft, exclude_id: int | None = None) -> list[DuplicateHit]:
        """Live contacts that already have one of the draft's e-mails or phones."""
        clean = self.validate(draft)
        emails = [normalize_email(e.value) for e in clean.emails]
        phones = [p.value for p in clean.phones]
        with self.ctx.read():
            hits = self.store.find_by_channel("email", emails, exclude_id)
            hits += self.store.find_by_channel("phone", phones, exclude_id)
        seen: set[tuple[int, str]] = set()
        unique = []
        for hit in hits:
            if (hit.record_id, hit.reason) not in seen:
                seen.add((hit.record_id, hit.reason))
                unique.append(hit)
        return unique

    def count(self, query: ListQuery = ListQuery()) -> int:
        with self.ctx.read():
            return self.store.count(query)

    def page(self, query: ListQuery, offset: int, limit: int) -> list[tuple]:
        with self.ctx.read():
            return self.store.page(query, offset, limit)

    def tags_for(self, ids: Sequence[int]) -> dict[int, list[str]]:
        with self.ctx.read():
            return self.store.tags_for(ids)
