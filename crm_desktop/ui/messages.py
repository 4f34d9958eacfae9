"""User-facing text for the codes that lower layers raise, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.errors import (
    BackupError,
    CrmError,
    DataDirError,
    EditConflict,
    FieldError,
    NotFoundError,
    StorageError,
    StorageProblem,
    ValidationError,
)

# Called with a literal context and text so that pyside6-lupdate can extract every message.
translate = QCoreApplication.translate


def field_error_text(error: FieldError) -> str:
    """One sentence saying what is wrong with a field, e.g. for an inline error label."""
    code = error.code
    if code == "required":
        if error.field == "given_name":
            return translate("Messages", "Enter a name (given or family name).")
        return translate("Messages", "This field is required.")
    if code == "invalid_email":
        return translate("Messages", "“%1” is not a valid e-mail address.").replace("%1", error.value)
    if code == "invalid_phone":
        return translate(
            "Messages",
            "“%1” is not a valid phone number for the default country. "
            "Add the country code, e.g. +86 or +1.",
        ).replace("%1", error.value)
    if code == "too_long":
        return translate("Messages", "This text is too long.")
    if code == "in_future":
        return translate("Messages", "The date cannot be in the future.")
    if code == "negative":
        return translate("Messages", "Enter zero or a positive number.")
    if code == "unknown_company":
        return translate("Messages", "That company no longer exists.")
    if code == "exists":
        return translate("Messages", "“%1” already exists.").replace("%1", error.value)
    if code == "invalid_color":
        return translate("Messages", "Choose a colour such as #2d7ff9.")
    if code == "unknown_basis":
        return translate("Messages", "Choose a lawful basis from the list.")
    if code == "before_given":
        return translate("Messages", "Consent cannot be withdrawn before it was given.")
    return translate("Messages", "This value is not valid.")


def _storage_template(problem: StorageProblem) -> str:
    if problem is StorageProblem.LOCKED:
        return translate(
            "Messages",
            "The database %1 is locked by another program. Close the other program "
            "(or another copy of crm-desktop using it) and try again.",
        )
    if problem is StorageProblem.READ_ONLY:
        return translate(
            "Messages",
            "The database %1 cannot be written: the file or its folder is read-only. "
            "Check its permissions or choose another data folder.",
        )
    if problem is StorageProblem.DISK_FULL:
        return translate(
            "Messages",
            "The disk holding %1 is full. Free some space and try again; "
            "nothing was saved from the last change.",
        )
    if problem is StorageProblem.CORRUPT:
        return translate(
            "Messages",
            "The database %1 is damaged. It was not changed. "
            "Restore it from a backup in the backups folder next to it.",
        )
    if problem is StorageProblem.NOT_A_DATABASE:
        return translate(
            "Messages",
            "The file %1 is not a crm-desktop database. It was not changed. "
            "Choose another data folder or move the file away.",
        )
    if problem is StorageProblem.TOO_NEW:
        return translate(
            "Messages",
            "The database %1 was written by a newer version of crm-desktop. "
            "Install the newer version to open it; this version will not change it.",
        )
    if problem is StorageProblem.ENCRYPTED:
        return translate("Messages", "The database %1 is encrypted. Enter its passphrase to open it.")
    if problem is StorageProblem.WRONG_PASSPHRASE:
        return translate(
            "Messages",
            "The passphrase does not open the database %1. Check it and try again; "
            "nothing was changed.",
        )
    return translate("Messages", "The database %1 cannot be opened.")


def storage_error_text(error: StorageError) -> str:
    return _storage_template(error.problem).replace("%1", error.path)


def error_text(error: CrmError) -> str:
    if isinstance(error, ValidationError):
        return "\n".join(field_error_text(e) for e in error.errors)
    if isinstance(error, StorageError):
        return storage_error_text(error)
    if isinstance(error, NotFoundError):
        return translate("Messages", "This record no longer exists. It may have been deleted.")
    if isinstance(error, EditConflict):
        return translate("Messages", "“%1” was changed by someone else since you opened it. Nothing was "
                                     "overwritten: reopen it to see the changes.").replace("%1", error.name)
    if isinstance(error, BackupError):
        return (
            translate(
                "Messages",
                "No backup could be made in %1: %2. Nothing was changed. "
                "Choose another backup folder in Backups.",
            )
            .replace("%1", error.path)
            .replace("%2", error.detail)
        )
    if isinstance(error, DataDirError):
        return (
            translate(
                "Messages",
                "The data folder %1 cannot be used: %2. Choose a folder you can write to with --data-dir.",
            )
            .replace("%1", error.path)
            .replace("%2", error.detail)
        )
    return str(error)
