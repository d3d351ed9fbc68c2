"""Weekly means: Monday to Sunday, placed mid-week, empty weeks left out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.core.weekly import weekly_means


def test_weeks_run_monday_to_sunday_and_sit_mid_week() -> None:
    points = [
        (datetime(2026, 4, 27, 8, tzinfo=UTC), 6),  # a Monday
        (datetime(2026, 5, 3, 21, tzinfo=UTC), 2),  # the Sunday of that week
        (datetime(2026, 5, 18, 9, tzinfo=UTC), 5),  # two weeks on: the week between is empty
    ]
    assert weekly_means(points) == [
        (datetime(2026, 4, 30, 12, tzinfo=UTC), pytest.approx(4.0)),
        (datetime(2026, 5, 21, 12, tzinfo=UTC), pytest.approx(5.0)),
    ]


def test_no_ratings_no_line() -> None:
    assert weekly_means([]) == []
