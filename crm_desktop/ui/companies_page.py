"""The company list: filters, bulk actions and a windowed table of every company."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction

from .list_page import PageText, RecordListPage
from .table_models import CompanyTableModel


class CompaniesPage(RecordListPage):
    """Every company, filtered by text, tag and owner.

    The window opens dialogs in answer to ``open_requested`` / ``edit_requested`` (a
    company id) and ``create_requested``, shows the people of a company on
    ``people_requested``, and shows ``status_posted`` texts in its status bar.
    """

    people_requested = Signal(int)

    MODEL = CompanyTableModel
    SERVICE = "companies"
    COLUMNS_SETTING = "company_columns"
    # Tags and owners come and go with these changes (a tag can be created by tagging).
    LOOKUP_ENTITIES = frozenset({"tag", "user", "all", "company"})

    people_action: QAction

    def _extra_row_actions(self) -> list[QAction]:
        # Made here, not in __init__: the base puts it in the toolbar and the row menu.
        self.people_action = QAction(self.tr("Show people"), self)
        self.people_action.triggered.connect(self._on_people_action_triggered)
        return [self.people_action]

    def _on_people_action_triggered(self) -> None:
        self._emit_current(self.people_requested)

    def _texts(self, n: int) -> dict[str, PageText]:
        return {
            "new": self.tr("New company"),
            "edit": self.tr("Edit…"),
            "count": (self.tr("1 company"), self.tr("%Ln companies", "", n)),
            "confirm_delete": (
                self.tr("Move the selected company to the trash? Its people stay."),
                self.tr("Move the %Ln selected companies to the trash? Their people stay.", "", n)),
            "deleted": (self.tr("1 company moved to the trash."),
                        self.tr("%Ln companies moved to the trash.", "", n)),
            "tag_added": (self.tr("Tag “%1” added to 1 company."),
                          self.tr("Tag “%1” added to %Ln companies.", "", n)),
            "tag_removed": (self.tr("Tag “%1” removed from 1 company."),
                            self.tr("Tag “%1” removed from %Ln companies.", "", n)),
            "no_tags": self.tr("The selected companies have no tags."),
        }
