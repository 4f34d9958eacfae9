"""Use cases on people: create (one or many), edit, tag, trash, find duplicates, list."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import itertools
import os
import pickle
import signal
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..core.emails import normalize_email
from ..core.errors import FieldError, NotFoundError, ValidationError
from ..core.names import display_name
from ..core.query import ListQuery
from ..core.records import CompanyDraft, ContactDraft, ContactRecord, DuplicateHit
from ..core.text import company_key
from ..core.validation import validate_contact
from ..storage import ContactWrite
from .changes import Change
from .context import ServiceContext

Progress = Callable[[int, int], bool]  # (done, total) → False to cancel


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


def _batches(drafts: Iterable[ContactDraft], size: int) -> Iterator[list[ContactDraft]]:
    it = iter(drafts)
    while batch := list(itertools.islice(it, size)):
        yield batch


# Validating a batch while the one before it is written uses the second core: SQLite
# runs in C and Python's validation in a forked child, which sends the cleaned drafts
# back through a pipe. Only on Linux: macOS's system frameworks are not safe to use in
# a forked child of a GUI process, and Windows cannot fork. (A thread does not help:
# executemany takes the GIL back for every row; a process pool's feeder threads and
# pickling cost what the validation costs.)
_CAN_FORK = sys.platform.startswith("linux") and hasattr(os, "fork")


@dataclass
class _Ahead:
    """A batch being validated in a child process (pid 0: validate it here when asked)."""

    drafts: list[ContactDraft]
    offset: int
    pid: int = 0
    fd: int = -1


class _Lookahead:
    def __init__(self, validate: Callable[[list[ContactDraft], int], list[ContactDraft]]) -> None:
        self.validate = validate

    def start(self, drafts: list[ContactDraft], offset: int) -> _Ahead:
        job = _Ahead(drafts, offset)
        if not _CAN_FORK:
            return job
        read_fd, write_fd = os.pipe()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # "multi-threaded fork": see _child
            pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            self._child(job, write_fd)
        os.close(write_fd)
        job.pid, job.fd = pid, read_fd
        return job

    def _child(self, job: _Ahead, fd: int) -> None:
        """Validate, send the outcome, exit at once: no cleanup, no Qt, no database, no logging."""
        try:
            try:
                outcome = ("ok", self.validate(job.drafts, job.offset))
            except ValidationError as exc:
                outcome = ("invalid", exc.errors)
            except BaseException:  # the parent validates the batch itself and raises the error
                outcome = ("failed", None)
            with os.fdopen(fd, "wb") as pipe:
                pipe.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(0)

    def finish(self, job: _Ahead) -> list[ContactDraft]:
        """The batch's cleaned drafts; a ValidationError names a draft by its position."""
        if job.pid == 0:
            return self.validate(job.drafts, job.offset)
        try:
            with os.fdopen(job.fd, "rb") as pipe:
                kind, payload = pickle.loads(pipe.read())
        except Exception:  # the child died before it said anything: do the work here
            kind, payload = "failed", None
        finally:
            os.waitpid(job.pid, 0)
        if kind == "ok":
            return payload
        if kind == "invalid":
            raise ValidationError(payload)
        return self.validate(job.drafts, job.offset)

    def cancel(self, job: _Ahead | None) -> None:
        if job is not None and job.pid:
            os.kill(job.pid, signal.SIGKILL)
            os.close(job.fd)
            os.waitpid(job.pid, 0)


class ContactService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.contacts

    # -- writing -------------------------------------------------------------------------
    def validate(self, draft: ContactDraft) -> ContactDraft:
        return validate_contact(draft, self.ctx.region, self.ctx.clock.today())

    def create(self, draft: ContactDraft) -> int:
        return self.create_many([draft])[0]

    def create_many(self, drafts: Iterable[ContactDraft], *, batch_size: int = 10_000,
                    progress: Progress | None = None, total: int = 0) -> list[int]:
        """Validate and store contacts in batches, one transaction per batch.

        Every draft of a batch is checked before any is written; a ValidationError
        names the first bad draft by its position (FieldError.index) and nothing of
        that batch is stored.
        """
        with _no_cycle_collection(), self.ctx.read(), self.store.bulk_session():
            ids = self._create_batches(drafts, batch_size, progress, total)
        self.ctx.changes.emit(Change("contact", "create", tuple(ids) if len(ids) < 1000 else ()))
        return ids

    def _create_batches(self, drafts: Iterable[ContactDraft], batch_size: int,
                        progress: Progress | None, total: int) -> list[int]:
        """Write batch n while batch n+1 is validated (see _Lookahead); batch n is in the
        database before an error in batch n+1 is raised, as when done one after the other."""
        ids: list[int] = []
        batches = _batches(drafts, batch_size)
        lookahead = _Lookahead(self._validate_batch)
        current = next(batches, None)
        clean = self._validate_batch(current, 0) if current else []
        while current:
            following = next(batches, None)
            job = lookahead.start(following, len(ids) + len(current)) if following else None
            try:
                ids += self._write_batch(clean)
                keep_going = progress(len(ids), total) if progress else True
            except BaseException:
                lookahead.cancel(job)
                raise
            if job is None or keep_going is False:
                lookahead.cancel(job)
                break
            clean = lookahead.finish(job)
            current = following
        return ids

    def _validate_batch(self, drafts: Sequence[ContactDraft], offset: int) -> list[ContactDraft]:
        clean = []
        for i, draft in enumerate(drafts):
            try:
                clean.append(self.validate(draft))
            except ValidationError as exc:
                raise ValidationError([dataclasses.replace(e, index=offset + i) if e.index is None
                                       else e for e in exc.errors]) from None
        return clean

    def _write_batch(self, clean: list[ContactDraft]) -> list[int]:
        with self.ctx.write():
            now = self.ctx.clock.now()
            created = self._resolve_companies(clean)
            ids = self.store.insert(self._writes(clean, now), now)
        self._announce_companies(created)
        return ids

    def _writes(self, clean: list[ContactDraft], now) -> list[ContactWrite]:
        """What storage needs per draft.

        Tags take their stored spelling, in the order of their ids, so the search document
        is the one a reindex would write; a new tag is spelled as its first use in the batch.
        """
        tags = self.ctx.storage.tags.resolve(dict.fromkeys(t for d in clean for t in d.tags), now)
        writes = []
        for d in clean:
            if d.tags:
                found = sorted(tags[t.casefold()] for t in d.tags)
                d.tags = [name for _, name in found]
                writes.append(ContactWrite(d, display_name(d.given_name, d.family_name),
                                           [tag_id for tag_id, _ in found]))
            else:
                writes.append(ContactWrite(d, display_name(d.given_name, d.family_name)))
        return writes

    def _announce_companies(self, created: Sequence[int]) -> None:
        if created:
            self.ctx.changes.emit(Change("company", "create", tuple(created)))

    def _resolve_companies(self, drafts: Sequence[ContactDraft]) -> list[int]:
        """Link each draft to its company: by id, or by normalised name (creating it).

        A linked draft takes the company's own spelling of its name. Returns the ids
        of the companies created.
        """
        companies = self.ctx.storage.companies
        by_id: dict[int, str | None] = {}
        for d in drafts:
            if d.company_id is not None:
                if d.company_id not in by_id:
                    by_id[d.company_id] = companies.name_of(d.company_id)
                if by_id[d.company_id] is None:
                    raise ValidationError([FieldError("company_id", "unknown_company",
                                                      str(d.company_id))])
                d.company_name = by_id[d.company_id] or ""
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

    def update(self, contact_id: int, draft: ContactDraft) -> None:
        clean = self.validate(draft)
        with self.ctx.write():
            now = self.ctx.clock.now()
            created = self._resolve_companies([clean])
            tag_ids = self.ctx.storage.tags.ensure(clean.tags, now)
            write = ContactWrite(clean, display_name(clean.given_name, clean.family_name),
                                 [tag_ids[t] for t in clean.tags])
            self.store.update(contact_id, write, now)
        self._announce_companies(created)
        self.ctx.changes.emit(Change("contact", "update", (contact_id,)))

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
