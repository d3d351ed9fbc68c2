"""Values from a file, shown in a message: short, on one line, whatever they are.

A message names what it found so that a person can fix it, but a file may hold a
megabyte-long string, a number of thousands of digits (whose decimal text Python refuses
to make) or nesting thousands deep (whose repr would recurse); none of that is echoed.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time

SHOWN_CHARACTERS = 60
_DIGITS_SHOWN = 40


def shown(value: object, limit: int = SHOWN_CHARACTERS) -> str:
    """`repr(value)` for short scalars, cut to `limit` characters with "…"; containers and
    huge numbers are described ("a list", "a table", "a number of 5001 digits")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) >= 10**_DIGITS_SHOWN:
            digits = math.floor(math.log10(abs(value))) + 1  # exact enough, and no text
            return f"a number of {digits} digits"
        text = repr(value)
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, str):
        text = repr(value[:limit])
        if len(value) > limit:
            text = text[:-1] + "…" + text[-1]  # inside the quotes
    elif isinstance(value, list):
        return "a list" if value else "an empty list"
    elif isinstance(value, dict):
        return "a table" if value else "an empty table"
    elif isinstance(value, datetime):
        return "a date and time"
    elif isinstance(value, date):
        return "a date"
    elif isinstance(value, time):
        return "a time"
    else:
        return f"a {type(value).__name__}"
    # Escapes can make a repr longer than the value ("\\x00" for one character).
    return text if len(text) <= limit + 3 else text[:limit] + "…"
