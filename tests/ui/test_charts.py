"""The hand-painted bar chart: exact values in tooltips, round axes, keys, clicks, the empty state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crm_desktop.ui.dashboard.charts import BarChart, Series


@pytest.fixture
def chart(qtbot):
    widget = BarChart("Deals")
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    series = [Series("Won", (3, 0, 7)), Series("Lost", (1, 2, 0))]
    widget.set_data(["Jan", "Feb", "Mar"], series, ["75 %", "", ""])
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_bar_text_and_summary_carry_exact_values(chart):
    chart.value_text = lambda v: f"{v:g} deals"
    assert chart.bar_text(0, 0) == "Jan\nWon: 3 deals\n75 %"
    assert chart.summary().startswith("Jan: Won 3 deals, Lost 1 deals; Feb:")


def test_axis_ends_on_a_round_figure(chart):
    assert chart._maximum() == 10
    chart.set_data(["a"], [Series("x", (3_275,))])
    assert chart._maximum() == 4_000
    chart.stacked = True
    chart.set_data(["a"], [Series("x", (60,)), Series("y", (50,))])
    assert chart._maximum() == 200


def test_click_opens_the_bar_under_the_mouse(qtbot, chart):
    chart.grab()
    rect = chart.bar_rect(2, 0)
    with qtbot.waitSignal(chart.bar_activated) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == [2, 0]


def test_keys_move_between_bars_and_series(qtbot, chart):
    chart.setFocus()
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Up):
        qtbot.keyClick(chart, key)
    assert chart.current == (1, 1)
    assert "Feb\nLost: 2" in chart.accessibleDescription()
    with qtbot.waitSignal(chart.bar_activated) as blocker:
        qtbot.keyClick(chart, Qt.Key.Key_Space)
    assert blocker.args == [1, 1]


def test_horizontal_chart_moves_down_the_list(qtbot):
    chart = BarChart("Reasons", horizontal=True)
    qtbot.addWidget(chart)
    chart.set_data(["Price", "Timing"], [Series("Deals", (4, 2))])
    chart.show()
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.current == (1, 0)
    assert chart.grab().toImage().width() > 0
    assert chart.bar_rect(0, 0).width() == pytest.approx(2 * chart.bar_rect(1, 0).width())


def test_empty_chart_says_so(qtbot):
    chart = BarChart("Nothing")
    qtbot.addWidget(chart)
    chart.set_data(["Jan"], [Series("Won", (0,))])
    assert chart.is_empty()
    chart.grab()
    assert chart.bar_rect(0, 0) is None
