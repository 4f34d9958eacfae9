"""User-facing text for the codes that lower layers raise, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.errors import CrmError, DataDirError, FieldError, StorageError, StorageProblem


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("Messages", text, disambiguation, n)


def field_error_text(error: FieldError) -> str:
    """One sentence saying what is wrong with a field, e.g. for an inline error label."""
    code = error.code
    if code == "required":
        if error.field == "given_name":
            return tr("Enter a name (given or family name).")
        return tr("This field is required.")
    if code == "invalid_email":
        return tr("“%1” is not a valid e-mail address.").replace("%1", error.value)
    if code == "invalid_phone":
        return tr("“%1” is not a valid phone number for the default country. "
                  "Add the country code, e.g. +86 or +1.").replace("%1", error.value)
    if code == "too_long":
        return tr("This text is too long.")
    if code == "in_future":
        return tr("The date cannot be in the future.")
    if code == "negative":
        return tr("Enter zero or a positive number.")
    if code == "unknown_company":
        return tr("That company no longer exists.")
    if code == "exists":
        return tr("“%1” already exists.").replace("%1", error.value)
    if code == "invalid_color":
        return tr("Choose a colour such as #2d7ff9.")
    return tr("This value is not valid.")


def storage_error_text(error: StorageError) -> str:
    path = error.path
    problem = error.problem
    if problem is StorageProblem.LOCKED:
        text = tr("The database %1 is locked by another program. Close the other program "
                  "(or another copy of crm-desktop using it) and try again.")
    elif problem is StorageProblem.READ_ONLY:
        text = tr("The database %1 cannot be written: the file or its folder is read-only. "
                  "Check its permissions or choose another data folder.")
    elif problem is StorageProblem.DISK_FULL:
        text = tr("The disk holding %1 is full. Free some space and try again; "
                  "nothing was saved from the last change.")
    elif problem is StorageProblem.CORRUPT:
        text = tr("The database %1 is damaged. It was not changed. Restore it from a backup "
                  "in the backups folder next to it.")
    elif problem is StorageProblem.NOT_A_DATABASE:
        text = tr("The file %1 is not a crm-desktop database. It was not changed. "
                  "Choose another data folder or move the file away.")
    elif problem is StorageProblem.TOO_NEW:
        text = tr("The database %1 was written by a newer version of crm-desktop. "
                  "Install the newer version to open it; this version will not change it.")
    else:
        text = tr("The database %1 cannot be opened.")
    return text.replace("%1", path)


def error_text(error: CrmError) -> str:
    if isinstance(error, StorageError):
        return storage_error_text(error)
    if isinstance(error, DataDirError):
        return tr("The data folder %1 cannot be used: %2. Choose a folder you can write to "
                  "with --data-dir.").replace("%1", error.path).replace("%2", error.detail)
    return str(error)
