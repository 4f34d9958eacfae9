"""What to do when a record was saved elsewhere while it was being edited here."""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.errors import EditConflict

translate = QCoreApplication.translate


class ConflictChoice(enum.Enum):
    RELOAD = "reload"  # show what is stored now; the edits made here are dropped
    OVERWRITE = "overwrite"  # store the edits made here over the other changes
    KEEP_EDITING = "keep"  # nothing is saved yet; the form stays as it is


def conflict_text(error: EditConflict) -> str:
    if error.kind == "company":
        text = translate("EditConflict", "The company “%1” was changed by someone else (in another window "
                                         "or another program) since you opened it.")
    else:
        text = translate("EditConflict", "“%1” was changed by someone else (in another window or another "
                                         "program) since you opened it.")
    return text.replace("%1", error.name) + "\n\n" + translate(
        "EditConflict", "Nothing has been saved yet. Reload to see their changes (your edits here are "
                        "discarded), or overwrite their changes with yours.")


def ask_conflict(parent: QWidget | None, error: EditConflict) -> ConflictChoice:
    """Ask whether to reload or overwrite; "keep editing" is the default and Escape."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("EditConflict", "Changed by someone else"),
                      conflict_text(error), parent=parent)
    box.setObjectName("editConflictBox")
    reload = box.addButton(translate("EditConflict", "Reload"), QMessageBox.ButtonRole.ResetRole)
    overwrite = box.addButton(translate("EditConflict", "Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(translate("EditConflict", "Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is reload:
        return ConflictChoice.RELOAD
    if clicked is overwrite:
        return ConflictChoice.OVERWRITE
    return ConflictChoice.KEEP_EDITING
