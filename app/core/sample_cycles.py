"""A made-up but realistic year of injection cycles, as an export document.

For tests, the benchmark and screenshots: four injections about 13 weeks apart and a
rating every day, deterministic (no randomness), so a test knows what the cycles must
be. Each injection starts working on day 4 and helps for BENEFIT_DAYS[n] days; the
ratings then climb back to the baseline of 7. Bright light, every third day, adds 2.
No Qt, no SQL.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.core.export_format import EXPORT_FORMAT, EXPORT_VERSION

__all__ = ["BENEFIT_DAYS", "INJECTION_OFFSETS", "cycle_year", "rating_on"]

INJECTION_OFFSETS = (14, 105, 196, 294)
"""Days after the start of the year when the four injections were given."""
BENEFIT_DAYS = (77, 84, 70, 80)
"""How long each one helped, from its injection day (the last is still going)."""
BASELINE = 7


def rating_on(offset: int) -> tuple[int, list[str]]:
    """The rating and exposures of day ``offset`` of the year."""
    exposures = ["bright light"] if offset % 3 == 0 else []
    if offset % 5 == 0:
        exposures.append("screens")
    level = BASELINE
    for start, benefit in zip(INJECTION_OFFSETS, BENEFIT_DAYS, strict=True):
        since = offset - start
        if 4 <= since < benefit:
            level = 3
        elif benefit <= since < benefit + 5:
            level = 5
    noise = offset * 7 % 3 - 1
    bump = 2 if "bright light" in exposures else 0
    return max(0, min(10, level + noise + bump)), exposures


def cycle_year(start: date, days: int = 365) -> dict[str, Any]:
    """An export document (version 3) with the four injections and ``days`` ratings."""
    injections = [
        {
            "day": (start + timedelta(days=offset)).isoformat(),
            "product": "Botox (onabotulinumtoxinA)",
            "dose": "25 units each side",
            "sites": "both eyelids",
            "side_effects": ["dry eye"] if n == 1 else [],
            "uid": f"sample-injection-{n}",
        }
        for n, offset in enumerate(INJECTION_OFFSETS)
    ]
    daily = []
    for offset in range(days):
        rating, exposures = rating_on(offset)
        daily.append(
            {
                "day": (start + timedelta(days=offset)).isoformat(),
                "rating": rating,
                "exposures": exposures,
                "tricks": [{"trick": "humming", "helped": offset % 4 != 0}]
                if offset % 6 == 0
                else [],
                "uid": f"sample-day-{offset}",
            }
        )
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "injections": injections,
        "daily": daily,
    }
