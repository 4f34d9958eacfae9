"""Messages about merges, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.errors import CrmError, ValidationError
from ..list_widgets import error_message

translate = QCoreApplication.translate


def merge_error_text(error: CrmError) -> str:
    codes = {code for _field, code in error.codes()} if isinstance(error, ValidationError) else set()
    if "already_undone" in codes:
        return translate("DuplicatesDialog", "This merge has already been undone.")
    if "purged" in codes:
        return translate("DuplicatesDialog", "The merged record was deleted from the trash for good, "
                                             "so the merge can no longer be undone.")
    if "later_merge" in codes:
        return translate("DuplicatesDialog", "One of these records was merged again since. "
                                             "Undo that later merge first.")
    if "same_record" in codes:
        return translate("DuplicatesDialog", "A record cannot be merged with itself.")
    return error_message(error)


class TranslatedMergeLabels:
    """The timeline texts of merges in the user's language (see services.merge.MergeLabels)."""

    def merged(self, name: str) -> str:
        return translate("MergeLabels", "Merged with %1").replace("%1", name)

    def undone(self, name: str) -> str:
        return translate("MergeLabels", "Merge with %1 undone").replace("%1", name)
