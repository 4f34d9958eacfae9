"""The filter bar above the board and the deal list, with saved filters."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QWidget,
)

from ...core.deals import DealFilter
from ...core.errors import ValidationError
from ...core.forecast import add_months
from ...services import Services
from ..contacts_page import CompanyFilterCombo
from ..flow import FlowLayout
from .common import amount_text, error_text, parse_money

translate = QCoreApplication.translate
PERIODS = ("", "overdue", "this_month", "next_month", "this_quarter", "next_90", "custom")


def period_range(key: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The expected-close dates (inclusive) a period stands for."""
    month = today.replace(day=1)
    if key == "overdue":
        return None, today - dt.timedelta(days=1)
    if key == "this_month":
        return month, add_months(month, 1) - dt.timedelta(days=1)
    if key == "next_month":
        return add_months(month, 1), add_months(month, 2) - dt.timedelta(days=1)
    if key == "this_quarter":
        start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return start, add_months(start, 3) - dt.timedelta(days=1)
    if key == "next_90":
        return today, today + dt.timedelta(days=90)
    return None, None


class DealFilterBar(QWidget):
    """Owner, tag, company, close period, value range and text; ``filter_changed`` carries a DealFilter."""

    filter_changed = Signal(object)

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("DealFilterBar", "Search deals"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.owner, self.tag = QComboBox(self), QComboBox(self)
        self.company = CompanyFilterCombo(self)  # a list model: quick with a hundred thousand companies
        self.period = QComboBox(self)
        self.custom_range: tuple[dt.date | None, dt.date | None] = (None, None)
        self._last_period = ""
        for key, text in zip(
            PERIODS,
            (
                translate("DealFilterBar", "Any close date"),
                translate("DealFilterBar", "Overdue"),
                translate("DealFilterBar", "Closing this month"),
                translate("DealFilterBar", "Closing next month"),
                translate("DealFilterBar", "Closing this quarter"),
                translate("DealFilterBar", "Closing in 90 days"),
                translate("DealFilterBar", "Closing between…"),
            ),
            strict=True,
        ):
            self.period.addItem(text, key)
        self.min_value, self.max_value = QLineEdit(self), QLineEdit(self)
        self.min_value.setPlaceholderText(translate("DealFilterBar", "Min value"))
        self.max_value.setPlaceholderText(translate("DealFilterBar", "Max value"))
        for edit in (self.min_value, self.max_value):
            edit.setMaximumWidth(90)
            edit.setMinimumWidth(72)  # "Min value" stays readable on a narrow window
        self.saved = QComboBox(self)
        self.save_button = QToolButton(self)
        self.save_button.setText(translate("DealFilterBar", "Save filter…"))
        # The arrow beside it: the same filters as a segment of deals, listed in the sidebar.
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.save_segment_action = QAction(translate("DealFilterBar", "Save as segment…"), self)
        self.save_button.addAction(self.save_segment_action)
        self.delete_button = QToolButton(self)
        self.delete_button.setText(translate("DealFilterBar", "Delete"))
        self._layout()
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.apply)
        self.reload_choices()
        self._connect()

    def _layout(self) -> None:
        # Wraps onto a second row on a narrow window rather than making the window wider.
        layout = FlowLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        values = QWidget(self)  # the two bounds of the value move to a new row together
        pair = QHBoxLayout(values)
        pair.setContentsMargins(0, 0, 0, 0)
        pair.setSpacing(4)
        pair.addWidget(self.min_value)
        pair.addWidget(self.max_value)
        for widget in (
            self.search,
            self.owner,
            self.tag,
            self.company,
            self.period,
            values,
            self.saved,
            self.save_button,
            self.delete_button,
        ):
            layout.addWidget(widget)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._timer.start())
        for edit in (self.min_value, self.max_value):
            edit.editingFinished.connect(self.apply)
        for combo in (self.owner, self.tag):
            combo.currentIndexChanged.connect(self.apply)
        self.period.activated.connect(self._on_period_activated)
        self.company.company_changed.connect(lambda _company: self.apply())
        self.saved.activated.connect(self._on_saved_activated)
        self.save_button.clicked.connect(self.save_current)
        self.save_segment_action.triggered.connect(self.save_as_segment)
        self.delete_button.clicked.connect(self.delete_saved)

    def reload_choices(self) -> None:
        combos = (self.owner, self.tag)
        chosen = [c.currentData() for c in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        self.owner.addItem(translate("DealFilterBar", "Any owner"), None)
        for user in self._services.lookups.users():
            self.owner.addItem(user.name, user.id)
        self.tag.addItem(translate("DealFilterBar", "Any tag"), None)
        for tag in self._services.lookups.tags():
            self.tag.addItem(tag.name, tag.id)
        for combo, value in zip(combos, chosen, strict=True):
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.company.set_choices(self._services.companies.choices())
        self.reload_saved()

    def reload_saved(self) -> None:
        self.saved.clear()
        self.saved.addItem(translate("DealFilterBar", "Saved filters"), None)
        for filter_id, name, _flt in self._services.pipelines.saved_filters():
            self.saved.addItem(name, filter_id)

    def current(self, currency: str) -> DealFilter:
        """The filter the controls show; raises ValidationError for a bad value bound."""
        if self.period.currentData() == "custom":
            close_from, close_to = self.custom_range
        else:
            close_from, close_to = period_range(self.period.currentData(), self._services.ctx.clock.today())
        low = (
            parse_money(self.min_value.text(), currency, field="value")
            if self.min_value.text().strip()
            else None
        )
        high = (
            parse_money(self.max_value.text(), currency, field="value")
            if self.max_value.text().strip()
            else None
        )
        return DealFilter(
            owner_id=self.owner.currentData(),
            tag_id=self.tag.currentData(),
            company_id=self.company.company_id(),
            close_from=close_from,
            close_to=close_to,
            min_value_minor=low,
            max_value_minor=high,
            text=self.search.text(),
            close_period=self.period.currentData(),
        )

    def _on_period_activated(self, index: int) -> None:
        if self.period.itemData(index) == "custom":
            chosen = ask_range(self, self.custom_range, self._services.ctx.clock.today())
            if chosen is None:
                self.period.setCurrentIndex(max(0, self.period.findData(self._last_period)))
                return
            self.custom_range = chosen
        self._last_period = self.period.itemData(index)
        self.apply()

    def apply(self) -> None:
        try:
            flt = self.current(self._services.deals.default_currency())
        except ValidationError as exc:
            QMessageBox.warning(self, translate("DealFilterBar", "Filter"), error_text(exc))
            return
        self.filter_changed.emit(flt)

    def show_filter(self, flt: DealFilter) -> None:
        """Put a saved filter into the controls and apply it (a period counts from today)."""
        widgets = (
            self.owner,
            self.tag,
            self.company,
            self.period,
            self.search,
            self.min_value,
            self.max_value,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.owner.setCurrentIndex(max(0, self.owner.findData(flt.owner_id)))
        self.tag.setCurrentIndex(max(0, self.tag.findData(flt.tag_id)))
        self.company.set_company_id(flt.company_id)
        self.period.setCurrentIndex(max(0, self.period.findData(flt.close_period)))
        if flt.close_period == "custom":
            self.custom_range = (flt.close_from, flt.close_to)
        self.search.setText(flt.text)
        currency = self._services.deals.default_currency()
        self.min_value.setText(
            "" if flt.min_value_minor is None else amount_text(flt.min_value_minor, currency)
        )
        self.max_value.setText(
            "" if flt.max_value_minor is None else amount_text(flt.max_value_minor, currency)
        )
        for widget in widgets:
            widget.blockSignals(False)
        self.apply()

    def save_current(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            translate("DealFilterBar", "Save filter"),
            translate("DealFilterBar", "Name of this filter:"),
        )
        if not ok:
            return
        try:
            self._services.pipelines.save_filter(name, self.current(self._services.deals.default_currency()))
        except ValidationError as exc:
            QMessageBox.warning(self, translate("DealFilterBar", "Filter"), error_text(exc))
            return
        self.reload_saved()
        self.saved.setCurrentIndex(max(0, self.saved.findText(" ".join(name.split()))))

    def save_as_segment(self) -> int | None:
        """The filters shown as a new segment of deals (the builder opens with them); its id or None."""
        from ..segments import save_deal_filter  # the segments' pages use the deal list: no import cycle

        try:
            flt = self.current(self._services.deals.default_currency())
        except ValidationError as exc:
            QMessageBox.warning(self, translate("DealFilterBar", "Filter"), error_text(exc))
            return None
        return save_deal_filter(self, self._services, flt)

    def _on_saved_activated(self, index: int) -> None:
        filter_id = self.saved.itemData(index)
        found = next((f for f in self._services.pipelines.saved_filters() if f[0] == filter_id), None)
        if found is not None:
            self.show_filter(found[2])

    def delete_saved(self) -> None:
        filter_id = self.saved.currentData()
        if filter_id is not None:
            pipelines = self._services.pipelines
            found = next((f for f in pipelines.saved_filters() if f[0] == filter_id), None)
            pipelines.delete_filter(filter_id)
            if found is not None:
                self._keep_for_undo(found[1], found[2], filter_id)
            self.reload_saved()

    def _keep_for_undo(self, name: str, flt, filter_id: int) -> None:
        """In the window, Edit ▸ Undo saves a deleted filter again (unless its name was taken since)."""
        from ..undo.records import record_done
        from ..undo.texts import delete_text

        pipelines, current = self._services.pipelines, [filter_id]

        def restore() -> None:
            current[0] = pipelines.restore_filter(name, flt)

        record_done(self, self._services, delete_text("saved_filter", 1, name),
                    lambda: pipelines.delete_filter(current[0]), restore)


def ask_range(
    parent: QWidget, current: tuple[dt.date | None, dt.date | None], today: dt.date
) -> tuple[dt.date, dt.date] | None:
    """Two dates (inclusive, in either order) for "Closing between…", or None if cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("DealFilterBar", "Closing between"))
    start, end = QDateEdit(dialog), QDateEdit(dialog)
    for edit, value in ((start, current[0] or today), (end, current[1] or add_months(today, 1))):
        edit.setCalendarPopup(True)
        edit.setDate(QDate(value))
    form = QFormLayout(dialog)
    form.addRow(translate("DealFilterBar", "From"), start)
    form.addRow(translate("DealFilterBar", "To"), end)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        first, last = sorted((start.date().toPython(), end.date().toPython()))
        return first, last
    finally:
        dialog.deleteLater()
