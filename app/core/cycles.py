"""Injection cycles: from one injection to the next, how long it helped, what the
person's own past cycles predict, and when to book the next appointment.

A cycle's weeks of benefit are derived, never typed (docs/cycles.md says how):

- the end of benefit is the day the person marked "wearing off", or else the first day
  the daily ratings came back near the level before the injection (a 7-day mean within
  WEAR_OFF_MARGIN of the baseline), or else the next injection (it lasted at least
  that long, ``until_next``);
- weeks of benefit run from the injection day to that end, as clinics count them.

Ratings come in as (day, rating) pairs sorted by day, so 100,000 of them are a few
list passes. No Qt, no SQL.
"""

from __future__ import annotations

import bisect
import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.core.dates import human_date
from app.core.records import Injection

__all__ = [
    "BASELINE_DAYS",
    "BOOKING_LEAD_DAYS",
    "CURVES",
    "DEFAULT_INTERVAL_DAYS",
    "DEFAULT_WEAR_OFF_WINDOW",
    "RECENT_CYCLES",
    "Cycle",
    "CycleView",
    "WearOffWindow",
    "appointment_note",
    "cycle_view",
    "cycles",
    "wear_off_window",
]

BASELINE_DAYS = 14
"""The days before an injection whose ratings say how things were without it."""
BENEFIT_DROP = 2.0
"""A rating this much below the baseline means the injection has started working."""
WEAR_OFF_MARGIN = 1.0
"""A 7-day mean within this of the baseline means the injection has worn off."""
ROLLING_DAYS = 7
MIN_RATED = 3
"""Fewer ratings than this in a window say nothing."""
ONSET_SEARCH_DAYS = 28
"""Botulinum toxin starts working within days; later drops are not its onset."""
DEFAULT_WEAR_OFF_WINDOW = (70, 98)
"""Days after an injection when it usually wears off, before the person has cycles of
their own: 10-14 weeks (clinic leaflets; Can J Neurol Sci 2010: 11-13.5 weeks)."""
WINDOW_BEFORE_DAYS = 14
WINDOW_AFTER_DAYS = 21
"""The expected wear-off window around the person's own typical wear-off day."""
DEFAULT_INTERVAL_DAYS = 84
"""Twelve weeks between injections, until the person's own intervals say otherwise."""
BOOKING_LEAD_DAYS = 28
"""Say "book the next appointment" this long before it would be due."""
RECENT_CYCLES = 12
"""The cycles the view, the stats and the report show: about three years. The
prediction comes from these too, since a person's response changes over the years."""
CURVES = 6
"""Cycles overlaid on the chart; more lines would be a tangle."""

Ratings = Sequence[tuple[date, int]]


@dataclass(frozen=True)
class Cycle:
    """One injection and the days until the next (or until today)."""

    injection: Injection
    next_day: date | None
    """The next injection's day; None for the current cycle."""
    started_working: date | None
    """Marked, or derived from the ratings (the first clear drop)."""
    wore_off: date | None
    """Marked, derived from the ratings, or the next injection's day (until_next)."""
    how: str
    """How the end was found: "marked", "ratings", "next injection" or "" (not yet)."""
    baseline: float | None
    """Mean rating in the BASELINE_DAYS before the injection, if rated enough."""

    @property
    def days_of_benefit(self) -> int | None:
        return None if self.wore_off is None else (self.wore_off - self.injection.day).days

    @property
    def weeks_of_benefit(self) -> float | None:
        days = self.days_of_benefit
        return None if days is None else days / 7

    @property
    def until_next(self) -> bool:
        """It had not worn off by the next injection: "at least" that many weeks."""
        return self.how == "next injection"

    @property
    def length_days(self) -> int | None:
        return None if self.next_day is None else (self.next_day - self.injection.day).days


@dataclass(frozen=True)
class WearOffWindow:
    """Days after an injection when it is expected to wear off."""

    first: int
    last: int
    typical: int | None
    """The person's own median wear-off day; None when the default window is used."""


@dataclass(frozen=True)
class CycleView:
    """Everything the cycle chart and its list show."""

    cycles: tuple[Cycle, ...]
    curves: tuple[tuple[tuple[int, int], ...], ...]
    """The last CURVES cycles (oldest first): (days since its injection, rating)."""
    today_offset: int | None
    """Days since the last injection (the current day's mark); None without one."""
    window: WearOffWindow
    appointment: str | None
    """The date-based reminder to book the next appointment, when it is time."""
    earlier: int = 0
    """Older cycles left out of the view (the history sets it)."""


def _slice(days: list[date], ratings: Ratings, first: date, last: date) -> Ratings:
    """Ratings on the days ``first`` to ``last`` included."""
    lo = bisect.bisect_left(days, first)
    hi = bisect.bisect_right(days, last)
    return ratings[lo:hi]


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if len(values) >= MIN_RATED else None


def cycles(injections: Sequence[Injection], ratings: Ratings, today: date) -> list[Cycle]:
    """The cycles of ``injections`` (any order; one a day counts once), oldest first."""
    ordered = sorted(injections, key=lambda i: (i.day, i.id))
    unique: list[Injection] = []
    for injection in ordered:
        if unique and unique[-1].day == injection.day:
            continue
        unique.append(injection)
    days = [day for day, _ in ratings]
    result = []
    for index, injection in enumerate(unique):
        next_day = unique[index + 1].day if index + 1 < len(unique) else None
        result.append(_cycle(injection, next_day, days, ratings, today))
    return result


def _cycle(
    injection: Injection, next_day: date | None, days: list[date], ratings: Ratings, today: date
) -> Cycle:
    start = injection.day
    end = (next_day - timedelta(days=1)) if next_day else today
    before = _slice(days, ratings, start - timedelta(days=BASELINE_DAYS), start - timedelta(days=1))
    baseline = _mean([r for _, r in before])
    during = _slice(days, ratings, start + timedelta(days=1), end)
    if baseline is None and next_day is not None:
        # No ratings before it: the last days of the cycle, when it has worn off.
        tail = _slice(days, ratings, end - timedelta(days=BASELINE_DAYS - 1), end)
        baseline = _mean([r for _, r in tail])
    onset = injection.started_working or _onset(during, baseline, start)
    if injection.wearing_off is not None:
        wore_off, how = injection.wearing_off, "marked"
    else:
        found = _wear_off(during, baseline, onset)
        if found is not None:
            wore_off, how = found, "ratings"
        elif next_day is not None:
            wore_off, how = next_day, "next injection"
        else:
            wore_off, how = None, ""
    return Cycle(injection, next_day, onset, wore_off, how, baseline)


def _onset(during: Ratings, baseline: float | None, start: date) -> date | None:
    if baseline is None:
        return None
    limit = start + timedelta(days=ONSET_SEARCH_DAYS)
    for day, rating in during:
        if day > limit:
            break
        if rating <= baseline - BENEFIT_DROP:
            return day
    return None


def _wear_off(during: Ratings, baseline: float | None, onset: date | None) -> date | None:
    """The first day, a week or more after the onset, whose trailing 7-day mean is back
    within WEAR_OFF_MARGIN of the baseline."""
    if baseline is None or onset is None:
        return None
    window: list[tuple[date, int]] = []
    total = 0
    earliest = onset + timedelta(days=ROLLING_DAYS)
    for day, rating in during:
        window.append((day, rating))
        total += rating
        while window[0][0] <= day - timedelta(days=ROLLING_DAYS):
            total -= window.pop(0)[1]
        settled = day >= earliest and len(window) > MIN_RATED
        if settled and total / len(window) >= baseline - WEAR_OFF_MARGIN:
            return day
    return None


def wear_off_window(past: Sequence[Cycle]) -> WearOffWindow:
    """The expected wear-off window from the person's own finished cycles whose end
    was seen (marked or in the ratings); the clinic's 10-14 weeks before there are any."""
    seen = [c.days_of_benefit for c in past if c.how in ("marked", "ratings")]
    known = [d for d in seen if d is not None]
    if not known:
        return WearOffWindow(*DEFAULT_WEAR_OFF_WINDOW, typical=None)
    typical = round(statistics.median(known))
    return WearOffWindow(max(0, typical - WINDOW_BEFORE_DAYS), typical + WINDOW_AFTER_DAYS, typical)


def _interval(unique_days: list[date]) -> int:
    gaps = [(b - a).days for a, b in itertools.pairwise(unique_days)]
    return round(statistics.median(gaps)) if gaps else DEFAULT_INTERVAL_DAYS


def appointment_note(today: date, all_cycles: Sequence[Cycle]) -> str | None:
    """When the next injection would be due within BOOKING_LEAD_DAYS (or is past due),
    a plain reminder to book it; None otherwise. Not advice on timing: the clinic sets
    it, this only counts the person's own usual interval."""
    if not all_cycles:
        return None
    last = all_cycles[-1].injection.day
    interval = _interval([c.injection.day for c in all_cycles])
    due = last + timedelta(days=interval)
    if today < due - timedelta(days=BOOKING_LEAD_DAYS):
        return None
    weeks = round(interval / 7)
    usual = "as your injections usually have been" if len(all_cycles) > 1 else "a usual interval"
    return (
        f"Your next injection would be due around {human_date(due)}: about {weeks} weeks "
        f"after the last one on {human_date(last)}, {usual}. If it isn't booked yet, "
        "now is a good time to call the clinic."
    )


def cycle_view(injections: Sequence[Injection], ratings: Ratings, today: date) -> CycleView:
    """The cycle chart's data: cycles, each one's curve, today's mark, the predicted
    wear-off window (from the cycles before the current one) and the booking note."""
    found = cycles(injections, ratings, today)
    days = [day for day, _ in ratings]
    curves = []
    for cycle in found[-CURVES:]:
        start = cycle.injection.day
        end = (cycle.next_day - timedelta(days=1)) if cycle.next_day else today
        curves.append(tuple(((d - start).days, r) for d, r in _slice(days, ratings, start, end)))
    finished = [c for c in found if c.next_day is not None]
    today_offset = (today - found[-1].injection.day).days if found else None
    return CycleView(
        cycles=tuple(found),
        curves=tuple(curves),
        today_offset=today_offset,
        window=wear_off_window(finished),
        appointment=appointment_note(today, found),
    )
