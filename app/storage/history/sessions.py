"""The sessions table: start, checkpoint, finish, feedback, read, delete and restore.

Every write commits before it returns (WAL, synchronous=FULL) and raises StorageError
for the known problems, ValueError for a value out of range and KeyError for an
unknown id.

Threads: a store belongs to the thread that opened its connection (the GUI thread's
History, or the recorder's own on its writer thread).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from app.core import entries
from app.core.dates import epoch_us
from app.core.records import SessionRecord
from app.core.vocabulary import FINISHED_STATUSES
from app.storage import database
from app.storage.history.rows import SESSION_COLUMNS, Table, known_errors, session_from_row
from app.storage.pending import PendingSession

__all__ = ["SessionStore"]


def _filters(
    routine: str | None, category: str | None, slug: str | None
) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    for column, value in (("routine", routine), ("category", category), ("slug", slug)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class SessionStore(Table):
    # -- recording ---------------------------------------------------------------------

    def start(
        self,
        routine: str,
        slug: str,
        category: str,
        planned_s: float,
        *,
        started_at: datetime,
        severity_before: int | None = None,
    ) -> int:
        """Record a session as "running" and return its id."""
        return self.save_state(
            PendingSession(
                uid=str(uuid.uuid4()),
                routine=routine,
                slug=slug,
                category=category,
                planned_s=planned_s,
                started_at=started_at,
                severity_before=severity_before,
            )
        )

    def save_state(self, state: PendingSession) -> int:
        """Bring the session with ``state.uid`` to ``state``, inserting it if it is not
        there yet, in one transaction; return its id.

        What the recorder calls with the latest state it holds, as often as it likes:
        a retry after a failure, or a state kept on disk by an earlier process, lands
        the same way.
        """
        entries.aware(state.started_at, "started_at")
        entries.check_category(state.category)
        entries.text(state.routine, "routine", entries.MAX_NAME_CHARS)
        entries.text(state.slug, "slug", entries.MAX_NAME_CHARS)
        planned = entries.seconds(state.planned_s, "planned_s")
        elapsed = entries.seconds(state.elapsed_s, "elapsed_s")
        entries.severity(state.severity_before, 0, 10, "severity_before")
        entries.check_status(state.status)
        checkpoint = entries.aware(state.checkpoint_at or state.started_at, "checkpoint_at")
        ended = None if state.ended_at is None else entries.aware(state.ended_at, "ended_at")
        skipped = _skipped_json(state.skipped)
        if state.feedback is not None:
            entries.severity(state.feedback[0], 0, 10, "severity_after")
            entries.text(state.feedback[1], "feeling", entries.MAX_WORD_CHARS)
            entries.text(state.feedback[2], "note")
        with known_errors(), database.transaction(self._conn):
            execute = self._conn.execute
            row = execute("SELECT id FROM sessions WHERE uid = ?", (state.uid,)).fetchone()
            if row is None:
                cursor = execute(
                    "INSERT INTO sessions (routine, slug, category, started_at, started_us,"
                    " day, planned_s, status, severity_before, uid)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)",
                    (
                        state.routine,
                        state.slug,
                        state.category,
                        state.started_at.isoformat(),
                        epoch_us(state.started_at),
                        state.started_at.date().isoformat(),
                        planned,
                        state.severity_before,
                        state.uid,
                    ),
                )
                assert cursor.lastrowid is not None
                session_id = cursor.lastrowid
            else:
                session_id = int(row[0])
            execute(
                "UPDATE sessions SET elapsed_s = ?, step_index = ?, checkpoint_at = ?,"
                " status = ?, ended_at = ?, skipped = ? WHERE id = ?",
                (
                    elapsed,
                    state.step_index,
                    (ended or checkpoint).isoformat(),
                    state.status,
                    None if ended is None else ended.isoformat(),
                    skipped,
                    session_id,
                ),
            )
            if state.feedback is not None:
                execute(
                    "UPDATE sessions SET severity_after = ?, feeling = ?, note = ? WHERE id = ?",
                    (*state.feedback, session_id),
                )
        return session_id

    def checkpoint(
        self, session_id: int, elapsed_s: float, step_index: int, *, at: datetime
    ) -> None:
        """Save progress of a running session: one UPDATE, one commit.

        Ignored once the session has finished. A row marked "interrupted" meanwhile
        becomes "running" again.
        """
        entries.aware(at, "at")
        self._write(
            "UPDATE sessions SET elapsed_s = ?, step_index = ?, checkpoint_at = ?,"
            " status = 'running', ended_at = NULL"
            " WHERE id = ? AND status IN ('running', 'interrupted')",
            (entries.seconds(elapsed_s, "elapsed_s"), step_index, at.isoformat(), session_id),
        )

    def finish(self, session_id: int, status: str, elapsed_s: float, *, ended_at: datetime) -> None:
        """Close a session as "completed" or "stopped". KeyError if there is no such id."""
        if status not in FINISHED_STATUSES:
            raise ValueError(
                f"status must be 'completed' or 'stopped', not {entries.shown(status)}"
            )
        entries.aware(ended_at, "ended_at")
        stamp = ended_at.isoformat()
        cursor = self._write(
            "UPDATE sessions SET status = ?, elapsed_s = ?, ended_at = ?, checkpoint_at = ?"
            " WHERE id = ?",
            (status, entries.seconds(elapsed_s, "elapsed_s"), stamp, stamp, session_id),
        )
        if cursor.rowcount == 0:
            raise KeyError(session_id)

    def set_feedback(
        self, session_id: int, *, severity_after: int | None, feeling: str, note: str
    ) -> None:
        """Save the after-routine answers (severity 0-10 or None)."""
        entries.severity(severity_after, 0, 10, "severity_after")
        self._update(
            session_id,
            "severity_after = ?, feeling = ?, note = ?",
            (
                severity_after,
                entries.text(feeling, "feeling", entries.MAX_WORD_CHARS),
                entries.text(note, "note"),
            ),
        )

    def update_note(self, session_id: int, note: str) -> None:
        self._update(session_id, "note = ?", (entries.text(note, "note"),))

    def _update(self, session_id: int, assignments: str, params: Sequence[object]) -> None:
        cursor = self._write(
            f"UPDATE sessions SET {assignments} WHERE id = ?", (*params, session_id)
        )
        if cursor.rowcount == 0:
            raise KeyError(session_id)

    # -- reading -----------------------------------------------------------------------

    def get(self, session_id: int) -> SessionRecord:
        """One session; KeyError if there is none."""
        rows = self._read(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise KeyError(session_id)
        return session_from_row(rows[0])

    def page(
        self,
        *,
        routine: str | None = None,
        category: str | None = None,
        slug: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[SessionRecord]:
        """Sessions, newest first, optionally filtered by routine name, category or slug.

        For a long history ask for a page (``limit``/``offset``) and use :meth:`count`
        for the total.
        """
        where, params = _filters(routine, category, slug)
        rows = self._read(
            f"SELECT {SESSION_COLUMNS} FROM sessions{where}"
            " ORDER BY started_us DESC, id DESC LIMIT ? OFFSET ?",
            (*params, -1 if limit is None else limit, offset),
        )
        return [session_from_row(row) for row in rows]

    def between(self, first: date, last: date) -> list[SessionRecord]:
        """Sessions started on the days ``first`` to ``last`` (local days), oldest first."""
        rows = self._read(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE day BETWEEN ? AND ?"
            " ORDER BY started_us, id",
            (first.isoformat(), last.isoformat()),
        )
        return [session_from_row(row) for row in rows]

    def count(
        self, *, routine: str | None = None, category: str | None = None, slug: str | None = None
    ) -> int:
        where, params = _filters(routine, category, slug)
        return int(self._read(f"SELECT count(*) FROM sessions{where}", params)[0][0])

    def routines(self) -> list[tuple[str, str]]:
        """(routine, slug) pairs that appear in the history, for the filter menu."""
        return [
            (row[0], row[1])
            for row in self._read(
                "SELECT DISTINCT routine, slug FROM sessions ORDER BY routine, slug"
            )
        ]

    # -- deleting and restoring --------------------------------------------------------

    def delete(self, session_id: int) -> SessionRecord:
        """Delete and return the session, for undo with :meth:`restore`."""
        with known_errors(), database.transaction(self._conn):
            record = self.get(session_id)
            self._conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        return record

    def restore(self, record: SessionRecord) -> None:
        """Put a deleted session back with its id and uid (no-op if the uid is present)."""
        entries.aware(record.started_at, "started_at")
        entries.check_status(record.status)
        ended = None if record.ended_at is None else entries.aware(record.ended_at, "ended_at")
        with known_errors(), database.transaction(self._conn):
            if self._conn.execute("SELECT 1 FROM sessions WHERE uid = ?", (record.uid,)).fetchone():
                return
            taken = self._conn.execute(
                "SELECT 1 FROM sessions WHERE id = ?", (record.id,)
            ).fetchone()
            self.insert(record, None if taken else record.id, ended)

    def insert(self, record: SessionRecord, session_id: int | None, ended: datetime | None) -> None:
        """Insert ``record`` as it is, inside the caller's transaction (restore, import)."""
        started = record.started_at.isoformat()
        ended_text = None if ended is None else ended.isoformat()
        self._conn.execute(
            "INSERT INTO sessions (id, routine, slug, category, started_at, started_us, day,"
            " ended_at, checkpoint_at, planned_s, elapsed_s, status, step_index,"
            " severity_before, severity_after, feeling, note, uid, skipped)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                record.routine,
                record.slug,
                record.category,
                started,
                epoch_us(record.started_at),
                record.started_at.date().isoformat(),
                ended_text,
                ended_text or started,
                record.planned_s,
                record.elapsed_s,
                record.status,
                record.step_index,
                record.severity_before,
                record.severity_after,
                record.feeling,
                record.note,
                record.uid,
                _skipped_json(record.skipped),
            ),
        )

    def bulk_insert(self, rows: Iterable[Sequence[object]]) -> None:
        """Many sessions in one transaction with executemany (benchmarks, tests): rows of
        (routine, slug, category, started_at, started_us, day, ended_at, planned_s,
        elapsed_s, status, step_index, uid)."""
        with known_errors(), database.transaction(self._conn):
            self._conn.execute("PRAGMA cache_size = -65536")  # 64 MiB while filling
            self._conn.executemany(
                "INSERT INTO sessions (routine, slug, category, started_at, started_us, day,"
                " ended_at, checkpoint_at, planned_s, elapsed_s, status, step_index, uid)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                # checkpoint_at is ended_at. A numbered "?7" would be a named parameter,
                # which Python 3.12 deprecates with sequence parameters.
                ((*row[:7], row[6], *row[7:]) for row in rows),
            )
            self._conn.execute("PRAGMA cache_size = -2000")  # back to SQLite's default


def _skipped_json(titles: Sequence[str]) -> str:
    """The skipped steps' titles as stored: a JSON list of short texts."""
    return json.dumps([entries.text(t, "skipped step", entries.MAX_NAME_CHARS) for t in titles])
