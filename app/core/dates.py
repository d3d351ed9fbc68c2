"""Days as a person reads them: weeks from Monday, dates spelled out in English."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

__all__ = ["epoch_us", "human_date", "monday"]

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def human_date(day: date) -> str:
    """ "3 May 2026": spelled out in English like the sentence around it (``%B`` would
    follow the locale, which Qt sets)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def monday(day: date) -> date:
    """The Monday of ``day``'s week: weeks start on Monday."""
    return day - timedelta(days=day.weekday())


def epoch_us(value: datetime) -> int:
    """Microseconds since the Unix epoch, exactly (no float rounding): a sort key."""
    delta = value - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
