"""What a history accepts for injections and daily ratings: ValueError with a short
sentence naming the field, the same rules for the window, the command line and an
import (which adds which item). No Qt, no SQL.
"""

from __future__ import annotations

from datetime import date

from app.core import entries
from app.core.records import DailyRating, Injection
from app.core.values import shown
from app.core.vocabulary import SEVERITY_HIGHEST, SEVERITY_LOWEST

__all__ = ["MAX_FIELD_CHARS", "check_injection", "check_rating"]

MAX_FIELD_CHARS = 200
"""A product, a dose or the sites."""


def _day(value: object, name: str) -> date:
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise ValueError(f"{name} must be a date, not {shown(value)}")
    return value


def _words(values: object, name: str) -> None:
    if not isinstance(values, tuple):
        raise ValueError(f"{name} must be a list of texts, not {shown(values)}")
    if len(values) > entries.MAX_LIST_ITEMS:
        raise ValueError(f"{name} has {len(values)} items; at most {entries.MAX_LIST_ITEMS}")
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"each of {name} must be a short text, not {shown(value)}")
        entries.text(value, f"each of {name}", entries.MAX_WORD_CHARS)


def check_injection(injection: Injection) -> None:
    """Raise ValueError unless ``injection`` is one the history may keep: marks on or
    after the injection day, short texts, known-length lists."""
    day = _day(injection.day, "day")
    for name in ("product", "dose", "sites"):
        entries.text(getattr(injection, name), name, MAX_FIELD_CHARS)
    for name in ("started_working", "best", "wearing_off"):
        mark = getattr(injection, name)
        if mark is None:
            continue
        _day(mark, name)
        if mark < day:
            raise ValueError(f"{name} ({mark.isoformat()}) is before the injection ({day})")
    _words(injection.side_effects, "side_effects")
    entries.text(injection.note, "note")
    entries.text(injection.uid, "uid", entries.MAX_WORD_CHARS)


def check_rating(rating: DailyRating) -> None:
    """Raise ValueError unless ``rating`` is a daily rating the history may keep."""
    _day(rating.day, "day")
    if rating.rating is None:
        raise ValueError("rating must be a whole number from 0 to 10, not nothing")
    entries.severity(rating.rating, SEVERITY_LOWEST, SEVERITY_HIGHEST, "rating")
    _words(rating.exposures, "exposures")
    if not isinstance(rating.tricks, tuple) or len(rating.tricks) > entries.MAX_LIST_ITEMS:
        raise ValueError(f"tricks must be a short list, not {shown(rating.tricks)}")
    for item in rating.tricks:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise ValueError(f"each trick must be (name, helped), not {shown(item)}")
        name, helped = item
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"each trick must be named, not {shown(name)}")
        entries.text(name, "each trick", entries.MAX_WORD_CHARS)
        if helped is not None and not isinstance(helped, bool):
            raise ValueError(
                f"whether a trick helped must be yes, no or unsaid, not {shown(helped)}"
            )
    entries.text(rating.note, "note")
    entries.text(rating.uid, "uid", entries.MAX_WORD_CHARS)
