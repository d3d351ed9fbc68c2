"""The cycle part of the doctor report, gathered from the history. No Qt here.

What a neurologist reads first: the injection cycles (date, product, dose, weeks of
benefit, side effects), the self-rated daily trend against the injections, and how
many days were hard. Cycles are listed whatever the report's period (the last
MAX_CYCLES), because the cycle history is what the next dose is decided on; the
ratings and hard days cover the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.cycles import Cycle, WearOffWindow
from app.core.daily import Association, TrickRow, associations, trick_summary
from app.storage.history import History

__all__ = ["HARD_DAY", "MAX_CYCLES", "CycleReport", "cycle_report"]

MAX_CYCLES = 6
HARD_DAY = 7
"""A day rated this or higher counts as a hard day (self-rated: "strong" and above)."""


@dataclass(frozen=True)
class CycleReport:
    cycles: tuple[Cycle, ...]
    """The last MAX_CYCLES cycles, oldest first."""
    earlier_cycles: int
    """How many older cycles are left out."""
    window: WearOffWindow
    ratings: tuple[tuple[date, int], ...]
    """Self-rated days in the period, oldest first."""
    injection_days: tuple[date, ...]
    """Injections in the period (markers on the trend)."""
    hard_days: int
    average: float | None
    associations: tuple[Association, ...]
    tricks: tuple[TrickRow, ...]

    @property
    def has_data(self) -> bool:
        return bool(self.cycles or self.ratings)


def cycle_report(history: History, first: date, today: date) -> CycleReport:
    view = history.cycle_view(today)
    ratings = history.daily.between(first, today)
    series = tuple((r.day, r.rating) for r in ratings)
    shown = view.cycles[-MAX_CYCLES:]
    return CycleReport(
        cycles=shown,
        earlier_cycles=view.earlier + len(view.cycles) - len(shown),
        window=view.window,
        ratings=series,
        injection_days=tuple(
            c.injection.day for c in view.cycles if first <= c.injection.day <= today
        ),
        hard_days=sum(rating >= HARD_DAY for _, rating in series),
        average=sum(r for _, r in series) / len(series) if series else None,
        associations=tuple(associations(ratings)[:5]),
        tricks=tuple(trick_summary(ratings)[:5]),
    )
