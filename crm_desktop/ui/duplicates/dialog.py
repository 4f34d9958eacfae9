"""Find duplicates: a scan in the background with progress and Cancel, the pairs it found with
their confidence and reasons, review and merge, "not duplicates", and the merge history with Undo."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...core.duplicates import Candidate, ScanResult
from ...core.errors import CrmError
from ...services import Services
from .merge_dialog import MergeDialog
from .texts import merge_error_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CandidateTableModel(QAbstractTableModel):
    """Candidate pairs, most likely first; names are read for the rows shown only."""

    COL_SCORE, COL_FIRST, COL_SECOND, COL_WHY = range(4)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.entity = "contact"
        self.candidates: list[Candidate] = []
        self._names: dict[int, tuple[str, str]] = {}

    def set_result(self, entity: str, candidates: list[Candidate]) -> None:
        self.beginResetModel()
        self.entity, self.candidates, self._names = entity, list(candidates), {}
        self.endResetModel()

    def remove_where(self, keep) -> None:
        self.beginResetModel()
        self.candidates = [c for c in self.candidates if keep(c)]
        self.endResetModel()

    def put_back(self, candidate: Candidate) -> int | None:
        """Show a pair again (a "not duplicates" undone) in its place, most likely first; its row,
        or None when it is shown already."""
        if any(c.pair == candidate.pair for c in self.candidates):
            return None
        key = _order(candidate)
        row = next((i for i, c in enumerate(self.candidates) if _order(c) > key), len(self.candidates))
        self.beginInsertRows(QModelIndex(), row, row)
        self.candidates.insert(row, candidate)
        self.endInsertRows()
        return row

    def merged(self, gone: int, survivor: int) -> None:
        """After a merge: the pair goes, and the merged record's other pairs become the survivor's
        (so a group of three is merged pair after pair without scanning again)."""
        self.beginResetModel()
        kept: dict[tuple[int, int], Candidate] = {}
        for c in self.candidates:
            a, b = (survivor if x == gone else x for x in c.pair)
            if a == b:
                continue
            pair = (min(a, b), max(a, b))
            if pair not in kept:
                kept[pair] = replace(c, first_id=pair[0], second_id=pair[1])
        self.candidates = list(kept.values())
        self.endResetModel()

    def candidate(self, row: int) -> Candidate | None:
        return self.candidates[row] if 0 <= row < len(self.candidates) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.candidates)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Confidence"), self.tr("Record"), self.tr("Possible duplicate"),
                self.tr("Why"))[section]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        c = self.candidate(index.row()) if index.isValid() else None
        if c is None:
            return None
        column = index.column()
        if role == ID_ROLE:
            return c.pair
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_SCORE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == self.COL_SCORE:
            return f"{round(c.score * 100)} %"
        if column == self.COL_WHY:
            return ", ".join(reason_text(r) for r in c.reasons)
        name, detail = self._name(c.first_id if column == self.COL_FIRST else c.second_id)
        return f"{name}  ·  {detail}" if detail else name

    def _name(self, record_id: int) -> tuple[str, str]:
        if record_id not in self._names:
            # The rows around this one are likely painted next: read them in one query.
            row = next((i for i, c in enumerate(self.candidates) if record_id in c.pair), 0)
            ids = {i for c in self.candidates[max(row - 20, 0):row + 60] for i in c.pair}
            missing = sorted(ids - set(self._names))
            self._names.update(self._services.duplicates.describe(self.entity, missing))
        return self._names.get(record_id, ("", ""))


def _order(candidate: Candidate) -> tuple[float, int, int]:
    """Where a pair is listed: as a scan lists them, most likely first."""
    return -candidate.score, candidate.first_id, candidate.second_id


def reason_text(reason: str) -> str:
    translate = QCoreApplication.translate
    texts = {
        "email": translate("DuplicatesDialog", "same e-mail"),
        "email_other_name": translate("DuplicatesDialog", "same e-mail, other name"),
        "phone": translate("DuplicatesDialog", "same phone"),
        "phone_other_script": translate("DuplicatesDialog", "same phone, name in Chinese and Latin letters"),
        "name_company": translate("DuplicatesDialog", "same name and company"),
        "similar_name_company": translate("DuplicatesDialog", "similar name, same company"),
        "website": translate("DuplicatesDialog", "same web site"),
        "company_name": translate("DuplicatesDialog", "same name"),
        "similar_company_name": translate("DuplicatesDialog", "similar name"),
    }
    return texts.get(reason, reason)


class _ScanJob(QObject):
    """Runs one scan on a worker thread; signals come back to the UI thread."""

    progressed = Signal(int, float)
    finished = Signal(int, object)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="duplicate-scan")
        self.generation = 0
        self._cancelled = False

    def start(self, entity: str) -> None:
        self.generation += 1
        self._cancelled = False
        self._pool.submit(self._run, self.generation, entity)

    def cancel(self) -> None:
        self._cancelled = True

    def _run(self, generation: int, entity: str) -> None:
        try:
            result: object = self._services.duplicates.scan(
                entity, progress=lambda f: self.progressed.emit(generation, f),
                cancelled=lambda: self._cancelled or generation != self.generation)
        except CrmError as exc:
            result = exc
        self.finished.emit(generation, result)

    def stop(self) -> None:
        self._cancelled = True
        self._pool.shutdown(wait=True, cancel_futures=True)


class DuplicatesDialog(QDialog):
    """One window per main window; ``show_for`` shows (or raises) it."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(self.tr("Find duplicates"))
        self.resize(980, 600)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_scan_tab(), self.tr("Possible duplicates"))
        self.tabs.addTab(self._build_history_tab(), self.tr("Merge history"))
        self.tabs.currentChanged.connect(lambda i: self.reload_history() if i == 1 else None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._job = _ScanJob(services)
        self._job.progressed.connect(self._on_job_progressed)
        self._job.finished.connect(self._on_job_finished)
        self._set_scanning(False)

    # -- construction --------------------------------------------------------------------
    def _build_scan_tab(self) -> QWidget:
        tab = QWidget(self)
        self.entity_combo = QComboBox(tab)
        self.entity_combo.addItem(self.tr("People"), "contact")
        self.entity_combo.addItem(self.tr("Companies"), "company")
        self.scan_button = QPushButton(self.tr("Scan"), tab)
        self.scan_button.setDefault(True)
        self.scan_button.clicked.connect(self.start_scan)
        self.cancel_button = QPushButton(self.tr("Cancel"), tab)
        self.cancel_button.clicked.connect(self._job_cancel)
        self.progress = QProgressBar(tab)
        self.progress.setRange(0, 100)
        self.status = QLabel(self.tr("Scan all people or all companies for records that may be the same."),
                             tab)
        self.status.setStyleSheet("color: #4a5568;")
        self.model = CandidateTableModel(self._services, self)
        self.view = QTableView(tab)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((90, 280, 280, 260)):
            self.view.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(self.review_current)
        self.review_button = QPushButton(self.tr("Review and merge…"), tab)
        self.review_button.clicked.connect(self.review_current)
        self.distinct_button = QPushButton(self.tr("Not duplicates"), tab)
        self.distinct_button.setToolTip(self.tr("Remember that these two are different; they are not "
                                                "proposed again."))
        self.distinct_button.clicked.connect(self.mark_current_distinct)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Look in:"), tab))
        top.addWidget(self.entity_combo)
        top.addWidget(self.scan_button)
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.distinct_button)
        bottom.addWidget(self.review_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        return tab

    def _build_history_tab(self) -> QWidget:
        tab = QWidget(self)
        self.history = QTableWidget(0, 4, tab)
        self.history.setHorizontalHeaderLabels(
            [self.tr("Merged on"), self.tr("Kept"), self.tr("Merged into it"), self.tr("Status")])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((160, 280, 280)):
            self.history.setColumnWidth(column, width)
        self.undo_button = QPushButton(self.tr("Undo merge"), tab)
        self.undo_button.clicked.connect(self.undo_current)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.undo_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.history, 1)
        layout.addLayout(row)
        return tab

    # -- scanning ------------------------------------------------------------------------
    def start_scan(self) -> None:
        self.model.set_result(self.entity_combo.currentData(), [])
        self.progress.setValue(0)
        self.status.setText(self.tr("Scanning…"))
        self._set_scanning(True)
        self._job.start(self.entity_combo.currentData())

    def _job_cancel(self) -> None:
        self._job.cancel()
        self.status.setText(self.tr("Cancelling…"))

    def _set_scanning(self, scanning: bool) -> None:
        self.scan_button.setEnabled(not scanning)
        self.entity_combo.setEnabled(not scanning)
        self.cancel_button.setVisible(scanning)
        self.progress.setVisible(scanning)
        self._update_buttons()

    def _on_job_progressed(self, generation: int, fraction: float) -> None:
        if generation == self._job.generation:
            self.progress.setValue(round(fraction * 100))

    def _on_job_finished(self, generation: int, result: object) -> None:
        if generation != self._job.generation:
            return
        self._set_scanning(False)
        if isinstance(result, CrmError):
            self.status.setText(merge_error_text(result))
            return
        assert isinstance(result, ScanResult)
        if result.cancelled:
            self.status.setText(self.tr("Scan cancelled."))
            return
        self.model.set_result(result.entity, result.candidates)
        self.status.setText(self._found_text(result))
        if result.candidates:
            self.view.selectRow(0)

    def _found_text(self, result: ScanResult) -> str:
        scanned = QLocale().toString(result.scanned)
        if not result.candidates:
            return self.tr("No duplicates found among %1 records.").replace("%1", scanned)
        found = self.tr("1 possible duplicate") if len(result.candidates) == 1 else self.tr(
            "%Ln possible duplicates", "", len(result.candidates))
        groups = len(result.groups())
        return self.tr("%1 in %2 groups, among %3 records.").replace("%1", found).replace(
            "%2", QLocale().toString(groups)).replace("%3", scanned)

    # -- acting on a pair ----------------------------------------------------------------
    def current(self) -> Candidate | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.candidate(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.current() is not None and self.scan_button.isEnabled()
        self.review_button.setEnabled(chosen)
        self.distinct_button.setEnabled(chosen)

    def review_current(self) -> None:
        c = self.current()
        if c is None:
            return
        merge_id = MergeDialog.ask(self, self._services, self.model.entity, c.first_id, c.second_id)
        if merge_id is None:
            return
        merged = self._services.merges.history(self.model.entity, c.first_id)[0]
        _record_merge(self, self._services, merged)
        row = self.view.currentIndex().row()
        self.model.merged(merged.loser_id, merged.survivor_id)
        self.view.selectRow(min(row, self.model.rowCount() - 1))
        self.status.setText(self.tr("Merged. The merge can be undone from Merge history."))

    def mark_current_distinct(self) -> None:
        """Mark the chosen pair "not duplicates" (Edit ▸ Undo proposes it again)."""
        from ..undo.insight import mark_distinct

        c = self.current()
        if c is None:
            return
        entity = self.model.entity
        mark_distinct(self, self._services, entity, c.pair,
                      lambda marked: self._pair_marked(entity, c, marked))

    def _pair_marked(self, entity: str, candidate: Candidate, marked: bool) -> None:
        """After a pair was marked (it leaves the list) or its mark undone (it comes back)."""
        if not isValid(self) or entity != self.model.entity:
            return  # the dialog is gone, or shows the other kind of records now
        if marked:
            row = self.view.currentIndex().row()
            self.model.remove_where(lambda x: x.pair != candidate.pair)
            self.view.selectRow(min(row, self.model.rowCount() - 1))
            self.status.setText(self.tr("Marked as not duplicates: scans no longer propose this pair. "
                                        "Edit ▸ Undo takes it back."))
        elif len(self._services.duplicates.live(entity, list(candidate.pair))) < 2:
            # One of the two went to the trash (or into a merge) from elsewhere meanwhile.
            self.status.setText(self.tr("The mark is taken back; the pair is not shown again because "
                                        "one of the two is in the trash."))
        elif (row := self.model.put_back(candidate)) is not None:
            self.view.selectRow(row)
            self.status.setText(self.tr("The pair is proposed again."))

    # -- history -------------------------------------------------------------------------
    def reload_history(self) -> None:
        entries = self._services.merges.recent(200)
        self.history.setRowCount(len(entries))
        by_entity: dict[str, set[int]] = {}
        for e in entries:
            by_entity.setdefault(e.entity, set()).update((e.survivor_id, e.loser_id))
        names = {entity: self._services.duplicates.describe(entity, sorted(ids))
                 for entity, ids in by_entity.items()}
        locale = QLocale()
        for row, e in enumerate(entries):
            when = locale.toString(e.merged_at.replace(tzinfo=dt.UTC).astimezone(),
                                   QLocale.FormatType.ShortFormat)
            status = self.tr("Undone") if e.undone_at else self.tr("Merged")
            cells = (when, names[e.entity].get(e.survivor_id, ("", ""))[0],
                     names[e.entity].get(e.loser_id, ("", ""))[0], status)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, e.id)
                self.history.setItem(row, column, item)

    def undo_current(self) -> None:
        item = self.history.item(self.history.currentRow(), 0)
        if item is None:
            return
        try:
            self._services.merges.undo(item.data(ID_ROLE))
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), merge_error_text(exc))
            return
        from ..undo.history import merge_undone_elsewhere

        merge_undone_elsewhere(self, item.data(ID_ROLE))  # Edit ▸ Undo of that merge now says it is undone
        self.reload_history()

    # -- lifetime ------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._job.cancel()
        super().done(result)

    def shutdown(self) -> None:
        self._job.stop()

    @classmethod
    def show_for(cls, parent: QWidget, services: Services) -> DuplicatesDialog:
        dialog = getattr(parent, "_duplicates_dialog", None)
        if dialog is None:
            dialog = parent._duplicates_dialog = cls(services, parent)
            # The services are closed once the event loop ends; no scan may be running then.
            QCoreApplication.instance().aboutToQuit.connect(dialog.shutdown)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog


def _record_merge(dialog: QWidget, services: Services, merged) -> None:
    """Keep the merge in the window's undo history (Edit ▸ Undo splits it, Redo merges again)."""
    from ..undo import MergeCommand, history_of
    from ..undo.texts import merge_text

    history = history_of(dialog)
    if history is not None:
        names = services.duplicates.describe(merged.entity, [merged.survivor_id, merged.loser_id])
        text = merge_text(names.get(merged.survivor_id, ("", ""))[0], names.get(merged.loser_id, ("", ""))[0])
        history.record(MergeCommand(services, merged.id, text))
