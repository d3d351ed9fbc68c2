"""Durations as people write them in routine files: 90, "90s", "1m30s", "2m", "1h"."""

from __future__ import annotations

import math
import re

from app.core.values import shown

_PATTERN = re.compile(
    r"""^\s*
    (?:(?P<h>\d+(?:\.\d+)?)\s*h)?\s*
    (?:(?P<m>\d+(?:\.\d+)?)\s*m)?\s*
    (?:(?P<s>\d+(?:\.\d+)?)\s*s?)?
    \s*$""",
    re.VERBOSE | re.IGNORECASE,
)


class DurationError(ValueError):
    """A duration that is not a non-negative number of seconds or an "1m30s"-style string."""


# No sane duration is longer; the limit keeps the pattern and float() quick on a
# megabyte-long string.
_LONGEST_TEXT = 64


def parse_duration(value: object) -> float:
    """Return seconds. Booleans are refused: TOML `true` is never a duration."""
    if isinstance(value, bool):
        raise DurationError(f'expected a duration such as 90 or "1m30s", got {shown(value)}')
    if isinstance(value, int | float):
        try:
            seconds = float(value)
        except OverflowError:  # an integer beyond any float
            seconds = math.inf if value > 0 else -math.inf
    elif isinstance(value, str):
        seconds = _parse_text(value)
    else:
        raise DurationError(f'expected a duration such as 90 or "1m30s", got {shown(value)}')
    if not math.isfinite(seconds):
        raise DurationError(f"expected a finite duration, got {shown(value)}")
    if seconds < 0:
        raise DurationError(f"expected a duration of 0 or more, got {shown(value)}")
    return seconds


def _parse_text(text: str) -> float:
    match = _PATTERN.match(text) if len(text) <= _LONGEST_TEXT else None
    if match is None or not any(match.group(k) for k in "hms"):
        raise DurationError(
            f'malformed duration {shown(text)}: write seconds (90) or "90s", "1m30s", "2m", "1h"'
        )
    hours, minutes, seconds = (float(match.group(k) or 0) for k in "hms")
    return hours * 3600 + minutes * 60 + seconds


def format_duration(seconds: float) -> str:
    """Short human form for lists: "45 s", "4 min", "12 min 30 s", "1 h 5 min"."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def format_about(seconds: float) -> str:
    """A length known only roughly (the voice decides how long its words take): "about
    4 min" to the minute, "about 50 s" to ten seconds under two minutes."""
    if seconds < 120:
        return f"about {format_duration(max(10, round(seconds / 10) * 10))}"
    return f"about {format_duration(round(seconds / 60) * 60)}"


def format_clock(seconds: float) -> str:
    """Countdown form, "m:ss" or "h:mm:ss"; rounds up so 0:00 shows only at the very end."""
    total = max(0, math.ceil(seconds - 1e-6))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
