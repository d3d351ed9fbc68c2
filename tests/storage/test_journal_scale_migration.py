"""Schema 4: the journal's severity moves to the one 0-10 scale, and no row is lost.

SQLite can't alter a CHECK constraint, so migration 4 rebuilds the journal table. These
tests start from a database file made at schema 3, as Facewell wrote it before, and check
that every row (id, uid and every field), the AUTOINCREMENT counter, the prompts already
shown and a backup all survive, and that a failure halfway changes nothing.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from storage_helpers import FakeNow, at, said

from app.storage import database
from app.storage.history import History, JournalEntry, open_history

V3_SEVERITY_CHECK = "severity INTEGER CHECK (severity IS NULL OR severity BETWEEN 1 AND 10)"
ROWS = [
    # id, uid, kind, at, at_us, day, area, side, severity, duration_s, triggers,
    # symptoms, treatment, note
    (1, "a1b2c3d4-0000-4000-8000-000000000001", "episode", "2026-04-28T08:00:00+02:00",
     1777356000000000, "2026-04-28", "eyelid", "left", 1, 30.0, '["stress"]',
     '["numbness"]', "", "first"),
    (2, "a1b2c3d4-0000-4000-8000-000000000002", "episode", "2026-04-29T21:30:00-04:00",
     1777512600000000, "2026-04-29", "cheek", "", None, None, "[]",
     '["vision changes", "balance problems"]', "", ""),
    (3, "a1b2c3d4-0000-4000-8000-000000000003", "treatment", "2026-04-20T12:00:00+02:00",
     1776679200000000, "2026-04-20", "", "", None, None, "[]", "[]",
     "botulinum toxin injection", "Dr. K"),
    (4, "a1b2c3d4-0000-4000-8000-000000000004", "episode", "2026-04-30T07:15:00+02:00",
     1777526100000000, "2026-04-30", "whole side", "right", 10, 600.0,
     '["poor sleep", "caffeine"]', "[]", "", 'a "quoted" note'),
]  # fmt: skip
COLUMNS = (
    "id, uid, kind, at, at_us, day, area, side, severity, duration_s, triggers, symptoms,"
    " treatment, note"
)


def _make_v3(path: Path) -> None:
    """A schema-3 history with four journal entries; a fifth was deleted (its id freed)."""
    conn = database.connect(path)
    database.migrate(conn, target=3)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'journal'").fetchone()[0]
    assert V3_SEVERITY_CHECK in " ".join(sql.split())  # really the old constraint
    placeholders = ", ".join("?" * len(ROWS[0]))
    conn.executemany(f"INSERT INTO journal ({COLUMNS}) VALUES ({placeholders})", ROWS)
    conn.execute(
        f"INSERT INTO journal ({COLUMNS}) VALUES (5, 'gone', 'episode',"
        " '2026-04-30T09:00:00+02:00', 1, '2026-04-30', 'jaw', '', 3, NULL, '[]', '[]', '', '')"
    )
    conn.execute("DELETE FROM journal WHERE id = 5")
    conn.execute(
        "INSERT INTO prompts_shown (key, shown_at) VALUES (?, '2026-04-28T08:01:00+02:00')",
        (f"symptom:{ROWS[0][1]}",),
    )
    with pytest.raises(sqlite3.IntegrityError):  # schema 3 refuses a 0
        conn.execute(
            f"INSERT INTO journal ({COLUMNS}) VALUES (6, 'zero', 'episode', 'x', 1, 'd',"
            " 'jaw', '', 0, NULL, '[]', '[]', '', '')"
        )
    conn.close()


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT {COLUMNS} FROM journal ORDER BY id").fetchall()
    finally:
        conn.close()


def _opened(data_dir: Path, now: FakeNow) -> History:
    result = open_history(data_dir, now=now)
    assert result.history is not None, said(result)
    assert said(result) == []
    return result.history


def test_v3_journal_keeps_every_row_and_takes_0_to_10(data_dir: Path, now: FakeNow) -> None:
    path = data_dir / "history.sqlite3"
    _make_v3(path)
    history = _opened(data_dir, now)

    assert database.user_version(history.connection) == database.CURRENT_VERSION
    # Every field of every row, ids and uids included; the injection note moved to the
    # injections table in schema 5 (tests/storage/test_cycles_migration.py).
    assert _rows(path) == [row for row in ROWS if row[0] != 3]
    (moved,) = history.injections.all()
    assert (moved.uid, moved.day.isoformat(), moved.note) == (ROWS[2][1], "2026-04-20", "Dr. K")
    sql = history.connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'journal'"
    ).fetchone()[0]
    assert "BETWEEN 0 AND 10" in sql
    indexes = history.connection.execute("PRAGMA index_list(journal)").fetchall()
    assert {row[1] for row in indexes} >= {"journal_at"}
    # The records read as before.
    first = history.journal.get(1)
    assert (first.severity, first.symptoms, first.side) == (1, ("numbness",), "left")
    assert history.journal.get(2).severity is None
    # A freed id is still never reused (undo depends on it), and 0 is now a rating.
    new_id = history.journal.add(
        JournalEntry.new_episode(at=at("2026-05-01"), area="eyelid", severity=0)
    )
    assert new_id == 6
    assert history.journal.get(new_id).severity == 0
    # The prompt already shown for the old entry stays shown; the other old entry's
    # signs still count (calm tier: they never said whether they came on suddenly).
    prompts = history.help_prompts(now().date())
    assert [(p.key, p.tier) for p in prompts] == [(f"symptom:{ROWS[1][1]}", "soon")]
    history.close()

    (backup,) = (data_dir / "backups").glob("history-before-v*-*.sqlite3")
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    assert database.user_version(conn) == 3
    assert conn.execute(f"SELECT {COLUMNS} FROM journal ORDER BY id").fetchall() == ROWS
    conn.close()


def test_a_failure_halfway_leaves_schema_3_intact(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_dir / "history.sqlite3"
    _make_v3(path)
    step = database.MIGRATIONS[3]
    assert step.python is not None
    rebuild = step.python

    def rebuild_then_fail(conn: sqlite3.Connection) -> None:
        rebuild(conn)  # the whole rebuild, then a crash before the version is written
        raise sqlite3.OperationalError("disk I/O error")

    broken = dataclasses.replace(step, python=rebuild_then_fail)
    monkeypatch.setattr(database, "MIGRATIONS", [*database.MIGRATIONS[:3], broken])
    conn = database.connect(path)
    with pytest.raises(sqlite3.OperationalError):
        database.migrate(conn, target=4)
    assert database.user_version(conn) == 3
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'journal'").fetchone()[0]
    assert V3_SEVERITY_CHECK in " ".join(sql.split())
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "journal_v4" not in tables
    conn.close()
    assert _rows(path) == ROWS
