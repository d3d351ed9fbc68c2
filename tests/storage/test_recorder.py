"""The writer thread: writes land in order, problems are told once, close is bounded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.storage.history import open_history
from app.storage.recorder import SessionRecorder

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def test_a_session_is_started_checkpointed_and_finished(tmp_path: Path) -> None:
    opened = open_history(tmp_path)
    assert opened.history is not None
    problems: list[str] = []
    recorder = SessionRecorder(tmp_path, problems.append)
    token = recorder.begin("Gentle face", "gentle-face", "facial", 530.0, START)
    recorder.checkpoint(token, 12.0, 1, START + timedelta(seconds=12))
    recorder.finish(token, "completed", 530.0, START + timedelta(seconds=530))
    recorder.feedback(token, 2, "calmer", "felt easier")
    assert recorder.close()
    (session,) = opened.history.sessions()
    opened.history.close()
    assert (session.routine, session.status, session.elapsed_s) == (
        "Gentle face",
        "completed",
        530.0,
    )
    assert (session.severity_after, session.feeling, session.note) == (2, "calmer", "felt easier")
    assert problems == []


def test_unavailable_history_is_told_once(tmp_path: Path) -> None:
    problems: list[str] = []
    recorder = SessionRecorder(None, problems.append)
    for _ in range(3):
        token = recorder.begin("Box breathing", "box-breathing", "breathing", 60.0, START)
        recorder.finish(token, "stopped", 5.0, START)
    assert recorder.close()
    assert len(problems) == 1
    assert "can't be saved" in problems[0]
    assert "still works" in problems[0]


def test_refused_values_are_told_once_and_later_writes_go_on(tmp_path: Path) -> None:
    opened = open_history(tmp_path)
    assert opened.history is not None
    problems: list[str] = []
    recorder = SessionRecorder(tmp_path, problems.append)
    bad = recorder.begin("Odd", "odd", "not-a-category", 60.0, START)
    recorder.finish(bad, "completed", 60.0, START)  # its start was refused: nothing to do
    good = recorder.begin("Deep breathing", "deep-breathing", "breathing", 60.0, START)
    recorder.finish(good, "completed", 60.0, START + timedelta(minutes=1))
    assert recorder.close()
    sessions = opened.history.sessions()
    opened.history.close()
    assert [s.routine for s in sessions] == ["Deep breathing"]
    assert len(problems) == 1


def test_close_without_writes_is_instant(tmp_path: Path) -> None:
    assert SessionRecorder(tmp_path, print).close()
