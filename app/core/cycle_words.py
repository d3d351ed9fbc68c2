"""How a cycle reads, the same in the window, on the command line and in the report:
"12.1 weeks", "at least 13.0 weeks", "still working, day 70". No Qt, no SQL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.core.cycles import Cycle, CycleView, WearOffWindow
from app.core.dates import human_date
from app.core.records import DailyRating
from app.core.vocabulary import severity_words

__all__ = [
    "benefit_text",
    "cycle_dict",
    "cycle_lines",
    "how_text",
    "rating_saved",
    "window_text",
]

_HOW = {
    "marked": "you marked it wearing off",
    "ratings": "from your daily ratings",
    "next injection": "it had not worn off by the next injection",
}


def benefit_text(cycle: Cycle, today: date) -> str:
    """The weeks of benefit, or where the current cycle is."""
    weeks = cycle.weeks_of_benefit
    if weeks is None:
        if cycle.next_day is None:
            return f"still working, day {(today - cycle.injection.day).days}"
        return "not known (no ratings or marks)"
    prefix = "at least " if cycle.until_next else ""
    return f"{prefix}{weeks:.1f} weeks"


def how_text(cycle: Cycle, whose: str = "your") -> str:
    """How the end of benefit was found ("the patient's" for the doctor report)."""
    return _HOW.get(cycle.how, "").replace("your", whose).replace("you ", f"{_WHO[whose]} ")


_WHO = {"your": "you", "the patient's": "the patient"}


def window_text(window: WearOffWindow, whose: str = "your") -> str:
    if window.typical is None:
        return (
            f"Injections usually wear off after {window.first // 7} to {window.last // 7} "
            f"weeks; {whose} own cycles will refine this."
        )
    return (
        f"{whose.capitalize()} injections have usually worn off after about "
        f"{window.typical / 7:.0f} weeks (day {window.typical})."
    )


def cycle_dict(cycle: Cycle, today: date) -> dict[str, Any]:
    """One cycle for ``facewell history --stats --json``."""
    injection = cycle.injection
    return {
        "injection_day": injection.day.isoformat(),
        "product": injection.product,
        "dose": injection.dose,
        "next_injection_day": None if cycle.next_day is None else cycle.next_day.isoformat(),
        "started_working": None
        if cycle.started_working is None
        else cycle.started_working.isoformat(),
        "wore_off": None if cycle.wore_off is None else cycle.wore_off.isoformat(),
        "weeks_of_benefit": None
        if cycle.weeks_of_benefit is None
        else round(cycle.weeks_of_benefit, 1),
        "at_least": cycle.until_next,
        "how": cycle.how,
        "side_effects": list(injection.side_effects),
        "summary": benefit_text(cycle, today),
    }


def cycle_lines(view: CycleView, today: date) -> list[str]:
    """The cycles as plain lines, oldest first, for the terminal."""
    lines = []
    for cycle in view.cycles:
        injection = cycle.injection
        what = f" ({injection.product})" if injection.product else ""
        how = f" — {how_text(cycle)}" if how_text(cycle) else ""
        effects = (
            f"; side effects: {', '.join(injection.side_effects)}" if injection.side_effects else ""
        )
        lines.append(
            f"{human_date(injection.day)}{what}: {benefit_text(cycle, today)}{how}{effects}"
        )
    return lines


def rating_saved(rating: DailyRating, today: date) -> str:
    """What the quick log says once the day is saved."""
    when = "Today" if rating.day == today else human_date(rating.day)
    parts = [f"{when}: {rating.rating} ({severity_words(rating.rating)})"]
    if rating.exposures:
        parts.append("with " + ", ".join(rating.exposures))
    for trick, helped in rating.tricks:
        parts.append(f"{trick} {'helped' if helped else 'did not help'}")
    return "Saved. " + "; ".join(parts) + "."
