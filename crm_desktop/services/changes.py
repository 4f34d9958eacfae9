"""What a write changed, told to whoever listens (the UI refreshes only what it shows)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    entity: str  # "contact" | "company" | "tag" | "user" | "settings" | "all"
    op: str  # "create" | "update" | "delete" | "restore" | "purge" | "reset"
    ids: tuple[int, ...] = field(default=())


class ChangeFeed:
    def __init__(self) -> None:
        self._listeners: list[Callable[[Change], None]] = []

    def subscribe(self, listener: Callable[[Change], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Change], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)
