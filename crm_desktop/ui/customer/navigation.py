"""The customer area of the window: one page at a time, with Back and Forward through those opened."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.customer import Target
from ...core.errors import CrmError
from ...services import Services
from ..bridge import ChangeBridge
from .page import CustomerPage

HISTORY_LIMIT = 50


class NavigationHistory:
    """Pages visited, like a browser's: a visit drops whatever was ahead of the current one."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self.entries: list[Target] = []
        self.index = -1
        self.limit = limit

    @property
    def current(self) -> Target | None:
        return self.entries[self.index] if self.index >= 0 else None

    def visit(self, target: Target) -> None:
        if target == self.current:
            return
        del self.entries[self.index + 1:]
        self.entries.append(target)
        if len(self.entries) > self.limit:
            del self.entries[0]
        self.index = len(self.entries) - 1

    def can_go_back(self) -> bool:
        return self.index > 0

    def can_go_forward(self) -> bool:
        return self.index < len(self.entries) - 1

    def back(self) -> Target | None:
        if not self.can_go_back():
            return None
        self.index -= 1
        return self.current

    def forward(self) -> Target | None:
        if not self.can_go_forward():
            return None
        self.index += 1
        return self.current

    def forget(self, target: Target) -> None:
        """Drop a page that can no longer be shown (its record went to the trash)."""
        current = self.current
        self.entries = [t for t in self.entries if t != target]
        self.index = self.entries.index(current) if current in self.entries else len(self.entries) - 1


class CustomerArea(QWidget):
    """Shows customer pages; ``closed`` asks the window to show the list again."""

    closed = Signal()
    status_posted = Signal(str)
    edit_requested = Signal(object)  # the Target to edit in its full dialog
    page_changed = Signal(object)  # the Target shown

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bridge = bridge
        self.history = NavigationHistory()
        self.page: CustomerPage | None = None
        self.back_button = self._button("←", self.tr("Back (Alt+Left)"), self.go_back)
        self.forward_button = self._button("→", self.tr("Forward (Alt+Right)"), self.go_forward)
        self.close_button = self._button("✕", self.tr("Close and show the list"), self.closed.emit)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setToolTip(self.tr("Edit every field, e-mail and phone in the full form"))
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.where = QLabel(self)
        self.where.setStyleSheet("color: #4a5568;")
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 0)
        bar.addWidget(self.back_button)
        bar.addWidget(self.forward_button)
        bar.addWidget(self.where, 1)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.close_button)
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._update_buttons()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    # -- navigation ----------------------------------------------------------------------
    def open(self, target: Target) -> bool:
        """Show the page of ``target`` and remember it; False if it no longer exists."""
        if not self._show(target):
            return False
        self.history.visit(target)
        self._update_buttons()
        return True

    def go_back(self) -> bool:
        target = self.history.back()
        if target is None:
            self.closed.emit()
            return False
        return self._revisit(target)

    def go_forward(self) -> bool:
        target = self.history.forward()
        return target is not None and self._revisit(target)

    def _revisit(self, target: Target) -> bool:
        shown = self._show(target)
        if not shown:
            self.history.forget(target)
        self._update_buttons()
        return shown

    def _show(self, target: Target) -> bool:
        try:
            page = CustomerPage(self.services, self.bridge, target, self.stack)
        except CrmError as exc:
            from ..messages import error_text

            self.status_posted.emit(error_text(exc))
            return False
        page.open_requested.connect(self.open)
        page.status_posted.connect(self.status_posted)
        page.gone.connect(self._on_page_gone)
        old = self.page
        self.page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        if old is not None:
            old.detach()
            self.stack.removeWidget(old)
            old.deleteLater()
        self.where.setText(self._where_text(target))
        self.page_changed.emit(target)
        return True

    def _on_edit_button_clicked(self) -> None:
        if self.page is not None:
            self.edit_requested.emit(self.page.target)

    def _on_page_gone(self, target: Target) -> None:
        """The record shown was deleted (here or elsewhere): step back to what was shown before."""
        self.history.forget(target)
        previous = self.history.current
        if previous is None or not self._show(previous):
            self.closed.emit()
        self._update_buttons()

    def _where_text(self, target: Target) -> str:
        name = self.page.header.name.text() if self.page is not None else ""
        kind = self.tr("Person") if target.kind == "contact" else self.tr("Company")
        return f"{kind} · {name}"

    def _update_buttons(self) -> None:
        self.back_button.setEnabled(True)  # back from the first page returns to the list
        self.forward_button.setEnabled(self.history.can_go_forward())

    def detach(self) -> None:
        if self.page is not None:
            self.page.detach()
