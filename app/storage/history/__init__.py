"""The history of routine sessions and the symptom journal, kept in SQLite. No Qt here.

Open it with :func:`open_history` (or :func:`open_read_only` to read), which never
raises for the known problems (damaged, newer, read-only, full): it returns an
:class:`OpenResult` whose ``notices`` say what happened and whose ``history`` is None
when nothing can be used (the routines still run). A :class:`History` is one
connection with a store per table, like Anki's collection:

- ``history.sessions``: start, checkpoint, finish, feedback, read, delete, restore
- ``history.journal``: episodes and treatments
- ``history.stats``: totals, streaks, per-day and per-week numbers, top triggers
- ``history.prompts``: the seek-help prompts already shown
- ``history.injections``: botulinum toxin injections and their marks (schema 5)
- ``history.daily``: one rating a day with its exposures and sensory tricks

and :mod:`app.storage.history.exchange` exports and imports. Every write commits before
it returns and raises :class:`~app.storage.errors.StorageError` (never a raw sqlite3
error) for the known problems. Decisions are written down in docs/history.md.

Threads: a History and its stores belong to the thread that opened the connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from app.core import seek_help
from app.core.cycles import BASELINE_DAYS, RECENT_CYCLES, CycleView, cycle_view
from app.core.records import JournalEntry, SessionRecord, Stats
from app.core.seek_help import HelpPrompt
from app.storage import database
from app.storage.errors import classify
from app.storage.history.cycles import DailyStore, InjectionStore
from app.storage.history.files import HISTORY_FILE, list_backups
from app.storage.history.journal import JournalStore
from app.storage.history.opening import (
    Notice,
    NoticeKind,
    OpenResult,
    open_history,
    open_read_only,
    restore_backup,
)
from app.storage.history.prompts import PromptStore
from app.storage.history.sessions import SessionStore
from app.storage.history.stats import StatsStore

__all__ = [
    "HISTORY_FILE",
    "HelpPrompt",
    "History",
    "JournalEntry",
    "Notice",
    "NoticeKind",
    "OpenResult",
    "SessionRecord",
    "Stats",
    "list_backups",
    "open_history",
    "open_read_only",
    "restore_backup",
]


def _aware_now() -> datetime:
    return datetime.now().astimezone()


class History:
    """An open history: one connection and a store per table. Open it with
    :func:`open_history`, :func:`open_read_only` or :meth:`attach`."""

    def __init__(
        self, conn: sqlite3.Connection, data_dir: Path, now: Callable[[], datetime]
    ) -> None:
        self.connection = conn
        """For this package's modules (exchange); the stores are the way in."""
        self.data_dir = data_dir
        self.path = data_dir / HISTORY_FILE
        self.sessions = SessionStore(conn)
        self.journal = JournalStore(conn)
        self.stats = StatsStore(conn)
        self.prompts = PromptStore(conn, now)
        self.injections = InjectionStore(conn)
        self.daily = DailyStore(conn)

    @classmethod
    def empty(cls, data_dir: Path, now: Callable[[], datetime] = _aware_now) -> History:
        """An empty history in memory: what a reader sees before anything was saved."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        database.migrate(conn)
        return cls(conn, data_dir, now)

    @classmethod
    def attach(
        cls,
        data_dir: Path,
        *,
        now: Callable[[], datetime] = _aware_now,
        read_only: bool = False,
    ) -> History:
        """A connection to a history that :func:`open_history` has already prepared:
        cheap (no check, recovery or backup), for another thread or the GUI thread;
        ``read_only`` where it could only be opened so. Raises StorageError for known
        problems."""
        path = data_dir / HISTORY_FILE
        try:
            conn = database.connect_read_only(path) if read_only else database.connect(path)
        except (sqlite3.Error, OSError) as exc:
            raise classify(exc) from exc
        return cls(conn, data_dir, now)

    def help_prompts(self, today: date) -> list[HelpPrompt]:
        """The seek-help prompts due and not yet shown (app.core.seek_help has the
        rules and their words); mark each shown with ``prompts.mark_shown(key)``."""
        first, last = seek_help.symptom_window(today)
        since, until = seek_help.treatment_window(today)
        view = self.cycle_view(today)
        injections = [cycle.injection for cycle in view.cycles]
        return seek_help.help_prompts(
            today,
            self.journal.between(first, last, "episode"),
            self.stats.episodes_per_week(today, seek_help.RISING_LOOKBACK_WEEKS),
            self.prompts.shown(),
            self.journal.between(since, until, "treatment"),
            injections=injections,
            cycle=seek_help.cycle_context(view),
        )

    def cycle_view(self, today: date, recent: int = RECENT_CYCLES) -> CycleView:
        """The last ``recent`` injection cycles up to ``today`` with their curves
        (app.core.cycles). Only their ratings are read, so 100,000 daily ratings cost
        what a year does; ``earlier`` says how many cycles are left out."""
        injections = self.injections.recent(recent)
        if not injections:
            return cycle_view([], [], today)
        since = injections[0].day - timedelta(days=BASELINE_DAYS)
        view = cycle_view(injections, self.daily.series(since), today)
        return replace(view, earlier=max(0, self.injections.count() - len(injections)))

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (a clean close folds the WAL back into the file)."""
        self.connection.close()
