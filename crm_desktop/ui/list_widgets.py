"""Pieces the contact and company list pages are built from: the filter bar, the table view
set-up, the header (column chooser, honest sort indicator), selection keeping, bulk actions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QObject,
    QPoint,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableView,
    QWidget,
)

from ..core.errors import CrmError, ValidationError
from ..core.query import ListQuery
from ..services import Change, Services
from .bridge import ChangeBridge
from .messages import error_text, field_error_text
from .table_models import PAGE_SIZE, RecordTableModel

# Called with a literal context and text so that pyside6-lupdate can extract every string.
translate = QCoreApplication.translate

FILTER_DELAY_MS = 150
BULK_LIMIT = 50_000  # rows one bulk action may touch; reading more ids would stall the window


class FilterEdit(QLineEdit):
    """A filter box that reports its text once typing pauses; Esc clears it."""

    filter_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(translate("ListPage", "Filter this list"))
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.textChanged.connect(self._timer.start)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_timer_timeout(self) -> None:
        self.filter_changed.emit(self.text().strip())


def fill_combo(combo: QComboBox, everything: str, entries: Sequence[tuple[int, str]]) -> None:
    """Offer "everything" plus the entries, keeping the chosen entry if it still exists."""
    current = combo.currentData()
    with QSignalBlocker(combo):
        combo.clear()
        combo.addItem(everything, None)
        for entry_id, name in entries:
            combo.addItem(name, entry_id)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)


class FilterBar(QWidget):
    """The filter box, the tag and owner pickers and any extra filter widgets, in one row.

    Tag and owner choices are re-read (once per burst of changes) when the entities
    named in ``lookup_entities`` change.
    """

    filters_changed = Signal()
    lookups_reloaded = Signal()

    def __init__(self, services: Services, bridge: ChangeBridge, lookup_entities: frozenset[str],
                 extra: Sequence[QWidget] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._lookup_entities = lookup_entities
        self.edit = FilterEdit(self)
        self.tag_combo, self.owner_combo = QComboBox(self), QComboBox(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 2)
        for widget in (self.tag_combo, self.owner_combo, *extra):
            layout.addWidget(widget, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.reload_lookups)
        self.reload_lookups()
        self.edit.filter_changed.connect(self.filters_changed)
        self.tag_combo.currentIndexChanged.connect(self.filters_changed)
        self.owner_combo.currentIndexChanged.connect(self.filters_changed)
        bridge.changed.connect(self._on_bridge_changed)

    def applied_to(self, query: ListQuery) -> ListQuery:
        return query.with_(search=self.edit.text().strip(), tag_id=self.tag_combo.currentData(),
                           owner_id=self.owner_combo.currentData())

    def reload_lookups(self) -> None:
        before = (self.tag_combo.currentData(), self.owner_combo.currentData())
        lookups = self._services.lookups
        fill_combo(self.tag_combo, translate("ListPage", "All tags"),
                   [(t.id, t.name) for t in lookups.tags()])
        fill_combo(self.owner_combo, translate("ListPage", "All owners"),
                   [(u.id, u.name) for u in lookups.users()])
        self.lookups_reloaded.emit()
        if (self.tag_combo.currentData(), self.owner_combo.currentData()) != before:
            self.filters_changed.emit()  # the chosen tag or owner is gone

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in self._lookup_entities:
            self._timer.start()


def configure_table_view(view: QTableView, model: RecordTableModel) -> None:
    """Settings that keep a list of a million rows fast and easy to read."""
    view.setModel(model)
    # After a reset the view lays its rows out on a zero timer, painting them once before and
    # once after that; laying out at once saves a full repaint for every new filter or sort.
    model.modelReset.connect(view.executeDelayedItemsLayout)
    # QHeaderView asks its selection model whether each painted section is wholly selected,
    # and QItemSelectionModel.isColumnSelected() walks every row to answer (calling the
    # Python rowCount() each time): with all of 200,000 rows selected one paint took 6 s.
    # The headers never show selection here, so they get an empty selection model of their own.
    view.horizontalHeader().setSelectionModel(QItemSelectionModel(model, view))
    view.verticalHeader().setSelectionModel(QItemSelectionModel(model, view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    _configure_headers(view, model)
    view.setSortingEnabled(True)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)


def _configure_headers(view: QTableView, model: RecordTableModel) -> None:
    rows = view.verticalHeader()
    rows.hide()
    # Fixed heights let the view place any row without measuring the rows above it.
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    # Never ResizeToContents: it would read every row of the list.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, spec in enumerate(model.COLUMNS):
        view.setColumnWidth(column, spec.width)
    header.setSortIndicator(model.sort_column(), model.sort_order())


class ListHeader(QObject):
    """The table's header: a column chooser on right-click and a sort indicator that tells the truth.

    The first column is always shown. ``columns_changed`` carries the keys of the visible
    columns whenever the user toggles one.
    """

    columns_changed = Signal(list)

    def __init__(self, view: QTableView, model: RecordTableModel, shown: Sequence[str]) -> None:
        super().__init__(view)
        self._view, self._model = view, model
        self.menu = QMenu(view)
        self.apply(shown)
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_custom_context_menu_requested)
        header.sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
        model.load_failed.connect(self.show_sort_order)  # a sort that failed left the rows as they were

    def apply(self, keys: Sequence[str]) -> None:
        """Show exactly the columns named; unknown names are ignored, none means the default set."""
        columns = self._model.COLUMNS
        wanted = {k for k in keys if any(c.key == k for c in columns)}
        for column, spec in enumerate(columns):
            shown = spec.key in wanted if wanted else spec.shown_by_default
            self._view.setColumnHidden(column, not (shown or column == 0))

    def visible_keys(self) -> list[str]:
        return [c.key for i, c in enumerate(self._model.COLUMNS) if not self._view.isColumnHidden(i)]

    def rebuild_menu(self) -> QMenu:
        self.menu.clear()
        for column, spec in enumerate(self._model.COLUMNS):
            action = self.menu.addAction(self._model.headerData(column, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(not self._view.isColumnHidden(column))
            action.setEnabled(column != 0)
            action.setData(spec.key)
            action.toggled.connect(lambda checked, c=column: self._on_action_toggled(c, checked))
        return self.menu

    def _on_header_custom_context_menu_requested(self, pos: QPoint) -> None:
        self.rebuild_menu().popup(self._view.horizontalHeader().mapToGlobal(pos))

    def _on_action_toggled(self, column: int, checked: bool) -> None:
        self._view.setColumnHidden(column, not checked)
        self.columns_changed.emit(self.visible_keys())

    def show_sort_order(self) -> None:
        """Set the indicator to the order the model has or is reading, without sorting again."""
        header = self._view.horizontalHeader()
        with QSignalBlocker(header):
            header.setSortIndicator(self._model.sort_column(), self._model.sort_order())
        header.viewport().update()

    def _on_header_sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if not self._model.is_sortable(column):
            self.show_sort_order()  # the model ignored the click


def selected_spans(view: QTableView) -> list[tuple[int, int]]:
    """The selected rows as merged, inclusive (first, last) spans, without listing each row."""
    ranges = sorted((r.top(), r.bottom()) for r in view.selectionModel().selection())
    spans: list[tuple[int, int]] = []
    for top, bottom in ranges:
        if spans and top <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], bottom))
        else:
            spans.append((top, bottom))
    return spans


class SelectionKeeper(QObject):
    """Across a refresh, selects the same records again if they are still near where they were.

    After a new filter or sort order the view simply starts at the top.
    """

    def __init__(self, view: QTableView, model: RecordTableModel) -> None:
        super().__init__(view)
        self._view, self._model = view, model
        self._kept: tuple[ListQuery, list[int], int] = (model.query, [], -1)
        model.modelAboutToBeReset.connect(self._on_model_model_about_to_be_reset)
        model.modelReset.connect(self._on_model_model_reset)

    def _on_model_model_about_to_be_reset(self) -> None:
        spans = selected_spans(self._view)
        small = sum(last - first + 1 for first, last in spans) <= PAGE_SIZE
        self._kept = (self._model.query, self._model.ids_in_rows(spans) if small else [],
                      self._view.currentIndex().row())

    def _on_model_model_reset(self) -> None:
        query, ids, row = self._kept
        count, model = self._model.rowCount(), self._model
        if query != model.query or row < 0 or count == 0:
            self._view.scrollToTop()
            return
        first, wanted = max(0, row - PAGE_SIZE), set(ids)
        near = model.ids_in_rows([(first, row + PAGE_SIZE)])
        rows = [first + i for i, record_id in enumerate(near) if record_id in wanted]
        selection = QItemSelection()
        for found in rows:
            selection.select(model.index(found, 0), model.index(found, model.columnCount() - 1))
        selector = self._view.selectionModel()
        selector.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        selector.setCurrentIndex(model.index(rows[0] if rows else min(row, count - 1), 0),
                                 QItemSelectionModel.SelectionFlag.NoUpdate)


class BulkActions(QObject):
    """Add tag…, Remove tag… and Delete on the selected rows.

    ``texts(key, n)`` gives the texts that name the kind of record: "confirm_delete",
    "deleted", "tag_added" and "tag_removed" (with %1 for the tag) and "no_tags". The
    dialogs are the ``_ask_tag`` / ``_confirm_delete`` / ``show_error`` methods, which
    tests replace.
    """

    status_posted = Signal(str)

    def __init__(self, page: QWidget, view: QTableView, services: Services, service,
                 texts: Callable[[str, int], str]) -> None:
        super().__init__(page)
        self._page, self._view, self._services, self._service = page, view, services, service
        self._texts = texts
        self.add_tag_action = self._action(translate("ListPage", "Add tag…"),
                                           self._on_add_tag_action_triggered)
        self.remove_tag_action = self._action(translate("ListPage", "Remove tag…"),
                                              self._on_remove_tag_action_triggered)
        self.delete_action = self._action(translate("ListPage", "Delete"),
                                          self._on_delete_action_triggered)
        self.owner_action = self._action(translate("ListPage", "Assign owner…"),
                                         self._on_owner_action_triggered)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # Only while the table has focus: Delete in the filter box edits text.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        view.addAction(self.delete_action)
        view.selectionModel().selectionChanged.connect(self.update_enabled)
        view.model().modelReset.connect(self.update_enabled)
        self.update_enabled()

    def actions(self) -> list[QAction]:
        # Not every service can take a tag off (companies cannot yet).
        removable = [self.remove_tag_action] if hasattr(self._service, "remove_tag") else []
        return [self.add_tag_action, *removable, self.owner_action, self.delete_action]

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows in row order; empty when more than BULK_LIMIT are selected."""
        spans = selected_spans(self._view)
        if sum(last - first + 1 for first, last in spans) > BULK_LIMIT:
            self.show_error(translate("ListPage", "Select at most %1 rows at a time.")
                             .replace("%1", QLocale().toString(BULK_LIMIT)))
            return []
        return self._view.model().ids_in_rows(spans)

    def update_enabled(self) -> None:
        selected = self._view.selectionModel().hasSelection()
        for action in (self.add_tag_action, self.remove_tag_action, self.delete_action, self.owner_action):
            action.setEnabled(selected)

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def _on_add_tag_action_triggered(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        name = " ".join((self._ask_tag([t.name for t in self._services.lookups.tags()], True) or "").split())
        if name and self._undoable(lambda: self._command("tag", ids, name=name),
                                   self._service.add_tag, ids, name):
            self.status_posted.emit(self._texts("tag_added", len(ids)).replace("%1", name))

    def _on_remove_tag_action_triggered(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        present = {name for names in self._service.tags_for(ids).values() for name in names}
        tags = [t for t in self._services.lookups.tags() if t.name in present]
        if not tags:
            self.status_posted.emit(self._texts("no_tags", len(ids)))
            return
        name = self._ask_tag([t.name for t in tags], False)
        tag = next((t for t in tags if t.name == name), None)
        if tag is not None and self._undoable(lambda: self._command("tag", ids, name=tag.name, tag_id=tag.id),
                                              self._service.remove_tag, ids, tag.id):
            self.status_posted.emit(self._texts("tag_removed", len(ids)).replace("%1", tag.name))

    def _on_delete_action_triggered(self) -> None:
        ids = self.selected_ids()
        if ids and self._confirm_delete(len(ids)) and self._undoable(lambda: self._command("delete", ids),
                                                                     self._service.delete, ids):
            self.status_posted.emit(self._texts("deleted", len(ids)))

    def _on_owner_action_triggered(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        users = self._services.lookups.users()
        chosen = self._ask_owner([u.name for u in users])
        if chosen is None:
            return
        owner = next((u for u in users if u.name == chosen), None)
        owner_id = owner.id if owner is not None else None
        entity = self._view.model().ENTITY
        if self._undoable(lambda: self._command("owner", ids, owner_id=owner_id, name=chosen),
                          self._services.edits.assign_owner, entity, ids, owner_id):
            from .undo.texts import records_text

            records = records_text(entity, len(ids))
            text = (translate("ListPage", "%1 now owned by %2.").replace("%2", chosen) if owner is not None
                    else translate("ListPage", "Owner taken off %1."))
            self.status_posted.emit(text.replace("%1", records))

    def _undoable(self, command, operation, *args) -> bool:
        """Through the window's undo history (``command()`` makes the command), else at once."""
        from .undo import history_of

        history = history_of(self._page)
        return self._run(operation, *args) if history is None else history.push(command())

    def _command(self, what: str, ids: list[int], *, name: str = "", tag_id: int | None = None,
                 owner_id: int | None = None):
        from .undo import OwnerCommand, TagCommand, TrashCommand
        from .undo.texts import delete_text

        entity = self._view.model().ENTITY
        if what == "tag":
            return TagCommand(self._services, entity, ids, name=name, tag_id=tag_id,
                              record_name=self._name(ids))
        if what == "owner":
            return OwnerCommand(self._services, entity, ids, owner_id, name)
        return TrashCommand(self._services, entity, ids, delete_text(entity, len(ids), self._name(ids)))

    def _name(self, ids: list[int]) -> str:
        """The name of the one record an action is about ("" for several)."""
        if len(ids) != 1:
            return ""
        record = self._service.get(ids[0])
        return getattr(record, "full_name", None) or record.data.name

    def _run(self, operation, *args) -> bool:
        try:
            operation(*args)
        except CrmError as exc:
            self.show_error(error_message(exc))
            return False
        return True

    # -- dialogs (tests replace these) ---------------------------------------------------
    def _ask_tag(self, names: list[str], editable: bool) -> str | None:
        title = translate("ListPage", "Add tag") if editable else translate("ListPage", "Remove tag")
        name, ok = QInputDialog.getItem(self._page, title, translate("ListPage", "Tag:"), names, 0, editable)
        return name if ok else None

    def _ask_owner(self, names: list[str]) -> str | None:
        """An owner's name, "" for none, None when cancelled."""
        nobody = translate("ListPage", "(no owner)")
        name, ok = QInputDialog.getItem(self._page, translate("ListPage", "Assign owner"),
                                        translate("ListPage", "Owner:"), [*names, nobody], 0, False)
        return None if not ok else "" if name == nobody else name

    def _confirm_delete(self, n: int) -> bool:
        answer = QMessageBox.question(self._page, translate("ListPage", "Delete"),
                                      self._texts("confirm_delete", n))
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self._page, translate("ListPage", "Cannot change the list"), text)


def error_message(error: CrmError) -> str:
    """The text for a message box; field problems are spelled out, not shown as codes."""
    if isinstance(error, ValidationError):
        return "\n".join(field_error_text(e) for e in error.errors)
    return error_text(error)
