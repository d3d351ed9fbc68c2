"""A 100,000-session history: statistics stay right (their speed is for `make bench`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from storage_helpers import CEST

from app.core.records import STREAK_MIN_SECONDS, Stats
from app.storage.bulk import ROUTINES, make_sessions, session_pattern
from app.storage.history import History

N = 100_000
START = datetime(1990, 1, 1, 20, 0, tzinfo=CEST)
SPACING = timedelta(hours=7)


def _per_day() -> dict[date, tuple[float, int, bool]]:
    """(seconds, sessions, counts for a streak) per local day, from the generator's pattern."""
    days: dict[date, tuple[float, int, bool]] = {}
    for i in range(N):
        day = (START + i * SPACING).date()
        _, elapsed = session_pattern(i)  # every status the generator makes counts
        seconds, count, streak = days.get(day, (0.0, 0, False))
        days[day] = (seconds + elapsed, count + 1, streak or elapsed >= STREAK_MIN_SECONDS)
    return days


def _expected(per_day: dict[date, tuple[float, int, bool]], today: date) -> Stats:
    """The statistics recomputed in plain Python."""
    streak_days = {d for d, (_, _, streak) in per_day.items() if streak and d <= today}
    monday = today - timedelta(days=today.weekday())
    longest = run = 0
    for day in sorted(streak_days):
        run = run + 1 if day - timedelta(days=1) in streak_days else 1
        longest = max(longest, run)
    current = 0
    cursor = today if today in streak_days else today - timedelta(days=1)
    while cursor in streak_days:
        current += 1
        cursor -= timedelta(days=1)
    return Stats(
        sessions=N,
        total_minutes=sum(seconds for seconds, _, _ in per_day.values()) / 60,
        minutes_this_week=sum(v[0] for d, v in per_day.items() if monday <= d <= today) / 60,
        sessions_this_month=sum(
            v[1] for d, v in per_day.items() if today.replace(day=1) <= d <= today
        ),
        current_streak=current,
        longest_streak=longest,
    )


def test_hundred_thousand_sessions(history: History) -> None:
    make_sessions(history, N, start=START, spacing=SPACING)
    assert history.sessions.count() == N
    per_day = _per_day()
    last_day = (START + (N - 1) * SPACING).date()
    for today in (last_day, last_day - timedelta(days=40), date(1995, 6, 15)):
        stats = history.stats.summary(today)
        expected = _expected(per_day, today)
        assert stats.total_minutes == expected.total_minutes
        assert stats == expected
    assert stats.current_streak > 0 and stats.longest_streak > 30
    # The newest page of the history table, and the chart series.
    page = history.sessions.page(limit=50)
    assert len(page) == 50
    assert page[0].started_at == START + (N - 1) * SPACING
    assert page[0].routine == ROUTINES[(N - 1) % len(ROUTINES)][0]
    assert [s.started_at for s in page] == sorted((s.started_at for s in page), reverse=True)
    assert len(history.stats.minutes_per_day(last_day)) == 30
    assert sum(m for _, m in history.stats.minutes_per_week(last_day, 4)) > 0
