"""Weekly means of ratings: the line a chart draws over scattered points.

Single ratings jump about with the day; a neurologist looks for the trend. A week runs
Monday to Sunday in the time zone each rating was given in, and its mean is placed in
the middle of the week (Thursday noon), so the line sits over the points it summarises.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from statistics import fmean

__all__ = ["weekly_means"]


def weekly_means(points: Iterable[tuple[datetime, float]]) -> list[tuple[datetime, float]]:
    """(middle of the week, mean of its ratings), oldest first; weeks with no rating
    are left out (a line over an empty week would invent a value)."""
    weeks: dict[datetime, list[float]] = {}
    for moment, value in points:
        monday = moment.date() - timedelta(days=moment.weekday())
        middle = datetime.combine(monday + timedelta(days=3), time(12), moment.tzinfo)
        weeks.setdefault(middle, []).append(float(value))
    return [(middle, fmean(values)) for middle, values in sorted(weeks.items())]
