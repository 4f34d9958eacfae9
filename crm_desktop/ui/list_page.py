"""The frame every record list page shares: filter bar, toolbar, count and a windowed table.

A page for one kind of record (people, companies, …) names its model, service, settings
and texts; the layout, wiring, filtering, row menu, opening and editing a row and
remembering the chosen columns are the same for all and live here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import CrmError
from ..core.query import ListQuery
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
from .table_models import RecordTableModel

# A text that names the kind of record: one form, or a (singular, plural) pair chosen by count.
PageText = str | tuple[str, str]

translate = QCoreApplication.translate

# A query answered sooner than this shows no busy state, which would only flicker.
BUSY_DELAY_MS = 120


class RecordListPage(QWidget):
    """Records of one kind, filtered by text, tag, owner and whatever filters a page adds.

    The window opens dialogs in answer to ``open_requested`` / ``edit_requested`` (a record
    id) and ``create_requested``, and shows ``status_posted`` texts in its status bar.
    A page sets the class attributes below and gives its texts in ``_texts``.
    """

    open_requested = Signal(int)
    create_requested = Signal()
    edit_requested = Signal(int)
    status_posted = Signal(str)

    MODEL: type[RecordTableModel]
    SERVICE: str  # the Services attribute that changes these records (tags, delete)
    COLUMNS_SETTING: str  # the Settings attribute that keeps the visible columns
    LOOKUP_ENTITIES: frozenset[str]  # changes that can bring or take away tags and owners

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.model = self.MODEL(services, bridge, self)
        self.view = QTableView(self)
        configure_table_view(self.view, self.model)
        self.header = ListHeader(self.view, self.model, getattr(services.settings, self.COLUMNS_SETTING))
        self.filter_bar = FilterBar(services, bridge, self.LOOKUP_ENTITIES, self._extra_filters(), self)
        self.count_label = QLabel(self)
        self.busy_bar = self._make_busy_bar()
        self.bulk = BulkActions(self, self.view, services, getattr(services, self.SERVICE), self._text)
        self._keeper = SelectionKeeper(self.view, self.model)
        self.new_action = QAction(self._text("new"), self)
        self.edit_action = QAction(self._text("edit"), self)
        self.export_action = QAction(translate("ListPage", "Export…"), self)
        self.export_action.setToolTip(translate("ListPage", "Export this list to Excel, CSV or vCards"))
        self._row_actions = self._extra_row_actions()
        self.row_menu = QMenu(self)
        self.row_menu.addActions([self.edit_action, *self._row_actions, *self.bulk.actions()])
        self._build_layout()
        self._connect()
        self._on_model_count_changed(self.model.rowCount())
        self._update_single_actions()

    # -- what pages provide --------------------------------------------------------------
    def _texts(self, n: int) -> dict[str, PageText]:
        """The texts that name the kind of record, with %Ln strings translated for ``n``.

        Keys: "new" and "edit" (the actions), "count" (the label), and the BulkActions
        keys "confirm_delete", "deleted", "tag_added", "tag_removed" and "no_tags".
        They are written in the page's own class so that each keeps its translation context.
        """
        raise NotImplementedError

    def _extra_filters(self) -> Sequence[QWidget]:
        """Filter widgets after the tag and owner pickers; called before the filter bar exists."""
        return ()

    def _extra_row_actions(self) -> list[QAction]:
        """Actions on the current row besides Edit, for the toolbar and the row menu."""
        return []

    def _query(self) -> ListQuery:
        """The query the filters ask for."""
        return self.filter_bar.applied_to(self.model.requested_query)

    # -- public API ----------------------------------------------------------------------
    def focus_filter(self) -> None:
        self.filter_bar.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.edit.selectAll()

    # -- construction --------------------------------------------------------------------
    def _build_layout(self) -> None:
        toolbar = QToolBar(self)
        toolbar.addAction(self.new_action)
        toolbar.addSeparator()
        toolbar.addActions([*self._row_actions, *self.bulk.actions()])
        toolbar.addSeparator()
        toolbar.addAction(self.export_action)
        actions = QHBoxLayout()
        actions.addWidget(toolbar, 1)
        actions.addWidget(self.busy_bar)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)

    def _make_busy_bar(self) -> QProgressBar:
        """The indeterminate bar shown (with "Searching…" as the count) while a query is read, and
        the timer that holds it back for quick queries."""
        bar = QProgressBar(self)
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setMaximumSize(80, self.fontMetrics().height())
        bar.hide()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._on_busy_timer_timeout)
        return bar

    def _connect(self) -> None:
        self.new_action.triggered.connect(self.create_requested)
        self.edit_action.triggered.connect(self._on_edit_action_triggered)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.bulk.status_posted.connect(self.status_posted)
        self.filter_bar.filters_changed.connect(self._apply_filters)
        self.header.columns_changed.connect(self._on_header_columns_changed)
        self.model.count_changed.connect(self._on_model_count_changed)
        self.model.loading_changed.connect(self._on_model_loading_changed)
        self.model.load_failed.connect(self._on_model_load_failed)
        self.view.activated.connect(self._on_view_activated)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)
        self.view.selectionModel().selectionChanged.connect(self._update_single_actions)
        self.model.modelReset.connect(self._update_single_actions)

    # -- slots ---------------------------------------------------------------------------
    def _apply_filters(self) -> None:
        self.model.set_query(self._query())  # read off the UI thread; the rows shown stay till then

    def _on_header_columns_changed(self, keys: list[str]) -> None:
        setattr(self._services.settings, self.COLUMNS_SETTING, keys)
        self._services.save_settings()

    def _on_model_count_changed(self, count: int) -> None:
        if self.busy_bar.isHidden():
            self.count_label.setText(self._text("count", count))

    def _on_model_loading_changed(self, loading: bool) -> None:
        if loading:
            self._busy_timer.start()
            return
        self._busy_timer.stop()
        self.busy_bar.hide()
        self._on_model_count_changed(self.model.rowCount())

    def _on_busy_timer_timeout(self) -> None:
        shown, wanted = self.model.query, self.model.requested_query
        if wanted.with_(sort=shown.sort, descending=shown.descending) == shown:
            self.count_label.setText(translate("ListPage", "Sorting…"))
        else:
            self.count_label.setText(translate("ListPage", "Searching…"))
        self.busy_bar.show()

    def _on_model_load_failed(self, error: CrmError) -> None:
        self.bulk.show_error(error_message(error))

    def _on_view_activated(self, index: QModelIndex) -> None:
        record_id = self.model.record_id(index.row())
        if record_id is not None:
            self.open_requested.emit(record_id)

    def _on_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        if self.view.indexAt(pos).isValid():
            self.row_menu.popup(self.view.viewport().mapToGlobal(pos))

    def _on_export_action_triggered(self) -> None:
        from .export_dialog import ExportDialog  # the dialog and its writers load when first used

        ExportDialog.ask(self, self._services, self)

    def _on_edit_action_triggered(self) -> None:
        self._emit_current(self.edit_requested)

    def _emit_current(self, signal: SignalInstance) -> None:
        """Emit ``signal`` with the current row's record id, if there is a current row."""
        record_id = self.model.record_id(self.view.currentIndex().row())
        if record_id is not None:
            signal.emit(record_id)

    def _update_single_actions(self) -> None:
        spans = selected_spans(self.view)  # not selectedRows(): a selection can be a million rows
        single = len(spans) == 1 and spans[0][0] == spans[0][1]
        for action in (self.edit_action, *self._row_actions):
            action.setEnabled(single)

    # -- texts ---------------------------------------------------------------------------
    def _text(self, key: str, n: int = 0) -> str:
        # No English catalogue is shipped, so English singulars are strings of their own;
        # translations give every plural form of the %Ln strings.
        text = self._texts(n)[key]
        return text if isinstance(text, str) else text[0 if n == 1 else 1]
