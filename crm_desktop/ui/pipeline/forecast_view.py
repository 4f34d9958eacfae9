"""The forecast: expected revenue by month (per owner or pipeline), stage conversion, lost reasons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.forecast import Forecast
from ...services import Change, Services
from ..bridge import ChangeBridge
from .common import LABELS, money, reason_text

translate = QCoreApplication.translate
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _item(text: str, sort=None, right: bool = False, bold: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if sort is not None:
        item.setData(sort, Qt.ItemDataRole.UserRole)
    if right:
        item.setTextAlignment(_RIGHT)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def _month_title(month: str, locale: QLocale) -> str:
    year, number = (int(p) for p in month.split("-"))
    return locale.toString(QDate(year, number, 1), "MMM yyyy")


class ForecastView(QWidget):
    def __init__(self, services: Services, bridge: ChangeBridge | None = None, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.currency = QComboBox(self)
        self.group = QComboBox(self)
        for label, key in (
            (translate("Forecast", "All together"), ""),
            (translate("Forecast", "Per owner"), "owner"),
            (translate("Forecast", "Per pipeline"), "pipeline"),
        ):
            self.group.addItem(label, key)
        self.pipeline = QComboBox(self)
        self.months = QSpinBox(self)
        self.months.setRange(1, 24)
        self.months.setValue(6)
        self.months.setSuffix(translate("Forecast", " months"))
        self.summary = QLabel(self)
        self.summary.setStyleSheet("font-size: 14px; padding: 4px 0;")
        self.month_model = QStandardItemModel(self)
        self.stage_model = QStandardItemModel(self)
        self.reason_model = QStandardItemModel(self)
        self._build()
        self.reload_choices()
        for combo in (self.currency, self.group, self.pipeline):
            combo.currentIndexChanged.connect(self.refresh)
        self.months.valueChanged.connect(self.refresh)
        if bridge is not None:
            bridge.changed.connect(self._on_bridge_changed)

    def _build(self) -> None:
        controls = QHBoxLayout()
        for label, widget in (
            (translate("Forecast", "Currency"), self.currency),
            (translate("Forecast", "Show"), self.group),
            (translate("Forecast", "Pipeline"), self.pipeline),
            (translate("Forecast", "Next"), self.months),
        ):
            controls.addWidget(QLabel(label, self))
            controls.addWidget(widget)
        controls.addStretch(1)
        self.month_table, self.stage_table, self.reason_table = (
            self._table(m) for m in (self.month_model, self.stage_model, self.reason_model)
        )
        self.month_table.horizontalHeader().setStretchLastSection(False)
        lower = QSplitter(self)
        for title, table in (
            (translate("Forecast", "Win rate and time to close per stage"), self.stage_table),
            (translate("Forecast", "Lost reasons"), self.reason_table),
        ):
            lower.addWidget(self._titled(title, table))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(
            self._titled(
                translate(
                    "Forecast", "Expected revenue by close month: won plus open deals weighted by probability"
                ),
                self.month_table,
            )
        )
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def _table(self, model: QStandardItemModel) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        label = QLabel(title, box)
        label.setStyleSheet("font-weight: 600;")
        layout.addWidget(label)
        layout.addWidget(widget)
        return box

    def reload_choices(self) -> None:
        for combo in (self.currency, self.pipeline):
            combo.blockSignals(True)
        current = self.currency.currentText() or self._services.deals.default_currency()
        self.currency.clear()
        self.currency.addItems(list(dict.fromkeys(self._services.deals.currencies() or [current or "USD"])))
        self.currency.setCurrentIndex(max(0, self.currency.findText(current)))
        chosen = self.pipeline.currentData()
        self.pipeline.clear()
        self.pipeline.addItem(translate("Forecast", "All pipelines"), None)
        self._pipelines = self._services.pipelines.pipelines()
        for pipeline in self._pipelines:
            self.pipeline.addItem(LABELS.pipeline(pipeline), pipeline.id)
        self.pipeline.setCurrentIndex(max(0, self.pipeline.findData(chosen)))
        for combo in (self.currency, self.pipeline):
            combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        forecast = self._services.forecast.forecast(
            self.currency.currentText() or "USD",
            months=self.months.value(),
            group_by=self.group.currentData(),
            pipeline_id=self.pipeline.currentData(),
        )
        locale = QLocale()
        self._fill_months(forecast, locale)
        self._fill_stages(forecast, locale)
        self._fill_reasons(forecast, locale)
        total = sum(forecast.month_total(m).expected_minor for m in forecast.months)
        self.summary.setText(
            translate("Forecast", "Expected in the next %1 months: %2")
            .replace("%1", str(len(forecast.months)))
            .replace("%2", money(total, forecast.currency, locale))
        )
        self.forecast = forecast

    def _group_name(self, forecast: Forecast, group_id) -> str:
        if forecast.group_by == "owner":
            return {u.id: u.name for u in self._services.lookups.users()}.get(
                group_id, translate("Forecast", "No owner")
            )
        if forecast.group_by == "pipeline":
            return next((LABELS.pipeline(p) for p in self._pipelines if p.id == group_id), "")
        return translate("Forecast", "All deals")

    def _fill_months(self, forecast: Forecast, locale: QLocale) -> None:
        model = self.month_model
        model.clear()
        late = bool(forecast.overdue)  # open deals whose close date has passed: a column before the months
        model.setHorizontalHeaderLabels(
            [translate("Forecast", "Group"), translate("Forecast", "Measure")]
            + ([translate("Forecast", "Overdue")] if late else [])
            + [_month_title(m, locale) for m in forecast.months]
            + [translate("Forecast", "Total")]
        )
        groups = list(dict.fromkeys([*forecast.groups(), *(c.group_id for c in forecast.overdue)])) or [None]
        for group_id in groups:
            for measure, getter in (
                (translate("Forecast", "Won"), lambda c: c.won_minor),
                (translate("Forecast", "Open, weighted"), lambda c: c.weighted_minor),
                (translate("Forecast", "Open, full value"), lambda c: c.open_minor),
                (translate("Forecast", "Expected"), lambda c: c.expected_minor),
            ):
                values = [getter(c) if (c := forecast.cell(m, group_id)) else 0 for m in forecast.months]
                bold = measure == translate("Forecast", "Expected")
                row = [_item(self._group_name(forecast, group_id), bold=bold), _item(measure, bold=bold)]
                if late:
                    cell = next((c for c in forecast.overdue if c.group_id == group_id), None)
                    value = getter(cell) if cell else 0
                    item = _item(money(value, forecast.currency, locale), value, True, bold)
                    item.setForeground(QColor("#d93025"))
                    item.setToolTip(
                        translate(
                            "Forecast", "Open deals whose expected close date has passed; not in the total"
                        )
                    )
                    row.append(item)
                row += [_item(money(v, forecast.currency, locale), v, True, bold) for v in values]
                row.append(_item(money(sum(values), forecast.currency, locale), sum(values), True, True))
                model.appendRow(row)

    def _fill_stages(self, forecast: Forecast, locale: QLocale) -> None:
        model = self.stage_model
        model.clear()
        model.setHorizontalHeaderLabels(
            [
                translate("Forecast", "Stage"),
                translate("Forecast", "Closed deals"),
                translate("Forecast", "Won"),
                translate("Forecast", "Lost"),
                translate("Forecast", "Win rate"),
                translate("Forecast", "Average days to close"),
            ]
        )
        stats = {s.stage_id: s for s in forecast.stages}
        for pipeline in self._pipelines:
            for stage in pipeline.stages:
                stat = stats.get(stage.id)
                if stat is None:
                    continue
                rate = "—" if stat.win_rate is None else locale.toString(stat.win_rate * 100, "f", 0) + " %"
                days = (
                    "—" if stat.avg_days_to_close is None else locale.toString(stat.avg_days_to_close, "f", 1)
                )
                model.appendRow(
                    [
                        _item(LABELS.stage(stage)),
                        _item(str(stat.reached), right=True),
                        _item(str(stat.won), right=True),
                        _item(str(stat.lost), right=True),
                        _item(rate, right=True),
                        _item(days, right=True),
                    ]
                )

    def _fill_reasons(self, forecast: Forecast, locale: QLocale) -> None:
        model = self.reason_model
        model.clear()
        model.setHorizontalHeaderLabels(
            [translate("Forecast", "Reason"), translate("Forecast", "Deals"), translate("Forecast", "Value")]
        )
        top = max((r.count for r in forecast.lost_reasons), default=0)
        for reason in forecast.lost_reasons:
            name = _item(reason_text(reason.reason) or translate("Forecast", "(no reason)"))
            if reason.count == top:
                name.setForeground(QColor("#d93025"))
            model.appendRow(
                [
                    name,
                    _item(str(reason.count), right=True),
                    _item(money(reason.value_minor, forecast.currency, locale), right=True),
                ]
            )

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in ("deal", "pipeline", "user", "all"):
            if self.isVisible():
                self.reload_choices()
            else:
                self._stale = True

    def showEvent(self, event) -> None:
        if getattr(self, "_stale", False):
            self._stale = False
            self.reload_choices()
        super().showEvent(event)
