"""What goes into the doctor report, gathered from the history. No Qt here.

:func:`report_data` reads a :class:`~app.storage.history.History` and returns plain
numbers for a period of ``days`` days ending ``today`` (both ends included), so the
report's content can be tested without a QGuiApplication; app/services/report.py turns
it into HTML and a PDF.

Weeks run Monday to Sunday, as everywhere in Facewell; the first and last week of the
period are cut to the period (a row says which days it covers). A session belongs to
the day it started on, on the clock it was recorded with.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from app.core.dates import monday
from app.core.seek_help import Tier, tier_of
from app.services.report_cycle_data import CycleReport, cycle_report
from app.storage.history import History, JournalEntry, SessionRecord

__all__ = [
    "DEFAULT_DAYS",
    "AttentionRow",
    "ReportData",
    "RoutineRow",
    "TreatmentRow",
    "WeekRow",
    "report_data",
]

DEFAULT_DAYS = 90
TOP_TRIGGERS = 5


@dataclass(frozen=True)
class WeekRow:
    """One week of the period (cut to the period at both ends)."""

    first: date
    last: date
    sessions: int
    minutes: float
    episodes: int
    average_severity: float | None
    """Mean severity of the week's episodes that have one."""
    treatments: int


@dataclass(frozen=True)
class RoutineRow:
    routine: str
    sessions: int
    minutes: float


@dataclass(frozen=True)
class TreatmentRow:
    day: date
    treatment: str
    note: str


@dataclass(frozen=True)
class AttentionRow:
    """An episode that logged one of the seek-help signs (app.core.seek_help)."""

    day: date
    symptoms: tuple[str, ...]
    """Only the signs (old ones included), in the order logged."""
    urgent: bool
    """One of them is a sudden sign (urgent tier): the app advised calling for help."""
    area: str
    side: str
    severity: int | None
    note: str


@dataclass(frozen=True)
class ReportData:
    first: date
    last: date
    days: int
    weeks: tuple[WeekRow, ...]
    routines: tuple[RoutineRow, ...]
    """Routines used in the period, most minutes first."""
    sessions: int
    minutes: float
    completed: int
    days_with_routine: int
    episodes: int
    rated_episodes: int
    """Episodes with a severity given (it is optional; an unrated one has none)."""
    average_severity: float | None
    severity_first_half: float | None
    """Mean episode severity in the first half of the period (days rounded down)."""
    severity_second_half: float | None
    severity_pairs: int
    """Sessions with a severity recorded both before and after."""
    severity_before: float | None
    """Mean severity before the routine, over those sessions."""
    severity_after: float | None
    triggers: tuple[tuple[str, int], ...]
    """The most frequent triggers (most first, ties by name) and their episode counts."""
    episodes_with_triggers: int
    treatments: tuple[TreatmentRow, ...]
    attention: tuple[AttentionRow, ...]
    cycle: CycleReport
    """Injection cycles and self-rated days: page 1 (report_cycle_data)."""

    @property
    def has_data(self) -> bool:
        return bool(self.sessions or self.episodes or self.treatments or self.cycle.has_data)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def report_data(history: History, days: int = DEFAULT_DAYS, *, today: date) -> ReportData:
    """The report's numbers for the ``days`` days ending ``today``."""
    if days < 1:
        raise ValueError(f"days must be 1 or more, not {days!r}")
    first = today - timedelta(days=days - 1)
    sessions = history.sessions.between(first, today)
    episodes = history.journal.between(first, today, "episode")
    treatments = history.journal.between(first, today, "treatment")
    middle = first + timedelta(days=days // 2)
    pairs = [
        (s.severity_before, s.severity_after)
        for s in sessions
        if s.severity_before is not None and s.severity_after is not None
    ]
    return ReportData(
        first=first,
        last=today,
        days=days,
        weeks=_weeks(first, today, sessions, episodes, treatments),
        routines=_routines(sessions),
        sessions=len(sessions),
        minutes=sum(s.elapsed_s for s in sessions) / 60,
        completed=sum(s.status == "completed" for s in sessions),
        days_with_routine=len({s.started_at.date() for s in sessions}),
        episodes=len(episodes),
        rated_episodes=sum(e.severity is not None for e in episodes),
        average_severity=_mean([e.severity for e in episodes if e.severity is not None]),
        severity_first_half=_mean(
            [e.severity for e in episodes if e.severity is not None and e.at.date() < middle]
        ),
        severity_second_half=_mean(
            [e.severity for e in episodes if e.severity is not None and e.at.date() >= middle]
        ),
        severity_pairs=len(pairs),
        severity_before=_mean([before for before, _ in pairs]),
        severity_after=_mean([after for _, after in pairs]),
        triggers=tuple(history.stats.top_triggers(first, today, TOP_TRIGGERS)),
        episodes_with_triggers=sum(bool(e.triggers) for e in episodes),
        treatments=tuple(TreatmentRow(e.at.date(), e.treatment, e.note) for e in treatments),
        attention=_attention(episodes),
        cycle=cycle_report(history, first, today),
    )


def _weeks(
    first: date,
    last: date,
    sessions: list[SessionRecord],
    episodes: list[JournalEntry],
    treatments: list[JournalEntry],
) -> tuple[WeekRow, ...]:
    rows: list[WeekRow] = []
    week = monday(first)
    while week <= last:
        start = max(week, first)
        end = min(week + timedelta(days=6), last)
        week_sessions = [s for s in sessions if start <= s.started_at.date() <= end]
        week_episodes = [e for e in episodes if start <= e.at.date() <= end]
        rows.append(
            WeekRow(
                first=start,
                last=end,
                sessions=len(week_sessions),
                minutes=sum(s.elapsed_s for s in week_sessions) / 60,
                episodes=len(week_episodes),
                average_severity=_mean(
                    [e.severity for e in week_episodes if e.severity is not None]
                ),
                treatments=sum(start <= t.at.date() <= end for t in treatments),
            )
        )
        week += timedelta(weeks=1)
    return tuple(rows)


def _routines(sessions: list[SessionRecord]) -> tuple[RoutineRow, ...]:
    counts: Counter[str] = Counter()
    seconds: dict[str, float] = {}
    for record in sessions:
        counts[record.routine] += 1
        seconds[record.routine] = seconds.get(record.routine, 0.0) + record.elapsed_s
    rows = [RoutineRow(name, counts[name], seconds[name] / 60) for name in counts]
    return tuple(sorted(rows, key=lambda row: (-row.minutes, row.routine)))


def _attention(episodes: list[JournalEntry]) -> tuple[AttentionRow, ...]:
    rows = []
    for entry in episodes:
        flags = tuple(s for s in entry.symptoms if tier_of(s) is not None)
        if flags:
            urgent = any(tier_of(s) is Tier.URGENT for s in flags)
            rows.append(
                AttentionRow(
                    entry.at.date(),
                    flags,
                    urgent,
                    entry.area,
                    entry.side,
                    entry.severity,
                    entry.note,
                )
            )
    return tuple(rows)
