"""Repeating rows for e-mails, phones and social handles, with add and remove buttons."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import phonenumbers
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.phones import normalize_phone
from ...core.records import Channel
from .form import make_note_label, select_data, set_invalid
from .labels import (
    channel_label_text,
    email_label_choices,
    handle_kind_choices,
    handle_kind_text,
    phone_label_choices,
)

EMAIL, PHONE, HANDLE = "email", "phone", "handle"


def phone_hint_text(raw: str, region: str) -> str:
    """What a typed phone number will be stored as, or "" while it is not a valid number."""
    e164 = normalize_phone(raw, region)
    if e164 is None or e164 == raw.strip():
        return ""
    return QCoreApplication.translate("ChannelList", "Saved as %1").replace("%1", e164)


def phone_placeholder(region: str) -> str:
    """An example number of the region in its national format, e.g. "(201) 555-0123"."""
    example = phonenumbers.example_number_for_type(region or None, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        return ""
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)


class ChannelRow(QWidget):
    """One e-mail, phone or handle: [kind] value [label] [remove], with hint and error lines."""

    def __init__(self, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.kind_combo: QComboBox | None = None
        self.label_combo: QComboBox | None = None
        self.value_edit = QLineEdit()
        self.value_edit.setMaxLength(254 if mode == EMAIL else 200)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.hint_label = make_note_label("fieldHint")
        self.error_label = make_note_label("fieldError")
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        if mode == HANDLE:
            self.kind_combo = _choice_combo(handle_kind_choices())
            line.addWidget(self.kind_combo)
        line.addWidget(self.value_edit, 1)
        if mode != HANDLE:
            self.label_combo = _choice_combo(email_label_choices() if mode == EMAIL
                                             else phone_label_choices())
            line.addWidget(self.label_combo)
        line.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        self.setFocusProxy(self.value_edit)

    def focus_chain(self) -> list[QWidget]:
        widgets = [self.kind_combo, self.value_edit, self.label_combo, self.remove_button]
        return [w for w in widgets if w is not None]

    def channel(self) -> Channel:
        value = self.value_edit.text()
        if self.mode == HANDLE:
            return Channel(value, "", self.kind_combo.currentData())
        return Channel(value, self.label_combo.currentData(), "")

    def set_channel(self, channel: Channel) -> None:
        self.value_edit.setText(channel.value)
        if self.kind_combo is not None:
            select_data(self.kind_combo, channel.kind or "other", handle_kind_text(channel.kind))
        if self.label_combo is not None and channel.label:
            select_data(self.label_combo, channel.label, channel_label_text(channel.label))

    def show_error(self, text: str) -> None:
        current = self.error_label.text()
        self.error_label.setText(f"{current}\n{text}" if current else text)
        self.error_label.show()
        set_invalid(self.value_edit, True)

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        set_invalid(self.value_edit, False)

    def set_hint(self, text: str) -> None:
        self.hint_label.setText(text)
        self.hint_label.setVisible(bool(text))


def _choice_combo(choices: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    for code, text in choices:
        combo.addItem(text, code)
    return combo


class ChannelList(QWidget):
    """All e-mails (or phones, or handles) of a record. There is always at least one row."""

    edited = Signal()

    def __init__(self, mode: str, region: Callable[[], str] = lambda: "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self._region = region
        self.rows: list[ChannelRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        self.add_row()
        self.add_button = QPushButton(self._add_text())
        self.add_button.setFlat(True)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_button)
        add_line.addStretch(1)
        layout.addLayout(add_line)
        self.setFocusProxy(self.rows[0])

    def _add_text(self) -> str:
        if self.mode == EMAIL:
            return self.tr("+ Add e-mail")
        if self.mode == PHONE:
            return self.tr("+ Add phone")
        return self.tr("+ Add profile")

    def _placeholder(self) -> str:
        if self.mode == EMAIL:
            return self.tr("name@example.com")
        if self.mode == PHONE:
            return phone_placeholder(self._region())
        return self.tr("User name or profile link")

    # -- rows ----------------------------------------------------------------------------
    def add_row(self, channel: Channel | None = None) -> ChannelRow:
        row = ChannelRow(self.mode, self)
        row.value_edit.setPlaceholderText(self._placeholder())
        row.remove_button.setToolTip(self.tr("Remove"))
        row.remove_button.clicked.connect(lambda: self.remove_row(row))
        row.value_edit.textChanged.connect(lambda: self._on_row_edited(row))
        for combo in (row.kind_combo, row.label_combo):
            if combo is not None:
                combo.currentIndexChanged.connect(self.edited)
        if channel is not None:
            row.set_channel(channel)
        previous = self.rows[-1] if self.rows else None
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        row.show()  # at once, not when the layout gets round to it, so it can take the focus
        if previous is not None:
            self._fix_tab_order(previous, row)
        return row

    def _fix_tab_order(self, previous: ChannelRow, row: ChannelRow) -> None:
        chain = [previous.focus_chain()[-1], *row.focus_chain(), self.add_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def remove_row(self, row: ChannelRow) -> None:
        """Remove a row; the last one left is emptied instead, so there is always a place to type."""
        if len(self.rows) == 1:
            row.value_edit.clear()
            row.clear_error()
            row.value_edit.setFocus()
            return
        index = self.rows.index(row)
        self._drop_row(row)
        self.rows[min(index, len(self.rows) - 1)].value_edit.setFocus()
        self.edited.emit()

    def _drop_row(self, row: ChannelRow) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.setFocusProxy(self.rows[0])

    def _on_add_button_clicked(self) -> None:
        row = self.add_row()
        row.value_edit.setFocus()
        self.edited.emit()

    def _on_row_edited(self, row: ChannelRow) -> None:
        if self.mode == PHONE:
            row.set_hint(phone_hint_text(row.value_edit.text(), self._region()))
        self.edited.emit()

    # -- values --------------------------------------------------------------------------
    def channels(self) -> list[Channel]:
        """Every row in order, empty ones included, so positions match FieldError.index."""
        return [row.channel() for row in self.rows]

    def set_channels(self, channels: list[Channel]) -> None:
        for row in self.rows[1:]:
            self._drop_row(row)
        self.rows[0].set_channel(channels[0] if channels else Channel(""))
        for channel in channels[1:]:
            self.add_row(channel)

    # -- errors (ErrorTarget) ------------------------------------------------------------
    def show_error(self, text: str, index: int | None) -> None:
        self._row_at(index).show_error(text)

    def clear_errors(self) -> None:
        for row in self.rows:
            row.clear_error()

    def focus_widget(self, index: int | None) -> QWidget:
        return self._row_at(index).value_edit

    def _row_at(self, index: int | None) -> ChannelRow:
        if index is None or not 0 <= index < len(self.rows):
            return self.rows[0]
        return self.rows[index]

