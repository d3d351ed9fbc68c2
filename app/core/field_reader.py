"""Typed access to one routine step's fields, for the loader (app/core/loader.py).

Each reader returns a value of the right type or a harmless default, and reports what
was wrong at the field's own line, so that the loader lists every problem of a file at
once. Bounded like the loader: durations at most MAX_ROUTINE_SECONDS, values echoed
short. No Qt here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Protocol

from app.core.durations import DurationError, format_duration, parse_duration
from app.core.routine import MAX_ROUTINE_SECONDS, MIN_PHASE_SECONDS
from app.core.toml_lines import LineIndex
from app.core.values import shown

__all__ = ["MISSING", "GentlerFields", "Missing", "Problems", "StepFields", "names", "seconds_of"]

_MIN_PHASE = f"{MIN_PHASE_SECONDS:g} second" + ("" if MIN_PHASE_SECONDS == 1 else "s")


class Missing:
    """A field that is not there (None is a value a file can't hold, but be plain)."""


MISSING = Missing()


class Problems(Protocol):
    """Where the fields' problems go: the loader's reader."""

    lines: LineIndex

    def fail(
        self,
        line: int,
        message: str,
        *,
        key: str | None = None,
        step: int | None = None,
        detail: str | None = None,
    ) -> None: ...


class StepFields:
    """Typed access to one step's fields, reporting problems at the field's line."""

    def __init__(self, reader: Problems, index: int, raw: dict[str, Any]) -> None:
        self.reader = reader
        self.index = index
        self.raw = raw
        self.kind = ""
        self.problem_keys: set[str] = set()

    @property
    def what(self) -> str:
        return f"step {self.index + 1}" + (f" ({self.kind})" if self.kind else "")

    def line(self, key: str | None) -> int:
        return self.reader.lines.step_line(self.index, key)

    def fail(self, key: str | None, message: str, *, about: str | None = None) -> None:
        """A problem at ``key``'s line (the step's header when None), about the field
        ``about`` (``key`` unless given: a missing field has no line of its own)."""
        if key:
            self.problem_keys.add(key)
        self.fail_at(self.line(key), message, key=about or key)

    def fail_at(self, line: int, message: str, *, key: str | None = None) -> None:
        self.reader.fail(line, f"{self.what}: {message}", key=key, step=self.index, detail=message)

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.raw.get(key, MISSING)
        if isinstance(value, Missing):
            if required:
                self.fail(None, f'missing "{key}": expected a string', about=key)
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            wanted = "a non-empty string" if required else "a string"
            self.fail(key, f'"{key}" must be {wanted}, got {shown(value)}')
            return ""
        return value.strip()

    def duration(
        self, key: str, *, positive: bool = False, timed: bool = False, default: float | None = None
    ) -> float:
        """Seconds, at most MAX_ROUTINE_SECONDS. A `positive` duration (a phase that must
        happen) is at least MIN_PHASE_SECONDS; a `timed` one is 0 (none) or at least that."""
        value = self.raw.get(key, MISSING)
        if isinstance(value, Missing):
            if default is None:
                message = f'missing "{key}": expected a duration such as 5 or "1m30s"'
                self.fail(None, message, about=key)
                return 0.0
            return default
        try:
            seconds = seconds_of(value)
        except DurationError as exc:
            self.fail(key, f'"{key}": {exc}')
            return 0.0
        if positive and seconds <= 0:
            self.fail(key, f'"{key}" must be more than 0 seconds, got {shown(value)}')
            return 0.0
        if (positive or timed) and 0 < seconds < MIN_PHASE_SECONDS:
            none = " (or 0 for none)" if timed else ""
            self.fail(key, f'"{key}" must be at least {_MIN_PHASE}{none}, got {shown(value)}')
            return 0.0
        return seconds

    def integer(self, key: str, *, minimum: int, maximum: int, default: int | None = None) -> int:
        value = self.raw.get(key, MISSING)
        if isinstance(value, Missing):
            if default is None:
                self.fail(None, f'missing "{key}": expected a whole number', about=key)
                return minimum
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f'"{key}" must be a whole number, got {shown(value)}')
            return minimum
        if value < minimum:
            self.fail(key, f'"{key}" must be at least {minimum}, got {shown(value)}')
            return minimum
        if value > maximum:
            self.fail(key, f'"{key}" may be at most {maximum}, got {shown(value)}')
            return minimum
        return value

    def boolean(self, key: str, *, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f'"{key}" must be true or false, got {shown(value)}')
            return default
        return value


class GentlerFields(StepFields):
    """A step's gentler variant: its own lines, its problems about the step's "gentler"."""

    def line(self, key: str | None) -> int:
        return self.reader.lines.gentler_line(self.index, key)

    def fail_at(self, line: int, message: str, *, key: str | None = None) -> None:
        detail = f"gentler variant: {message}"
        where = f"step {self.index + 1} (exercise)"
        self.reader.fail(line, f"{where}: {detail}", key="gentler", step=self.index, detail=detail)


def seconds_of(value: object) -> float:
    """A duration of at most MAX_ROUTINE_SECONDS: no step outlasts the whole routine, and
    the totals of bounded durations and counts never overflow."""
    # Compared exactly, even a 400-digit integer that no float can hold.
    if isinstance(value, int | float) and value > MAX_ROUTINE_SECONDS:
        raise DurationError(_too_long(shown(value)))
    seconds = parse_duration(value)
    if seconds > MAX_ROUTINE_SECONDS:
        raise DurationError(_too_long(format_duration(seconds)))
    return seconds


def _too_long(got: str) -> str:
    return f"the longest allowed is {format_duration(MAX_ROUTINE_SECONDS)}, got {got}"


def names(options: dict[str, Any] | type[StrEnum]) -> str:
    values = list(options) if isinstance(options, dict) else [m.value for m in options]
    return ", ".join(values[:-1]) + f" or {values[-1]}"
