"""The charts of the history and the journal, drawn from the plain numbers History gives.

The pages ask History for the numbers and put the chart where it belongs; what a chart
shows, and how, is decided here, with the look from app.ui.charts.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QPalette, QPen

from app.storage.history import JournalEntry
from app.ui.charts import (
    chart_colours,
    day_axis,
    nice_top,
    style_axis,
    style_chart,
    to_msecs,
    treatment_markers,
    value_axis,
)

__all__ = ["draw_minutes_per_day", "draw_severity", "draw_weekly"]


def draw_minutes_per_day(per_day: list[tuple[date, float]], days: int, palette: QPalette) -> QChart:
    """One bar a day for the minutes of routines over the last ``days`` days."""
    colours = chart_colours(palette)
    chart = QChart()
    style_chart(chart, palette, f"Minutes per day · last {days} days")
    bars = QBarSet("Minutes")
    bars.setColor(colours["accent"])
    bars.setBorderColor(colours["accent"])
    for _day, minutes in per_day:
        bars.append(round(minutes, 1))
    series = QBarSeries()
    series.setBarWidth(0.7)
    series.append(bars)
    chart.addSeries(series)
    axis_x = day_axis([day for day, _ in per_day])
    axis_y = value_axis(nice_top(max((minutes for _, minutes in per_day), default=0.0)))
    for axis, side in (
        (axis_x, Qt.AlignmentFlag.AlignBottom),
        (axis_y, Qt.AlignmentFlag.AlignLeft),
    ):
        style_axis(axis, palette)
        chart.addAxis(axis, side)
        series.attachAxis(axis)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 18, 4))  # room for the last date label
    return chart


def draw_severity(
    points: list[tuple[datetime, int | None, int | None]],
    treatments: list[JournalEntry],
    now: datetime,
    days: int,
    palette: QPalette,
) -> QChart:
    """Severity before and after routines over the last ``days`` days (``points`` not
    empty), with the treatments as markers along the top."""
    colours = chart_colours(palette)
    chart = QChart()
    style_chart(chart, palette, f"Spasm severity · last {days} days")
    before = QLineSeries()
    before.setName("Before")
    after = QLineSeries()
    after.setName("After")
    for series, colour, values in (
        (before, colours["second"], [(at, b) for at, b, _ in points if b is not None]),
        (after, colours["accent"], [(at, a) for at, _, a in points if a is not None]),
    ):
        pen = QPen(colour)
        pen.setWidthF(2.0)
        series.setPen(pen)
        series.setPointsVisible(True)
        for at, value in values:
            series.append(to_msecs(at), value)
    series_list: list[Any] = [before, after]
    if treatments:
        series_list.append(treatment_markers(treatments, 10.0, colours["marker"]))
    for series in series_list:
        chart.addSeries(series)
    first = min([points[0][0], *(entry.at for entry in treatments)])
    last = max(now, points[-1][0])
    axis_x = QDateTimeAxis()
    axis_x.setFormat("d MMM")
    axis_x.setTickCount(5)
    axis_x.setRange(
        QDateTime.fromMSecsSinceEpoch(int(to_msecs(first - timedelta(days=1)))),
        QDateTime.fromMSecsSinceEpoch(int(to_msecs(last + timedelta(days=1)))),
    )
    axis_y = QValueAxis()
    axis_y.setRange(0, 10.6)
    axis_y.setTickType(QValueAxis.TickType.TicksDynamic)
    axis_y.setTickAnchor(0)
    axis_y.setTickInterval(2)
    axis_y.setLabelFormat("%d")
    for axis, side in (
        (axis_x, Qt.AlignmentFlag.AlignBottom),
        (axis_y, Qt.AlignmentFlag.AlignLeft),
    ):
        style_axis(axis, palette)
        chart.addAxis(axis, side)
        for series in series_list:
            series.attachAxis(axis)
    return chart


def draw_weekly(
    episodes: list[tuple[date, int]],
    minutes: list[tuple[date, float]],
    treatments: list[JournalEntry],
    weeks: int,
    palette: QPalette,
) -> QChart:
    """Episodes (bars) and routine minutes (a line) a week, Mondays oldest first, with
    the weeks of treatments marked."""
    first_monday = episodes[0][0]
    colours = chart_colours(palette)
    chart = QChart()
    style_chart(chart, palette, f"Episodes and routine minutes · last {weeks} weeks")

    bars = QBarSet("Episodes")
    bars.setColor(colours["second"])
    bars.setBorderColor(colours["second"])
    for _monday, count in episodes:
        bars.append(count)
    bar_series = QBarSeries()
    bar_series.setBarWidth(0.6)
    bar_series.append(bars)
    line = QLineSeries()
    line.setName("Routine minutes")
    pen = QPen(colours["accent"])
    pen.setWidthF(2.5)
    line.setPen(pen)
    line.setPointsVisible(True)
    for i, (_monday, value) in enumerate(minutes):
        line.append(i, value)
    top_episodes = nice_top(max((c for _, c in episodes), default=0))
    markers = QScatterSeries()
    markers.setName("Treatment")
    markers.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
    markers.setMarkerSize(13)
    markers.setColor(colours["marker"])
    markers.setBorderColor(colours["marker"])
    for entry in treatments:
        week = (entry.at.date() - first_monday).days // 7
        if 0 <= week < len(episodes):
            markers.append(week, top_episodes * 0.96)

    chart.addSeries(bar_series)
    chart.addSeries(line)
    if markers.count():
        chart.addSeries(markers)
    axis_x = QBarCategoryAxis()
    axis_x.append([f"{monday.day} {monday:%b}" for monday, _ in episodes])
    axis_x.setGridLineVisible(False)
    axis_left = value_axis(top_episodes)
    axis_left.setTitleText("episodes")
    axis_right = value_axis(nice_top(max((m for _, m in minutes), default=0.0)))
    axis_right.setTitleText("minutes of routines")
    axis_right.setGridLineVisible(False)
    for axis, side in (
        (axis_x, Qt.AlignmentFlag.AlignBottom),
        (axis_left, Qt.AlignmentFlag.AlignLeft),
        (axis_right, Qt.AlignmentFlag.AlignRight),
    ):
        style_axis(axis, palette)
        chart.addAxis(axis, side)
    axis_right.setGridLineVisible(False)
    bar_series.attachAxis(axis_x)
    bar_series.attachAxis(axis_left)
    line.attachAxis(axis_x)
    line.attachAxis(axis_right)
    if markers.count():
        markers.attachAxis(axis_x)
        markers.attachAxis(axis_left)
    return chart
