"""The sidebar's list of saved segments, each with how many records it holds now."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QLocale, QModelIndex, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CrmError
from ...services import Change, Services
from ..bridge import ChangeBridge

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 3
STALE_ROLE = Qt.ItemDataRole.UserRole + 4  # True while the count shown may be out of date
# Changes after which a segment may hold other records.
RECOUNT_ON = frozenset({"contact", "company", "deal", "tag", "activity", "segment", "all", "user"})

LIST_STYLE = """
QListWidget#segments { background: #f4f6fa; border: none; font-size: 13px; }
QListWidget#segments::item { padding: 6px 12px; margin: 1px 8px; border-radius: 6px; color: #2d3748; }
QListWidget#segments::item:selected { background: #dbe6fb; color: #1a3f8f; }
QListWidget#segments::item:hover:!selected { background: #e9eef7; }
"""


class CountDelegate(QStyledItemDelegate):
    """The segment's name, and its count in grey at the right ("counting…" while it is counted again
    after a change: a count is shown only when it is exact)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        count = index.data(COUNT_ROLE)
        if index.data(STALE_ROLE):
            text = self.tr("counting…")
        else:
            text = QLocale().toString(int(count)) if count is not None else ""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        room = opt.rect.width() - opt.fontMetrics.horizontalAdvance(text) - 52
        opt.text = opt.fontMetrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, max(room, 20))
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not text:
            return
        painter.save()
        painter.setPen(QColor("#718096"))
        rect = QRect(option.rect).adjusted(0, 0, -20, 0)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()


class _CountJobs(QObject):
    """Every segment counted on a worker thread; ``counted`` brings {id: count}."""

    counted = Signal(int, object)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self._pool: ThreadPoolExecutor | None = ThreadPoolExecutor(1, thread_name_prefix="segment-counts")
        self.generation = 0

    def start(self) -> None:
        if self._pool is None:
            return
        self.generation += 1
        self._pool.submit(self._run, self.generation)

    def _run(self, generation: int) -> None:
        try:
            result: object = self._services.segments.counts()
        except CrmError as exc:
            result = exc
        self.counted.emit(generation, result)

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class SegmentsPanel(QWidget):
    """Saved segments under the sidebar: choose one to see its list; add, edit, delete."""

    segment_chosen = Signal(int)
    segment_deleted = Signal(int)
    counts_updated = Signal()

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setObjectName("segments_panel")
        self.setStyleSheet("QWidget#segments_panel { background: #f4f6fa; border-right: 1px solid #e2e6ee; }")
        title = QLabel(self.tr("SEGMENTS"), self)
        title.setStyleSheet("color: #718096; font-size: 11px; font-weight: 600; letter-spacing: 1px;")
        self.add_button = QToolButton(self)
        self.add_button.setText("+")
        self.add_button.setAutoRaise(True)
        self.add_button.setToolTip(self.tr("New segment"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        self.new_people_action = menu.addAction(self.tr("Segment of people…"))
        self.new_companies_action = menu.addAction(self.tr("Segment of companies…"))
        self.new_deals_action = menu.addAction(self.tr("Segment of deals…"))
        self.new_people_action.triggered.connect(lambda: self.new_segment("contact"))
        self.new_companies_action.triggered.connect(lambda: self.new_segment("company"))
        self.new_deals_action.triggered.connect(lambda: self.new_segment("deal"))
        self.add_button.setMenu(menu)
        self.list = QListWidget(self)
        self.list.setObjectName("segments")
        self.list.setStyleSheet(LIST_STYLE)
        self.list.setItemDelegate(CountDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_list_context_menu)
        self.list.itemClicked.connect(self._on_list_item_clicked)
        self.empty_label = QLabel(self.tr("Save a filter as a segment to find it here."), self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #a0aec0; padding: 0 14px; font-size: 12px;")
        head = QHBoxLayout()
        head.setContentsMargins(20, 8, 10, 0)
        head.addWidget(title, 1)
        head.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addLayout(head)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        self._jobs = _CountJobs(services)
        self._jobs.counted.connect(self._on_jobs_counted)
        self.destroyed.connect(self._jobs.stop)
        self._recount_timer = QTimer(self, singleShot=True, interval=400)
        self._recount_timer.timeout.connect(self._jobs.start)
        bridge.changed.connect(self._on_bridge_changed)
        self.reload()

    # -- public API ----------------------------------------------------------------------
    def reload(self) -> None:
        """Read the saved segments again, keep the chosen one, and count them off the UI thread."""
        current = self.current_id()
        counts = {self.list.item(i).data(ID_ROLE): self.list.item(i).data(COUNT_ROLE)
                  for i in range(self.list.count())}
        self.list.clear()
        for segment in self._services.segments.all():
            item = QListWidgetItem(segment.name, self.list)
            item.setData(ID_ROLE, segment.id)
            item.setData(ENTITY_ROLE, segment.entity)
            item.setData(COUNT_ROLE, counts.get(segment.id))
            item.setData(STALE_ROLE, True)
            item.setToolTip(segment.name)
            if segment.id == current:
                self.list.setCurrentItem(item)
        self.empty_label.setVisible(self.list.count() == 0)
        self.list.setMaximumHeight(max(1, self.list.count()) * 34 + 8)
        self._jobs.start()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None and item.isSelected() else None

    def count_of(self, segment_id: int) -> int | None:
        """The segment's count as shown: None while it is being counted."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == segment_id:
                return None if item.data(STALE_ROLE) else item.data(COUNT_ROLE)
        return None

    def select(self, segment_id: int | None) -> None:
        self.list.clearSelection()
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == segment_id:
                self.list.setCurrentRow(i)

    def new_segment(self, entity: str) -> None:
        from .builder import SegmentDialog

        segment_id = SegmentDialog.ask(self.window(), self._services, entity)
        if segment_id is not None:
            self.reload()
            self.select(segment_id)
            self.segment_chosen.emit(segment_id)

    def edit_segment(self, segment_id: int) -> None:
        from .builder import SegmentDialog

        if SegmentDialog.ask(self.window(), self._services, segment_id=segment_id) is not None:
            self.reload()
            self.segment_chosen.emit(segment_id)

    def delete_segment(self, segment_id: int) -> None:
        name = self._services.segments.get(segment_id).name
        answer = QMessageBox.question(
            self.window(), self.tr("Delete segment"),
            self.tr("Delete the segment “%1”? The records in it stay as they are.").replace("%1", name))
        if answer == QMessageBox.StandardButton.Yes:
            self._services.segments.delete(segment_id)
            self.segment_deleted.emit(segment_id)

    # -- slots ---------------------------------------------------------------------------
    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        self.segment_chosen.emit(item.data(ID_ROLE))

    def _on_list_context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        segment_id = item.data(ID_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("Edit filter…"), lambda: self.edit_segment(segment_id))
        menu.addAction(self.tr("Delete segment…"), lambda: self.delete_segment(segment_id))
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity == "segment":
            self.reload()
        elif change.entity in RECOUNT_ON:
            for i in range(self.list.count()):
                self.list.item(i).setData(STALE_ROLE, True)
            self._recount_timer.start()

    def _on_jobs_counted(self, generation: int, result: object) -> None:
        if generation != self._jobs.generation:
            return
        counts = {} if isinstance(result, CrmError) else result  # none shown rather than a stale one
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setData(COUNT_ROLE, counts.get(item.data(ID_ROLE)))
            item.setData(STALE_ROLE, False)
        self.counts_updated.emit()

    def shutdown(self) -> None:
        self._jobs.stop()
