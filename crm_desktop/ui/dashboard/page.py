"""The dashboard page: a period and owner, tiles, charts and targets; figures load on a worker thread.

Every bar and tile opens the records behind it: ``records_requested`` carries what to show
("deal", "contact" or "company", a title and a SQL condition) and ``customer_requested``
a customer of the top list; the window shows them (see ``ui.dashboard.install``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.dashboard import PERIODS, Dashboard, DashboardQuery, period_range
from ...core.errors import CrmError
from ...services import Services
from ..bridge import ChangeBridge
from ..flow import FlowLayout
from ..messages import error_text
from ..pipeline.common import money
from .charts import BarChart

translate = QCoreApplication.translate

CARD_STYLE = (
    "QFrame#card { background: white; border: 1px solid #e2e6ee; border-radius: 8px; }"
    "QLabel#cardTitle { font-weight: 600; color: #2d3748; }"
)


class _Loader(QObject):
    """Loads a dashboard on worker threads; ``loaded`` brings it (or the error) back.

    The figures shown first and every figure are loaded on two threads of their own, the second
    once the first are shown: the figures over every person take seconds at a million people, and
    a period chosen meanwhile must not wait for them before its first figures show."""

    loaded = Signal(int, object)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self._pools: dict[bool, ThreadPoolExecutor] | None = {
            complete: ThreadPoolExecutor(1, thread_name_prefix="dashboard") for complete in (False, True)}
        self.generation = 0

    def start(self, query: DashboardQuery) -> None:
        if self._pools is None:
            return
        self.generation += 1
        self._pools[False].submit(self._run, self.generation, query, False)

    def _run(self, generation: int, query: DashboardQuery, complete: bool) -> None:
        if generation != self.generation:
            return  # a newer query came meanwhile
        try:
            result: object = self._services.dashboard.load(query, complete=complete)
        except Exception as exc:
            result = exc
        self.loaded.emit(generation, result)
        pools = self._pools
        if not complete and pools is not None and generation == self.generation:
            with contextlib.suppress(RuntimeError):  # stopped meanwhile
                pools[True].submit(self._run, generation, query, True)

    def stop(self) -> None:
        pools, self._pools = self._pools, None  # a first load ending now starts no other
        if pools is not None:
            for pool in pools.values():
                pool.shutdown(wait=True, cancel_futures=True)


class Tile(QFrame):
    """A figure with its name; clicking it (or Enter when focused) emits ``activated``."""

    activated = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel(title, self)
        self.title.setStyleSheet("color: #718096;")
        self.value = QLabel("–", self)
        self.value.setStyleSheet("font-size: 22px; font-weight: 600; color: #1a202c;")
        self.note = QLabel("", self)
        self.note.setStyleSheet("color: #718096;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        for label in (self.title, self.value, self.note):
            layout.addWidget(label)
        self.setAccessibleName(title)

    def set_value(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.setAccessibleDescription(f"{value} {note}".strip())
        self.setToolTip(f"{self.title.text()}: {value}" + (f"\n{note}" if note else ""))

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit()
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
        else:
            super().keyPressEvent(event)


def _card(title: str, body: QWidget, parent: QWidget) -> QFrame:
    card = QFrame(parent)
    card.setObjectName("card")
    label = QLabel(title, card)
    label.setObjectName("cardTitle")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(12, 10, 12, 10)
    layout.addWidget(label)
    layout.addWidget(body, 1)
    return card


class DashboardPage(QWidget):
    status_posted = Signal(str)
    records_requested = Signal(str, str, object)  # entity, title, (sql, params)
    customer_requested = Signal(str, int)  # "company" | "contact", id
    loaded = Signal()  # figures shown (maybe not all yet)
    completed = Signal()  # every figure shown

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.board: Dashboard | None = None
        self._users = {u.id: u.name for u in services.lookups.users()}
        self._loader = _Loader(services)
        self._loader.loaded.connect(self._on_loader_loaded)
        self._stale = False
        self._refresh_timer = QTimer(self, singleShot=True, interval=400)
        self._refresh_timer.timeout.connect(self.refresh)
        self.setStyleSheet(CARD_STYLE)
        self._build_bar()
        self._build_body()
        bridge.changed.connect(self._on_bridge_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.refresh()

    # -- construction ----------------------------------------------------------------------
    def _build_bar(self) -> None:
        self.period_combo = QComboBox(self)
        for key, text in zip(
            PERIODS,
            (
                translate("DashboardPage", "This month"),
                translate("DashboardPage", "This quarter"),
                translate("DashboardPage", "This year"),
                translate("DashboardPage", "Custom range"),
            ),
            strict=True,
        ):
            self.period_combo.addItem(text, key)
        self.period_combo.setCurrentIndex(1)
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addMonths(-1), self)
        self.to_edit = QDateEdit(today, self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setVisible(False)
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.owner_combo = QComboBox(self)
        self.owner_combo.addItem(translate("DashboardPage", "Everyone"), None)
        for user_id, name in self._users.items():
            self.owner_combo.addItem(name, user_id)
        self.currency_combo = QComboBox(self)
        self.currency_combo.setToolTip(translate("DashboardPage", "Currency of the amounts"))
        self.targets_button = QPushButton(translate("DashboardPage", "Targets…"), self)
        self.export_button = QToolButton(self)
        self.export_button.setText(translate("DashboardPage", "Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_xlsx_action = menu.addAction(translate("DashboardPage", "Figures to Excel (.xlsx)…"))
        self.export_png_action = menu.addAction(translate("DashboardPage", "Report as PNG image…"))
        self.export_pdf_action = menu.addAction(translate("DashboardPage", "Report as PDF…"))
        self.export_button.setMenu(menu)
        self.period_combo.currentIndexChanged.connect(self._on_period_changed)
        self.owner_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.currency_combo.activated.connect(lambda _i: self.refresh())
        self.status_label = QLabel("", self)
        self.status_label.setStyleSheet("color: #718096;")

    def _build_body(self) -> None:
        from .report import export_figures, export_pdf, export_png
        from .targets import TargetsPanel

        self.export_xlsx_action.triggered.connect(lambda: export_figures(self))
        self.export_png_action.triggered.connect(lambda: export_png(self))
        self.export_pdf_action.triggered.connect(lambda: export_pdf(self))
        # Wraps onto a second row on a narrow window (a custom range adds two dates) rather than
        # making the window wider; the dates shown take the room left, so the buttons end the row.
        top = FlowLayout()
        top.setContentsMargins(12, 8, 12, 4)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        for widget in (
            self._group(QLabel(translate("DashboardPage", "Period:"), self), self.period_combo,
                        self.from_edit, self.to_edit),
            self._group(QLabel(translate("DashboardPage", "Owner:"), self), self.owner_combo,
                        self.currency_combo),
            self.status_label,
            self.targets_button,
            self.export_button,
        ):
            top.addWidget(widget)
        self.content = QWidget(self)
        self.content.setObjectName("dashboardContent")
        self.content.setStyleSheet("QWidget#dashboardContent { background: #f4f6fa; }" + CARD_STYLE)
        grid = QGridLayout(self.content)
        grid.setContentsMargins(12, 8, 12, 12)
        grid.setSpacing(10)
        self.tiles = self._make_tiles()
        tiles = QGridLayout()  # two rows, so that a narrow window is not pushed wider
        tiles.setSpacing(10)
        for n, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, n // 4, n % 4)
        grid.addLayout(tiles, 0, 0, 1, 2)
        self.charts = self._make_charts()
        for n, (key, chart) in enumerate(self.charts.items()):
            grid.addWidget(_card(chart.title, chart, self.content), 1 + n // 2, n % 2)
            chart.bar_activated.connect(lambda c, s, k=key: self._on_chart_activated(k, c, s))
        self.targets_panel = TargetsPanel(self._services, self.content)
        grid.addWidget(
            _card(translate("DashboardPage", "Targets"), self.targets_panel, self.content),
            1 + (len(self.charts) + 1) // 2,
            0,
            1,
            2,
        )
        self.targets_button.clicked.connect(self.targets_panel.edit)
        self.targets_panel.changed.connect(self.refresh)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    def _group(self, *widgets: QWidget) -> QWidget:
        """Widgets kept side by side on one row of the bar (a label and its choice)."""
        group = QWidget(self)
        layout = QHBoxLayout(group)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        return group

    def _make_tiles(self) -> dict[str, Tile]:
        names = {
            "open": translate("DashboardPage", "Open pipeline"),
            "weighted": translate("DashboardPage", "Weighted pipeline"),
            "won": translate("DashboardPage", "Won in period"),
            "win_rate": translate("DashboardPage", "Win rate"),
            "overdue": translate("DashboardPage", "Overdue tasks"),
            "today": translate("DashboardPage", "Due today"),
            "stale": translate("DashboardPage", "No contact in 30+ days"),
        }
        tiles = {key: Tile(text, self) for key, text in names.items()}
        for key, tile in tiles.items():
            tile.activated.connect(lambda k=key: self._on_tile_activated(k))
        return tiles

    def _make_charts(self) -> dict[str, BarChart]:
        charts = {
            "stages": BarChart(translate("DashboardPage", "Open pipeline by stage")),
            "forecast": BarChart(translate("DashboardPage", "Forecast by expected close month")),
            "won_lost": BarChart(translate("DashboardPage", "Won and lost per month")),
            "reasons": BarChart(translate("DashboardPage", "Lost reasons"), horizontal=True),
            "new": BarChart(translate("DashboardPage", "New people and companies by source"), stacked=True),
            "activities": BarChart(translate("DashboardPage", "Activities per owner and week"), stacked=True),
            "customers": BarChart(translate("DashboardPage", "Top customers by revenue"), horizontal=True),
        }
        for chart in charts.values():
            chart.setParent(self.content)
        return charts

    # -- loading ---------------------------------------------------------------------------
    def query(self) -> DashboardQuery:
        period = self.period_combo.currentData()
        today = self._services.ctx.clock.today()
        start, end = period_range(
            period, today, self.from_edit.date().toPython(), self.to_edit.date().toPython()
        )
        return DashboardQuery(
            start, end, self.owner_combo.currentData(), self.currency_combo.currentData() or ""
        )

    def refresh(self) -> None:
        if not self.isVisible() and self.board is not None:
            self._stale = True
            return
        self._stale = False
        self.status_label.setText(translate("DashboardPage", "Updating…"))
        self._loader.start(self.query())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_loader_loaded(self, generation: int, result: object) -> None:
        if generation != self._loader.generation:
            return  # a newer query is on its way
        if (isinstance(result, Dashboard) and not result.complete and self.board is not None
                and self.board.complete and self.board.query == result.query):
            return  # every figure of this query came first: it stays
        if isinstance(result, CrmError):
            self.status_label.setText(error_text(result))
            return
        if isinstance(result, Exception):
            self.status_label.setText("")
            sys.excepthook(type(result), result, result.__traceback__)
            return
        self.show_board(result)

    def _on_period_changed(self, _index: int) -> None:
        custom = self.period_combo.currentData() == "custom"
        self.from_edit.setVisible(custom)
        self.to_edit.setVisible(custom)
        self.refresh()

    def _on_bridge_changed(self, change) -> None:
        if change.entity in ("user",):
            self._users = {u.id: u.name for u in self._services.lookups.users()}
        self._refresh_timer.start()

    def shutdown(self) -> None:
        self._loader.stop()

    # -- showing ---------------------------------------------------------------------------
    def money(self, minor: float) -> str:
        return money(int(minor), self.board.currency if self.board else "", short=True)

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        self._fill_currencies(board)
        locale = QLocale()
        self.status_label.setText(
            translate("DashboardPage", "%1 – %2")
            .replace("%1", locale.toString(board.query.start, QLocale.FormatType.ShortFormat))
            .replace(
                "%2", locale.toString(board.query.end - dt.timedelta(days=1), QLocale.FormatType.ShortFormat)
            )
        )
        self._fill_tiles(board)
        self._fill_charts(board)
        self.targets_panel.show_progress(board.targets, self._users)
        self.loaded.emit()
        if board.complete:
            self.completed.emit()

    def _fill_currencies(self, board: Dashboard) -> None:
        if self.currency_combo.count() and self.currency_combo.currentData() == board.currency:
            return
        self.currency_combo.blockSignals(True)
        self.currency_combo.clear()
        for code in dict.fromkeys([board.currency, *board.currencies]):
            self.currency_combo.addItem(code, code)
        self.currency_combo.setCurrentIndex(0)
        self.currency_combo.blockSignals(False)

    def _fill_tiles(self, board: Dashboard) -> None:
        locale = QLocale()
        deals = translate("DashboardPage", "%1 open deals").replace("%1", locale.toString(board.open_deals))
        if board.open_deals == 1:
            deals = translate("DashboardPage", "1 open deal")
        self.tiles["open"].set_value(self.money(board.open_minor), deals)
        self.tiles["weighted"].set_value(
            self.money(board.weighted_minor), translate("DashboardPage", "by stage probability")
        )
        won = sum(m.won for m in board.won_lost)
        self.tiles["won"].set_value(
            self.money(board.won_minor),
            translate("DashboardPage", "%1 deals").replace("%1", locale.toString(won))
            if won != 1
            else translate("DashboardPage", "1 deal"),
        )
        rate = board.win_rate
        self.tiles["win_rate"].set_value(
            "–" if rate is None else locale.toString(round(rate * 100)) + " %",
            translate("DashboardPage", "won of closed deals"),
        )
        self.tiles["overdue"].set_value(locale.toString(board.overdue_tasks))
        self.tiles["today"].set_value(locale.toString(board.due_today_tasks))
        if not board.complete:
            self.tiles["stale"].set_value("…", translate("DashboardPage", "Counting…"))
            return
        self.tiles["stale"].set_value(
            locale.toString(board.stale_customers), translate("DashboardPage", "people talked to before")
        )

    def _fill_charts(self, board: Dashboard) -> None:
        from .fill import fill_charts

        fill_charts(self, board)

    # -- drilling down ---------------------------------------------------------------------
    def _on_tile_activated(self, key: str) -> None:
        if self.board is None:
            return
        q = self.board.query
        dash = self._services.dashboard
        title = self.tiles[key].title.text()
        if key in ("open", "weighted"):
            self.records_requested.emit("deal", title, dash.deal_condition(q, "open", None))
        elif key in ("won", "win_rate"):
            self.records_requested.emit("deal", title, dash.deal_condition(q, "won", None))
        elif key == "stale":
            self.records_requested.emit("contact", title, dash.record_condition(q, "stale"))
        elif key in ("overdue", "today"):
            self.records_requested.emit("task", title, key)

    def _on_chart_activated(self, key: str, category: int, series: int) -> None:
        from .fill import drill_down

        drill_down(self, key, category, series)
