"""Writing sessions: start, checkpoints, finish, feedback, notes, delete with undo."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from storage_helpers import CEST, FakeNow, at

from app.storage.history import History, SessionRecord, open_history


def _start(
    history: History,
    when: datetime,
    routine: str = "Morning calm",
    severity_before: int | None = None,
) -> int:
    slug = routine.lower().replace(" ", "-")
    return history.sessions.start(
        routine, slug, "breathing", 600, started_at=when, severity_before=severity_before
    )


def test_a_session_from_start_to_feedback(history: History) -> None:
    started = at("2026-05-01", "08:00")
    session_id = history.sessions.start(
        "Gentle face", "gentle-face", "facial", 900.0, started_at=started, severity_before=6
    )
    record = history.sessions.get(session_id)
    assert record.status == "running"
    assert (record.elapsed_s, record.step_index, record.ended_at) == (0.0, 0, None)
    assert record.severity_before == 6
    assert len(record.uid) == 36

    history.sessions.checkpoint(session_id, 5.0, 1, at=started + timedelta(seconds=5))
    assert history.sessions.get(session_id).elapsed_s == 5.0
    ended = started + timedelta(minutes=15)
    history.sessions.finish(session_id, "completed", 900.0, ended_at=ended)
    history.sessions.set_feedback(session_id, severity_after=3, feeling="better", note="calmer")
    record = history.sessions.get(session_id)
    assert record == SessionRecord(
        id=session_id,
        routine="Gentle face",
        slug="gentle-face",
        category="facial",
        started_at=started,
        ended_at=ended,
        planned_s=900.0,
        elapsed_s=900.0,
        status="completed",
        step_index=1,
        severity_before=6,
        severity_after=3,
        feeling="better",
        note="calmer",
        uid=record.uid,
    )
    assert record.started_at.utcoffset() == timedelta(hours=2)
    history.sessions.update_note(session_id, "edited")
    assert history.sessions.get(session_id).note == "edited"
    assert history.sessions.get(session_id).severity_before == 6


def test_a_late_checkpoint_does_not_reopen_a_finished_session(history: History) -> None:
    started = at("2026-05-01")
    session_id = _start(history, started)
    history.sessions.finish(session_id, "stopped", 42.0, ended_at=started + timedelta(seconds=42))
    history.sessions.checkpoint(session_id, 45.0, 3, at=started + timedelta(seconds=45))
    record = history.sessions.get(session_id)
    assert (record.status, record.elapsed_s) == ("stopped", 42.0)


def test_a_checkpoint_revives_a_session_another_window_marked_interrupted(
    history: History, data_dir: Path, now: FakeNow
) -> None:

    started = at("2026-05-01")
    session_id = _start(history, started)
    other = open_history(data_dir, now=now)  # a second Facewell starts
    assert other.history is not None
    assert other.history.sessions.get(session_id).status == "interrupted"
    history.sessions.checkpoint(session_id, 10.0, 1, at=started + timedelta(seconds=10))
    record = other.history.sessions.get(session_id)
    assert (record.status, record.elapsed_s, record.ended_at) == ("running", 10.0, None)
    other.history.close()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"started_at": datetime(2026, 5, 1, 8, 0)}, "time zone"),
        ({"category": "yoga"}, "category must be one of"),
        ({"planned_s": -1.0}, "from 0 to"),
        ({"planned_s": float("nan")}, "from 0 to"),
        ({"severity_before": 11}, "0 to 10"),
        ({"severity_before": True}, "0 to 10"),
    ],
)
def test_start_session_checks_its_arguments(
    history: History, kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {
        "routine": "Morning calm",
        "slug": "morning-calm",
        "category": "breathing",
        "planned_s": 60.0,
        "started_at": at("2026-05-01"),
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        history.sessions.start(**args)  # type: ignore[arg-type]
    assert history.sessions.count() == 0


def test_finish_and_feedback_check_their_arguments(history: History) -> None:
    session_id = _start(history, at("2026-05-01"))
    with pytest.raises(ValueError, match="'completed' or 'stopped'"):
        history.sessions.finish(session_id, "interrupted", 1.0, ended_at=at("2026-05-01"))
    with pytest.raises(ValueError, match="time zone"):
        history.sessions.finish(session_id, "completed", 1.0, ended_at=datetime(2026, 5, 1))
    with pytest.raises(KeyError):
        history.sessions.finish(999, "completed", 1.0, ended_at=at("2026-05-01"))
    with pytest.raises(ValueError, match="0 to 10"):
        history.sessions.set_feedback(session_id, severity_after=-1, feeling="", note="")
    with pytest.raises(KeyError):
        history.sessions.set_feedback(999, severity_after=1, feeling="", note="")
    with pytest.raises(KeyError):
        history.sessions.update_note(999, "x")
    with pytest.raises(KeyError):
        history.sessions.get(999)


def test_delete_and_undo_brings_back_the_same_id_and_uid(history: History) -> None:
    first = _start(history, at("2026-04-30"))
    newest = _start(history, at("2026-05-01"))
    history.sessions.finish(newest, "completed", 600.0, ended_at=at("2026-05-01", "09:10"))
    history.sessions.set_feedback(newest, severity_after=2, feeling="same", note="a note")
    record = history.sessions.delete(newest)
    assert [s.id for s in history.sessions.page()] == [first]
    # Ids are never reused, so the undo can put the row back where it was.
    later = _start(history, at("2026-05-01", "10:00"))
    assert later not in (first, newest)
    history.sessions.restore(record)
    assert history.sessions.get(newest) == record
    history.sessions.restore(record)  # a second undo does nothing
    assert history.sessions.count() == 3
    with pytest.raises(KeyError):
        history.sessions.delete(12345)


def test_sessions_newest_first_with_filters_and_pages(history: History) -> None:
    morning = [_start(history, at(f"2026-04-{day:02d}"), "Morning calm") for day in (1, 3, 5)]
    gentle = history.sessions.start(
        "Gentle face", "gentle-face", "facial", 60, started_at=at("2026-04-04")
    )
    # Newest first by the actual instant, whatever the offsets.
    late_in_utc = history.sessions.start(
        "Gentle face",
        "gentle-face",
        "facial",
        60,
        started_at=datetime.fromisoformat("2026-04-05T08:00:00-05:00"),
    )
    assert [s.id for s in history.sessions.page()] == [
        late_in_utc,
        morning[2],
        gentle,
        morning[1],
        morning[0],
    ]
    assert [s.id for s in history.sessions.page(routine="Morning calm")] == morning[::-1]
    assert [s.id for s in history.sessions.page(category="facial")] == [late_in_utc, gentle]
    assert [s.id for s in history.sessions.page(slug="gentle-face", limit=1)] == [late_in_utc]
    assert [s.id for s in history.sessions.page(limit=2, offset=1)] == [morning[2], gentle]
    assert history.sessions.count() == 5
    assert history.sessions.count(category="breathing") == 3
    assert history.sessions.routines() == [
        ("Gentle face", "gentle-face"),
        ("Morning calm", "morning-calm"),
    ]


def test_writes_are_committed_before_returning(history: History, data_dir: Path) -> None:
    session_id = _start(history, at("2026-05-01"))
    history.sessions.checkpoint(session_id, 12.5, 2, at=at("2026-05-01", "09:00:12"))
    other = sqlite3.connect(data_dir / "history.sqlite3")
    row = other.execute("SELECT elapsed_s, step_index FROM sessions").fetchone()
    other.close()
    assert row == (12.5, 2)


def test_severity_series(history: History) -> None:
    a = _start(history, at("2026-04-01"), severity_before=7)
    history.sessions.set_feedback(a, severity_after=4, feeling="", note="")
    _start(history, at("2026-04-02"))  # no severities: left out
    c = _start(history, at("2026-04-03"))
    history.sessions.set_feedback(c, severity_after=0, feeling="", note="")
    assert history.stats.severity_series() == [
        (at("2026-04-01"), 7, 4),
        (at("2026-04-03"), None, 0),
    ]
    assert history.stats.severity_series()[0][0].utcoffset() == CEST.utcoffset(None)
