"""The chart kit: round axis tops and steps, a few day labels, charts replaced cleanly."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCharts import QChart
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.charts import (
    add_axis,
    bar_series,
    chart_view,
    day_axis,
    line_series,
    nice_step,
    nice_top,
    replace_chart,
    treatment_markers,
    value_axis,
)


@pytest.mark.parametrize(("value", "top"), [(0, 5), (4.7, 5), (4.8, 10), (57, 60), (2000, 2201)])
def test_nice_top_leaves_room_above_the_highest_bar(value: float, top: float) -> None:
    assert nice_top(value) == top


@pytest.mark.parametrize(("top", "step"), [(5, 1), (10, 2), (60, 20), (1000, 200), (10000, 2000)])
def test_nice_step_gives_at_most_five_round_steps(top: float, step: float) -> None:
    assert nice_step(top) == step


def test_day_axis_labels_every_tenth_day_ending_today(qapp: QApplication) -> None:
    today = date(2026, 5, 1)
    days = [today - timedelta(days=n) for n in range(29, -1, -1)]
    axis = day_axis(days)  # few enough labels that none is elided in a half-width chart
    assert axis.categoriesLabels() == ["11 Apr", "21 Apr", "1 May"]
    assert (axis.min(), axis.max()) == (-0.5, 29.5)


def test_value_axis_starts_at_zero(qapp: QApplication) -> None:
    axis = value_axis(60)
    assert (axis.min(), axis.max(), axis.tickInterval()) == (0, 60, 20)


def test_replace_chart_lets_the_old_chart_go(qtbot: QtBot) -> None:
    view = chart_view()
    qtbot.addWidget(view)
    first, second = QChart(), QChart()
    replace_chart(view, first)
    replace_chart(view, second)
    assert view.chart() is second


def test_series_helpers_and_add_axis(qapp: QApplication) -> None:
    colour = QColor("#4d6a99")
    bars = bar_series("Minutes", [1.0, 2.5], colour, 0.7)
    assert (bars.barWidth(), bars.barSets()[0].count(), bars.barSets()[0].color()) == (
        0.7,
        2,
        colour,
    )
    line = line_series("After", [(0, 3), (1, 2)], colour, 2.0)
    assert (line.name(), line.count(), line.pen().widthF(), line.pointsVisible()) == (
        "After",
        2,
        2.0,
        True,
    )
    marks = treatment_markers([(1, 10.0)], colour)
    assert (marks.name(), marks.count()) == ("Treatment", 1)
    chart = QChart()
    for series in (bars, line):
        chart.addSeries(series)
    axis = value_axis(10.6, step=2)
    add_axis(chart, axis, Qt.AlignmentFlag.AlignLeft, QPalette(), bars, line)
    assert axis.tickInterval() == 2
    assert bars.attachedAxes() == [axis] and line.attachedAxes() == [axis]


def test_a_chart_is_as_tall_as_its_text_needs_and_grows_with_it(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """A fixed 230 px (then nine lines) left the severity values "..." at 200 %: a chart
    is now CHART_LINES of its text tall, and measures again when the text size changes."""
    from app.ui.charts import CHART_LINES
    from app.ui.theme import apply_theme

    view = chart_view()
    qtbot.addWidget(view)
    view.show()
    try:
        apply_theme(qapp, "dark", 1.0)
        QApplication.processEvents()
        normal = view.minimumHeight()
        apply_theme(qapp, "dark", 2.0)
        QApplication.processEvents()
        assert view.minimumHeight() >= CHART_LINES * view.fontMetrics().height()
        assert view.minimumHeight() > normal
    finally:
        apply_theme(qapp, "system", 1.0)
