"""Injections and daily ratings in the history: schema 5 from a schema-4 file that
loses nothing, the stores, and a year imported and exported."""

from __future__ import annotations

import copy
import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from storage_helpers import FakeNow, at

from app.core.cycle_vocabulary import InjectionMark
from app.core.cycles import cycle_view
from app.core.records import DailyRating, Injection, JournalEntry
from app.core.sample_cycles import cycle_year
from app.storage import database
from app.storage.history import History, open_history
from app.storage.history import exchange as history_exchange
from app.storage.history.exchange import ImportResult

JOURNAL = (
    "id, uid, kind, at, at_us, day, area, side, severity, duration_s, triggers, symptoms,"
    " treatment, note"
)
V4_ROWS = [
    (1, "e-1", "episode", "2026-03-01T08:00:00+01:00", 1772348400000000, "2026-03-01",
     "eyelid", "left", 0, 30.0, '["stress"]', "[]", "", "zero is a rating"),
    (2, "t-botox", "treatment", "2026-03-02T10:00:00+01:00", 1772442000000000, "2026-03-02",
     "", "right", None, None, "[]", "[]", "botulinum toxin injection", "Dr. K, 2.5 units"),
    (3, "t-visit", "treatment", "2026-03-03T10:00:00+01:00", 1772528400000000, "2026-03-03",
     "", "", None, None, "[]", "[]", "doctor visit", "check-up"),
    (5, "t-odd", "treatment", "2026-03-04T10:00:00+01:00", 1772614800000000, "2026-03-04",
     "", "", None, 60.0, "[]", "[]", "botulinum toxin injection", "with a duration"),
]  # fmt: skip


def _make_v4(path: Path) -> None:
    conn = database.connect(path)
    database.migrate(conn, target=4)
    marks = ", ".join("?" * len(V4_ROWS[0]))
    conn.executemany(f"INSERT INTO journal ({JOURNAL}) VALUES ({marks})", V4_ROWS)
    conn.execute(
        "INSERT INTO sessions (routine, slug, category, started_at, planned_s, elapsed_s,"
        " status, started_us, day, uid) VALUES ('Morning calm', 'morning-calm', 'breathing',"
        " '2026-03-01T07:00:00+01:00', 600, 600, 'completed', 1, '2026-03-01', 's-1')"
    )
    conn.close()


def test_schema_4_to_5_moves_injection_notes_and_loses_nothing(
    data_dir: Path, now: FakeNow
) -> None:
    path = data_dir / "history.sqlite3"
    _make_v4(path)
    result = open_history(data_dir, now=now)
    assert result.history is not None and result.notices == []
    history = result.history
    assert database.user_version(history.connection) == database.CURRENT_VERSION
    kept = history.connection.execute(f"SELECT {JOURNAL} FROM journal ORDER BY id").fetchall()
    assert kept == [V4_ROWS[0], V4_ROWS[2], V4_ROWS[3]]  # the odd one (a duration) stays
    (moved,) = history.injections.all()
    assert (moved.uid, moved.day, moved.sites, moved.note) == (
        "t-botox",
        date(2026, 3, 2),
        "right",
        "Dr. K, 2.5 units",
    )
    stored_at = history.connection.execute("SELECT at FROM injections").fetchone()[0]
    assert stored_at == "2026-03-02T10:00:00+01:00"  # the time of day is kept too
    assert history.sessions.count() == 1
    # The journal keeps its counter: a new entry never reuses a freed id.
    assert history.journal.add(JournalEntry.new_episode(at=at("2026-05-01"), area="cheek")) == 6
    history.close()
    (backup,) = (data_dir / "backups").glob("history-before-v*-*.sqlite3")
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    assert database.user_version(conn) == 4
    assert conn.execute(f"SELECT {JOURNAL} FROM journal ORDER BY id").fetchall() == V4_ROWS
    conn.close()


def test_a_failed_move_leaves_schema_4_whole(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_dir / "history.sqlite3"
    _make_v4(path)
    step = database.MIGRATIONS[4]
    assert step.python is not None
    move = step.python

    def move_then_fail(conn: sqlite3.Connection) -> None:
        move(conn)
        raise sqlite3.OperationalError("disk I/O error")

    import dataclasses

    monkeypatch.setattr(
        database,
        "MIGRATIONS",
        [*database.MIGRATIONS[:4], dataclasses.replace(step, python=move_then_fail)],
    )
    conn = database.connect(path)
    with pytest.raises(sqlite3.OperationalError):
        database.migrate(conn, target=5)
    assert database.user_version(conn) == 4
    assert conn.execute(f"SELECT {JOURNAL} FROM journal ORDER BY id").fetchall() == V4_ROWS
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "injections" not in tables and "daily_ratings" not in tables
    conn.close()


def test_injection_marks_and_side_effects(history: History) -> None:
    injection_id = history.injections.add(
        Injection.new(date(2026, 2, 1), product="Xeomin (incobotulinumtoxinA)", dose="20 units")
    )
    history.injections.mark(injection_id, InjectionMark.STARTED_WORKING, date(2026, 2, 4))
    history.injections.mark(injection_id, InjectionMark.BEST, date(2026, 2, 15))
    marked = history.injections.mark(injection_id, InjectionMark.WEARING_OFF, date(2026, 4, 20))
    assert history.injections.get(injection_id) == marked
    assert (marked.started_working, marked.best) == (date(2026, 2, 4), date(2026, 2, 15))
    with pytest.raises(ValueError, match="before the injection"):
        history.injections.mark(injection_id, InjectionMark.BEST, date(2026, 1, 1))
    gone = history.injections.delete(injection_id)
    assert history.injections.all() == []
    history.injections.add(gone)  # undo: back by its uid
    assert [i.uid for i in history.injections.all()] == [gone.uid]


def test_one_rating_a_day_a_later_one_replaces_it(history: History) -> None:
    day = date(2026, 4, 30)
    first = history.daily.log(DailyRating.new(day, 6, exposures=("bright light",)))
    second = history.daily.log(DailyRating.new(day, 4, tricks=(("humming", True),)))
    assert second.uid == first.uid
    assert history.daily.get(day) == second
    assert history.daily.count() == 1
    with pytest.raises(ValueError, match="from 0 to 10"):
        history.daily.log(DailyRating.new(day, 11))
    assert history.daily.series() == [(day, 4)]


def test_a_year_imports_exports_and_imports_again_unchanged(
    history: History, tmp_path: Path, now: FakeNow
) -> None:
    document = cycle_year(date(2025, 5, 1))
    result = history_exchange.import_data(history, copy.deepcopy(document))
    assert result == ImportResult(0, 0, 0, 4, 365)
    assert history_exchange.import_data(history, copy.deepcopy(document)) == ImportResult(
        0, 0, 369, 0, 0
    )
    exported = json.loads(json.dumps(history_exchange.export_json(history)))
    assert exported["version"] == 3
    assert len(exported["injections"]) == 4 and len(exported["daily"]) == 365
    other = open_history(tmp_path / "other", now=now).history
    assert other is not None
    assert history_exchange.import_data(other, exported) == ImportResult(0, 0, 0, 4, 365)
    assert history_exchange.export_json(other) == exported
    view = cycle_view(other.injections.all(), other.daily.series(), date(2026, 4, 30))
    assert len(view.cycles) == 4
    assert all(c.weeks_of_benefit for c in view.cycles[:3])
    other.close()


@pytest.mark.parametrize(
    ("item", "says"),
    [
        ({"injections": [{"day": "yesterday"}]}, "injections[0]: 'day' is not a date"),
        (
            {"daily": [{"day": "2026-01-01", "rating": 12}]},
            "daily[0]: 'rating' must be a whole number",
        ),
        (
            {"daily": [{"day": "2026-01-01", "rating": 3, "exposures": "wind"}]},
            "'exposures' must be a list",
        ),
    ],
)
def test_a_bad_item_refuses_the_whole_file(
    history: History, item: dict[str, object], says: str
) -> None:
    document = {"format": "facewell-history", "version": 3, **item}
    with pytest.raises(ValueError, match=re.escape(says)):
        history_exchange.import_data(history, document)
    assert history.injections.all() == [] and history.daily.count() == 0


def test_a_version_2_file_with_an_injection_note_arrives_as_an_injection(history: History) -> None:
    old = {
        "format": "facewell-history",
        "version": 2,
        "journal": [
            {
                "kind": "treatment",
                "at": "2026-01-10T09:00:00+01:00",
                "treatment": "botulinum toxin injection",
                "note": "left",
                "uid": "old-1",
            },
        ],
    }
    assert history_exchange.import_data(history, old) == ImportResult(0, 0, 0, 1, 0)
    (injection,) = history.injections.all()
    assert (injection.uid, injection.day, injection.note) == ("old-1", date(2026, 1, 10), "left")
    assert history.journal.entries() == []
    assert history_exchange.import_data(history, old).skipped == 1


def test_the_view_reads_only_the_recent_cycles_and_counts_the_rest(history: History) -> None:
    from app.core.cycles import RECENT_CYCLES
    from app.storage.bulk import make_daily_ratings

    start = date(2010, 1, 1)
    make_daily_ratings(history, 3000, start=start)
    total = history.injections.count()
    assert total == len(range(0, 3000 - 14, 91))
    today = date.fromordinal(start.toordinal() + 2999)
    view = history.cycle_view(today)
    assert len(view.cycles) == RECENT_CYCLES and view.earlier == total - RECENT_CYCLES
    assert [c.injection.uid for c in view.cycles] == [
        i.uid for i in history.injections.all()[-RECENT_CYCLES:]
    ]
    assert all(c.weeks_of_benefit for c in view.cycles[:-1])
    # The full list (facewell injection list) derives the same weeks for the same cycles.
    full = history.cycle_view(today, recent=total)
    assert full.cycles[-RECENT_CYCLES + 1 :] == view.cycles[1:]
