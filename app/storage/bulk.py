"""Fill a history with many made-up sessions quickly, for benchmarks and tests.

The pattern is deterministic (no randomness), so a test can recompute what the
statistics must be: session ``i`` starts ``i * spacing`` after ``start``; every 10th
is "stopped", every 25th "interrupted" (the rest "completed"); every 7th lasts 30 s
(too short for a streak), the others 300-660 s.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from app.core.dates import epoch_us
from app.storage import database
from app.storage.history import History

__all__ = ["ROUTINES", "make_daily_ratings", "make_sessions", "session_pattern"]

ROUTINES = (
    ("Morning calm", "morning-calm", "breathing"),
    ("Gentle face", "gentle-face", "facial"),
    ("Quiet mind", "quiet-mind", "meditation"),
    ("Cold compress", "cold-compress", "compress"),
)


def session_pattern(i: int) -> tuple[str, float]:
    """(status, elapsed_s) of session number ``i``."""
    if i % 25 == 0:
        status = "interrupted"
    elif i % 10 == 0:
        status = "stopped"
    else:
        status = "completed"
    elapsed = 30.0 if i % 7 == 0 else 300.0 + 60 * (i % 7)
    return status, elapsed


def _rows(n: int, start: datetime, spacing: timedelta) -> Iterator[tuple[object, ...]]:
    start_us = epoch_us(start)
    spacing_us = epoch_us(start + spacing) - start_us
    for i in range(n):
        routine, slug, category = ROUTINES[i % len(ROUTINES)]
        started = start + i * spacing
        status, elapsed = session_pattern(i)
        iso = started.isoformat()
        yield (
            routine,
            slug,
            category,
            iso,
            start_us + i * spacing_us,
            iso[:10],  # the local date, as History stores it
            (started + timedelta(seconds=elapsed)).isoformat(),
            900.0,
            elapsed,
            status,
            3,
            f"00000000-0000-4000-8000-{i:012d}",
        )


def make_sessions(
    history: History, n: int, *, start: datetime, spacing: timedelta = timedelta(hours=7)
) -> None:
    """Add ``n`` sessions from ``start`` (tz-aware) on, one every ``spacing``, in one
    transaction with executemany (100,000 take about a second)."""
    if start.utcoffset() is None:
        raise ValueError("start must be a datetime with a time zone")
    history.sessions.bulk_insert(_rows(n, start, spacing))


def make_daily_ratings(history: History, n: int, *, start: date, every: int = 91) -> None:
    """``n`` consecutive daily ratings from ``start`` (the sample year's pattern,
    repeated), and an injection every ``every`` days: for the cycle benchmark."""
    from app.core.sample_cycles import rating_on

    conn = history.connection
    with database.transaction(conn):
        conn.executemany(
            "INSERT INTO daily_ratings (day, uid, rating, exposures) VALUES (?, ?, ?, ?)",
            (
                (
                    (start + timedelta(days=i)).isoformat(),
                    f"bulk-day-{i}",
                    rating_on(i % 365)[0],
                    json.dumps(rating_on(i % 365)[1]),
                )
                for i in range(n)
            ),
        )
        conn.executemany(
            "INSERT INTO injections (uid, day) VALUES (?, ?)",
            (
                (f"bulk-injection-{i}", (start + timedelta(days=i + 14)).isoformat())
                for i in range(0, n - 14, every)
            ),
        )
