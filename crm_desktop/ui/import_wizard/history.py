"""Import history: every import with its file, time and counts, and Undo at any later time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CrmError
from ..messages import error_text
from .texts import undo_text


class ImportHistoryDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Import history"))
        self.resize(820, 420)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("File"),
                self.tr("Rows"),
                self.tr("Added"),
                self.tr("Updated"),
                self.tr("Not imported"),
                self.tr("State"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.undo = QPushButton(self.tr("Undo this import…"), self)
        self.undo.clicked.connect(self.undo_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.undo)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.batches = []
        self.reload()

    def reload(self) -> None:
        self.batches = self.services.imports.history()
        self.table.setRowCount(len(self.batches))
        locale = QLocale()
        for r, b in enumerate(self.batches):
            local = b.started_at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
            when = locale.toString(local, QLocale.FormatType.ShortFormat)
            state = self.tr("Undone") if b.undone_at else self.tr("Imported")
            for c, value in enumerate(
                (
                    when,
                    b.file_name,
                    f"{b.rows_read:,}",
                    f"{b.created:,}",
                    f"{b.updated:,}",
                    f"{b.rejected:,}",
                    state,
                )
            ):
                item = QTableWidgetItem(value)
                if c >= 2 and c <= 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if self.batches:
            self.table.selectRow(0)
        self._update_buttons()

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.batches[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        batch = self._selected()
        self.undo.setEnabled(batch is not None and batch.undone_at is None)

    def undo_selected(self) -> None:
        batch = self._selected()
        if batch is None or batch.undone_at is not None or not self.confirm(batch):
            return
        try:
            result = self.services.imports.undo(batch.id)
        except CrmError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.setText(undo_text(result.removed, result.restored, result.left))
        self.reload()

    def confirm(self, batch) -> bool:
        text = self.tr(
            "Undo the import of %1? What it added is removed and the fields it changed get their "
            "earlier values back, except in records edited since."
        ).replace("%1", batch.file_name)
        answer = QMessageBox.question(self, self.tr("Undo import"), text)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def ask(cls, parent: QWidget | None, services) -> None:
        dialog = cls(services, parent)
        dialog.exec()
