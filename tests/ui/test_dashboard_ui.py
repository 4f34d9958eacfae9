"""The dashboard in the window: tiles and charts fill from a worker, bars open their records, exports."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QImage

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.deals import DealDraft
from crm_desktop.core.records import ContactDraft
from crm_desktop.ui.dashboard.drill import DealDrillPage
from crm_desktop.ui.dashboard.report import export_figures, export_pdf, export_png
from crm_desktop.ui.dashboard.targets import TargetsDialog
from crm_desktop.ui.main_window import PAGE_DASHBOARD, MainWindow
from crm_desktop.ui.segments.page import ContactSegmentPage


@pytest.fixture(autouse=True)
def english_us():
    """Amounts are checked as written in the United States."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def book(services):
    stages = services.pipelines.default().stages
    today = services.ctx.clock.today()
    for given, source in (("Ann", "web"), ("Ben", "web"), ("Cat", "fair")):
        person = services.contacts.create(ContactDraft(given_name=given, source=source))
    services.activities.log(ActivityDraft("call", "hello", contact_id=person))
    for title, stage, value in (("Alpha", stages[0], 100000), ("Beta", stages[2], 250000),
                                ("Gamma", stages[2], 50000)):
        services.deals.create(DealDraft(title, stage_id=stage.id, value_minor=value, currency="USD",
                                        expected_close=today))
    won = services.deals.create(DealDraft("Won", stage_id=stages[1].id, value_minor=90000, currency="USD"))
    services.deals.win(won, 90000)
    return services


@pytest.fixture
def window(qtbot, book):
    win = MainWindow(book)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    page = win._pages.get(PAGE_DASHBOARD)
    if page is not None:
        page.shutdown()
    if getattr(win, "_dashboard_deals", None) is not None:
        win._dashboard_deals.model.shutdown()
    for page in getattr(win, "_dashboard_lists", {}).values():
        page.model.shutdown()
    win.segments_panel.shutdown()
    win.close()


def shown_dashboard(qtbot, window):
    window.show_dashboard()
    page = window.dashboard_page
    qtbot.waitUntil(lambda: page.board is not None and page.board.complete, timeout=10000)
    return page


def click_bar(qtbot, chart, category, series):
    chart.grab()  # lays the bars out even where the chart is scrolled out of view
    rect = chart.bar_rect(category, series)
    assert rect is not None
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def test_tiles_and_charts_show_the_figures(qtbot, window):
    page = shown_dashboard(qtbot, window)
    assert window.stack.currentWidget() is page
    assert page.tiles["open"].value.text() == "$4,000"
    assert page.tiles["won"].value.text() == "$900"
    assert page.tiles["win_rate"].value.text() == "100 %"
    stages = page.charts["stages"]
    assert stages.categories[:3] == ["Lead", "Qualified", "Proposal/Quote"]
    assert stages.series[0].values[:3] == (100000, 0, 300000)
    assert stages.series[1].values[2] == 150000
    assert "Proposal/Quote\nValue: $3,000" in stages.bar_text(2, 0)
    new = page.charts["new"]
    assert [s.name for s in new.series] == ["People · web", "People · fair"]


def test_a_bar_opens_its_deals_and_people(qtbot, window):
    page = shown_dashboard(qtbot, window)
    click_bar(qtbot, page.charts["stages"], 2, 0)
    deals = window.stack.currentWidget()
    assert isinstance(deals, DealDrillPage)
    qtbot.waitUntil(lambda: deals.model.rowCount() == 2 and not deals.model.is_loading())
    assert "Proposal/Quote" in deals.title.text()
    window.show_dashboard()
    click_bar(qtbot, page.charts["new"], page.charts["new"].series[0].values.index(2), 0)
    people = window.stack.currentWidget()
    assert isinstance(people, ContactSegmentPage)
    qtbot.waitUntil(lambda: people.model.rowCount() == 2 and not people.model.is_loading())


def test_keyboard_reaches_and_opens_a_bar(qtbot, window):
    page = shown_dashboard(qtbot, window)
    chart = page.charts["stages"]
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.current == (1, 0)
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    with qtbot.waitSignal(chart.bar_activated) as blocker:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert blocker.args == [2, 0]
    assert "Value: $3,000" in chart.accessibleDescription()


def test_a_change_refreshes_the_dashboard(qtbot, window, book):
    page = shown_dashboard(qtbot, window)
    stage = book.pipelines.default().stages[0]
    with qtbot.waitSignal(page.completed, timeout=10000):
        book.deals.create(DealDraft("Delta", stage_id=stage.id, value_minor=100000, currency="USD"))
    assert page.tiles["open"].value.text() == "$5,000"


def test_exports(qtbot, window, tmp_path):
    page = shown_dashboard(qtbot, window)
    assert export_figures(page, tmp_path / "d.xlsx") == tmp_path / "d.xlsx"
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "d.xlsx", read_only=True)
    assert "Pipeline by stage" in workbook.sheetnames
    rows = list(workbook["Pipeline by stage"].iter_rows(values_only=True))
    assert rows[3] == ("Proposal/Quote", 2, 3000, 1500)
    workbook.close()
    export_png(page, tmp_path / "d.png")
    image = QImage(str(tmp_path / "d.png"))
    assert image.width() > 400 and image.height() > 400
    export_pdf(page, tmp_path / "d.pdf")
    assert (tmp_path / "d.pdf").read_bytes()[:4] == b"%PDF"


def test_targets_dialog_sets_targets_shown_with_progress(qtbot, window, book):
    page = shown_dashboard(qtbot, window)
    dialog = TargetsDialog(book, page)
    qtbot.addWidget(dialog)
    dialog.won.setText("1800")
    dialog.activities.setValue(4)
    assert dialog.save()
    me = book.settings.current_user_id
    assert {(t.owner_id, t.metric, t.amount) for t in book.targets.targets()} == {
        (me, "won_value", 180000), (me, "activities", 4)}
    page.refresh()
    qtbot.waitUntil(lambda: len(page.targets_panel.bars) == 2, timeout=10000)
    won = next(b for b in page.targets_panel.bars if "$" in b.toolTip())
    assert won.value() == 50 and "$900 / $1,800" in won.toolTip()


def test_quick_figures_come_first(qtbot, window):
    page = shown_dashboard(qtbot, window)
    full = window.services.dashboard.load(page.query())
    page.show_board(dataclasses.replace(full, complete=False))  # as the first of the two loads brings it
    assert page.tiles["stale"].value.text() == "…"
    assert page.charts["new"].placeholder == "Counting…"
    page.show_board(window.services.dashboard.load(page.query()))
    assert page.tiles["stale"].value.text() != "…" and page.charts["new"].placeholder == ""


def test_custom_period(qtbot, window):
    page = shown_dashboard(qtbot, window)
    page.period_combo.setCurrentIndex(3)
    assert page.from_edit.isVisible()
    past = dt.date(2000, 1, 1)
    with qtbot.waitSignal(page.completed, timeout=10000):
        page.from_edit.setDate(past)
        page.to_edit.setDate(past)
    assert page.board.query.start == past and page.board.won_lost == []
    assert page.charts["won_lost"].is_empty()


def test_a_bug_while_loading_reaches_the_crash_dialog(qtbot, window, monkeypatch):
    page = shown_dashboard(qtbot, window)
    seen = []
    monkeypatch.setattr("sys.excepthook", lambda kind, exc, tb: seen.append(exc))

    def broken(query, complete=True):
        raise RuntimeError("bug")

    monkeypatch.setattr(window.services.dashboard, "load", broken)
    page.refresh()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert str(seen[0]) == "bug" and page.tiles["open"].value.text() == "$4,000"


def test_the_overdue_tile_opens_the_overdue_tasks(qtbot, window):
    from crm_desktop.core.tasks import OVERDUE, TODAY

    page = shown_dashboard(qtbot, window)
    qtbot.mouseClick(page.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.reminders_page
    assert window.reminders_page.section() == OVERDUE
    window.show_dashboard()
    page.tiles["today"].setFocus()
    qtbot.keyClick(page.tiles["today"], Qt.Key.Key_Return)
    assert window.reminders_page.section() == TODAY
