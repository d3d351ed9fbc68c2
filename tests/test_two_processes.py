"""Two real Facewell processes on one data folder: nothing lost, nothing mislabelled.

A reader (``history``, ``report``) while a routine records, a second recorder refused,
an import holding the history while a routine ends, then a SIGKILL of the recorder.
Before the history had one owner, the reader marked the live session "interrupted",
and a later SIGKILL of the window left a 30 s session saved as 1.9 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from processes import REPO, facewell, finish, kill, let_run, run_no_gui, wait_for_start

from app.storage.history import SessionRecord, open_history

LONG = """
name = "Long rest"
category = "meditation"
[[steps]]
kind = "rest"
title = "Rest"
duration = "2m"
"""
SHORT = """
name = "Short rest"
category = "meditation"
[[steps]]
kind = "rest"
title = "Rest"
duration = 4
"""
pytestmark = pytest.mark.slow


def _cli(data: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data), *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )


def _routine(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "routine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _sessions(data: Path) -> list[SessionRecord]:
    """The history as the next owner sees it (it recovers what a dead recorder left)."""
    opened = open_history(data)
    assert opened.history is not None, opened.notices
    sessions = opened.history.sessions.page()
    opened.history.close()
    return sessions


def _exported(data: Path) -> list[dict[str, object]]:
    done = _cli(data, "history", "--json")
    assert done.returncode == 0, done.stderr
    sessions: list[dict[str, object]] = json.loads(done.stdout)["sessions"]
    return sessions


def _window_settings(data: Path) -> None:
    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.ini").write_text(
        "[routine]\nlead_in=false\n[app]\ndisclaimer_seen=true\n[profile]\nasked=true\n"
    )


def test_a_reader_during_a_terminal_run_then_a_kill(tmp_path: Path) -> None:
    data, trace = tmp_path / "data", tmp_path / "trace.jsonl"
    proc = run_no_gui(data, _routine(tmp_path, LONG), trace)
    try:
        started = wait_for_start(proc, trace)
        let_run(proc, 2.5)
        (live,) = _exported(data)
        assert live["status"] == "running"  # read as it is, not taken for a crash
        stats = _cli(data, "history", "--stats", "--json")
        assert stats.returncode == 0, stats.stderr
        report = _cli(data, "report", "--pdf", tmp_path / "report.pdf")
        assert report.returncode == 0, report.stderr
        let_run(proc, 3.0)
        (still,) = _exported(data)
        assert still["status"] == "running"
        assert float(still["elapsed_s"]) > float(live["elapsed_s"])  # it kept recording
        kill(proc)
        truth = time.monotonic() - started
    finally:
        kill(proc)
    (session,) = _sessions(data)
    assert session.status == "interrupted"
    assert truth - 5.0 <= session.elapsed_s <= truth + 0.5, (session.elapsed_s, truth)


def test_a_reader_during_a_window_run_then_a_kill(tmp_path: Path) -> None:
    data, trace = tmp_path / "data", tmp_path / "trace.jsonl"
    _window_settings(data)
    window = facewell(data, "run", _routine(tmp_path, LONG), "--mute", "--trace", trace)
    try:
        started = wait_for_start(window, trace)
        for _ in range(3):
            let_run(window, 2.0)
            (live,) = _exported(data)
            assert live["status"] == "running"
        kill(window)
        truth = time.monotonic() - started
    finally:
        kill(window)
    (session,) = _sessions(data)
    assert session.status == "interrupted"
    assert truth - 5.0 <= session.elapsed_s <= truth + 0.5, (session.elapsed_s, truth)


def test_a_second_recorder_is_refused_and_a_second_window_hands_over(tmp_path: Path) -> None:
    data, trace = tmp_path / "data", tmp_path / "trace.jsonl"
    _window_settings(data)
    window = facewell(data, "run", _routine(tmp_path, LONG), "--mute", "--trace", trace)
    try:
        wait_for_start(window, trace)
        terminal = _cli(data, "run", _routine(tmp_path, SHORT), "--no-gui", "--mute")
        assert terminal.returncode == 1
        assert "Facewell is already open" in terminal.stderr
        assert "Traceback" not in terminal.stderr
        # A second window: it raises the first one (docs/desktop.md) and leaves, exit 0,
        # without ever becoming a recorder.
        code, _out, err = finish(facewell(data), timeout=30)
        assert code == 0, err
        assert "Traceback" not in err
        let_run(window, 1.0)
        (live,) = _exported(data)
        assert live["status"] == "running"
        assert live["routine"] == "Long rest"
    finally:
        kill(window)


def _big_export(path: Path, sessions: int) -> None:
    start = datetime(2020, 1, 1, 8, 0, tzinfo=UTC)
    items = []
    for i in range(sessions):
        began = start + timedelta(hours=7 * i)
        items.append(
            {
                "routine": "Box breathing",
                "slug": "box-breathing",
                "category": "breathing",
                "started_at": began.isoformat(),
                "ended_at": (began + timedelta(seconds=60)).isoformat(),
                "planned_s": 60.0,
                "elapsed_s": 60.0,
                "status": "completed",
                "uid": f"00000000-0000-4000-8000-{i:012d}",
            }
        )
    doc = {"format": "facewell-history", "version": 1, "sessions": items, "journal": []}
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_a_routine_that_ends_during_a_long_import_is_still_completed(tmp_path: Path) -> None:
    """The import holds the history's write lock for seconds; the run's end waits for it,
    or is kept on disk and saved by the next opening, but is never left "running"."""
    data, trace = tmp_path / "data", tmp_path / "trace.jsonl"
    export = tmp_path / "export.json"
    _big_export(export, 150_000)
    proc = run_no_gui(data, _routine(tmp_path, SHORT), trace)
    try:
        wait_for_start(proc, trace)
        importing = facewell(data, "import", export)
        code, _out, err = finish(proc)
        assert code == 0, err
        imported, _out, import_err = finish(importing, timeout=180)
        assert imported == 0, import_err
    finally:
        kill(proc)
    sessions = _sessions(data)
    assert len(sessions) == 150_001
    (run,) = [s for s in sessions if s.routine == "Short rest"]
    assert run.status == "completed"
    assert run.elapsed_s == pytest.approx(4.0, abs=1.0)
