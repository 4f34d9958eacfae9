"""A deal's own page: what it is worth and where it stands, then its timeline, tasks, files,
products and stage history (with the time spent in each stage)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.deals import Deal
from ...core.errors import CrmError
from ...services import Change, Services
from ..bridge import ChangeBridge
from ..undo import TrashCommand, history_of
from ..undo import texts as undo_texts
from .common import LABELS, money, reason_text

translate = QCoreApplication.translate


def duration_text(span: dt.timedelta) -> str:
    days = span.days
    if days >= 1:
        return (
            translate("DealPage", "1 day")
            if days == 1
            else translate("DealPage", "%1 days").replace("%1", str(days))
        )
    hours = span.seconds // 3600
    return (
        translate("DealPage", "1 hour")
        if hours == 1
        else translate("DealPage", "%1 hours").replace("%1", str(hours))
    )


def when(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = value.replace(tzinfo=dt.UTC).astimezone()
    return QLocale().toString(local.replace(tzinfo=None), QLocale.FormatType.ShortFormat)


class DealPage(QDialog):
    """Opened from a card. ``edit_requested``, ``won_requested``, ``lost_requested`` carry the id."""

    edit_requested = Signal(int)
    won_requested = Signal(int)
    lost_requested = Signal(int)
    schedule_requested = Signal(int)

    def __init__(self, services: Services, deal_id: int, bridge: ChangeBridge | None = None, parent=None):
        super().__init__(parent)
        self._services = services
        self.deal_id = deal_id
        self.resize(760, 620)
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.timeline = self._tree(
            [translate("DealPage", "When"), translate("DealPage", "What"), translate("DealPage", "Details")]
        )
        self.tasks = self._tree(
            [translate("DealPage", "Task"), translate("DealPage", "Due"), translate("DealPage", "Done")]
        )
        self.files = self._tree(
            [translate("DealPage", "File"), translate("DealPage", "Size"), translate("DealPage", "Added")]
        )
        self.products = self._tree(
            [
                translate("DealPage", "Product"),
                translate("DealPage", "Quantity"),
                translate("DealPage", "Unit price"),
                translate("DealPage", "Total"),
            ]
        )
        self.history = self._tree(
            [
                translate("DealPage", "Stage"),
                translate("DealPage", "Entered"),
                translate("DealPage", "Left"),
                translate("DealPage", "Time in stage"),
            ]
        )
        for widget, title in (
            (self.timeline, translate("DealPage", "Timeline")),
            (self.tasks, translate("DealPage", "Tasks")),
            (self._files_tab(), translate("DealPage", "Files")),
            (self.products, translate("DealPage", "Products")),
            (self.history, translate("DealPage", "Stage history")),
        ):
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(self._buttons())
        layout.addWidget(self.tabs, 1)
        self.load()
        if bridge is not None:
            bridge.changed.connect(self._on_bridge_changed)

    def _tree(self, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.header().setStretchLastSection(True)
        return tree

    def _files_tab(self) -> QWidget:
        tab = QWidget(self)
        self.attach_button = QPushButton(translate("DealPage", "Attach file…"), tab)
        self.attach_button.clicked.connect(self.attach_file)
        self.attach_button.setEnabled(hasattr(self._services, "attachments"))
        self.open_file_button = QPushButton(translate("DealPage", "Open"), tab)
        self.open_file_button.clicked.connect(lambda: self.open_file())
        self.remove_file_button = QPushButton(translate("DealPage", "Move to trash"), tab)
        self.remove_file_button.clicked.connect(lambda: self.remove_file())
        for button in (self.open_file_button, self.remove_file_button):
            button.setEnabled(False)
        self.files.itemSelectionChanged.connect(self._on_files_item_selection_changed)
        self.files.itemDoubleClicked.connect(lambda *_: self.open_file())
        self.opener = QDesktopServices.openUrl  # replaced in tests
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.open_file_button)
        row.addWidget(self.remove_file_button)
        row.addStretch(1)
        row.addWidget(self.attach_button)
        layout.addLayout(row)
        layout.addWidget(self.files)
        return tab

    def _selected_file(self) -> int | None:
        item = self.files.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def _on_files_item_selection_changed(self) -> None:
        chosen = self._selected_file() is not None
        self.open_file_button.setEnabled(chosen)
        self.remove_file_button.setEnabled(chosen)

    def open_file(self) -> bool:
        """Open the chosen file with the system's viewer."""
        from PySide6.QtWidgets import QMessageBox

        file_id = self._selected_file()
        if file_id is None:
            return False
        try:
            path = self._services.attachments.open_path(file_id)
        except CrmError as exc:
            from ..customer.texts import error_text_of

            QMessageBox.warning(self, translate("DealPage", "Open"), error_text_of(exc))
            return False
        return bool(self.opener(QUrl.fromLocalFile(str(path))))

    def remove_file(self) -> None:
        """Move the chosen file to the trash (it can be restored from there)."""
        file_id = self._selected_file()
        if file_id is None:
            return
        history = history_of(self)  # in the window, Edit ▸ Undo brings it back
        if history is not None:
            text = undo_texts.delete_text("attachment", 1, self.files.currentItem().text(0))
            history.push(TrashCommand(self._services, "attachment", [file_id], text))
        else:
            self._services.attachments.delete([file_id])
        self._fill_files()

    def attach_file(self) -> int | None:
        """A file attached to the deal and its customer (copied into the data folder)."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        path, _ = QFileDialog.getOpenFileName(self, translate("DealPage", "Attach file"))
        if not path:
            return None
        deal = self._services.deals.get(self.deal_id)
        try:
            file_id = self._services.attachments.attach(
                Path(path), deal_id=deal.id, contact_id=deal.contact_id, company_id=deal.company_id
            )
            from ..undo import record_created

            record_created(self, self._services, "attachment", file_id, Path(path).name)  # Undo: to the trash
            return file_id
        except CrmError as exc:
            from ..customer.texts import error_text_of

            QMessageBox.warning(self, translate("DealPage", "Attach file"), error_text_of(exc))
            return None

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.edit_button = QPushButton(translate("DealPage", "Edit…"), self)
        self.won_button = QPushButton(translate("DealPage", "Won"), self)
        self.lost_button = QPushButton(translate("DealPage", "Lost"), self)
        self.won_button.setStyleSheet("color: #1e8e3e; font-weight: 600;")
        self.lost_button.setStyleSheet("color: #d93025; font-weight: 600;")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.deal_id))
        self.won_button.clicked.connect(lambda: self.won_requested.emit(self.deal_id))
        self.lost_button.clicked.connect(lambda: self.lost_requested.emit(self.deal_id))
        self.schedule_button = QPushButton(translate("DealPage", "Schedule next step…"), self)
        self.schedule_button.clicked.connect(lambda: self.schedule_requested.emit(self.deal_id))
        row.addWidget(self.edit_button)
        row.addWidget(self.schedule_button)
        row.addStretch(1)
        row.addWidget(self.won_button)
        row.addWidget(self.lost_button)
        return row

    # -- content ---------------------------------------------------------------------------
    def load(self) -> None:
        try:
            deal = self._services.deals.get(self.deal_id)
        except CrmError:
            self.header.setText(translate("DealPage", "This deal no longer exists."))
            return
        self.setWindowTitle(deal.title)
        self.header.setText(self._header_html(deal))
        is_open = deal.status == "open"
        self.won_button.setEnabled(is_open)
        self.lost_button.setEnabled(is_open)
        self._fill_timeline()
        self._fill_tasks()
        self._fill_files()
        self._fill_products(deal)
        self._fill_history()
        for tree in (self.timeline, self.tasks, self.files, self.products, self.history):
            for column in range(tree.columnCount() - 1):
                tree.resizeColumnToContents(column)

    def _header_html(self, deal: Deal) -> str:
        stage = LABELS.stage(self._services.pipelines.stage(deal.stage_id)) if deal.stage_id else ""
        status = {"won": LABELS.won(), "lost": LABELS.lost()}.get(deal.status, stage)
        who = " · ".join(p for p in (deal.company_name, deal.contact_name) if p)
        close = (
            QLocale().toString(deal.expected_close, QLocale.FormatType.ShortFormat)
            if deal.expected_close
            else "—"
        )
        parts = [
            f"<h2 style='margin:0'>{_esc(deal.title)}</h2>",
            f"<p style='color:#5f6b7a'>{_esc(who)}</p>",
            f"<p><b>{money(deal.value_minor, deal.currency)}</b> · {_esc(status)} · "
            + translate("DealPage", "%1 % probability").replace("%1", str(deal.probability))
            + " · "
            + translate("DealPage", "expected close %1").replace("%1", close)
            + "</p>",
        ]
        if deal.status == "lost":
            parts.append(
                f"<p style='color:#d93025'>{_esc(reason_text(deal.lost_reason))} {_esc(deal.lost_note)}</p>"
            )
        if deal.next_step:
            parts.append(f"<p>{translate('DealPage', 'Next step:')} {_esc(deal.next_step)}</p>")
        if deal.notes:
            parts.append(f"<p style='color:#3c4858'>{_esc(deal.notes)}</p>")
        if deal.tags:
            parts.append(f"<p style='color:#2d6cdf'>{_esc(', '.join(deal.tags))}</p>")
        return "".join(parts)

    def _fill_timeline(self) -> None:
        self.timeline.clear()
        for entry in self._services.activities.for_record(deal_id=self.deal_id):
            QTreeWidgetItem(self.timeline, [when(entry.occurred_at), entry.subject, entry.body])

    def _fill_tasks(self) -> None:
        self.tasks.clear()
        for _task_id, title, due, done in self._services.deals.tasks(self.deal_id):
            QTreeWidgetItem(self.tasks, [title, when(due), when(done)])

    def _fill_files(self) -> None:
        self.files.clear()
        locale = QLocale()
        for file_id, name, size, added in self._services.deals.files(self.deal_id):
            item = QTreeWidgetItem(self.files, [name, locale.formattedDataSize(size), when(added)])
            item.setData(0, Qt.ItemDataRole.UserRole, file_id)

    def _fill_products(self, deal: Deal) -> None:
        self.products.clear()
        for line in deal.lines:
            QTreeWidgetItem(
                self.products,
                [
                    line.description,
                    f"{line.quantity:g}",
                    money(line.unit_price_minor, deal.currency),
                    money(line.total_minor, deal.currency),
                ],
            )

    def _fill_history(self) -> None:
        self.history.clear()
        now = self._services.ctx.clock.now()
        for spell in self._services.deals.history(self.deal_id):
            QTreeWidgetItem(
                self.history,
                [
                    LABELS.stage(spell),
                    when(spell.entered_at),
                    when(spell.left_at),
                    duration_text(spell.duration(now)),
                ],
            )

    def _on_bridge_changed(self, change: Change) -> None:
        if (change.entity == "deal" and self.deal_id in change.ids) or change.entity in (
            "activity",
            "task",
            "attachment",
        ):
            self.load()

    @classmethod
    def open(
        cls, parent: QWidget, services: Services, deal_id: int, bridge: ChangeBridge | None = None
    ) -> DealPage:
        page = cls(services, deal_id, bridge, parent)
        page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page.show()
        return page


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
