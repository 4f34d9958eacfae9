"""Edits of people and companies that can be undone and redone, each in one transaction.

Every method here returns what it did as data (core.edits) and has an inverse: an edit is
reverted field by field, a tag change is taken back on the records it changed, an owner
change gives each record its owner back. An inverse refuses (ChangedSinceError) rather
than overwrite a field someone changed since. "Restore this value" on a field's history
is an ordinary edit, so it can be undone too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..core.customer import FieldChange
from ..core.edits import (
    ChangedSinceError,
    Draft,
    OwnerChange,
    RecordEdit,
    TagChange,
    conflicts,
    with_values,
)
from ..core.errors import FieldError, ValidationError
from ..core.records import Channel, ContactDraft
from ..storage.edits import owners
from ..storage.history import CUSTOM_PREFIX
from .changes import Change
from .companies import CompanyService
from .contacts import ContactService
from .context import ServiceContext

ENTITIES = ("contact", "company")


class EditService:
    def __init__(self, ctx: ServiceContext, contacts: ContactService, companies: CompanyService) -> None:
        self.ctx = ctx
        self._services = {"contact": contacts, "company": companies}

    def _service(self, entity: str):
        if entity not in self._services:
            raise ValidationError([FieldError("entity", "invalid", entity)])
        return self._services[entity]

    def _read(self, entity: str, record_id: int) -> tuple[str, Draft]:
        record = self._service(entity).store.get(record_id)
        name = record.full_name if entity == "contact" else record.data.name
        return name, record.data

    # -- edits of one record -----------------------------------------------------------------
    def snapshot(self, entity: str, record_id: int) -> Draft:
        """The record as stored now, to compare with after an edit made elsewhere (a dialog)."""
        with self.ctx.read():
            return self._read(entity, record_id)[1]

    def edited(self, entity: str, record_id: int, before: Draft) -> RecordEdit:
        """The edit that took the record from ``before`` to what is stored now."""
        with self.ctx.read():
            name, after = self._read(entity, record_id)
        return RecordEdit(entity, record_id, name, before, after)

    def update(self, entity: str, record_id: int, draft: Draft) -> RecordEdit:
        """Store ``draft`` as the record (validated like any edit); returns the edit done."""
        with self.ctx.write():
            before = self._read(entity, record_id)[1]
            self._service(entity).update(record_id, draft)
            name, after = self._read(entity, record_id)
        return RecordEdit(entity, record_id, name, before, after)

    def revert(self, edit: RecordEdit) -> RecordEdit:
        """Undo ``edit``: the fields it changed get their earlier values back, the others stay.

        ChangedSinceError (and nothing written) when one of those fields changed since.
        Returns the edit that did it (its inverse undoes the undo).
        """
        return self._apply(edit.entity, edit.record_id, edit.after, edit.before, edit.changed)

    def reapply(self, edit: RecordEdit) -> RecordEdit:
        """Redo ``edit`` after it was reverted, on the same terms as :meth:`revert`."""
        return self._apply(edit.entity, edit.record_id, edit.before, edit.after, edit.changed)

    def _apply(self, entity: str, record_id: int, expected: Draft, wanted: Draft,
               keys: tuple[str, ...]) -> RecordEdit:
        with self.ctx.write():
            name, current = self._read(entity, record_id)
            changed = conflicts(current, expected, keys)
            if changed:
                raise ChangedSinceError(entity, record_id, name, changed)
            self._service(entity).update(record_id, with_values(current, wanted, keys))
            name, after = self._read(entity, record_id)
        return RecordEdit(entity, record_id, name, current, after)

    def restore_value(self, change: FieldChange) -> RecordEdit:
        """Give a field of a record the value it had before ``change`` (a new edit, in the history)."""
        with self.ctx.write():
            current = self._read(change.entity, change.record_id)[1]
            draft = self._restored(change.entity, current, change.field, change.old)
            return self.update(change.entity, change.record_id, draft)

    def _restored(self, entity: str, current: Draft, field: str, old: str) -> Draft:
        """``current`` with ``field`` (a history field name) set from its recorded text ``old``."""
        draft = with_values(current, current, ())
        if field.startswith(CUSTOM_PREFIX):
            draft.custom[self._custom_id(entity, field[len(CUSTOM_PREFIX):])] = old
        elif field == "tags":
            draft.tags = [t.strip() for t in old.split(",") if t.strip()]
        elif field == "owner_id":
            draft.owner_id = self._user_id(old)
        elif field == "company_id" and isinstance(draft, ContactDraft):
            draft.company_id, draft.company_name = None, old  # found by name again, or made
        elif field in ("email", "phone") and isinstance(draft, ContactDraft):
            _set_first(draft.emails if field == "email" else draft.phones, old,
                       "work" if field == "email" else "mobile")
        elif field == "birthday":
            draft.birthday = dt.date.fromisoformat(old) if old else None
        elif field == "employees":
            draft.employees = int(old) if old else None
        elif hasattr(draft, field) and isinstance(getattr(draft, field), str):
            setattr(draft, field, old)
        else:
            raise ValidationError([FieldError(field, "invalid", old)])
        return draft

    def _custom_id(self, entity: str, label: str) -> int:
        for field_id, _key, shown, _kind in self.ctx.storage.custom_fields.fields(entity):
            if shown == label:
                return field_id
        raise ValidationError([FieldError(CUSTOM_PREFIX + label, "gone", label)])

    def _user_id(self, name: str) -> int | None:
        if not name:
            return None
        for user in self.ctx.storage.users.all():
            if user.name == name:
                return user.id
        raise ValidationError([FieldError("owner_id", "gone", name)])

    # -- tags on many records ----------------------------------------------------------------
    def add_tag(self, entity: str, ids: Sequence[int], tag_name: str) -> TagChange:
        """Tag the records; the change lists those that did not have the tag yet."""
        name = " ".join(tag_name.split())
        if not name:
            raise ValidationError([FieldError("tags", "required")])
        store = self._bulk_store(entity)
        with self.ctx.write():
            now = self.ctx.clock.now()
            tag_id, spelling = self.ctx.storage.tags.resolve([name], now)[name.casefold()]
            had = _having(store.tags_for(ids), spelling)
            changed = tuple(i for i in ids if i not in had)
            if changed:
                store.add_tag(changed, tag_id, now)
        self._announce(entity, changed, tag=True)
        return TagChange(entity, tag_id, spelling, True, changed)

    def remove_tag(self, entity: str, ids: Sequence[int], tag_id: int) -> TagChange:
        """Take a tag off the records; the change lists those that had it."""
        store = self._bulk_store(entity)
        with self.ctx.write():
            spelling = next((t.name for t in self.ctx.storage.tags.all() if t.id == tag_id), "")
            had = _having(store.tags_for(ids), spelling)
            changed = tuple(i for i in ids if i in had)
            if changed:
                store.remove_tag(changed, tag_id, self.ctx.clock.now())
        self._announce(entity, changed)
        return TagChange(entity, tag_id, spelling, False, changed)

    def revert_tags(self, change: TagChange) -> TagChange:
        """Undo a tag change on the records it changed; returns the change that did it."""
        return self._set_tag(change, not change.added)

    def reapply_tags(self, change: TagChange) -> TagChange:
        return self._set_tag(change, change.added)

    def _set_tag(self, change: TagChange, add: bool) -> TagChange:
        store = self._bulk_store(change.entity)
        with self.ctx.write():
            now = self.ctx.clock.now()
            if add:
                # The tag itself may have been deleted meanwhile: made again by its name.
                tag_id = self.ctx.storage.tags.resolve([change.tag], now)[change.tag.casefold()][0]
                store.add_tag(change.ids, tag_id, now)
            else:
                tag_id = change.tag_id
                store.remove_tag(change.ids, tag_id, now)
        self._announce(change.entity, change.ids, tag=add)
        return TagChange(change.entity, tag_id, change.tag, add, change.ids)

    # -- owners of many records --------------------------------------------------------------
    def assign_owner(self, entity: str, ids: Sequence[int], owner_id: int | None) -> OwnerChange:
        """Give the records one owner; the change remembers the owner each of them had."""
        self._bulk_store(entity)
        with self.ctx.write():
            before = self._owners(entity, ids)
            previous = tuple((i, before[i]) for i in ids if i in before and before[i] != owner_id)
            self._assign(entity, [i for i, _ in previous], owner_id, self.ctx.clock.now())
        self._announce(entity, tuple(i for i, _ in previous))
        return OwnerChange(entity, owner_id, previous)

    def revert_owner(self, change: OwnerChange) -> int:
        """Give each record its owner back; records whose owner was changed again since keep
        that one. Returns how many records kept a newer owner."""
        with self.ctx.write():
            now = self.ctx.clock.now()
            current = self._owners(change.entity, change.ids)
            by_owner: dict[int | None, list[int]] = {}
            for record_id, owner in change.previous:
                if record_id in current and current[record_id] == change.owner_id:
                    by_owner.setdefault(owner, []).append(record_id)
            for owner, ids in by_owner.items():
                self._assign(change.entity, ids, owner, now)
        self._announce(change.entity, change.ids)
        return len(change.previous) - sum(len(ids) for ids in by_owner.values())

    def reapply_owner(self, change: OwnerChange) -> OwnerChange:
        return self.assign_owner(change.entity, change.ids, change.owner_id)

    # -- deals as well as people and companies (a deal segment's actions on all) ------------------
    def _bulk_store(self, entity: str):
        """The store tags and owners of many records of ``entity`` are written through."""
        return self.ctx.storage.deals if entity == "deal" else self._service(entity).store

    def _owners(self, entity: str, ids: Sequence[int]) -> dict[int, int | None]:
        if entity == "deal":
            return self.ctx.storage.deals.owners(ids)
        return owners(self.ctx.storage.database.db, entity, ids)

    def _assign(self, entity: str, ids: Sequence[int], owner_id: int | None, now: dt.datetime) -> None:
        if entity == "deal":  # each deal changed gets a new version: an edit open on it is refused
            self.ctx.storage.deals.assign_owner(ids, owner_id, now)
        else:
            self.ctx.storage.segments.assign_owner(entity, ids, owner_id, now)

    def _announce(self, entity: str, ids: tuple[int, ...], tag: bool = False) -> None:
        if tag:  # a tag may have been created
            self.ctx.changes.emit(Change("tag", "update"))
        if ids:
            self.ctx.changes.emit(Change(entity, "update", ids))


def _having(tags: dict[int, list[str]], name: str) -> set[int]:
    key = name.casefold()
    return {record_id for record_id, names in tags.items() if any(n.casefold() == key for n in names)}


def _set_first(channels: list[Channel], value: str, label: str) -> None:
    if not value:
        del channels[:1]
    elif channels:
        channels[0].value = value
    else:
        channels.append(Channel(value, label))
