"""What the undo history calls each operation, and why one could not be undone."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from ...core.deals import ConflictError, StageInUseError
from ...core.edits import ChangedSinceError
from ...core.errors import CrmError, EditConflict, NotFoundError, ValidationError
from ..messages import error_text

translate = QCoreApplication.translate


def created_text(kind: str, name: str) -> str:
    texts = {
        "company": translate("UndoHistory", "New company “%1”"),
        "deal": translate("UndoHistory", "New deal “%1”"),
        "activity": translate("UndoHistory", "Log “%1”"),
        "task": translate("UndoHistory", "New task “%1”"),
        "order": translate("UndoHistory", "New order %1"),
        "payment": translate("UndoHistory", "Payment on %1"),
        "case": translate("UndoHistory", "Open case “%1”"),
        "relationship": translate("UndoHistory", "Relate %1"),
        "attachment": translate("UndoHistory", "Attach “%1”"),
        "pipeline": translate("UndoHistory", "New pipeline “%1”"),
        "lost_reason": translate("UndoHistory", "New lost reason “%1”"),
        "tag": translate("UndoHistory", "New tag “%1”"),
        "rule": translate("UndoHistory", "New rule “%1”"),
        "owner": translate("UndoHistory", "New owner “%1”"),
        "score_rule": translate("UndoHistory", "New scoring rule “%1”"),
        "custom_field": translate("UndoHistory", "New field “%1”"),
    }
    return texts.get(kind, translate("UndoHistory", "New person “%1”")).replace("%1", name)


def edit_text(name: str) -> str:
    return translate("UndoHistory", "Edit “%1”").replace("%1", name)


def kind_name(kind: str) -> str:
    """A logged activity without a subject is named by its kind: "Call", "Note"…"""
    from ..customer.texts import kind_text

    return kind_text(kind)


def pin_text(name: str, pinned: bool) -> str:
    if pinned:
        return translate("UndoHistory", "Pin “%1”").replace("%1", name)
    return translate("UndoHistory", "Unpin “%1”").replace("%1", name)


def done_text(title: str) -> str:
    return translate("UndoHistory", "Mark “%1” as done").replace("%1", title)


def snooze_text(title: str) -> str:
    return translate("UndoHistory", "Snooze “%1”").replace("%1", title)


def status_change_text(name: str, status: str) -> str:
    """"Mark “Broken screen” as Resolved", "Mark SO-00001 as Cancelled"."""
    from ..customer.texts import status_text

    return translate("UndoHistory", "Mark %1 as %2").replace("%1", name).replace("%2", status_text(status))


def photo_text(name: str, chosen: bool) -> str:
    if chosen:
        return translate("UndoHistory", "Change the photo of “%1”").replace("%1", name)
    return translate("UndoHistory", "Remove the photo of “%1”").replace("%1", name)


def targets_text(owner: str, before: Sequence, after: Sequence) -> str:
    """A save in the dashboard's Targets dialog (``before``/``after``: the owner's Targets):
    "Set the monthly won value target for “Ann”", "Remove the targets for “Ann”"…"""
    old, new = {t.metric: t for t in before}, {t.metric: t for t in after}
    changed = [m for m in sorted(old.keys() | new.keys()) if old.get(m) != new.get(m)]
    removed = [m for m in changed if m not in new]
    if len(changed) == 1:
        texts = {
            ("won_value", False): translate("UndoHistory", "Set the monthly won value target for “%1”"),
            ("won_value", True): translate("UndoHistory", "Remove the monthly won value target for “%1”"),
            ("activities", False): translate("UndoHistory", "Set the weekly activities target for “%1”"),
            ("activities", True): translate("UndoHistory", "Remove the weekly activities target for “%1”"),
        }
        text = texts.get((changed[0], bool(removed)))
        if text is not None:
            return text.replace("%1", owner)
    if removed and len(removed) == len(changed):
        return translate("UndoHistory", "Remove the targets for “%1”").replace("%1", owner)
    if not removed:
        return translate("UndoHistory", "Set the targets for “%1”").replace("%1", owner)
    return translate("UndoHistory", "Change the targets for “%1”").replace("%1", owner)


def distinct_text(first: str, second: str) -> str:
    """"Mark “Ann Lee” and “Anne Lee” as not duplicates"."""
    return (translate("UndoHistory", "Mark “%1” and “%2” as not duplicates")
            .replace("%1", first).replace("%2", second))


def tag_setting_text(name: str) -> str:
    return translate("UndoHistory", "Change tag “%1”").replace("%1", name)


def owner_setting_text(name: str) -> str:
    return translate("UndoHistory", "Change owner “%1”").replace("%1", name)


def rename_text(old: str, new: str) -> str:
    return translate("UndoHistory", "Rename “%1” to “%2”").replace("%1", old).replace("%2", new)


def rule_text(name: str) -> str:
    return translate("UndoHistory", "Change rule “%1”").replace("%1", name)


def stage_added_text(name: str) -> str:
    return translate("UndoHistory", "Add stage “%1”").replace("%1", name)


def stage_deleted_text(name: str) -> str:
    return translate("UndoHistory", "Delete stage “%1”").replace("%1", name)


def stage_moved_text(name: str) -> str:
    return translate("UndoHistory", "Move stage “%1”").replace("%1", name)


def stage_setting_text(name: str) -> str:
    return translate("UndoHistory", "Change stage “%1”").replace("%1", name)


def unrelate_text(name: str) -> str:
    return translate("UndoHistory", "Remove the relationship with %1").replace("%1", name)


def delete_text(kind: str, n: int, name: str = "") -> str:
    """"Delete “Ann Lee”" for one named record, "Delete 3 people" for several."""
    if n == 1 and name:
        return translate("UndoHistory", "Delete “%1”").replace("%1", name)
    if kind == "company":
        return (translate("UndoHistory", "Delete 1 company") if n == 1
                else translate("UndoHistory", "Delete %Ln companies", "", n))
    if kind == "deal":
        return (translate("UndoHistory", "Delete 1 deal") if n == 1
                else translate("UndoHistory", "Delete %Ln deals", "", n))
    if kind == "task":
        return (translate("UndoHistory", "Delete 1 task") if n == 1
                else translate("UndoHistory", "Delete %Ln tasks", "", n))
    if kind in ("activity", "attachment"):
        return (translate("UndoHistory", "Delete 1 timeline entry") if n == 1
                else translate("UndoHistory", "Delete %Ln timeline entries", "", n))
    return (translate("UndoHistory", "Delete 1 person") if n == 1
            else translate("UndoHistory", "Delete %Ln people", "", n))


def restore_text(n: int, name: str = "") -> str:
    """"Restore “Ann Lee”" for one named record, "Restore 3 items" for several."""
    if n == 1 and name:
        return translate("UndoHistory", "Restore “%1”").replace("%1", name)
    return (translate("UndoHistory", "Restore 1 item") if n == 1
            else translate("UndoHistory", "Restore %Ln items", "", n))


def records_text(entity: str, n: int, name: str = "") -> str:
    """The records an operation is about: "“Acme”", "1 person", "3 companies"."""
    if n == 1 and name:
        return f"“{name}”"
    if entity == "company":
        return (translate("UndoHistory", "1 company") if n == 1
                else translate("UndoHistory", "%Ln companies", "", n))
    if entity == "deal":
        return translate("UndoHistory", "1 deal") if n == 1 else translate("UndoHistory", "%Ln deals", "", n)
    return translate("UndoHistory", "1 person") if n == 1 else translate("UndoHistory", "%Ln people", "", n)


def tag_text(entity: str, ids: Sequence[int], tag: str, added: bool, name: str = "") -> str:
    records = records_text(entity, len(ids), name)
    if added:
        return translate("UndoHistory", "Add tag “%1” to %2").replace("%1", tag).replace("%2", records)
    return translate("UndoHistory", "Remove tag “%1” from %2").replace("%1", tag).replace("%2", records)


def owner_text(entity: str, ids: Sequence[int], owner: str) -> str:
    records = records_text(entity, len(ids))
    if not owner:
        return translate("UndoHistory", "Remove the owner of %1").replace("%1", records)
    return translate("UndoHistory", "Give %1 to %2").replace("%1", records).replace("%2", owner)


def tasks_text(title: str, n: int) -> str:
    """"Create task “Call back” for 1 deal", "… for 3 deals"."""
    if n == 1:
        return translate("UndoHistory", "Create task “%1” for 1 deal").replace("%1", title)
    return translate("UndoHistory", "Create task “%1” for %Ln deals", "", n).replace("%1", title)


def move_text(title: str, stage: str) -> str:
    return translate("UndoHistory", "Move “%1” to %2").replace("%1", title).replace("%2", stage)


def won_text(title: str) -> str:
    return translate("UndoHistory", "Mark “%1” as won").replace("%1", title)


def lost_text(title: str) -> str:
    return translate("UndoHistory", "Mark “%1” as lost").replace("%1", title)


def merge_text(name: str, other: str) -> str:
    return translate("UndoHistory", "Merge “%1” into “%2”").replace("%1", other).replace("%2", name)


def restore_value_text(name: str, field: str) -> str:
    return translate("UndoHistory", "Restore %1 of “%2”").replace("%1", field).replace("%2", name)


def already_undone_text(text: str) -> str:
    return translate("UndoHistory", "%1 (already undone)").replace("%1", text)


def problem_title(step: str, error: CrmError | None = None) -> str:
    from .commands import AlreadyUndoneError

    if isinstance(error, AlreadyUndoneError):
        return translate("UndoHistory", "Already undone")
    if step == "undo":
        return translate("UndoHistory", "Cannot undo")
    if step == "redo":
        return translate("UndoHistory", "Cannot redo")
    return translate("UndoHistory", "Cannot do this")


def problem_text(step: str, what: str, error: CrmError) -> str:
    reason = reason_text(error)
    if step == "undo":
        return translate("UndoHistory", "Not undone: %1.\n%2").replace("%1", what).replace("%2", reason)
    if step == "redo":
        return translate("UndoHistory", "Not redone: %1.\n%2").replace("%1", what).replace("%2", reason)
    return reason


def reason_text(error: CrmError) -> str:
    if isinstance(error, EditConflict) and error.kind == "target":
        text = translate("UndoHistory", "The targets of “%1” were changed elsewhere since, and that change "
                                        "is kept. Look at them and change them again by hand if needed.")
        return text.replace("%1", error.name)
    if isinstance(error, ChangedSinceError | ConflictError | EditConflict):
        name = error.title if isinstance(error, ConflictError) else error.name
        text = translate("UndoHistory", "“%1” was changed elsewhere since, and that change is kept. "
                                        "Look at it and change it again by hand if needed.")
        return text.replace("%1", name)
    from .commands import AlreadyUndoneError, GoneError

    if isinstance(error, AlreadyUndoneError):
        return translate("UndoHistory", "It was already undone another way (from the record's timeline or "
                                        "the list of merges), so nothing was changed now.")
    if isinstance(error, GoneError):
        return translate("UndoHistory", "It is no longer in the trash: it was deleted for good or "
                                        "restored since.")
    if isinstance(error, NotFoundError):
        return translate("UndoHistory", "The record is no longer there: it was deleted since.")
    if isinstance(error, StageInUseError):
        from ..pipeline.common import error_text as pipeline_error_text

        return pipeline_error_text(error)
    if isinstance(error, ValidationError) and {e.field for e in error.errors} & {"merge"}:
        from ..duplicates.texts import merge_error_text

        return merge_error_text(error)
    if isinstance(error, ValidationError):
        from ..list_widgets import error_message

        return error_message(error)
    return error_text(error)
