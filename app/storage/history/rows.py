"""Rows of the history's tables as records, and back. No Qt.

Threads: pure functions; any thread.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from app.core.records import JournalEntry, SessionRecord
from app.storage import database
from app.storage.errors import classify

__all__ = [
    "JOURNAL_COLUMNS",
    "SESSION_COLUMNS",
    "JournalRow",
    "SessionRow",
    "Table",
    "journal_from_row",
    "known_errors",
    "session_from_row",
]

SESSION_COLUMNS = (
    "id, routine, slug, category, started_at, ended_at, planned_s, elapsed_s, status,"
    " step_index, severity_before, severity_after, feeling, note, uid, skipped"
)
JOURNAL_COLUMNS = (
    "id, kind, at, area, side, severity, duration_s, triggers, symptoms, treatment, note, uid"
)

SessionRow = tuple[
    int,
    str,
    str,
    str,
    str,
    str | None,
    float,
    float,
    str,
    int,
    int | None,
    int | None,
    str,
    str,
    str,
    str,
]
JournalRow = tuple[int, str, str, str, str, int | None, float | None, str, str, str, str, str]


def session_from_row(row: SessionRow) -> SessionRecord:
    ended = row[5]
    return SessionRecord(
        id=row[0],
        routine=row[1],
        slug=row[2],
        category=row[3],
        started_at=database.parse_stored_time(row[4]),
        ended_at=None if ended is None else database.parse_stored_time(ended),
        planned_s=row[6],
        elapsed_s=row[7],
        status=row[8],
        step_index=row[9],
        severity_before=row[10],
        severity_after=row[11],
        feeling=row[12],
        note=row[13],
        uid=row[14],
        skipped=_titles(row[15]),
    )


def _titles(text: str) -> tuple[str, ...]:
    """A stored JSON list of step titles; anything else reads as none."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return ()
    return tuple(str(t) for t in value) if isinstance(value, list) else ()


def journal_from_row(row: JournalRow) -> JournalEntry:
    return JournalEntry(
        id=row[0],
        kind=row[1],
        at=database.parse_stored_time(row[2]),
        area=row[3],
        side=row[4],
        severity=row[5],
        duration_s=row[6],
        triggers=tuple(json.loads(row[7])),
        symptoms=tuple(json.loads(row[8])),
        treatment=row[9],
        note=row[10],
        uid=row[11],
    )


@contextmanager
def known_errors() -> Iterator[None]:
    """Raise the known sqlite3/OS errors as StorageError; let bugs through."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        raise classify(exc) from exc


class Table:
    """What every store shares: its connection, and reads and writes that raise
    StorageError for the known problems."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _write(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        with known_errors():
            return self._conn.execute(sql, params)

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        with known_errors():
            return self._conn.execute(sql, params).fetchall()
