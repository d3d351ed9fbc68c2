"""The app's chart kit: calm QtCharts on the theme's colours, shared by the pages.

The history and journal pages draw their charts with these, so every chart has the same
background, grid and text colours and round axis steps, and a change of look is made once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from PySide6.QtCharts import (
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame

__all__ = [
    "CHART_LINES",
    "add_axis",
    "bar_series",
    "chart_colours",
    "chart_view",
    "day_axis",
    "line_series",
    "nice_step",
    "nice_top",
    "replace_chart",
    "style_axis",
    "style_chart",
    "to_msecs",
    "treatment_markers",
    "value_axis",
]


def chart_colours(palette: QPalette) -> dict[str, QColor]:
    """Calm series colours that sit on the current theme's background."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return {
        "background": palette.color(QPalette.ColorRole.Base),
        "text": palette.color(QPalette.ColorRole.WindowText),
        "muted": palette.color(QPalette.ColorRole.PlaceholderText),
        "grid": palette.color(QPalette.ColorRole.Mid),
        "accent": palette.color(QPalette.ColorRole.Highlight),
        "second": QColor("#9fb4d6" if dark else "#4d6a99"),
        "marker": QColor("#d9b26f" if dark else "#9a6a1c"),
    }


def style_chart(chart: QChart, palette: QPalette, title: str) -> None:
    """Give ``chart`` the page's colours (no white background, no animation)."""
    colours = chart_colours(palette)
    chart.setTheme(QChart.ChartTheme.ChartThemeDark)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundBrush(QBrush(colours["background"]))
    chart.setBackgroundPen(QPen(colours["grid"]))
    chart.setBackgroundRoundness(8)
    chart.setPlotAreaBackgroundVisible(False)
    chart.setDropShadowEnabled(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setTitle(title)
    chart.setTitleBrush(QBrush(colours["text"]))
    legend = chart.legend()
    legend.setLabelColor(colours["muted"])
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)


def style_axis(axis: Any, palette: QPalette) -> None:
    colours = chart_colours(palette)
    axis.setLabelsColor(colours["muted"])
    axis.setLinePenColor(colours["grid"])
    grid = QColor(colours["grid"])
    grid.setAlpha(110)
    axis.setGridLineColor(grid)
    axis.setTitleBrush(QBrush(colours["muted"]))
    axis.setMinorGridLineVisible(False)


def day_axis(days: list[date], every: int = 10) -> QCategoryAxis:
    """An x axis for one bar per day: a date label every ``every`` days, ending today
    (every 7 days, "11 Nov" was elided to "11 N..." in a half-width chart).

    Bars sit at 0, 1, 2…; a QCategoryAxis labels a few of them, where a bar category
    axis would squeeze (and elide) thirty labels.
    """
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(-0.5, len(days) - 0.5)
    last = len(days) - 1
    for i, day in enumerate(days):
        if (last - i) % every == 0:
            axis.append(f"{day.day} {day:%b}", i)
    axis.setGridLineVisible(False)
    return axis


def value_axis(top: float, step: float | None = None) -> QValueAxis:
    """A 0-based y axis up to ``top``, with round steps (``step``, or one that fits)."""
    axis = QValueAxis()
    axis.setRange(0, top)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(nice_step(top) if step is None else step)
    axis.setLabelFormat("%d")
    return axis


def nice_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return float(step)
    return float(round(top / 5))


def to_msecs(moment: datetime) -> float:
    return moment.timestamp() * 1000.0


CHART_LINES = 11
"""A chart's least height in lines of its text: a title, a legend, the dates, and six
value labels (0-10 in steps of 2) with room between them. A fixed height left the
severity values "..." at 200 %, their labels taller than their room."""

_LEAST_HEIGHT = 260
"""px, whatever the font: at 230 the 100 % severity chart dropped its 4 and 8."""


class _ChartView(QChartView):
    """A chart as tall as its text needs, again when the text size changes."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self._lines = lines
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        self.setMinimumHeight(max(_LEAST_HEIGHT, self._lines * self.fontMetrics().height()))


def chart_view(lines: int = CHART_LINES) -> QChartView:
    view = _ChartView(lines)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setStyleSheet("background: transparent;")
    return view


def replace_chart(view: QChartView, chart: QChart) -> None:
    old = view.chart()
    view.setChart(chart)
    if old is not None and old is not chart:
        old.deleteLater()


def treatment_markers(points: Iterable[tuple[float, float]], colour: QColor) -> QScatterSeries:
    """Treatments as triangles at (x, y): the same mark on every chart that shows them."""
    markers = QScatterSeries()
    markers.setName("Treatment")
    markers.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
    markers.setMarkerSize(13)
    markers.setColor(colour)
    markers.setBorderColor(colour)
    for x, y in points:
        markers.append(x, y)
    return markers


def bar_series(name: str, values: Iterable[float], colour: QColor, width: float) -> QBarSeries:
    """One set of bars in one colour, ``width`` of the room each bar has."""
    bars = QBarSet(name)
    bars.setColor(colour)
    bars.setBorderColor(colour)
    for value in values:
        bars.append(value)
    series = QBarSeries()
    series.setBarWidth(width)
    series.append(bars)
    return series


def line_series(
    name: str, points: Iterable[tuple[float, float]], colour: QColor, width: float
) -> QLineSeries:
    """A line through (x, y) points, each point shown, so a lone value still shows."""
    series = QLineSeries()
    series.setName(name)
    pen = QPen(colour)
    pen.setWidthF(width)
    series.setPen(pen)
    series.setPointsVisible(True)
    for x, y in points:
        series.append(x, y)
    return series


def dot_series(name: str, points: Iterable[tuple[float, float]], colour: QColor) -> QScatterSeries:
    """Single ratings as small dots: they scatter, the weekly mean line shows the trend."""
    series = QScatterSeries()
    series.setName(name)
    series.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeCircle)
    series.setMarkerSize(8)
    series.setColor(colour)
    series.setBorderColor(colour)
    for x, y in points:
        series.append(x, y)
    return series


def add_axis(
    chart: QChart, axis: Any, side: Qt.AlignmentFlag, palette: QPalette, *series: Any
) -> None:
    """Style ``axis``, put it on ``side`` of ``chart`` and attach ``series`` to it."""
    style_axis(axis, palette)
    chart.addAxis(axis, side)
    for each in series:
        each.attachAxis(axis)


def nice_top(value: float) -> float:
    for top in (5, 10, 20, 30, 40, 50, 60, 80, 100, 150, 200, 300, 400, 500, 600, 800, 1000):
        if value <= top * 0.95:
            return float(top)
    return float(int(value * 1.1) + 1)
