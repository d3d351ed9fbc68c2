"""The writer thread: writes land in order, problems are told once, close is bounded."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.messages import recorder_news
from app.storage import database
from app.storage import recorder as recorder_module
from app.storage.history import History, open_history
from app.storage.recorder import News, RecorderEvent, SessionRecorder

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def told(into: list[str]) -> Callable[[RecorderEvent], None]:
    """The recorder's news, as the window or the terminal says it."""
    return lambda event: into.append(recorder_news(event))


def test_a_session_is_started_checkpointed_and_finished(tmp_path: Path) -> None:
    opened = open_history(tmp_path)
    assert opened.history is not None
    problems: list[str] = []
    recorder = SessionRecorder(tmp_path, told(problems))
    token = recorder.begin("Gentle face", "gentle-face", "facial", 530.0, START)
    recorder.checkpoint(token, 12.0, 1, START + timedelta(seconds=12))
    recorder.finish(token, "completed", 530.0, START + timedelta(seconds=530))
    recorder.feedback(token, 2, "calmer", "felt easier")
    assert recorder.close()
    (session,) = opened.history.sessions.page()
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
    recorder = SessionRecorder(None, told(problems))
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
    recorder = SessionRecorder(tmp_path, told(problems))
    bad = recorder.begin("Odd", "odd", "not-a-category", 60.0, START)
    recorder.finish(bad, "completed", 60.0, START)  # its start was refused: nothing to do
    good = recorder.begin("Deep breathing", "deep-breathing", "breathing", 60.0, START)
    recorder.finish(good, "completed", 60.0, START + timedelta(minutes=1))
    assert recorder.close()
    sessions = opened.history.sessions.page()
    opened.history.close()
    assert [s.routine for s in sessions] == ["Deep breathing"]
    assert len(problems) == 1


def test_close_without_writes_is_instant(tmp_path: Path) -> None:
    assert SessionRecorder(tmp_path, print).close()


# -- a history that is busy, and a process that closes before it is free --------------


class _WriteLock:
    """Another process's long write (an import): holds the history's write lock."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.connection.execute("COMMIT")
        self.connection.close()


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite gives up waiting for the lock after 50 ms instead of 3 s."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)


def _opened(data_dir: Path) -> History:
    opened = open_history(data_dir)
    assert opened.history is not None
    return opened.history


@pytest.mark.usefixtures("quick_busy")
def test_a_busy_history_is_tried_again_until_the_session_lands(tmp_path: Path) -> None:
    history = _opened(tmp_path)
    problems: list[str] = []
    recorder = SessionRecorder(tmp_path, told(problems))
    busy = _WriteLock(tmp_path / "history.sqlite3")
    token = recorder.begin("Gentle face", "gentle-face", "facial", 530.0, START)
    recorder.finish(token, "completed", 530.0, START + timedelta(seconds=530))
    assert not recorder.flush(timeout=0.3)  # still waiting: nothing dropped
    busy.release()
    assert recorder.flush(timeout=10)
    assert recorder.close()
    (session,) = history.sessions.page()
    history.close()
    assert (session.status, session.elapsed_s) == ("completed", 530.0)
    assert problems == []  # a short wait is not worth a word


@pytest.mark.usefixtures("quick_busy")
def test_a_long_wait_is_told_once_and_so_is_the_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recorder_module, "TELL_AFTER_SECONDS", 0.1)
    history = _opened(tmp_path)
    problems: list[str] = []
    recorder = SessionRecorder(tmp_path, told(problems))
    busy = _WriteLock(tmp_path / "history.sqlite3")
    token = recorder.begin("Box breathing", "box-breathing", "breathing", 60.0, START)
    for second in range(1, 6):
        recorder.checkpoint(token, float(second), 0, START + timedelta(seconds=second))
    recorder.flush(timeout=0.5)
    busy.release()
    assert recorder.close()
    (session,) = history.sessions.page()
    history.close()
    assert (session.status, session.elapsed_s) == ("running", 5.0)
    assert len(problems) == 2
    assert "busy" in problems[0] and "kept and will be saved" in problems[0]
    assert problems[1] == recorder_news(RecorderEvent(News.SAVED))


@pytest.mark.usefixtures("quick_busy")
def test_a_session_that_could_not_land_before_closing_is_saved_next_time(
    tmp_path: Path,
) -> None:
    history = _opened(tmp_path)
    problems: list[str] = []
    recorder = SessionRecorder(tmp_path, told(problems))
    busy = _WriteLock(tmp_path / "history.sqlite3")
    token = recorder.begin("Cold compress", "cold-compress", "compress", 600.0, START)
    recorder.finish(token, "stopped", 321.0, START + timedelta(seconds=321))
    recorder.feedback(token, 3, "better", "")
    assert not recorder.close(timeout=0.3)
    assert problems == [recorder_news(RecorderEvent(News.KEPT))]
    (kept,) = (tmp_path / "pending").iterdir()
    assert kept.stat().st_mode & 0o777 == 0o600
    busy.release()
    history.close()

    reopened = _opened(tmp_path)  # the next owner saves it
    (session,) = reopened.sessions.page()
    reopened.close()
    assert (session.status, session.elapsed_s, session.severity_after) == ("stopped", 321.0, 3)
    assert list((tmp_path / "pending").iterdir()) == []


def test_a_damaged_pending_file_is_kept_aside_not_lost(tmp_path: Path) -> None:
    _opened(tmp_path).close()
    pending = tmp_path / "pending"
    pending.mkdir()
    (pending / "odd.json").write_text("{not json", encoding="utf-8")
    _opened(tmp_path).close()
    (aside,) = pending.iterdir()
    assert aside.name.startswith("odd.json.broken-")
