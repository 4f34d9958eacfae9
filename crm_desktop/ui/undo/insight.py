"""Undoable operations of the dashboard and the duplicate scan: an owner's targets saved in the
Targets dialog, and two records marked "not duplicates".

Like the others, each step is one service method in one transaction; a target undone or redone
only if the owner's targets are still as the step before left them (compared by value), so a
change made elsewhere since is kept and the user told why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

from ...services import Services
from . import texts
from .commands import UndoCommand
from .records import pushed, setting_changed


def targets_saved(widget: QWidget | None, services: Services, owner_id: int, owner: str,
                  before: Sequence, after: Sequence) -> None:
    """Keep a save of the Targets dialog (``before``/``after``: the owner's Targets as
    ``set_targets`` returned them) for Undo, as one step whatever it changed."""
    def put(record_id: int, wanted: Sequence, expected: Sequence) -> None:
        services.targets.put_targets(record_id, wanted, expected, owner)

    text = texts.targets_text(owner, before, after)
    setting_changed(widget, services, text, put, owner_id, tuple(before), tuple(after))


class DistinctCommand(UndoCommand):
    """Two records marked "not duplicates": no scan proposes the pair again. Undo forgets the mark,
    so the pair is proposed again; redo marks it again. ``shown(marked)`` tells the list of pairs
    (if it is still there) after each step."""

    def __init__(self, services: Services, entity: str, pair: tuple[int, int], text: str,
                 shown: Callable[[bool], None] | None = None) -> None:
        super().__init__(services, text)
        self.entity, self.pair, self._shown = entity, pair, shown
        self._first = True

    def do(self) -> None:
        marked = self.services.duplicates.mark_distinct(self.entity, *self.pair)
        if self._first and not marked:
            self.setObsolete(True)  # marked already (elsewhere): nothing to undo
        self._first = False
        self._show(True)

    def revert(self) -> None:
        self.services.duplicates.unmark_distinct(self.entity, *self.pair)
        self._show(False)

    def _show(self, marked: bool) -> None:
        if self._shown is not None:
            self._shown(marked)


def mark_distinct(widget: QWidget | None, services: Services, entity: str, pair: tuple[int, int],
                  shown: Callable[[bool], None] | None = None) -> None:
    """Mark two records "not duplicates", as an undoable step when in the window."""
    names = services.duplicates.describe(entity, list(pair))
    first, second = (names.get(i, ("", ""))[0] for i in pair)
    command = DistinctCommand(services, entity, pair, texts.distinct_text(first, second), shown)
    pushed(widget, command, command.do)
