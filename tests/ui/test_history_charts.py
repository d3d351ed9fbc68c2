"""The history's charts from plain numbers: titles, series and treatment markers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCharts import QScatterSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.storage.history import JournalEntry
from app.ui.history_charts import draw_minutes_per_day, draw_severity, draw_weekly

NOW = datetime(2026, 5, 1, 12, 0).astimezone()
TODAY = NOW.date()


def _treatment(at: datetime) -> JournalEntry:
    return JournalEntry.new_treatment(at=at, treatment="botulinum toxin", note="")


def test_minutes_per_day(qapp: QApplication) -> None:
    per_day = [(TODAY - timedelta(days=n), float(n % 4) * 5) for n in range(29, -1, -1)]
    chart = draw_minutes_per_day(per_day, 30, QPalette())
    assert chart.title() == "Minutes per day · last 30 days"
    (series,) = chart.series()
    assert series.barSets()[0].count() == 30
    assert not chart.legend().isVisible()


def test_severity_with_a_treatment_marker(qapp: QApplication) -> None:
    points = [(NOW - timedelta(days=3), 6, 3), (NOW - timedelta(days=1), None, 2)]
    treatments = [_treatment(NOW - timedelta(days=5))]
    chart = draw_severity(points, treatments, NOW, 90, QPalette())
    assert chart.title() == "Spasm severity · last 90 days"
    before, after, mean, markers = chart.series()
    assert (before.count(), after.count()) == (1, 2)
    assert isinstance(before, QScatterSeries)  # ratings as dots, the mean as the line
    assert mean.name() == "Weekly mean"
    assert [p.y() for p in mean.points()] == [pytest.approx((6 + 3 + 2) / 3)]  # one week
    assert isinstance(markers, QScatterSeries) and markers.count() == 1


def test_weekly_marks_only_treatments_within_the_weeks(qapp: QApplication) -> None:
    mondays = [date(2026, 4, 27) - timedelta(weeks=n) for n in range(11, -1, -1)]
    episodes = [(monday, n % 3) for n, monday in enumerate(mondays)]
    minutes = [(monday, 12.5) for monday in mondays]
    inside = _treatment(datetime(2026, 4, 28, 9, 0).astimezone())
    outside = _treatment(datetime(2026, 1, 1, 9, 0).astimezone())
    chart = draw_weekly(episodes, minutes, [inside, outside], 12, QPalette())
    assert chart.title() == "Episodes and minutes · 12 weeks"
    # Three dates, every four weeks, ending with this week's: twelve were elided to "…".
    assert chart.axes(Qt.Orientation.Horizontal)[0].categoriesLabels() == [
        "2 Mar",
        "30 Mar",
        "27 Apr",
    ]
    _bars, line, markers = chart.series()
    assert line.count() == 12
    assert isinstance(markers, QScatterSeries)
    (marker,) = markers.points()  # the last week, just below the top of the episodes axis
    assert (marker.x(), marker.y()) == (11, pytest.approx(5 * 0.96))
