"""What a history accepts: the checks on every value a session or journal entry holds.

The same rules apply to what the window records and to what an import brings in, so
they live here, beside the vocabulary, and raise ValueError with a short sentence
naming the field (the import adds which item). Lengths are capped, so that a file
with a note of a megabyte can't freeze the window that shows it. No Qt, no SQL.
"""

from __future__ import annotations

import math
from datetime import datetime

from app.core.records import JournalEntry
from app.core.routine import Category
from app.core.values import shown
from app.core.vocabulary import (
    SEVERITY_HIGHEST,
    SEVERITY_LOWEST,
    Area,
    FaceSide,
    SessionStatus,
    Treatment,
    Trigger,
)

__all__ = [
    "MAX_LIST_ITEMS",
    "MAX_NAME_CHARS",
    "MAX_NOTE_CHARS",
    "MAX_SECONDS",
    "MAX_WORD_CHARS",
    "aware",
    "check_category",
    "check_entry",
    "check_status",
    "seconds",
    "severity",
    "shown",
    "text",
]

MAX_NAME_CHARS = 200
"""A routine's name or slug."""
MAX_NOTE_CHARS = 2000
MAX_WORD_CHARS = 100
"""A feeling, a trigger, a symptom."""
MAX_LIST_ITEMS = 20
"""Triggers or symptoms of one episode."""
MAX_SECONDS = 24 * 3600.0
"""No session or episode lasts longer than a day."""


def _names(options: type[Category] | type[Area] | type[FaceSide] | type[Trigger]) -> str:
    return ", ".join(member.value for member in options)


def aware(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be a datetime with a time zone, not {shown(value)}")
    return value


def severity(value: int | None, low: int, high: int, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, not {shown(value)}")
    return value


def seconds(value: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number of seconds, not {shown(value)}")
    if not math.isfinite(value) or not 0 <= value <= MAX_SECONDS:
        raise ValueError(f"{name} must be from 0 to {MAX_SECONDS:g} seconds, not {shown(value)}")
    return float(value)


def text(value: str, name: str, limit: int = MAX_NOTE_CHARS) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {shown(value)}")
    if len(value) > limit:
        raise ValueError(f"{name} is {len(value)} characters long; at most {limit} are kept")
    return value


def check_category(category: str) -> str:
    if category not in Category.__members__.values():
        raise ValueError(f"category must be one of {_names(Category)}, not {shown(category)}")
    return category


def check_status(status: str) -> str:
    if status not in SessionStatus.__members__.values():
        values = ", ".join(s.value for s in SessionStatus)
        raise ValueError(f"status must be one of {values}, not {shown(status)}")
    return status


def _words(values: tuple[str, ...], name: str, each: str) -> None:
    if len(values) > MAX_LIST_ITEMS:
        raise ValueError(f"{name} has {len(values)} items; at most {MAX_LIST_ITEMS}")
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"each {each} must be a short text, not {shown(value)}")
        text(value, f"each {each}", MAX_WORD_CHARS)


def check_entry(entry: JournalEntry) -> None:
    """Raise ValueError unless ``entry`` is a journal entry the history may keep."""
    aware(entry.at, "at")
    if entry.side not in (*FaceSide.__members__.values(), ""):
        raise ValueError(
            f"side must be one of {_names(FaceSide)} or empty, not {shown(entry.side)}"
        )
    text(entry.note, "note")
    text(entry.uid, "uid", MAX_WORD_CHARS)
    if entry.kind == "episode":
        if entry.area not in Area.__members__.values():
            raise ValueError(f"area must be one of {_names(Area)}, not {shown(entry.area)}")
        severity(entry.severity, SEVERITY_LOWEST, SEVERITY_HIGHEST, "severity")
        if entry.duration_s is not None:
            seconds(entry.duration_s, "duration_s")
        _words(entry.triggers, "triggers", "trigger")
        for trigger in entry.triggers:
            if trigger not in Trigger.__members__.values():
                raise ValueError(
                    f"each trigger must be one of {_names(Trigger)}, not {shown(trigger)}"
                )
        _words(entry.symptoms, "symptoms", "symptom")
        if entry.treatment:
            raise ValueError("an episode has no treatment")
    elif entry.kind == "treatment":
        if entry.treatment not in Treatment.__members__.values():
            values = ", ".join(t.value for t in Treatment)
            raise ValueError(f"treatment must be one of {values}, not {shown(entry.treatment)}")
        if entry.area or entry.severity is not None or entry.triggers or entry.symptoms:
            raise ValueError("a treatment has no area, severity, triggers or symptoms")
        if entry.duration_s is not None:
            seconds(entry.duration_s, "duration_s")
    else:
        raise ValueError(f"kind must be 'episode' or 'treatment', not {shown(entry.kind)}")
