"""Statistics, streaks and chart series, on hand-made histories across week and month ends."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from storage_helpers import at

from app.storage.history import History, JournalEntry, Stats
from app.storage.history.stats import streaks as _streaks


def _session(history: History, when: datetime, elapsed: float, status: str) -> int:
    session_id = history.sessions.start(
        "Morning calm", "morning-calm", "breathing", 900, started_at=when
    )
    if status in ("completed", "stopped"):
        history.sessions.finish(
            session_id, status, elapsed, ended_at=when + timedelta(seconds=elapsed)
        )
    else:
        history.sessions.checkpoint(session_id, elapsed, 1, at=when + timedelta(seconds=elapsed))
        if status == "interrupted":
            history.connection.execute(
                "UPDATE sessions SET status = 'interrupted' WHERE id = ?", (session_id,)
            )
    return session_id


def _march(history: History) -> None:
    """Wednesday 1 April 2026 is "today"; its week began on Monday 30 March."""
    for day in range(10, 15):  # a five-day run in the middle of March
        _session(history, at(f"2026-03-{day}"), 600, "completed")
    _session(history, at("2026-03-27"), 600, "completed")
    _session(history, at("2026-03-28"), 120, "stopped")
    _session(history, at("2026-03-29"), 59, "completed")  # too short for a streak
    _session(history, at("2026-03-29", "18:00"), 30, "interrupted")  # likewise
    _session(history, at("2026-03-30"), 300, "completed")
    _session(history, at("2026-03-31"), 90, "interrupted")  # a crash keeps the streak
    # 00:30 on 1 April at +02:00 is still 31 March in UTC: the user's clock decides.
    _session(history, at("2026-04-01", "00:30"), 600, "completed")
    _session(history, at("2026-04-01", "10:00"), 100, "running")


def test_stats_on_a_hand_made_history(history: History) -> None:
    _march(history)
    assert history.stats.summary(date(2026, 4, 1)) == Stats(
        sessions=13,
        total_minutes=4899 / 60,
        minutes_this_week=(300 + 90 + 600 + 100) / 60,
        sessions_this_month=2,
        current_streak=3,  # 30 and 31 March, 1 April
        longest_streak=5,  # 10-14 March
    )


def test_the_streak_holds_until_the_day_is_over(history: History) -> None:
    _march(history)
    thursday = history.stats.summary(date(2026, 4, 2))
    assert thursday.current_streak == 3  # nothing yet today: yesterday's streak stands
    assert thursday.minutes_this_week == (300 + 90 + 600 + 100) / 60
    friday = history.stats.summary(date(2026, 4, 3))
    assert friday.current_streak == 0
    assert friday.longest_streak == 5


def test_stats_on_an_earlier_day_ignore_later_sessions(history: History) -> None:
    _march(history)
    sunday = history.stats.summary(date(2026, 3, 29))
    assert sunday.current_streak == 2  # 27 and 28 March; the 29th has none long enough yet
    assert sunday.minutes_this_week == (600 + 120 + 59 + 30) / 60  # Monday 23 to Sunday 29
    assert sunday.sessions_this_month == 9
    assert sunday.sessions == 13  # the totals are all-time


def test_stats_of_an_empty_history(history: History) -> None:
    assert history.stats.summary(date(2026, 5, 1)) == Stats(0, 0.0, 0.0, 0, 0, 0)


def test_streak_across_a_year_end(history: History) -> None:
    for day in ("2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"):
        _session(history, at(day), 60, "completed")
    stats = history.stats.summary(date(2026, 1, 2))
    assert (stats.current_streak, stats.longest_streak) == (4, 4)
    assert stats.sessions_this_month == 2
    assert stats.minutes_this_week == 4.0  # Monday 29 December to Friday 2 January


@given(
    days=st.sets(st.integers(min_value=0, max_value=60), max_size=40),
    today=st.integers(min_value=0, max_value=70),
)
def test_streaks_match_a_brute_force_count(days: set[int], today: int) -> None:
    origin = date(2026, 1, 1)
    day_list = sorted(origin + timedelta(days=d) for d in days if d <= today)
    longest = max(
        (
            length
            for start in days
            for length in range(1, 62)
            if all(start + k in days and start + k <= today for k in range(length))
        ),
        default=0,
    )
    current = 0
    end = today if today in days else today - 1
    while end - current in days:
        current += 1
    assert _streaks(day_list, origin + timedelta(days=today)) == (current, longest)


def test_minutes_per_day_and_week(history: History) -> None:
    _march(history)
    per_day = history.stats.minutes_per_day(date(2026, 4, 1), days=4)
    assert per_day == [
        (date(2026, 3, 29), (59 + 30) / 60),
        (date(2026, 3, 30), 5.0),
        (date(2026, 3, 31), 1.5),
        (date(2026, 4, 1), 700 / 60),
    ]
    assert len(history.stats.minutes_per_day(date(2026, 4, 1))) == 30
    assert history.stats.minutes_per_week(date(2026, 4, 1), weeks=4) == [
        (date(2026, 3, 9), 50.0),
        (date(2026, 3, 16), 0.0),
        (date(2026, 3, 23), (600 + 120 + 59 + 30) / 60),
        (date(2026, 3, 30), (300 + 90 + 600 + 100) / 60),
    ]


def test_episodes_per_week_triggers_and_treatments(history: History) -> None:
    def episode(when: datetime, *triggers: str) -> None:
        history.journal.add(
            JournalEntry.new_episode(at=when, area="eyelid", side="left", triggers=triggers)
        )

    episode(at("2026-03-23"), "stress", "caffeine")  # Monday
    episode(at("2026-03-29", "23:59"), "stress")  # Sunday, same week
    episode(at("2026-03-30", "00:00"), "poor sleep", "stress")  # Monday, next week
    # 1 April at 01:00 in UTC-05:00 is still that local day, whatever UTC says.
    episode(datetime(2026, 4, 1, 1, 0, tzinfo=timezone(timedelta(hours=-5))), "caffeine")
    history.journal.add(JournalEntry.new_treatment(at=at("2026-03-25"), treatment="doctor visit"))
    injection = JournalEntry.new_treatment(
        at=at("2026-03-31"), treatment="medication change", note="left eyelid"
    )
    history.journal.add(injection)

    assert history.stats.episodes_per_week(date(2026, 4, 1), weeks=3) == [
        (date(2026, 3, 16), 0),
        (date(2026, 3, 23), 2),
        (date(2026, 3, 30), 2),
    ]
    assert history.stats.top_triggers(at("2026-03-01")) == [
        ("stress", 3),
        ("caffeine", 2),
        ("poor sleep", 1),
    ]
    assert history.stats.top_triggers(at("2026-03-30", "00:00"), n=1) == [("caffeine", 1)]
    assert [t.treatment for t in history.journal.treatments(at("2026-03-01"))] == [
        "doctor visit",
        "medication change",
    ]
    (only,) = history.journal.treatments(at("2026-03-26"))
    assert only.uid == injection.uid
    assert only.note == "left eyelid"
