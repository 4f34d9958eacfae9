"""Undoing a merge from the merged record's history: the "Merged with …" entry of the survivor's
timeline offers "Undo merge…", which splits the two records again (services.merges.undo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ...core.customer import TimelineEntry
from ...core.errors import CrmError
from ...services import Services
from .texts import merge_error_text

if TYPE_CHECKING:
    from ...storage.merge import MergeEntry

translate = QCoreApplication.translate


def merge_of(services: Services, entry: TimelineEntry) -> MergeEntry | None:
    """The merge a timeline entry records, if it can still be undone from there."""
    if entry.source != "activity" or entry.kind != "system":
        return None
    merge = services.merges.for_activity(entry.source_id)
    return merge if merge is not None and merge.undone_at is None else None


def add_undo_merge(menu: QMenu, page: QWidget, services: Services, entry: TimelineEntry) -> QAction | None:
    """Put "Undo merge…" on ``menu`` when ``entry`` records a merge not undone yet."""
    merge = merge_of(services, entry)
    if merge is None:
        return None
    action = QAction(translate("MergeUndo", "Undo merge…"), menu)
    action.triggered.connect(lambda: undo_merge(page, services, merge))
    # First, apart from the entry's other actions: it is what this entry is for.
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, action)
    if first is not None:
        menu.insertSeparator(first)
    return action


def confirm(parent: QWidget, name: str) -> bool:
    """Ask before splitting the records (replaced in tests)."""
    answer = QMessageBox.question(
        parent, translate("MergeUndo", "Undo merge"),
        translate("MergeUndo", "Split %1 off again? %1 comes back as a separate record with the e-mails, "
                               "phones, tags, activities, deals, tasks, orders, files and relationships "
                               "it had; this record gets back the values it had before the merge.")
        .replace("%1", name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def undo_merge(page: QWidget, services: Services, merge: MergeEntry) -> bool:
    """Undo ``merge`` after asking; says why not when it cannot be undone any more."""
    name = services.duplicates.describe(merge.entity, [merge.loser_id]).get(merge.loser_id, ("", ""))[0]
    if not confirm(page, name or translate("MergeUndo", "the merged record")):
        return False
    try:
        services.merges.undo(merge.id)
    except CrmError as exc:
        QMessageBox.warning(page, translate("MergeUndo", "Undo merge"), merge_error_text(exc))
        return False
    from ..undo.history import merge_undone_elsewhere

    merge_undone_elsewhere(page, merge.id)  # Edit ▸ Undo of that merge now says it is undone
    status = getattr(page, "status_posted", None)
    if status is not None:
        text = translate("MergeUndo", "Merge undone: %1 is a separate record again.")
        status.emit(text.replace("%1", name))
    return True
