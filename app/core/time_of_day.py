"""A time of day as people type it: "7:30", "730", "0730", "19.45", "7pm", "7:30 am".

Qt's time field takes digits only into the part of the time that is selected: clicked
into, or after Ctrl+A, typing "0730" left 20:00, and "25" was refused without a word.
The reminder fields read what was typed here instead and say, in plain words, why a
time that can't be one was not taken.
"""

from __future__ import annotations

import re
from datetime import time

__all__ = ["TimeOfDayError", "format_time_of_day", "parse_time_of_day"]

_TYPED = re.compile(
    r"""^\s*
    (?P<hour>\d{1,2})
    (?:\s*[:.h\s]\s*(?P<minute>\d{1,2})|(?P<packed>\d{2}))?
    \s*(?P<half>[ap])?\.?\s*(?:m\.?)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


class TimeOfDayError(ValueError):
    """What was typed is not a time of day; the message says why, for the person."""


def parse_time_of_day(text: str) -> time:
    """The time ``text`` names, on a 24-hour clock unless it says am or pm."""
    if not text.strip():
        raise TimeOfDayError("Type a time, such as 7:30 or 19:45.")
    found = _TYPED.match(text)
    if found is None:
        raise TimeOfDayError(f"“{text.strip()}” isn't a time: type one such as 7:30 or 19:45.")
    parts = found.groupdict()
    hour = int(parts["hour"])
    minute = int(parts.get("minute") or parts.get("packed") or 0)
    half = (parts.get("half") or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise TimeOfDayError(f"With am or pm, the hour goes from 1 to 12, not {hour}.")
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23:
        raise TimeOfDayError(f"There is no hour {hour}: hours go from 0 to 23.")
    if minute > 59:
        raise TimeOfDayError(f"There is no minute {minute}: minutes go from 0 to 59.")
    return time(hour, minute)


def format_time_of_day(value: time) -> str:
    """ "07:30": how the fields show a time, on the 24-hour clock."""
    return f"{value.hour:02d}:{value.minute:02d}"
