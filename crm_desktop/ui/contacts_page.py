"""The people list: filters, bulk actions and a windowed table of every contact."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QMenu,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

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
from .table_models import ID_ROLE, ContactTableModel

# Tags and owners come and go with these changes; a new person can bring a new company.
LOOKUP_ENTITIES = frozenset({"tag", "user", "all", "contact", "company"})


class ChoiceListModel(QAbstractListModel):
    """(id, name) pairs for a picker; cheap even with a hundred thousand entries.

    An entry with the id None stands for "everything" (e.g. "All companies").
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[int | None, str]] = []

    def set_entries(self, entries: Sequence[tuple[int | None, str]]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def row_of(self, entry_id: int | None) -> int:
        return next((i for i, (eid, _) in enumerate(self._entries) if eid == entry_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry_id, name = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.EditRole:
            # An editable combo shows the edit text: "everything" leaves the box empty for typing.
            return name if entry_id is not None else ""
        if role == ID_ROLE:
            return entry_id
        return None


class CompanyFilterCombo(QComboBox):
    """Pick one company by typing part of its name, or "All companies"."""

    company_changed = Signal(object)  # a company id, or None for all

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(16)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choices = ChoiceListModel(self)
        self.setModel(self.choices)
        self.view().setUniformItemSizes(True)  # type: ignore[attr-defined]
        completer = QCompleter(self.choices, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(self.tr("All companies"))
        self.set_choices([])
        self.currentIndexChanged.connect(self._on_self_current_index_changed)
        self.lineEdit().editingFinished.connect(self._on_line_edit_editing_finished)

    def company_id(self) -> int | None:
        return self.currentData(ID_ROLE)

    def set_company_id(self, company_id: int | None) -> bool:
        """Choose a company; False (and no change) if it is not offered."""
        row = self.choices.row_of(company_id)
        if row >= 0:
            self.setCurrentIndex(row)
        return row >= 0

    def set_choices(self, choices: Sequence[tuple[int, str]]) -> None:
        """Replace the companies offered, keeping the current one if it still exists."""
        current = self.company_id()
        with QSignalBlocker(self):
            self.choices.set_entries([(None, self.tr("All companies")), *choices])
            self.setCurrentIndex(max(self.choices.row_of(current), 0))
        if self.company_id() != current:
            self.company_changed.emit(self.company_id())

    def _on_self_current_index_changed(self, _row: int) -> None:
        self.company_changed.emit(self.company_id())

    def _on_line_edit_editing_finished(self) -> None:
        text = self.currentText().strip()
        row = 0 if not text else self.findText(text, Qt.MatchFlag.MatchFixedString)
        if row < 0:
            # Not a company name: show the chosen company again rather than a stray text.
            self.setEditText(self.itemText(self.currentIndex()))
            return
        self.setCurrentIndex(row)


class ContactsPage(QWidget):
    """Everyone in the CRM, filtered by text, tag, owner and company.

    The window opens dialogs in answer to ``open_requested`` / ``edit_requested`` (a contact
    id) and ``create_requested``, and shows ``status_posted`` texts in its status bar.
    """

    open_requested = Signal(int)
    create_requested = Signal()
    edit_requested = Signal(int)
    status_posted = Signal(str)

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.model = ContactTableModel(services, bridge, self)
        self.view = QTableView(self)
        configure_table_view(self.view, self.model)
        self.header = ListHeader(self.view, self.model, services.settings.contact_columns)
        self.company_combo = CompanyFilterCombo(self)
        self.filter_bar = FilterBar(services, bridge, LOOKUP_ENTITIES, [self.company_combo], self)
        self.count_label = QLabel(self)
        self.bulk = BulkActions(self, self.view, services, services.contacts, self._text)
        self._keeper = SelectionKeeper(self.view, self.model)
        self.new_action = QAction(self.tr("New person"), self)
        self.edit_action = QAction(self.tr("Edit…"), self)
        self.row_menu = QMenu(self)
        self.row_menu.addActions([self.edit_action, *self.bulk.actions()])
        self._build_layout()
        self._connect()
        self._on_filter_bar_lookups_reloaded()
        self._on_model_count_changed(self.model.rowCount())
        self._update_edit_action()

    # -- public API ----------------------------------------------------------------------
    def focus_filter(self) -> None:
        self.filter_bar.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.edit.selectAll()

    def set_company_filter(self, company_id: int | None) -> None:
        """Show only the people of one company (None: of every company)."""
        if not self.company_combo.set_company_id(company_id):
            self._on_filter_bar_lookups_reloaded()  # a company added a moment ago
            self.company_combo.set_company_id(company_id)
        self._apply_filters()

    # -- construction --------------------------------------------------------------------
    def _build_layout(self) -> None:
        toolbar = QToolBar(self)
        toolbar.addAction(self.new_action)
        toolbar.addSeparator()
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
        self.bulk.status_posted.connect(self.status_posted)
        self.filter_bar.filters_changed.connect(self._apply_filters)
        self.filter_bar.lookups_reloaded.connect(self._on_filter_bar_lookups_reloaded)
        self.company_combo.company_changed.connect(self._apply_filters)
        self.header.columns_changed.connect(self._on_header_columns_changed)
        self.model.count_changed.connect(self._on_model_count_changed)
        self.view.activated.connect(self._on_view_activated)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)
        self.view.selectionModel().selectionChanged.connect(self._update_edit_action)
        self.model.modelReset.connect(self._update_edit_action)

    # -- slots ---------------------------------------------------------------------------
    def _apply_filters(self) -> None:
        query = self.filter_bar.applied_to(self.model.query)
        try:
            self.model.set_query(query.with_(company_id=self.company_combo.company_id()))
        except CrmError as exc:
            self.bulk.show_error(error_message(exc))

    def _on_filter_bar_lookups_reloaded(self) -> None:
        self.company_combo.set_choices(self._services.companies.choices())

    def _on_header_columns_changed(self, keys: list[str]) -> None:
        self._services.settings.contact_columns = keys
        self._services.save_settings()

    def _on_model_count_changed(self, count: int) -> None:
        self.count_label.setText(self._text("count", count))

    def _on_view_activated(self, index: QModelIndex) -> None:
        contact_id = self.model.record_id(index.row())
        if contact_id is not None:
            self.open_requested.emit(contact_id)

    def _on_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        if self.view.indexAt(pos).isValid():
            self.row_menu.popup(self.view.viewport().mapToGlobal(pos))

    def _on_edit_action_triggered(self) -> None:
        contact_id = self.model.record_id(self.view.currentIndex().row())
        if contact_id is not None:
            self.edit_requested.emit(contact_id)

    def _update_edit_action(self) -> None:
        spans = selected_spans(self.view)  # not selectedRows(): a selection can be a million rows
        self.edit_action.setEnabled(len(spans) == 1 and spans[0][0] == spans[0][1])

    # -- texts ---------------------------------------------------------------------------
    def _text(self, key: str, n: int = 0) -> str:
        # No English catalogue is shipped, so English singulars are strings of their own;
        # translations give every plural form of the %Ln strings.
        one = n == 1
        if key == "count":
            return self.tr("1 person") if one else self.tr("%Ln people", "", n)
        if key == "confirm_delete":
            return (self.tr("Move the selected person to the trash?") if one
                    else self.tr("Move the %Ln selected people to the trash?", "", n))
        if key == "deleted":
            return (self.tr("1 person moved to the trash.") if one
                    else self.tr("%Ln people moved to the trash.", "", n))
        if key == "tag_added":
            return (self.tr("Tag “%1” added to 1 person.") if one
                    else self.tr("Tag “%1” added to %Ln people.", "", n))
        if key == "tag_removed":
            return (self.tr("Tag “%1” removed from 1 person.") if one
                    else self.tr("Tag “%1” removed from %Ln people.", "", n))
        return self.tr("The selected people have no tags.")
