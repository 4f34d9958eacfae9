"""The duplicate scan over every live contact or company, and "not a duplicate" marks.

The scan reads in blocks (see ``core.duplicates``): records sharing a normalised e-mail,
an E.164 phone, or a company and the initials of a name; only pairs inside a block are
scored, so a million contacts take seconds to minutes, not the 5·10¹¹ comparisons of
every pair. It reports progress (0-1) and stops when ``cancelled()`` says so; it runs on
whatever thread calls it (the window runs it off the UI thread).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

from ..core.duplicates import (
    MAX_BLOCK,
    SIMILAR_NAME,
    Evidence,
    ScanResult,
    initials_key,
    name_similarity,
    name_words,
    other_script,
    same_person_across_scripts,
    similar_pairs,
    site_key,
)
from ..core.errors import FieldError, ValidationError
from ..core.text import company_key, has_cjk
from .changes import Change
from .context import ServiceContext

Progress = Callable[[float], None]
Cancelled = Callable[[], bool]
# Blocks of similar names larger than this are compared no further (a very common name
# at a very large company); the e-mail and phone rules still see those people.
MAX_NAME_BLOCK = 200


class _Stop(Exception):
    pass


class DuplicateService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.duplicates

    def scan(self, entity: str = "contact", progress: Progress | None = None,
             cancelled: Cancelled | None = None) -> ScanResult:
        """Candidate pairs among the live records of ``entity``, most likely first."""
        _check_entity(entity)
        report = progress or (lambda _f: None)
        stop = cancelled or (lambda: False)
        result = ScanResult(entity)
        with self.ctx.read():
            evidence = Evidence(self.store.excluded(entity))
            try:
                if entity == "contact":
                    self._scan_contacts(result, evidence, report, stop)
                else:
                    self._scan_companies(result, evidence, report, stop)
            except _Stop:
                result.cancelled = True
                return result
        result.candidates = evidence.candidates()
        report(1.0)
        return result

    # -- contacts ------------------------------------------------------------------------
    def _scan_contacts(self, result: ScanResult, evidence: Evidence, report: Progress,
                       stop: Cancelled) -> None:
        total = max(self.store.count("contact"), 1)
        names: dict[int, str] = {}
        blocks: dict[tuple, list[int]] = {}
        for rows in self.store.contact_rows():
            for cid, full_name, company_id, company_name in rows:
                key = name_words(full_name)
                names[cid] = key
                company = company_id if company_id is not None else company_key(company_name or "")
                if company != "" and key:
                    blocks.setdefault((company, initials_key(full_name)), []).append(cid)
            result.scanned += len(rows)
            self._check(stop)
            report(0.5 * result.scanned / total)
        self._score_names(blocks, names, evidence, result, stop, "name_company", "similar_name_company")
        report(0.7)
        del blocks
        self._score_shared(self.store.contact_channel_blocks("email"), names, evidence, result, stop,
                           same="email", unlike="email_other_name")
        report(0.85)
        self._score_shared(self.store.contact_channel_blocks("phone"), names, evidence, result, stop,
                           same="phone", other_script="phone_other_script")

    def _score_names(self, blocks: dict[tuple, list[int]], names: dict[int, str], evidence: Evidence,
                     result: ScanResult, stop: Cancelled, exact: str, similar: str) -> None:
        for n, ids in enumerate(blocks.values()):
            if len(ids) < 2:
                continue
            if len(ids) > MAX_NAME_BLOCK:
                result.skipped_blocks += 1
                continue
            if n % 2000 == 0:
                self._check(stop)
            for (i, j), score in similar_pairs([names[x] for x in ids], SIMILAR_NAME).items():
                evidence.add(ids[i], ids[j], exact if score == 100 else similar)

    def _score_shared(self, blocks: Iterable[list[int]], names: dict[int, str], evidence: Evidence,
                      result: ScanResult, stop: Cancelled, *, same: str, unlike: str | None = None,
                      other_script: str | None = None) -> None:
        """Pairs sharing a value: ``same`` when their names are alike (or one is missing)."""
        for n, ids in enumerate(blocks):
            if n % 2000 == 0:
                self._check(stop)
            if len(ids) > MAX_BLOCK:
                result.skipped_blocks += 1
                continue
            keys = [names.get(x, "") for x in ids]
            if unlike is not None:
                for a, b in itertools.combinations(range(len(ids)), 2):
                    reason = _shared_reason(keys[a], keys[b], same, unlike, other_script)
                    if reason:
                        evidence.add(ids[a], ids[b], reason)
                continue
            for i, j in similar_pairs(keys, SIMILAR_NAME):
                evidence.add(ids[i], ids[j], same)
            # Only the pairs that can match otherwise are looked at: one name missing, or one
            # written in Chinese and the other not (a block is mostly names in one script).
            empty = [i for i, k in enumerate(keys) if not k]
            for i in empty:
                for j in range(len(ids)):
                    evidence.add(ids[i], ids[j], same)
            if other_script is None:
                continue
            cjk = [i for i, k in enumerate(keys) if k and has_cjk(k)]
            if cjk and len(cjk) < len(keys) - len(empty):
                latin = [i for i, k in enumerate(keys) if k and i not in cjk]
                for i in cjk:
                    for j in latin:
                        if same_person_across_scripts(keys[i], keys[j]):
                            evidence.add(ids[i], ids[j], other_script)

    # -- companies -----------------------------------------------------------------------
    def _scan_companies(self, result: ScanResult, evidence: Evidence, report: Progress,
                        stop: Cancelled) -> None:
        total = max(self.store.count("company"), 1)
        names: dict[int, str] = {}
        by_key: dict[str, list[int]] = {}
        by_prefix: dict[str, list[int]] = {}
        by_site: dict[str, list[int]] = {}
        for rows in self.store.company_rows():
            for cid, name, key, website in rows:
                key = key or company_key(name)
                names[cid] = key
                if key:
                    by_key.setdefault(key, []).append(cid)
                    by_prefix.setdefault(key[:3], []).append(cid)
                site = site_key(website or "")
                if site:
                    by_site.setdefault(site, []).append(cid)
            result.scanned += len(rows)
            self._check(stop)
            report(0.5 * result.scanned / total)
        for ids in by_key.values():
            if 2 <= len(ids) <= MAX_BLOCK:
                for a, b in itertools.combinations(ids, 2):
                    evidence.add(a, b, "company_name")
        self._score_names({k: v for k, v in by_prefix.items() if len(v) > 1}, names, evidence, result,
                          stop, "company_name", "similar_company_name")
        report(0.8)
        self._score_shared((ids for ids in by_site.values() if len(ids) > 1), names, evidence, result,
                           stop, same="website", unlike="website")
        self._score_shared(self.store.company_column_blocks("phone"), names, evidence, result, stop,
                           same="phone")

    @staticmethod
    def _check(stop: Cancelled) -> None:
        if stop():
            raise _Stop

    # -- "not a duplicate" ---------------------------------------------------------------
    def mark_distinct(self, entity: str, a: int, b: int) -> bool:
        """Remember that two records are different: no scan proposes the pair again. False when
        the pair was marked already (nothing changed, so there is nothing to undo)."""
        _check_entity(entity)
        with self.ctx.write():
            marked = self.store.mark_distinct(entity, a, b, self.ctx.clock.now())
        self.ctx.changes.emit(Change("duplicate", "update", (min(a, b), max(a, b))))
        return marked

    def unmark_distinct(self, entity: str, a: int, b: int) -> bool:
        """Forget that two records are different (the undo of ``mark_distinct``): scans propose the
        pair again. False when it was not marked (e.g. undone elsewhere already)."""
        _check_entity(entity)
        with self.ctx.write():
            unmarked = self.store.unmark_distinct(entity, a, b)
        self.ctx.changes.emit(Change("duplicate", "update", (min(a, b), max(a, b))))
        return unmarked

    def describe(self, entity: str, ids: list[int]) -> dict[int, tuple[str, str]]:
        """(name, company or e-mail) of each record, to show a candidate pair."""
        with self.ctx.read():
            return self.store.describe(entity, list(ids))

    def live(self, entity: str, ids: list[int]) -> set[int]:
        """Those of ``ids`` whose record is neither in the trash nor merged into another."""
        with self.ctx.read():
            return self.store.live(entity, list(ids))

    def distinct_pairs(self, entity: str) -> set[tuple[int, int]]:
        with self.ctx.read():
            return self.store.excluded(entity)


def _check_entity(entity: str) -> None:
    if entity not in ("contact", "company"):
        raise ValidationError([FieldError("entity", "invalid", entity)])


def _shared_reason(ka: str, kb: str, same: str, unlike: str | None, script: str | None) -> str | None:
    if not ka or not kb or name_similarity(ka, kb) >= SIMILAR_NAME:
        return same
    if script is not None and other_script(ka, kb) and same_person_across_scripts(ka, kb):
        return script
    return unlike
