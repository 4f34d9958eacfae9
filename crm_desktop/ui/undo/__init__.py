"""One undo history for the whole window (see history.py), its commands and their texts."""

from .commands import (
    CreateTasksCommand,
    DealEditCommand,
    EditCommand,
    GoneError,
    MergeCommand,
    OwnerCommand,
    RestoreCommand,
    StageCommand,
    TagCommand,
    TrashCommand,
    UndoCommand,
)
from .history import UndoHistory, history_of, record_created, record_edit, redo_keys

__all__ = ["CreateTasksCommand", "DealEditCommand", "EditCommand", "GoneError", "MergeCommand",
           "OwnerCommand", "RestoreCommand",
           "StageCommand", "TagCommand", "TrashCommand", "UndoCommand", "UndoHistory", "history_of",
           "record_created", "record_edit", "redo_keys"]
