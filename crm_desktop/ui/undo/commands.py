"""The undoable operations: each does (and redoes) through the services and undoes by the inverse."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ...core.deals import Deal, StageMove
from ...core.edits import OwnerChange, RecordEdit, TagChange
from ...core.errors import CrmError, ValidationError
from ...services import Services
from . import texts

if TYPE_CHECKING:
    from .history import UndoHistory

translate = QCoreApplication.translate


class GoneError(CrmError):
    """Nothing left to bring back: the records were deleted for good (or restored) since."""


class AlreadyUndoneError(CrmError):
    """The operation was undone another way since (a merge split again from the record's timeline
    or from the list of merges): undoing it again would do nothing, or worse."""


class UndoCommand(QUndoCommand):
    """One undoable operation. Subclasses give ``do`` (also used to redo) and ``revert``."""

    def __init__(self, services: Services, text: str) -> None:
        super().__init__(text)
        self.services = services
        self.history: UndoHistory | None = None
        self.already_done = False
        self._done_once = False
        self.size = 1  # how many records it touches: many run off the UI thread

    def redo(self) -> None:
        if self.already_done:
            self.already_done, self._done_once = False, True
            return
        self._guard("redo" if self._done_once else "do", self.do)
        self._done_once = True

    def undo(self) -> None:
        self._guard("undo", self.revert)

    def _guard(self, step: str, action: Callable[[], object]) -> None:
        try:
            self.history.run(self, action) if self.history is not None else action()
        except CrmError as exc:
            if self.history is None:
                raise
            self.history.failed(step, self, exc)

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class EditCommand(UndoCommand):
    """An edit of a person or a company; undo gives back the fields it changed."""

    def __init__(self, services: Services, edit: RecordEdit, text: str | None = None) -> None:
        super().__init__(services, text or translate("UndoHistory", "Edit “%1”").replace("%1", edit.name))
        self.edit = edit

    def do(self) -> None:
        self.services.edits.reapply(self.edit)

    def revert(self) -> None:
        self.services.edits.revert(self.edit)


class DealEditCommand(UndoCommand):
    """An edit of a deal saved by its dialog (``before`` and ``after`` as read around it); undo
    saves the earlier deal back from the version the edit left, so a change made since is refused."""

    def __init__(self, services: Services, before: Deal, after: Deal) -> None:
        super().__init__(services, translate("UndoHistory", "Edit “%1”").replace("%1", after.title))
        self.before, self.after, self._version = before, after, after.version

    def do(self) -> None:
        self._version = self.services.deals.update(self.after.id, self.after.draft(), self._version)

    def revert(self) -> None:
        self._version = self.services.deals.update(self.before.id, self.before.draft(), self._version)


class TrashCommand(UndoCommand):
    """Records moved to the trash (``delete=True``) or brought back from it.

    ``kind`` names the service: "contact", "company", "deal", "activity", "attachment", "task",
    "case", "order", "payment" or "relationship".
    Creating a record is undone by moving it to the trash: ``TrashCommand(…, delete=False)``
    recorded after the creation.
    """

    def __init__(self, services: Services, kind: str, ids: Sequence[int], text: str,
                 delete: bool = True) -> None:
        super().__init__(services, text)
        self.kind, self.ids, self.delete = kind, tuple(ids), delete
        self.size = len(self.ids)

    def do(self) -> None:
        set_trashed(self.services, self.kind, self.ids, self.delete)

    def revert(self) -> None:
        set_trashed(self.services, self.kind, self.ids, not self.delete)


def set_trashed(services: Services, kind: str, ids: Sequence[int], trashed: bool) -> None:
    """Move records of one kind to the trash or back; GoneError when none could be brought back."""
    service = {"contact": services.contacts, "company": services.companies, "deal": services.deals,
               "activity": services.activities, "attachment": services.attachments,
               "task": services.tasks, "case": services.cases, "order": services.orders,
               "relationship": services.relationships,
               "payment": SimpleNamespace(delete=services.orders.delete_payments,
                                          restore=services.orders.restore_payments)}[kind]
    if trashed:
        service.delete(list(ids))
    elif service.restore(list(ids)) == 0:
        raise GoneError(kind)


class CreateTasksCommand(UndoCommand):
    """Tasks made for many records at once: ``create()`` makes them and returns their ids; undo
    moves them to the trash, redo brings those same tasks back."""

    def __init__(self, services: Services, create: Callable[[], Sequence[int]], text: str,
                 size: int = 1) -> None:
        super().__init__(services, text)
        self._create = create
        self.ids: tuple[int, ...] | None = None
        self.size = size

    def do(self) -> None:
        if self.ids is None:
            self.ids = tuple(self._create())
            if not self.ids:
                self.setObsolete(True)  # nothing made: nothing to undo
        else:
            set_trashed(self.services, "task", self.ids, False)

    def revert(self) -> None:
        if self.ids:
            set_trashed(self.services, "task", self.ids, True)


class RestoreCommand(UndoCommand):
    """Records of any kind put back from the trash; undo moves them to the trash again."""

    def __init__(self, services: Services, items: Sequence, text: str) -> None:
        super().__init__(services, text)
        self.items = list(items)  # TrashItem
        self.size = len(self.items)

    def do(self) -> None:
        self.services.trash.restore(self.items)

    def revert(self) -> None:
        for kind in dict.fromkeys(item.kind for item in self.items):
            ids = [item.record_id for item in self.items if item.kind == kind]
            set_trashed(self.services, kind, ids, True)


class TagCommand(UndoCommand):
    """A tag added to (``name``) or taken off (``tag_id``) one or many people or companies.

    Once done, its text says how many records it really changed, with the tag as stored.
    """

    def __init__(self, services: Services, entity: str, ids: Sequence[int], *, name: str = "",
                 tag_id: int | None = None, record_name: str = "") -> None:
        super().__init__(services, texts.tag_text(entity, ids, name, tag_id is None, record_name))
        self.entity, self.ids, self.name, self.tag_id = entity, tuple(ids), name, tag_id
        self.record_name = record_name if len(ids) == 1 else ""
        self.size = len(self.ids)
        self.change: TagChange | None = None

    def do(self) -> None:
        edits = self.services.edits
        if self.change is not None:
            edits.reapply_tags(self.change)
            return
        if self.tag_id is None:
            self.change = edits.add_tag(self.entity, self.ids, self.name)
        else:
            self.change = edits.remove_tag(self.entity, self.ids, self.tag_id)
        self.setText(texts.tag_text(self.entity, self.change.ids, self.change.tag, self.change.added,
                                    self.record_name))
        if not self.change.ids:
            self.setObsolete(True)  # nothing changed: nothing to undo

    def revert(self) -> None:
        if self.change is not None:
            self.services.edits.revert_tags(self.change)


class OwnerCommand(UndoCommand):
    """One owner (``owner``: the name, "" for none) given to many people or companies; undo gives
    each its owner back."""

    def __init__(self, services: Services, entity: str, ids: Sequence[int], owner_id: int | None,
                 owner: str) -> None:
        super().__init__(services, texts.owner_text(entity, ids, owner))
        self.entity, self.ids, self.owner_id, self.owner = entity, tuple(ids), owner_id, owner
        self.change: OwnerChange | None = None
        self.kept = 0  # records whose owner was changed again since, left as they were by the last undo
        self.size = len(self.ids)

    def do(self) -> None:
        if self.change is None:
            self.change = self.services.edits.assign_owner(self.entity, self.ids, self.owner_id)
            self.setText(texts.owner_text(self.entity, self.change.ids, self.owner))
            if not self.change.ids:
                self.setObsolete(True)
        else:
            self.services.edits.reapply_owner(self.change)

    def revert(self) -> None:
        if self.change is not None:
            self.kept = self.services.edits.revert_owner(self.change)


class StageCommand(UndoCommand):
    """A deal moved to another stage, won or lost; ``action(version)`` does it and returns the move."""

    def __init__(self, services: Services, deal_id: int, text: str,
                 action: Callable[[int | None], StageMove | None], version: int | None = None) -> None:
        super().__init__(services, text)
        self.deal_id, self._action, self._version = deal_id, action, version
        self.move: StageMove | None = None

    def do(self) -> None:
        self.move = self._action(self._version)
        if self.move is None:
            self.setObsolete(True)  # it was already there

    def revert(self) -> None:
        if self.move is not None:
            self._version = self.services.deals.undo(self.move)


class MergeCommand(UndoCommand):
    """Two people or companies merged (``merge_id``; recorded once done); undo splits them again,
    redo merges them again with the values chosen the first time."""

    def __init__(self, services: Services, merge_id: int, text: str) -> None:
        super().__init__(services, text)
        self.merge_id = merge_id
        self.undone_elsewhere = False

    def do(self) -> None:
        self.merge_id = self.services.merges.redo(self.merge_id)

    def revert(self) -> None:
        try:
            self.services.merges.undo(self.merge_id)
        except ValidationError as exc:
            if ("merge", "already_undone") in exc.codes():
                raise AlreadyUndoneError(self.merge_id) from exc
            raise

    def mark_undone_elsewhere(self) -> None:
        """Say in the history that the merge was undone another way since."""
        if not self.undone_elsewhere:
            self.undone_elsewhere = True
            self.setText(texts.already_undone_text(self.text()))
