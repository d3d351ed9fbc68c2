"""The charts of the history and the journal, drawn from the plain numbers History gives.

The pages ask History for the numbers and put the chart where it belongs; what a chart
shows, and how, is decided here, with the look from app.ui.charts.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCharts import QChart, QDateTimeAxis
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QFontMetrics, QPalette

from app.core.weekly import weekly_means
from app.storage.history import JournalEntry
from app.ui.charts import (
    add_axis,
    bar_series,
    chart_colours,
    day_axis,
    dot_series,
    line_series,
    nice_top,
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
    minutes = [round(value, 1) for _day, value in per_day]
    series = bar_series("Minutes", minutes, colours["accent"], 0.7)
    chart.addSeries(series)
    axis_x = day_axis([day for day, _ in per_day])
    axis_y = value_axis(nice_top(max((minutes for _, minutes in per_day), default=0.0)))
    add_axis(chart, axis_x, Qt.AlignmentFlag.AlignBottom, palette, series)
    add_axis(chart, axis_y, Qt.AlignmentFlag.AlignLeft, palette, series)
    chart.legend().hide()
    # Room for the last date, centred on today's bar: half its width at any text size
    # (18 px cut "4 Dec" to "4 De" at 200 %).
    last = axis_x.categoriesLabels()[-1] if axis_x.count() else ""
    half = QFontMetrics(axis_x.labelsFont()).horizontalAdvance(last) // 2
    chart.setMargins(QMargins(4, 4, max(18, half + 4), 4))
    return chart


def draw_severity(
    points: list[tuple[datetime, int | None, int | None]],
    treatments: list[JournalEntry],
    now: datetime,
    days: int,
    palette: QPalette,
) -> QChart:
    """Severity before and after routines over the last ``days`` days (``points`` not
    empty) as dots, a line through each week's mean, and the treatments as markers
    along the top."""
    colours = chart_colours(palette)
    chart = QChart()
    style_chart(chart, palette, f"Spasm severity · last {days} days")
    befores = [(to_msecs(at), b) for at, b, _ in points if b is not None]
    afters = [(to_msecs(at), a) for at, _, a in points if a is not None]
    before = dot_series("Before", befores, colours["second"])
    after = dot_series("After", afters, colours["accent"])
    ratings = [(at, v) for at, b, a in points for v in (b, a) if v is not None]
    means = [(to_msecs(at), value) for at, value in weekly_means(ratings)]
    mean = line_series("Weekly mean", means, colours["text"], 2.5)
    series_list: list[Any] = [before, after, mean]
    if treatments:
        marks = [(to_msecs(entry.at), 10.0) for entry in treatments]
        series_list.append(treatment_markers(marks, colours["marker"]))
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
    axis_y = value_axis(10.6, step=2)  # room above 10 for the treatment marks
    add_axis(chart, axis_x, Qt.AlignmentFlag.AlignBottom, palette, *series_list)
    add_axis(chart, axis_y, Qt.AlignmentFlag.AlignLeft, palette, *series_list)
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
    # Short enough for a half-width chart at 200 % ("Episodes and routine minutes · last
    # 12 weeks" was elided to "…last 12 …").
    style_chart(chart, palette, f"Episodes and minutes · {weeks} weeks")

    bars = bar_series("Episodes", [count for _monday, count in episodes], colours["second"], 0.6)
    weekly = [(i, value) for i, (_monday, value) in enumerate(minutes)]
    line = line_series("Routine minutes", weekly, colours["accent"], 2.5)
    top_episodes = nice_top(max((c for _, c in episodes), default=0))
    weeks_of = [(entry.at.date() - first_monday).days // 7 for entry in treatments]
    marks = [(week, top_episodes * 0.96) for week in weeks_of if 0 <= week < len(episodes)]
    markers = treatment_markers(marks, colours["marker"])

    shown = [markers] if markers.count() else []
    for series in (bars, line, *shown):
        chart.addSeries(series)
    # A date every four weeks, ending with this week's: twelve labels squeezed to "…".
    axis_x = day_axis([monday for monday, _ in episodes], every=4)
    axis_left = value_axis(top_episodes)
    axis_left.setTitleText("episodes")
    axis_right = value_axis(nice_top(max((m for _, m in minutes), default=0.0)))
    axis_right.setTitleText("minutes of routines")
    axis_right.setGridLineVisible(False)
    add_axis(chart, axis_x, Qt.AlignmentFlag.AlignBottom, palette, bars, line, *shown)
    add_axis(chart, axis_left, Qt.AlignmentFlag.AlignLeft, palette, bars, *shown)
    add_axis(chart, axis_right, Qt.AlignmentFlag.AlignRight, palette, line)
    axis_right.setGridLineVisible(False)  # once more: adding the axis showed its grid
    return chart
