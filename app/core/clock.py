"""Clocks the engine can be driven by, so tests can move time instead of waiting."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]
"""Seconds on a clock that never goes backwards; only differences matter."""


def monotonic() -> float:
    """For routines: unaffected by wall-clock changes (it pauses while the machine sleeps)."""
    return time.monotonic()


def boottime() -> float:
    """For compress timers: keeps counting through suspend, so a timer that ran out
    while the laptop slept is already due on wake. Falls back to monotonic off Linux."""
    clock_id = getattr(time, "CLOCK_BOOTTIME", None)
    if clock_id is None:
        return time.monotonic()
    return time.clock_gettime(clock_id)


class FakeClock:
    """A clock that moves only when told to: a 20-minute routine runs in microseconds."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock never goes backwards")
        self.now += seconds
