"""A line edit for comma-separated tags that completes each tag from the known ones."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

SEPARATORS = (",", "，", ";", "；")  # the full-width forms are what Chinese keyboards type


def split_tags(text: str) -> list[str]:
    """Tags as typed: split on commas (ASCII or full width) and semicolons, trimmed, no empties."""
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, ",")
    return [" ".join(part.split()) for part in text.split(",") if part.strip()]


def _last_separator(text: str) -> int:
    return max(text.rfind(sep) for sep in SEPARATORS)


class TagCompleter(QCompleter):
    """Completes only the tag after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path[_last_separator(path) + 1:].strip()]

    def pathFromIndex(self, index) -> str:
        typed = self.completionPrefix()  # what was typed, not the text a highlight put in
        head = typed[: _last_separator(typed) + 1]
        completed = str(index.data())
        return f"{head.rstrip()} {completed}, ".lstrip() if head else f"{completed}, "


class TagEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStringListModel(self)
        completer = TagCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setPlaceholderText(self.tr("e.g. VIP, Trade fair 2024 (separate with commas)"))

    def set_known_tags(self, names: Iterable[str]) -> None:
        self._model.setStringList(sorted(set(names), key=str.casefold))

    def known_tags(self) -> list[str]:
        return self._model.stringList()

    def tags(self) -> list[str]:
        return split_tags(self.text())

    def set_tags(self, names: Iterable[str]) -> None:
        self.setText(", ".join(names))
