"""Turns the services' change feed into a Qt signal views can connect to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..services import Change, Services


class ChangeBridge(QObject):
    """Emits ``changed(Change)`` on the UI thread for every write the services report."""

    changed = Signal(object)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        services.changes.subscribe(self._forward)

    def detach(self) -> None:
        self._services.changes.unsubscribe(self._forward)

    def _forward(self, change: Change) -> None:
        self.changed.emit(change)
