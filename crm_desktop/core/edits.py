"""Edits of people and companies as data that can be undone and redone.

A RecordEdit keeps a record as it was before an edit and as the edit left it. Undoing puts
back only the fields the edit changed, and only when nobody changed those fields since
(a ChangedSinceError names them otherwise), so a later edit made elsewhere is never
silently overwritten. Tags and owners changed on many records at once are kept as the
records each change really altered.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, fields

from .activities import ActivityDraft
from .errors import CrmError
from .records import CompanyDraft, ContactDraft

Draft = ContactDraft | CompanyDraft
CUSTOM = "custom:"  # a custom field's key: "custom:<field id>"
# Kept in step with its id: a person's company is one field, whichever way it was named.
_SKIPPED = frozenset({"company_name", "custom"})


class ChangedSinceError(CrmError):
    """The record was changed elsewhere since the edit being undone or redone: ``fields``
    names what changed (draft attribute names, custom fields as ``custom:<id>``)."""

    def __init__(self, entity: str, record_id: int, name: str = "", changed: tuple[str, ...] = ()) -> None:
        super().__init__(f"{entity} {record_id} was changed since: {', '.join(changed)}")
        self.entity = entity
        self.record_id = record_id
        self.name = name
        self.fields = changed


@dataclass(frozen=True)
class RecordEdit:
    """One saved edit of a person ("contact") or a company: the record before and after it."""

    entity: str
    record_id: int
    name: str
    before: Draft
    after: Draft

    @property
    def changed(self) -> tuple[str, ...]:
        return changed_fields(self.before, self.after)

    def inverse(self) -> RecordEdit:
        return RecordEdit(self.entity, self.record_id, self.name, self.after, self.before)


@dataclass(frozen=True)
class TagChange:
    """A tag added to or taken off some records; ``ids`` are the records it really changed."""

    entity: str
    tag_id: int
    tag: str
    added: bool
    ids: tuple[int, ...]


@dataclass(frozen=True)
class OwnerChange:
    """Records given one owner; ``previous`` holds (record id, owner before) of those it changed."""

    entity: str
    owner_id: int | None
    previous: tuple[tuple[int, int | None], ...]

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(record_id for record_id, _ in self.previous)


def field_keys(draft: Draft) -> list[str]:
    keys = [f.name for f in fields(draft) if f.name not in _SKIPPED]
    return keys + [f"{CUSTOM}{field_id}" for field_id in sorted(draft.custom)]


def value_of(draft: Draft, key: str):
    """The value of one field; an empty custom value is the same as none."""
    if key.startswith(CUSTOM):
        return draft.custom.get(int(key[len(CUSTOM):]), "") or ""
    if key == "tags":
        return sorted(t.casefold() for t in draft.tags)
    return getattr(draft, key)


def changed_fields(before: Draft, after: Draft) -> tuple[str, ...]:
    keys = dict.fromkeys(field_keys(before) + field_keys(after))
    return tuple(k for k in keys if value_of(before, k) != value_of(after, k))


def with_values(target: Draft, source: Draft, keys: tuple[str, ...]) -> Draft:
    """A copy of ``target`` with the fields ``keys`` taken from ``source``."""
    result = copy.deepcopy(target)
    for key in keys:
        if key.startswith(CUSTOM):
            field_id = int(key[len(CUSTOM):])
            result.custom[field_id] = source.custom.get(field_id, "")
            continue
        setattr(result, key, copy.deepcopy(getattr(source, key)))
        if key == "company_id" and isinstance(result, ContactDraft):
            result.company_name = source.company_name if source.company_id is not None else ""
    return result


def conflicts(current: Draft, expected: Draft, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The fields among ``keys`` whose current value is no longer the expected one."""
    return tuple(k for k in keys if value_of(current, k) != value_of(expected, k))


@dataclass(frozen=True)
class TaskState:
    """What completing, reopening or snoozing a task changes: put back as a whole by an undo."""

    done_at: dt.datetime | None
    snoozed_until: dt.datetime | None
    remind_at: dt.datetime | None
    notified_at: dt.datetime | None

    @classmethod
    def of(cls, task) -> TaskState:
        return cls(task.done_at, task.snoozed_until, task.remind_at, task.notified_at)


@dataclass(frozen=True)
class Completion:
    """A task marked done: its state before and after, and what completing it made (the next
    occurrence of a repeating task, the activity logged), which its undo moves to the trash."""

    task_id: int
    before: TaskState
    after: TaskState
    next_id: int | None = None
    activity_id: int | None = None


def activity_draft(activity) -> ActivityDraft:
    """What an edit of a logged activity saves, as the activity is now (an Activity)."""
    return ActivityDraft(activity.kind, activity.subject, activity.body, activity.outcome,
                         activity.occurred_at, activity.duration_s, activity.pinned, activity.contact_id,
                         activity.company_id, activity.deal_id, activity.owner_id, activity.case_id)
