"""What a history holds, as plain frozen records: sessions and journal entries.

The storage fills them from its rows (app/storage/history/rows.py); the window, the
report and the seek-help rules read them. No Qt, no SQL.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["DailyRating", "Injection", "JournalEntry", "SessionRecord", "Stats"]


@dataclass(frozen=True)
class SessionRecord:
    """One routine session. Times are timezone-aware, in the offset they were recorded in."""

    id: int
    routine: str
    slug: str
    category: str
    started_at: datetime
    ended_at: datetime | None
    planned_s: float
    elapsed_s: float
    status: str
    """A SessionStatus value: "running", "completed", "stopped" or "interrupted"."""
    step_index: int
    severity_before: int | None
    """Spasm severity 0-10 before the routine, if asked."""
    severity_after: int | None
    """Spasm severity 0-10 after the routine, if given."""
    feeling: str
    note: str
    uid: str
    """Stable unique id: survives export/import, used to skip duplicates."""
    skipped: tuple[str, ...] = ()
    """The titles of the steps left with Next before their end (app/core/completion.py)."""


@dataclass(frozen=True)
class JournalEntry:
    """A spasm episode or a treatment event in the symptom journal."""

    id: int
    kind: str
    """"episode" or "treatment"."""
    at: datetime
    area: str
    """An Area value for an episode; "" for a treatment."""
    side: str
    """A FaceSide value, or ""."""
    severity: int | None
    """0-10 (the one scale of vocabulary.SEVERITY_LOWEST..SEVERITY_HIGHEST), episodes only;
    None when not rated. Histories before schema 4 held 1-10, which reads the same."""
    duration_s: float | None
    triggers: tuple[str, ...]
    """Each a Trigger value."""
    symptoms: tuple[str, ...]
    """Short texts; the Symptom values (old ones included) raise the seek-help advice."""
    treatment: str
    """A Treatment value for a treatment; "" for an episode."""
    note: str
    uid: str

    @classmethod
    def new_episode(
        cls,
        *,
        at: datetime,
        area: str,
        side: str = "",
        severity: int | None = None,
        duration_s: float | None = None,
        triggers: tuple[str, ...] | list[str] = (),
        symptoms: tuple[str, ...] | list[str] = (),
        note: str = "",
    ) -> JournalEntry:
        """A new episode (id 0, a fresh uid), ready for the journal store's ``add``."""
        return cls(
            id=0,
            kind="episode",
            at=at,
            area=area,
            side=side,
            severity=severity,
            duration_s=duration_s,
            triggers=tuple(triggers),
            symptoms=tuple(symptoms),
            treatment="",
            note=note,
            uid=str(uuid.uuid4()),
        )

    @classmethod
    def new_treatment(cls, *, at: datetime, treatment: str, note: str = "") -> JournalEntry:
        """A new treatment event (id 0, a fresh uid), ready for the journal store."""
        return cls(
            id=0,
            kind="treatment",
            at=at,
            area="",
            side="",
            severity=None,
            duration_s=None,
            triggers=(),
            symptoms=(),
            treatment=treatment,
            note=note,
            uid=str(uuid.uuid4()),
        )


@dataclass(frozen=True)
class Injection:
    """A botulinum toxin injection: a first-class record (schema 5), not a dated note.

    The person types the date, and optionally the product, dose and sites; later they
    mark, with one tap each, the day it started working, the best day and the day it
    began wearing off. A cycle's weeks of benefit are derived (app.core.cycles), never
    typed.
    """

    id: int
    day: date
    product: str = ""
    """Free text; app.core.cycle_vocabulary.COMMON_PRODUCTS are offered."""
    dose: str = ""
    """Free text as the clinic said it ("25 units each side")."""
    sites: str = ""
    started_working: date | None = None
    best: date | None = None
    wearing_off: date | None = None
    side_effects: tuple[str, ...] = ()
    """SideEffect values, or short texts of the person's own."""
    note: str = ""
    uid: str = ""

    @classmethod
    def new(cls, day: date, **fields: object) -> Injection:
        """A new injection (id 0, a fresh uid), ready for the injection store's ``add``."""
        return cls(id=0, day=day, uid=str(uuid.uuid4()), **fields)  # type: ignore[arg-type]


@dataclass(frozen=True)
class DailyRating:
    """How the day was, in one gesture: one rating a day (a later one replaces it).

    Exposures are recorded on good days as well as bad ones, so that associations can be
    shown honestly (app.core.daily).
    """

    day: date
    rating: int
    """0-10, the one scale of vocabulary.SEVERITY_LOWEST..SEVERITY_HIGHEST."""
    exposures: tuple[str, ...] = ()
    """Exposure values, or short texts of the person's own (custom triggers)."""
    tricks: tuple[tuple[str, bool | None], ...] = ()
    """Sensory tricks tried that day and whether they helped (None: not said)."""
    note: str = ""
    uid: str = ""

    @classmethod
    def new(cls, day: date, rating: int, **fields: object) -> DailyRating:
        return cls(day=day, rating=rating, uid=str(uuid.uuid4()), **fields)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Stats:
    """Summary numbers for the history page and ``facewell history --stats``.

    A "day" is the calendar date on the user's clock when a session started. A day
    counts for a streak when it has at least one completed, stopped or interrupted
    session of at least STREAK_MIN_SECONDS. ``current_streak`` ends today, or yesterday
    while today has no qualifying session yet (the day is not over).
    """

    sessions: int
    total_minutes: float
    minutes_this_week: float
    """Monday to today."""
    sessions_this_month: int
    """From the 1st of today's month to today."""
    current_streak: int
    longest_streak: int

    def as_dict(self) -> dict[str, int | float]:
        return {
            "sessions": self.sessions,
            "total_minutes": self.total_minutes,
            "minutes_this_week": self.minutes_this_week,
            "sessions_this_month": self.sessions_this_month,
            "current_streak": self.current_streak,
            "longest_streak": self.longest_streak,
        }


STREAK_MIN_SECONDS = 60.0
"""A day counts for a streak with one completed, stopped or interrupted session this long."""
