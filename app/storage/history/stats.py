"""Numbers over the history: totals, streaks, minutes and episodes per day or week,
severity over time, the most frequent triggers. All in SQL on the day indexes.

Threads: a store belongs to the thread that opened its connection.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta

from app.core.dates import monday
from app.core.records import STREAK_MIN_SECONDS, Stats
from app.storage import database
from app.storage.history.rows import Table, known_errors

__all__ = ["StatsStore", "streaks"]


class StatsStore(Table):
    def summary(self, today: date) -> Stats:
        """Totals, this week (Monday to today), this month and streaks; see Stats.

        All aggregates run in SQL on the (day, status, elapsed_s) index; streaks are
        computed from the list of distinct qualifying days (a few thousand at most).
        """
        week_start = monday(today).isoformat()
        month_start = today.replace(day=1).isoformat()
        end = today.isoformat()
        with known_errors():
            execute = self._conn.execute
            count, total_s = execute("SELECT count(*), total(elapsed_s) FROM sessions").fetchone()
            week_s = execute(
                "SELECT total(elapsed_s) FROM sessions WHERE day BETWEEN ? AND ?",
                (week_start, end),
            ).fetchone()[0]
            month_count = execute(
                "SELECT count(*) FROM sessions WHERE day BETWEEN ? AND ?", (month_start, end)
            ).fetchone()[0]
            days = execute(
                "SELECT DISTINCT day FROM sessions WHERE day <= ?"
                " AND status IN ('completed', 'stopped', 'interrupted') AND elapsed_s >= ?"
                " ORDER BY day",
                (end, STREAK_MIN_SECONDS),
            ).fetchall()
        current, longest = streaks([date.fromisoformat(row[0]) for row in days], today)
        return Stats(
            sessions=int(count),
            total_minutes=float(total_s) / 60,
            minutes_this_week=float(week_s) / 60,
            sessions_this_month=int(month_count),
            current_streak=current,
            longest_streak=longest,
        )

    # -- per day and per week ----------------------------------------------------------

    def _per_day(
        self, table: str, aggregate: str, where: str, first: date, last: date
    ) -> dict[date, float]:
        rows = self._read(
            f"SELECT day, {aggregate} FROM {table} WHERE day BETWEEN ? AND ?{where} GROUP BY day",
            (first.isoformat(), last.isoformat()),
        )
        return {date.fromisoformat(day): float(value) for day, value in rows}

    def _per_week(
        self, table: str, aggregate: str, where: str, first: date, last: date
    ) -> dict[date, float]:
        """``aggregate`` summed per week (keyed by Monday), every week from ``first``'s
        to ``last``'s included, empty weeks as 0."""
        start = monday(first)
        totals = self._per_day(table, aggregate, where, start, monday(last) + timedelta(days=6))
        weeks = (monday(last) - start).days // 7 + 1
        buckets = {start + timedelta(weeks=i): 0.0 for i in range(weeks)}
        for day, value in totals.items():
            buckets[monday(day)] += value
        return buckets

    def minutes_per_day(self, today: date, days: int = 30) -> list[tuple[date, float]]:
        """Minutes of all sessions per day, oldest first, ``days`` days ending today."""
        first = today - timedelta(days=days - 1)
        totals = self._per_day("sessions", "total(elapsed_s)", "", first, today)
        return [
            (day, totals.get(day, 0.0) / 60)
            for day in (first + timedelta(days=i) for i in range(days))
        ]

    def minutes_per_week(self, today: date, weeks: int = 12) -> list[tuple[date, float]]:
        """(Monday, minutes) oldest first, ``weeks`` weeks ending with today's week."""
        return [
            (m, s / 60) for m, s in self.seconds_per_week(_weeks_back(today, weeks), today).items()
        ]

    def seconds_per_week(self, first: date, last: date) -> dict[date, float]:
        """Seconds of all sessions per week (Monday -> seconds), first's week to last's."""
        return self._per_week("sessions", "total(elapsed_s)", "", first, last)

    def episodes_per_week(self, today: date, weeks: int = 12) -> list[tuple[date, int]]:
        """(Monday, episodes) oldest first, ``weeks`` weeks ending with today's week."""
        first = _weeks_back(today, weeks)
        counts = self._per_week("journal", "count(*)", " AND kind = 'episode'", first, today)
        return [(m, int(count)) for m, count in counts.items()]

    # -- severity and triggers ---------------------------------------------------------

    def severity_series(self) -> list[tuple[datetime, int | None, int | None]]:
        """(started_at, severity_before, severity_after) of sessions with either, oldest first."""
        rows = self._read(
            "SELECT started_at, severity_before, severity_after FROM sessions"
            " WHERE severity_before IS NOT NULL OR severity_after IS NOT NULL"
            " ORDER BY started_us, id"
        )
        return [(database.parse_stored_time(at), before, after) for at, before, after in rows]

    def top_triggers(
        self, first: date, last: date | None = None, n: int = 5
    ) -> list[tuple[str, int]]:
        """The most frequent triggers of episodes on the days ``first`` to ``last`` (no
        end when None), with how many episodes named each; ties by name."""
        rows = self._read(
            "SELECT triggers FROM journal WHERE kind = 'episode' AND day BETWEEN ? AND ?",
            (first.isoformat(), (last or date.max).isoformat()),
        )
        counts = Counter(trigger for (text,) in rows for trigger in set(json.loads(text)))
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def _weeks_back(today: date, weeks: int) -> date:
    return monday(today) - timedelta(weeks=weeks - 1)


def streaks(days: list[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days in the sorted, distinct ``days``."""
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if previous is not None and (today - previous).days <= 1:
        current = run
    return current, longest
