"""Building blocks shared by the record dialogs: field boxes with inline errors, combos, sections."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import FieldError
from ..messages import field_error_text

ERROR_COLOR = "#d93025"

# Applied to each record dialog; widgets marked with the "invalid" property get a red frame.
FORM_STYLE = f"""
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"],
QDateEdit[invalid="true"], QSpinBox[invalid="true"] {{
    border: 1px solid {ERROR_COLOR};
    border-radius: 3px;
    padding: 2px;
}}
QLabel#fieldError {{ color: {ERROR_COLOR}; }}
QLabel#fieldHint {{ color: palette(dark); }}
QLabel#sectionTitle {{ font-weight: bold; font-size: 11pt; padding-top: 8px; }}
QLabel#errorBanner {{
    color: {ERROR_COLOR};
    border: 1px solid {ERROR_COLOR};
    border-radius: 4px;
    padding: 6px;
}}
"""


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark a widget as holding a bad value (red frame through FORM_STYLE)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def make_note_label(object_name: str) -> QLabel:
    """A small hidden label for an error or a hint under a field."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class ErrorTarget(Protocol):
    """Something that can show the errors of one draft field."""

    def show_error(self, text: str, index: int | None) -> None: ...

    def clear_errors(self) -> None: ...

    def focus_widget(self, index: int | None) -> QWidget: ...


class FieldBox(QWidget):
    """An input with an error label (and optionally a hint label) under it."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error_label = make_note_label("fieldError")
        self.hint_label = make_note_label("fieldHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        self.setFocusProxy(editor)

    def show_error(self, text: str, index: int | None = None) -> None:
        current = self.error_label.text()
        self.error_label.setText(f"{current}\n{text}" if current else text)
        self.error_label.show()
        set_invalid(self.editor, True)

    def clear_errors(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        set_invalid(self.editor, False)

    def focus_widget(self, index: int | None = None) -> QWidget:
        return self.editor

    def set_hint(self, text: str) -> None:
        self.hint_label.setText(text)
        self.hint_label.setVisible(bool(text))


class ErrorBoard:
    """Knows which widget shows which draft field, and puts validation errors on them."""

    def __init__(self) -> None:
        self._targets: dict[str, ErrorTarget] = {}
        self._order: dict[str, int] = {}

    def register(self, field: str, target: ErrorTarget) -> None:
        self._targets[field] = target
        self._order.setdefault(field, len(self._order))

    def target(self, field: str) -> ErrorTarget:
        return self._targets[field]

    def clear(self) -> None:
        for target in self._targets.values():
            target.clear_errors()

    def show(self, errors: Sequence[FieldError]) -> tuple[QWidget | None, list[str]]:
        """Mark every error; return the first bad widget (in form order) and unplaced texts."""
        self.clear()
        first: QWidget | None = None
        first_rank: tuple[int, int] | None = None
        unplaced: list[str] = []
        for error in errors:
            text = field_error_text(error)
            target = self._targets.get(error.field)
            if target is None:
                unplaced.append(text)
                continue
            target.show_error(text, error.index)
            rank = (self._order[error.field], error.index or 0)
            if first_rank is None or rank < first_rank:
                first, first_rank = target.focus_widget(error.index), rank
        return first, unplaced


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    return form


def add_row(form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy if buddy is not None else field)
    form.addRow(label, field)
    return label


def line_edit(placeholder: str = "", max_length: int = 500) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    edit.setClearButtonEnabled(False)
    return edit


def fill_combo(combo: QComboBox, choices: Iterable[tuple[object, str]]) -> None:
    """Fill a combo with (data, text) pairs."""
    combo.clear()
    for data, text in choices:
        combo.addItem(text, data)


def select_data(combo: QComboBox, value: object, fallback_text: str | None = None) -> None:
    """Select the item holding ``value``; add it (shown as ``fallback_text``) if it is missing."""
    index = combo.findData(value)
    if index < 0 and fallback_text is not None:
        combo.addItem(fallback_text, value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


def owner_combo(users: Iterable[tuple[int, str]]) -> QComboBox:
    combo = QComboBox()
    no_owner = QCoreApplication.translate("RecordDialog", "No owner")
    fill_combo(combo, [(None, no_owner), *users])
    return combo


def notes_edit() -> QPlainTextEdit:
    """A notes box where Tab moves on to the next field instead of typing a tab."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(90)
    return edit
