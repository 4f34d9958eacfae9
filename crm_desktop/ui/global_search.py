"""The search box in the tool bar: people and companies as you type."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ..core.resources import resource_path
from ..services import Services

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
RESULT_LIMIT = 20


class GlobalSearch(QLineEdit):
    """Finds records through the full-text index; Enter or a click opens the chosen one."""

    contact_chosen = Signal(int)
    company_chosen = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setPlaceholderText(self.tr("Search people and companies  (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        self.addAction(QIcon(str(resource_path("icons", "search.svg"))),
                       QLineEdit.ActionPosition.LeadingPosition)
        self.setMinimumWidth(360)
        self._icons = {
            "contact": QIcon(str(resource_path("icons", "person.svg"))),
            "company": QIcon(str(resource_path("icons", "company.svg"))),
        }
        self.results = QStandardItemModel(self)
        self._completer = QCompleter(self.results, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._on_completer_activated)
        self._completer.popup().installEventFilter(self)
        self._timer = QTimer(self, singleShot=True, interval=60)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._on_return_pressed)

    # -- searching -----------------------------------------------------------------------
    def _on_text_edited(self, _text: str) -> None:
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.run_search(self.text())

    def run_search(self, text: str) -> None:
        self.results.clear()
        if not text.strip():
            self._completer.popup().hide()
            return
        hits = self._services.search.search(text, RESULT_LIMIT)
        for hit in hits:
            label = f"{hit.title}  —  {hit.subtitle}" if hit.subtitle else hit.title
            item = QStandardItem(self._icons[hit.kind], label)
            item.setData(hit.kind, KIND_ROLE)
            item.setData(hit.record_id, ID_ROLE)
            self.results.appendRow(item)
        if not hits:
            item = QStandardItem(self.tr("No people or companies match “%1”").replace("%1", text))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.appendRow(item)
        self._completer.complete()

    # -- choosing ------------------------------------------------------------------------
    def _on_return_pressed(self) -> None:
        self._timer.stop()
        if self.results.rowCount() == 0 or self.results.item(0).data(ID_ROLE) is None:
            self.run_search(self.text())
        popup = self._completer.popup()
        index = popup.currentIndex() if popup.isVisible() and popup.currentIndex().isValid() \
            else self.results.index(0, 0)
        self._choose(index)

    def _on_completer_activated(self, index) -> None:
        self._choose(index)

    def _choose(self, index) -> None:
        if not index.isValid() or index.data(ID_ROLE) is None:
            return
        kind, record_id = index.data(KIND_ROLE), int(index.data(ID_ROLE))
        self._completer.popup().hide()
        self.clear()
        self.results.clear()
        (self.contact_chosen if kind == "contact" else self.company_chosen).emit(record_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self._completer.popup() and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._choose(self._completer.popup().currentIndex())
            return True
        return super().eventFilter(watched, event)

