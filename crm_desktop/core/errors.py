"""Errors that cross layers. Each carries a machine code; the UI turns codes into translated text."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class StorageProblem(enum.Enum):
    """Environment problems with the database file, as opposed to bugs."""

    LOCKED = "locked"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    CORRUPT = "corrupt"
    NOT_A_DATABASE = "not_a_database"
    TOO_NEW = "too_new"
    CANNOT_OPEN = "cannot_open"
    ENCRYPTED = "encrypted"  # needs a passphrase to open
    WRONG_PASSPHRASE = "wrong_passphrase"


class CrmError(Exception):
    """Base class for errors the user should see as a message, not as a crash."""


class StorageError(CrmError):
    def __init__(self, problem: StorageProblem, path: str = "", detail: str = "") -> None:
        super().__init__(f"{problem.value}: {path} {detail}".strip())
        self.problem = problem
        self.path = path
        self.detail = detail


class DataDirError(CrmError):
    """The data folder cannot be created or written."""

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(f"data folder not usable: {path} ({detail})")
        self.path = path
        self.detail = detail


class BackupError(CrmError):
    """No backup could be made (the folder cannot be written); the change it guarded was not made."""

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(f"no backup could be made in {path} ({detail})")
        self.path = path
        self.detail = detail


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a draft record.

    ``field`` names the draft attribute, ``index`` the position within a list field
    (several emails or phones), ``code`` says what is wrong.
    """

    field: str
    code: str
    value: str = ""
    index: int | None = None


@dataclass
class ValidationError(CrmError):
    errors: list[FieldError] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.errors))

    def codes(self) -> set[tuple[str, str]]:
        return {(e.field, e.code) for e in self.errors}


class NotFoundError(CrmError):
    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__(f"{kind} {record_id} not found")
        self.kind = kind
        self.record_id = record_id


class EditConflict(CrmError):
    """The record was saved elsewhere (another window or process) since the edit read it.

    Nothing was written; the user chooses to reload the record or to overwrite it.
    """

    def __init__(self, kind: str, record_id: int, name: str = "") -> None:
        super().__init__(f"{kind} {record_id} was changed elsewhere")
        self.kind = kind
        self.record_id = record_id
        self.name = name
