"""Schema 6: the steps a session skipped with Next (app/core/completion.py) are stored,
read back, kept across a crash (pending files), exported and imported; an older
history gains the column with every session kept."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from storage_helpers import FakeNow, said

from app.storage import database
from app.storage.history import History, open_history
from app.storage.history import exchange as history_exchange
from app.storage.pending import PendingSession

STARTED = datetime(2026, 4, 30, 7, 0, tzinfo=UTC)


def _state(uid: str = "5e551011-0000-4000-8000-000000000001") -> PendingSession:
    return PendingSession(
        uid=uid,
        routine="Gentle face",
        slug="gentle-face",
        category="facial",
        planned_s=540.0,
        started_at=STARTED,
        elapsed_s=40.0,
        status="stopped",
        ended_at=STARTED.replace(minute=1),
        skipped=("Brow lift", "Soft smile"),
    )


def test_the_skipped_steps_are_stored_and_read_back(history: History) -> None:
    session_id = history.sessions.save_state(_state())
    assert history.sessions.get(session_id).skipped == ("Brow lift", "Soft smile")
    assert history.sessions.get(session_id).status == "stopped"


def test_a_pending_session_keeps_them_and_an_older_file_reads_without(tmp_path: Path) -> None:
    state = _state()
    assert PendingSession.from_json(state.as_json()) == state
    older = state.as_json()
    del older["skipped"]
    assert PendingSession.from_json(older).skipped == ()


def test_export_and_import_carry_them(history: History, tmp_path: Path, now: FakeNow) -> None:
    history.sessions.save_state(_state())
    data = history_exchange.export_json(history)
    assert data["sessions"][0]["skipped"] == ["Brow lift", "Soft smile"]
    other = open_history(tmp_path / "other", now=now)
    assert other.history is not None, said(other)
    history_exchange.import_data(other.history, data)
    (record,) = other.history.sessions.page()
    assert record.skipped == ("Brow lift", "Soft smile")
    without = {
        **data,
        "sessions": [{k: v for k, v in data["sessions"][0].items() if k != "skipped"}],
    }
    third = open_history(tmp_path / "third", now=now)
    assert third.history is not None
    history_exchange.import_data(third.history, without)  # a file from before: fine
    assert third.history.sessions.page()[0].skipped == ()
    other.history.close()
    third.history.close()


def test_an_older_schema_gains_the_column_and_keeps_every_session(
    data_dir: Path, now: FakeNow
) -> None:
    path = data_dir / "history.sqlite3"
    conn = database.connect(path)
    database.migrate(conn, target=4)
    conn.execute(
        "INSERT INTO sessions (routine, slug, category, started_at, started_us, day, ended_at,"
        " planned_s, elapsed_s, status, uid) VALUES ('Body scan', 'body-scan', 'meditation',"
        " '2026-04-30T07:00:00+00:00', 1777532400000000, '2026-04-30',"
        " '2026-04-30T07:10:00+00:00', 600, 600, 'completed', 'old-one')"
    )
    conn.commit()
    conn.close()
    opened = open_history(data_dir, now=now)
    assert opened.history is not None, said(opened)
    assert database.user_version(opened.history.connection) == database.CURRENT_VERSION == 6
    (record,) = opened.history.sessions.page()
    assert (record.routine, record.status, record.uid, record.skipped) == (
        "Body scan",
        "completed",
        "old-one",
        (),
    )
    opened.history.close()


def test_a_damaged_skipped_value_reads_as_none(history: History) -> None:
    session_id = history.sessions.save_state(replace(_state(), skipped=()))
    history.connection.execute(
        "UPDATE sessions SET skipped = 'not json' WHERE id = ?", (session_id,)
    )
    assert history.sessions.get(session_id).skipped == ()
    assert isinstance(history.connection, sqlite3.Connection)
