"""Saved segments: create and edit them, count them, list them, and act on all their records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from ..core.deals import DealFilter
from ..core.errors import FieldError, ValidationError
from ..core.query import ListQuery
from ..core.segments import ENTITIES, Group, Segment, validate
from ..storage.segments import QUALITY, compile_filter, quality_condition
from .changes import Change
from .context import ServiceContext

# Record services a bulk action goes through, by entity (tags and the trash).
_RECORD_SERVICES = ("contact", "company")
# What a bulk action acts on: a saved segment's id, or (entity, SQL condition).
Target = int | tuple[str, tuple[str, tuple]]


class SegmentService:
    def __init__(self, ctx: ServiceContext, records: dict[str, object] | None = None, tasks=None) -> None:
        self.ctx = ctx
        self.store = ctx.storage.segments
        self.records = records or {}  # entity -> its service (contacts, companies)
        self.tasks = tasks  # the task service, where reminders exist

    # -- saved segments ------------------------------------------------------------------
    def all(self, entity: str | None = None) -> list[Segment]:
        with self.ctx.read():
            return self.store.all(entity)

    def get(self, segment_id: int) -> Segment:
        with self.ctx.read():
            return self.store.get(segment_id)

    def create(self, name: str, entity: str, group: Group) -> int:
        name = self._checked(name, entity, group)
        with self.ctx.write():
            segment_id = self.store.create(name, entity, group, self.ctx.clock.now())
        self.ctx.changes.emit(Change("segment", "create", (segment_id,)))
        return segment_id

    def update(self, segment_id: int, name: str, group: Group) -> None:
        segment = self.get(segment_id)
        name = self._checked(name, segment.entity, group)
        with self.ctx.write():
            self.store.update(segment_id, name, group, self.ctx.clock.now())
        self.ctx.changes.emit(Change("segment", "update", (segment_id,)))

    def delete(self, segment_id: int) -> None:
        """Forget a saved segment (its records stay as they are)."""
        with self.ctx.write():
            self.store.delete(segment_id, self.ctx.clock.now())
        self.ctx.changes.emit(Change("segment", "delete", (segment_id,)))

    def _checked(self, name: str, entity: str, group: Group) -> str:
        name = " ".join(name.split())
        if not name:
            raise ValidationError([FieldError("name", "required")])
        if entity not in ENTITIES:
            raise ValidationError([FieldError("entity", "invalid", entity)])
        validate(group, entity, self._custom_types(entity))
        return name

    def _custom_types(self, entity: str) -> dict[int, str]:
        with self.ctx.read():
            return {fid: kind for fid, _key, _label, kind in self.ctx.storage.custom_fields.fields(entity)}

    # -- evaluating ----------------------------------------------------------------------
    def condition(self, entity: str, group: Group, now: dt.datetime | None = None) -> tuple[str, tuple]:
        """The filter as one SQL condition on the entity's table, relative dates taken from now."""
        validate(group, entity, self._custom_types(entity))
        return compile_filter(group, entity, now or self.ctx.clock.now(), self._custom_types(entity))

    def query(self, segment_id: int, base: ListQuery = ListQuery()) -> ListQuery:
        """A list query showing the segment's records (what the list pages read)."""
        segment = self.get(segment_id)
        return replace(base, segment=self.condition(segment.entity, segment.filter))

    def deal_filter(self, segment_id: int) -> DealFilter:
        """The deal list's filter showing a deal segment's deals (of every status and pipeline)."""
        segment = self.get(segment_id)
        if segment.entity != "deal":
            raise ValidationError([FieldError("entity", "invalid", segment.entity)])
        return DealFilter(status="", segment=self.condition("deal", segment.filter))

    def count_filter(self, entity: str, group: Group) -> int:
        condition = self.condition(entity, group)
        with self.ctx.read():
            return self.store.count(entity, condition)

    def count(self, segment_id: int) -> int:
        segment = self.get(segment_id)
        return self.count_filter(segment.entity, segment.filter)

    def counts(self) -> dict[int, int]:
        """How many live records each saved segment holds now (the sidebar's figures)."""
        return {s.id: self.count_filter(s.entity, s.filter) for s in self.all()}

    def ids(self, target: Target) -> list[int]:
        """Ids of the live records of a saved segment (an id) or of (entity, condition)."""
        entity, condition = self._resolve(target)
        with self.ctx.read():
            return self.store.ids(entity, condition)

    def _resolve(self, target: Target) -> tuple[str, tuple[str, tuple]]:
        if isinstance(target, int):
            segment = self.get(target)
            return segment.entity, self.condition(segment.entity, segment.filter)
        entity, condition = target
        if entity not in _RECORD_SERVICES:
            raise ValidationError([FieldError("entity", "invalid", entity)])
        return entity, condition

    # -- data quality --------------------------------------------------------------------
    def quality_checks(self) -> tuple[str, ...]:
        """Keys of the data-quality checks on people (missing e-mail, stale, ...)."""
        return tuple(QUALITY)

    def quality_condition(self, key: str) -> tuple[str, tuple]:
        """The people failing one check, as a condition a list query can carry."""
        if key not in QUALITY:
            raise ValidationError([FieldError("check", "invalid", key)])
        return quality_condition(key, self.ctx.clock.now())

    def quality_counts(self) -> dict[str, int]:
        """How many live people fail each check."""
        with self.ctx.read():
            return {key: self.store.count("contact", self.quality_condition(key)) for key in QUALITY}

    # -- acting on every record of a segment ------------------------------------------------
    def _service(self, entity: str):
        service = self.records.get(entity)
        if service is None:
            raise ValidationError([FieldError("entity", "invalid", entity)])
        return service

    # A bulk action names its records by a saved segment's id, or by (entity, condition)
    # for an unsaved list such as a data-quality check.
    def add_tag(self, target: Target, tag_name: str) -> int:
        """Tag every record; returns how many records that was."""
        entity = self._resolve(target)[0]
        ids = self.ids(target)
        if ids:
            self._service(entity).add_tag(ids, tag_name)
        return len(ids)

    def assign_owner(self, target: Target, owner_id: int | None) -> int:
        """Give every record one owner; returns how many records changed."""
        entity = self._resolve(target)[0]
        ids = self.ids(target)
        with self.ctx.write():
            changed = self.store.assign_owner(entity, ids, owner_id, self.ctx.clock.now())
        self.ctx.changes.emit(Change(entity, "update", tuple(ids)))
        return changed

    def delete_records(self, target: Target) -> int:
        """Move every record to the trash."""
        entity = self._resolve(target)[0]
        ids = self.ids(target)
        return self._service(entity).delete(ids) if ids else 0

    def create_tasks(self, target: Target, draft) -> int:
        """One task from ``draft`` (a TaskDraft) for every record, in one transaction."""
        if self.tasks is None:
            raise ValidationError([FieldError("tasks", "unavailable")])
        entity = self._resolve(target)[0]
        column = {"contact": "contact_id", "company": "company_id", "deal": "deal_id"}[entity]
        ids = self.ids(target)
        with self.ctx.write():
            created = [self.tasks.create(replace(draft, **{column: record_id}), emit=False)
                       for record_id in ids]
        self.ctx.changes.emit(Change("task", "create", tuple(created)))
        return len(created)

    def create_deal_tasks(self, deal_ids: Sequence[int], draft) -> tuple[int, ...]:
        """One task from ``draft`` (a TaskDraft) for each live deal among ``deal_ids``, linked to
        the deal and owned by the deal's owner (the draft's where the deal has none), in one
        transaction. Returns the tasks' ids."""
        if self.tasks is None:
            raise ValidationError([FieldError("tasks", "unavailable")])
        with self.ctx.write():
            owners = self.ctx.storage.deals.owners(deal_ids)
            created = tuple(
                self.tasks.create(replace(draft, deal_id=deal_id, owner_id=owners[deal_id]
                                          if owners[deal_id] is not None else draft.owner_id), emit=False)
                for deal_id in deal_ids if deal_id in owners)
        if created:
            self.ctx.changes.emit(Change("task", "create", created))
            self.ctx.changes.emit(Change("deal", "update", tuple(i for i in deal_ids if i in owners)))
        return created
