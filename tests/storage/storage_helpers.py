"""Helpers shared by the storage tests (imported as a top-level module by pytest)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from app.messages import notices
from app.storage.history import OpenResult

CEST = timezone(timedelta(hours=2))


class FakeNow:
    """A wall clock that moves only when told to (``now`` for open_history)."""

    def __init__(self, start: datetime) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def advance(self, **delta: float) -> None:
        self.value += timedelta(**delta)


def at(day: str, time: str = "09:00", offset: timezone = CEST) -> datetime:
    """A tz-aware time: at("2026-03-30", "08:15")."""
    return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=offset)


def said(result: OpenResult) -> list[str]:
    """What the person is told about an opening: its notices, in words."""
    return notices(result.notices)
