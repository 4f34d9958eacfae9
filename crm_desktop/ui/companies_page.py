"""The company list: filters, bulk actions and a windowed table of every company."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QTableView, QToolBar, QVBoxLayout, QWidget

from ..core.errors import CrmError
from ..services import Services
from .bridge import ChangeBridge
from .list_widgets import (
    BulkActions,
    FilterBar,
    ListHeader,
    SelectionKeeper,
    configure_table_view,
    error_message,
    selected_spans,
)
from .table_models import CompanyTableModel

# Tags and owners come and go with these changes (a tag can be created by tagging).
LOOKUP_ENTITIES = frozenset({"tag", "user", "all", "company"})


class CompaniesPage(QWidget):
    """Every company, filtered by text, tag and owner.

    The window opens dialogs in answer to ``open_requested`` / ``edit_requested`` (a
    company id) and ``create_requested``, shows the people of a company on
    ``people_requested``, and shows ``status_posted`` texts in its status bar.
    """

    open_requested = Signal(int)
    create_requested = Signal()
    edit_requested = Signal(int)
    people_requested = Signal(int)
    status_posted = Signal(str)

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.model = CompanyTableModel(services, bridge, self)
        self.view = QTableView(self)
        configure_table_view(self.view, self.model)
        self.header = ListHeader(self.view, self.model, services.settings.company_columns)
        self.filter_bar = FilterBar(services, bridge, LOOKUP_ENTITIES, (), self)
        self.count_label = QLabel(self)
        self.bulk = BulkActions(self, self.view, services, services.companies, self._text)
        self._keeper = SelectionKeeper(self.view, self.model)
        self.new_action = QAction(self.tr("New company"), self)
        self.edit_action = QAction(self.tr("Edit…"), self)
        self.people_action = QAction(self.tr("Show people"), self)
        self.row_menu = QMenu(self)
        self.row_menu.addActions([self.edit_action, self.people_action, *self.bulk.actions()])
        self._build_layout()
        self._connect()
        self._on_model_count_changed(self.model.rowCount())
        self._update_single_actions()

    # -- public API ----------------------------------------------------------------------
    def focus_filter(self) -> None:
        self.filter_bar.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.edit.selectAll()

    # -- construction --------------------------------------------------------------------
    def _build_layout(self) -> None:
        toolbar = QToolBar(self)
        toolbar.addAction(self.new_action)
        toolbar.addSeparator()
        toolbar.addAction(self.people_action)
        toolbar.addActions(self.bulk.actions())
        actions = QHBoxLayout()
        actions.addWidget(toolbar, 1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)

    def _connect(self) -> None:
        self.new_action.triggered.connect(self.create_requested)
        self.edit_action.triggered.connect(self._on_edit_action_triggered)
        self.people_action.triggered.connect(self._on_people_action_triggered)
        self.bulk.status_posted.connect(self.status_posted)
        self.filter_bar.filters_changed.connect(self._apply_filters)
        self.header.columns_changed.connect(self._on_header_columns_changed)
        self.model.count_changed.connect(self._on_model_count_changed)
        self.view.activated.connect(self._on_view_activated)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)
        self.view.selectionModel().selectionChanged.connect(self._update_single_actions)
        self.model.modelReset.connect(self._update_single_actions)

    # -- slots ---------------------------------------------------------------------------
    def _apply_filters(self) -> None:
        try:
            self.model.set_query(self.filter_bar.applied_to(self.model.query))
        except CrmError as exc:
            self.bulk.show_error(error_message(exc))

    def _on_header_columns_changed(self, keys: list[str]) -> None:
        self._services.settings.company_columns = keys
        self._services.save_settings()

    def _on_model_count_changed(self, count: int) -> None:
        self.count_label.setText(self._text("count", count))

    def _on_view_activated(self, index: QModelIndex) -> None:
        company_id = self.model.record_id(index.row())
        if company_id is not None:
            self.open_requested.emit(company_id)

    def _on_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        if self.view.indexAt(pos).isValid():
            self.row_menu.popup(self.view.viewport().mapToGlobal(pos))

    def _current_id(self) -> int | None:
        return self.model.record_id(self.view.currentIndex().row())

    def _on_edit_action_triggered(self) -> None:
        company_id = self._current_id()
        if company_id is not None:
            self.edit_requested.emit(company_id)

    def _on_people_action_triggered(self) -> None:
        company_id = self._current_id()
        if company_id is not None:
            self.people_requested.emit(company_id)

    def _update_single_actions(self) -> None:
        spans = selected_spans(self.view)  # not selectedRows(): a selection can be very large
        single = len(spans) == 1 and spans[0][0] == spans[0][1]
        self.edit_action.setEnabled(single)
        self.people_action.setEnabled(single)

    # -- texts ---------------------------------------------------------------------------
    def _text(self, key: str, n: int = 0) -> str:
        # No English catalogue is shipped, so English singulars are strings of their own;
        # translations give every plural form of the %Ln strings.
        one = n == 1
        if key == "count":
            return self.tr("1 company") if one else self.tr("%Ln companies", "", n)
        if key == "confirm_delete":
            return (self.tr("Move the selected company to the trash? Its people stay.") if one
                    else self.tr("Move the %Ln selected companies to the trash? Their people stay.", "", n))
        if key == "deleted":
            return (self.tr("1 company moved to the trash.") if one
                    else self.tr("%Ln companies moved to the trash.", "", n))
        if key == "tag_added":
            return (self.tr("Tag “%1” added to 1 company.") if one
                    else self.tr("Tag “%1” added to %Ln companies.", "", n))
        if key == "tag_removed":
            return (self.tr("Tag “%1” removed from 1 company.") if one
                    else self.tr("Tag “%1” removed from %Ln companies.", "", n))
        return self.tr("The selected companies have no tags.")
