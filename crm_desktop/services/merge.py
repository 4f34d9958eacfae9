"""Merging two contacts or two companies into one, recorded in the timeline, and undoing it."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.activities import ActivityDraft
from ..core.duplicates import OTHER, MergePlan, plan_fields
from ..core.errors import FieldError, ValidationError
from ..core.segments import custom_id
from ..storage.merge import MergeEntry, read_values
from .activities import ActivityService
from .changes import Change
from .context import ServiceContext


class MergeLabels:
    """The timeline texts of a merge; the window replaces them with ones in the user's language."""

    def merged(self, name: str) -> str:
        return f"Merged with {name}"

    def undone(self, name: str) -> str:
        return f"Merge with {name} undone"


class MergeService:
    def __init__(self, ctx: ServiceContext, activities: ActivityService) -> None:
        self.ctx = ctx
        self.store = ctx.storage.merges
        self.activities = activities
        self.labels = MergeLabels()
        self.backups = None  # a BackupService: every merge is preceded by a backup

    def plan(self, entity: str, survivor_id: int, other_id: int) -> MergePlan:
        """Both records side by side, with the value each field keeps unless chosen otherwise."""
        _check_entity(entity, survivor_id, other_id)
        db = self.ctx.storage.database.db
        with self.ctx.read():
            survivor, survivor_at, survivor_custom = read_values(db, entity, survivor_id)
            other, other_at, other_custom = read_values(db, entity, other_id)
        fields = plan_fields(entity, survivor, other, other_at > survivor_at, survivor_custom, other_custom)
        return MergePlan(entity, survivor_id, other_id, fields)

    def merge(self, entity: str, survivor_id: int, other_id: int,
              choices: Mapping[str, str] | None = None) -> int:
        """Merge ``other_id`` into ``survivor_id`` in one transaction; returns the merge's id.

        ``choices`` maps field keys to "survivor" or "other"; fields left out take the plan's
        default. Every e-mail, phone, tag, activity, deal, task, order, case, file and
        relationship of the other record moves to the survivor; the other goes to the trash.
        """
        plan = self.plan(entity, survivor_id, other_id)
        values, custom = _chosen(plan, choices or {})
        return self._merge(entity, survivor_id, other_id, values, custom)

    def redo(self, merge_id: int) -> int:
        """Merge the two records of an undone merge again, keeping the values chosen the first time
        (custom values taken from the other record are taken from it again). Returns the new merge's id."""
        with self.ctx.read():
            entry, payload = self.store.get(merge_id)
        if entry.undone_at is None:
            raise ValidationError([FieldError("merge", "not_undone")])
        _check_entity(entry.entity, entry.survivor_id, entry.loser_id)
        with self.ctx.read():
            other_custom = read_values(self.ctx.storage.database.db, entry.entity, entry.loser_id)[2]
        values = {column: new for column, (_old, new) in payload["fields"].items()}
        custom = {int(fid): other_custom[int(fid)] for fid in payload["custom"] if other_custom.get(int(fid))}
        return self._merge(entry.entity, entry.survivor_id, entry.loser_id, values, custom)

    def _merge(self, entity: str, survivor_id: int, other_id: int, values: dict,
               custom: dict[int, str]) -> int:
        if self.backups is not None:
            self.backups.before("merge")  # raises (and nothing is merged) if none can be made
        with self.ctx.write():
            now = self.ctx.clock.now()
            other_name = self._name(entity, other_id)
            merge_id, _payload = self.store.merge(entity, survivor_id, other_id, values, custom, now)
            activity_id = self.activities.log(ActivityDraft(
                "system", subject=self.labels.merged(other_name), occurred_at=now,
                **{f"{entity}_id": survivor_id}), emit=False)
            self.store.set_activity(merge_id, activity_id)
        self._announce(entity, survivor_id, other_id)
        return merge_id

    def undo(self, merge_id: int) -> MergeEntry:
        """Split a merge again: the other record comes back with everything that was moved."""
        with self.ctx.read():
            entry, _payload = self.store.get(merge_id)
        if entry.undone_at is not None:
            raise ValidationError([FieldError("merge", "already_undone")])
        with self.ctx.write():
            if not self.store.loser_exists(entry.entity, entry.loser_id):
                raise ValidationError([FieldError("merge", "purged")])
            if self.store.later_merges(merge_id, entry.entity, (entry.survivor_id, entry.loser_id)):
                raise ValidationError([FieldError("merge", "later_merge")])
            now = self.ctx.clock.now()
            entry = self.store.undo(merge_id, now)
            self.activities.log(ActivityDraft(
                "system", subject=self.labels.undone(self._name(entry.entity, entry.loser_id)),
                occurred_at=now, **{f"{entry.entity}_id": entry.survivor_id}), emit=False)
        self._announce(entry.entity, entry.survivor_id, entry.loser_id)
        return entry

    def history(self, entity: str, record_id: int) -> list[MergeEntry]:
        """The merges into or of one record, newest first."""
        with self.ctx.read():
            return self.store.merges_of(entity, record_id)

    def for_activity(self, activity_id: int) -> MergeEntry | None:
        """The merge a timeline entry records (to offer Undo on it), or None."""
        with self.ctx.read():
            return self.store.by_activity(activity_id)

    def recent(self, limit: int = 50) -> list[MergeEntry]:
        with self.ctx.read():
            return self.store.recent(limit)

    def _name(self, entity: str, record_id: int) -> str:
        return self.store.name_of(entity, record_id)

    def _announce(self, entity: str, survivor_id: int, other_id: int) -> None:
        # Everything that can point at a record may have moved: lists, timelines, tasks, deals.
        self.ctx.changes.emit(Change(entity, "update", (survivor_id,)))
        self.ctx.changes.emit(Change(entity, "delete", (other_id,)))
        for related in ("activity", "task", "deal"):
            self.ctx.changes.emit(Change(related, "update", ()))
        if entity == "company":
            self.ctx.changes.emit(Change("contact", "update", ()))


def _check_entity(entity: str, a: int, b: int) -> None:
    if entity not in ("contact", "company"):
        raise ValidationError([FieldError("entity", "invalid", entity)])
    if a == b:
        raise ValidationError([FieldError("merge", "same_record")])


def _chosen(plan: MergePlan, choices: Mapping[str, str]) -> tuple[dict, dict[int, str]]:
    values: dict = {}
    custom: dict[int, str] = {}
    for f in plan.fields:
        side = choices.get(f.key, f.default)
        chosen = f.other if side == OTHER else f.survivor
        fid = custom_id(f.key)
        if fid is not None:
            if chosen["value"]:
                custom[fid] = chosen["value"]
        else:
            values.update(chosen)
    return values, custom
