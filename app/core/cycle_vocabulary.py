"""The words of injection cycles and daily ratings: products offered, side effects,
exposures of the day and sensory tricks.

Stored values are what the history keeps and exports, forever: never rename one, add a
new one. Any short text is accepted too (a product, an exposure or a trick of the
person's own); the lists are what the window offers first. No Qt, no SQL.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "COMMON_PRODUCTS",
    "EXPOSURE_ALIASES",
    "URGENT_SIDE_EFFECTS",
    "Exposure",
    "InjectionMark",
    "SensoryTrick",
    "SideEffect",
]

COMMON_PRODUCTS: tuple[str, ...] = (
    "Botox (onabotulinumtoxinA)",
    "Dysport (abobotulinumtoxinA)",
    "Xeomin (incobotulinumtoxinA)",
    "Daxxify (daxibotulinumtoxinA)",
)
"""Offered in the product box; the person may type any other name."""


class SideEffect(StrEnum):
    """Side effects after an injection that people are told to watch for."""

    DROOPY_LID = "droopy lid"
    DRY_EYE = "dry eye"
    DOUBLE_VISION = "double vision"
    EYE_WONT_CLOSE = "an eye that won't close"
    TROUBLE_SWALLOWING = "trouble swallowing"


URGENT_SIDE_EFFECTS = frozenset({SideEffect.TROUBLE_SWALLOWING})
"""After an injection these need care at once: the urgent advice (seek_help)."""


class Exposure(StrEnum):
    """Things of the day that may make spasms worse; recorded on good days and bad."""

    POOR_SLEEP = "poor sleep"
    CAFFEINE = "caffeine"
    SCREENS = "screens"
    BRIGHT_LIGHT = "bright light"
    WIND = "wind"
    STRESS = "stress"


EXPOSURE_ALIASES: dict[str, str] = {
    "sleep": Exposure.POOR_SLEEP,
    "tired": Exposure.POOR_SLEEP,
    "coffee": Exposure.CAFFEINE,
    "tea": Exposure.CAFFEINE,
    "screen": Exposure.SCREENS,
    "screen time": Exposure.SCREENS,
    "light": Exposure.BRIGHT_LIGHT,
    "sun": Exposure.BRIGHT_LIGHT,
    "sunlight": Exposure.BRIGHT_LIGHT,
    "windy": Exposure.WIND,
    "stressed": Exposure.STRESS,
}
"""Short words typed in the quick log or on the command line, and what they mean."""


class SensoryTrick(StrEnum):
    """Gestes antagonistes: small touches or actions that ease a spasm for some people."""

    TOUCH_BROW = "touching the brow"
    HUMMING = "humming"
    LOOKING_DOWN = "looking down"
    TALKING = "talking or singing"
    PRESSING_TEMPLE = "pressing the temple"
    SUNGLASSES = "wearing tinted glasses"


class InjectionMark(StrEnum):
    """The days a person marks with one tap after an injection."""

    STARTED_WORKING = "started working"
    BEST = "best"
    WEARING_OFF = "wearing off"
