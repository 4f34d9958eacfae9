"""Undoable operations on what a customer's page, the reminders and the settings dialogs write:
logged activities (edited, pinned), tasks (edited, done, snoozed), the status of service cases and
orders, photos, and settings (tags, owners, stages, pipelines, lost reasons, follow-up rules).

Each step checks that the record is still as the step before left it (its draft and updated_at,
its state, its status or its values) and is refused with a message otherwise, so a change made
elsewhere since is never overwritten. The checks and the writes are service methods, each one
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.edits import TaskState, activity_draft
from ...core.errors import EditConflict
from ...services import Services
from . import texts
from .commands import UndoCommand
from .history import history_of

# save(record id, draft, expected updated_at) -> the record's new updated_at
Save = Callable[[int, Any, dt.datetime | None], dt.datetime]
# read(record id) -> (its draft, its updated_at, its name)
Read = Callable[[int], tuple[Any, dt.datetime | None, str]]
# put(record id, status or values wanted, status or values expected now)
Put = Callable[[int, Any, Any], None]


class DraftEditCommand(UndoCommand):
    """An edit of an activity or a task, from the draft ``before`` to ``after``. Each step first
    reads the record (``read(id)``: its draft, its updated_at and its name) and goes on only if it
    is still as the step before left it; the save checks that updated_at in its UPDATE, so a save
    made elsewhere since, even a moment before, is refused (EditConflict) and kept."""

    def __init__(self, services: Services, text: str, kind: str, read: Read, save: Save, record_id: int,
                 before, after) -> None:
        super().__init__(services, text)
        self.kind, self._read, self._save, self.record_id = kind, read, save, record_id
        self.before, self.after = before, after

    def do(self) -> None:
        self._step(self.before, self.after)

    def revert(self) -> None:
        self._step(self.after, self.before)

    def _step(self, expected, wanted) -> None:
        draft, stamp, name = self._read(self.record_id)
        if draft != expected:
            raise EditConflict(self.kind, self.record_id, name)
        self._save(self.record_id, wanted, stamp)


def read_activity(services: Services) -> Read:
    def read(activity_id: int):
        activity = services.activities.get(activity_id)
        name = activity.subject or texts.kind_name(activity.kind)
        return activity_draft(activity), activity.updated_at, name

    return read


def read_task(services: Services) -> Read:
    def read(task_id: int):
        task = services.tasks.get(task_id)
        return task.draft(), task.updated_at, task.title

    return read


class PutCommand(UndoCommand):
    """A case or an order moved from status ``before`` to ``after``, or a setting (a tag's name,
    kind and colour; a stage's name, probability and rotting days) changed from the values
    ``before`` to ``after``; each step only if the record still has what the step before left
    (EditConflict otherwise)."""

    def __init__(self, services: Services, text: str, put: Put, record_id: int, before, after) -> None:
        super().__init__(services, text)
        self._put, self.record_id, self.before, self.after = put, record_id, before, after
        if before == after:
            self.setObsolete(True)

    def do(self) -> None:
        self._put(self.record_id, self.after, self.before)

    def revert(self) -> None:
        self._put(self.record_id, self.before, self.after)


class CallCommand(UndoCommand):
    """An operation given as two calls: ``forward()`` does (or does again) what the user did,
    ``back()`` takes it back (each a service method in one transaction that refuses, with a
    CrmError, what it cannot do honestly)."""

    def __init__(self, services: Services, text: str, forward: Callable[[], Any],
                 back: Callable[[], Any]) -> None:
        super().__init__(services, text)
        self._forward, self._back = forward, back

    def do(self) -> None:
        self._forward()

    def revert(self) -> None:
        self._back()


class TaskStateCommand(UndoCommand):
    """A task marked done, reopened or snoozed: ``action()`` does it the first time (returning, for
    a completion, the next occurrence and the activity it made); undo gives the task its earlier
    state back and moves what the completion made to the trash, redo brings all of it back."""

    def __init__(self, services: Services, task_id: int, text: str, action: Callable[[], Any]) -> None:
        super().__init__(services, text)
        self.task_id, self._action = task_id, action
        self.before: TaskState | None = None
        self.after: TaskState | None = None
        self.made: tuple[int | None, int | None] = (None, None)
        self.result: Any = None

    def do(self) -> None:
        tasks = self.services.tasks
        if self.after is not None:
            tasks.put_state(self.task_id, self.after, self.before, made=self.made, made_live=True)
            return
        self.before = TaskState.of(tasks.get(self.task_id))
        self.result = self._action()
        if isinstance(self.result, tuple) and len(self.result) == 2:
            self.made = self.result
        self.after = TaskState.of(tasks.get(self.task_id))
        if self.after == self.before and self.made == (None, None):
            self.setObsolete(True)  # nothing changed (e.g. it was done already): nothing to undo

    def revert(self) -> None:
        if self.before is not None:
            self.services.tasks.put_state(self.task_id, self.before, self.after, made=self.made,
                                          made_live=False)


# -- helpers for the dialogs and pages ----------------------------------------------------------
def activity_saved(widget: QWidget | None, services: Services, activity_id: int, before) -> None:
    """Keep an edit of a logged activity (``before``: the Activity as read before it) for Undo."""
    history = history_of(widget)
    if history is None or before is None:
        return
    after = services.activities.get(activity_id)
    old, new = activity_draft(before), activity_draft(after)
    if old != new:
        text = texts.edit_text(after.subject or texts.kind_name(after.kind))
        history.record(DraftEditCommand(services, text, "activity", read_activity(services),
                                        services.activities.update, activity_id, old, new))


def task_saved(widget: QWidget | None, services: Services, task_id: int, before) -> None:
    """Keep an edit of a task (``before``: the Task as read before it) for Undo."""
    history = history_of(widget)
    if history is None or before is None:
        return
    after = services.tasks.get(task_id)
    if before.draft() != after.draft():
        history.record(DraftEditCommand(services, texts.edit_text(after.title), "task", read_task(services),
                                        services.tasks.update, task_id, before.draft(), after.draft()))


def pushed(widget: QWidget | None, command: UndoCommand, fallback: Callable[[], Any]) -> Any:
    """Do ``command`` through the window's history (undoable); outside a window, ``fallback()``.
    Returns the command's result, or what ``fallback`` returned; None when it failed."""
    history = history_of(widget)
    if history is None:
        return fallback()
    if not history.push(command):
        return None
    return getattr(command, "result", True)


def set_pinned(widget: QWidget | None, services: Services, activity_id: int, pinned: bool) -> None:
    """Pin a timeline entry on top (or unpin it), as an undoable edit when in the window."""
    activity = services.activities.get(activity_id)
    before = activity_draft(activity)
    text = texts.pin_text(activity.subject or texts.kind_name(activity.kind), pinned)
    after = replace(before, pinned=pinned)
    save, read = services.activities.update, read_activity(services)
    command = DraftEditCommand(services, text, "activity", read, save, activity_id, before, after)
    pushed(widget, command, lambda: services.activities.set_pinned(activity_id, pinned))


def setting_changed(widget: QWidget | None, services: Services, text: str, put: Put, record_id: int,
                    before, after) -> None:
    """Keep a change saved in a settings dialog (``put`` gives the values back) for Undo."""
    history = history_of(widget)
    if history is not None and before != after:
        history.record(PutCommand(services, text, put, record_id, before, after))


class PhotoChoiceCommand(UndoCommand):
    """A photo chosen on a customer's page: choosing attached the image ``chosen`` and showed it
    instead of ``earlier``. Undo shows the earlier photo again and moves that image to the trash,
    as a delete in Files does (unless it is in use elsewhere since: see
    ``AttachmentService.undo_photo_choice``); redo brings it back from there as the photo."""

    def __init__(self, services: Services, target, name: str, earlier: int | None, chosen: int) -> None:
        super().__init__(services, texts.photo_text(name, True))
        self.target, self.name, self.earlier, self.chosen = target, name, earlier, chosen
        self.trashed = False  # whether the last undo moved the image to the trash

    def do(self) -> None:
        self.services.attachments.redo_photo_choice(self.target, self.chosen, self.earlier, self.trashed,
                                                    self.name)

    def revert(self) -> None:
        self.trashed = self.services.attachments.undo_photo_choice(self.target, self.chosen, self.earlier,
                                                                   self.name)


def photo_changed(widget: QWidget | None, services: Services, target, name: str, before: int | None,
                  after: int | None) -> None:
    """Keep a photo chosen (``after``: the image ``set_photo`` attached) or removed (``after`` None)
    on a customer's page for Undo, which shows the earlier one."""
    if after is not None:
        history = history_of(widget)
        if history is not None and before != after:
            history.record(PhotoChoiceCommand(services, target, name, before, after))
        return

    def put(_record_id: int, wanted: int | None, expected: int | None) -> None:
        services.attachments.put_photo(target, wanted, expected, name)

    setting_changed(widget, services, texts.photo_text(name, False), put, target.id, before, after)


def record_done(widget: QWidget | None, services: Services, text: str, forward: Callable[[], Any],
                back: Callable[[], Any]) -> None:
    """Keep for Undo an operation already done (``back`` takes it back, ``forward`` redoes it)."""
    history = history_of(widget)
    if history is not None:
        history.record(CallCommand(services, text, forward, back))
