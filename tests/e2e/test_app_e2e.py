"""Start the real app under Xvfb, drive a short routine with the keyboard, quit.

This is the one place that runs Facewell as a person does: a real X server, a real
window, keys sent with xdotool, and the trace file as the witness of what happened.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from e2e_helpers import quiet_data_folder, window_env
from e2e_helpers import xdotool as _xdotool

from app.storage.history import open_history

ROUTINE = """
name = "Quick check"
[[steps]]
kind = "breathing"
title = "Breathe"
inhale = 1
exhale = 1
cycles = 30
[[steps]]
kind = "exercise"
title = "Brow lift"
hold = 1
rest = 1
reps = 2
"""


def _press(display: str, key: str, window_title: str = "^Facewell$") -> None:
    """Focus a window (found by its exact title), then type `key` into it."""
    found = _xdotool(display, "search", "--sync", "--onlyvisible", "--name", window_title)
    window = found.split()[0]
    _xdotool(display, "windowfocus", "--sync", window)
    _xdotool(display, "key", "--clearmodifiers", key)


def _events(trace: Path) -> list[dict[str, object]]:
    if not trace.exists():
        return []
    lines = trace.read_text().splitlines()
    return [json.loads(line) for line in lines if line.endswith("}")]


def _launch(
    tmp_path: Path, display: str, repo: Path, text: str
) -> tuple[subprocess.Popen[str], Path, Path]:
    """The window playing ``text`` (a routine file), muted, with a trace; returns the
    process, the trace file and the data folder."""
    routine = tmp_path / "routine.toml"
    routine.write_text(text)
    trace = tmp_path / "trace.jsonl"
    data = quiet_data_folder(tmp_path)
    env = window_env(tmp_path, display)
    command = [sys.executable, "main.py", "--data-dir", str(data), "run", str(routine)]
    app = subprocess.Popen(
        [*command, "--mute", "--trace", str(trace)],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return app, trace, data


def test_a_short_routine_runs_to_its_end_by_keyboard(
    tmp_path: Path, display: str, repo: Path
) -> None:
    app, trace, data = _launch(tmp_path, display, repo, ROUTINE)
    try:
        _wait_for(app, trace, lambda events: any(e["event"] == "phase" for e in events))
        # Skip the long breathing step with the Right arrow, as a person would.
        _press(display, "Right")
        _wait_for(app, trace, lambda events: any(e["event"] == "end" for e in events))
        # "How was it?" comes after a finished routine; Esc skips it, as promised.
        _press(display, "Escape", "^How was it\\?$")
        _press(display, "ctrl+q")
        output, _ = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, output
    events = _events(trace)
    phases = [e for e in events if e["event"] == "phase"]
    assert phases[0]["step"] == 0
    assert {e["step"] for e in phases} == {0, 1}
    assert len([e for e in phases if e["step"] == 0]) < 60  # the skip cut step 1 short
    assert events[-1]["event"] == "end"
    assert "Traceback" not in output
    opened = open_history(data)
    assert opened.history is not None
    (session,) = opened.history.sessions.page()
    opened.history.close()
    # It reached its end, but most of it was skipped: stopped, and the skip is recorded
    # (docs/history.md, "How a session ends").
    assert (session.routine, session.status) == ("Quick check", "stopped")
    assert session.skipped == ("Breathe",)
    assert session.severity_after is None  # the question was skipped


def _wait_for(app: subprocess.Popen[str], trace: Path, done: object, timeout: float = 60) -> None:
    """Wait on the app itself: its exit or the trace's progress, polled via wait()."""
    assert callable(done)
    for _ in range(int(timeout * 10)):
        if done(_events(trace)):
            return
        try:
            app.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue
        output = app.stdout.read() if app.stdout else ""
        pytest.fail(f"the app exited early with {app.returncode}:\n{output}")
    pytest.fail("the routine did not reach its end in time")


LONGER = """
name = "Long enough"
[[steps]]
kind = "breathing"
title = "Breathe"
inhale = 2
exhale = 2
cycles = 40
[[steps]]
kind = "breathing"
title = "Breathe again"
inhale = 2
exhale = 2
cycles = 40
"""


def test_leave_the_player_come_back_with_the_bar_and_stop_with_esc_from_history(
    tmp_path: Path, display: str, repo: Path
) -> None:
    """Issue 15: a routine that plays on while another page shows is never lost."""
    app, trace, data = _launch(tmp_path, display, repo, LONGER)

    def steps(events: list[dict[str, object]]) -> set[object]:
        return {e["step"] for e in events if e["event"] == "phase"}

    try:
        _wait_for(app, trace, lambda events: 0 in steps(events))
        _press(display, "ctrl+3")  # the History page; the routine plays on
        time.sleep(1.0)
        assert steps(_events(trace)) == {0}
        _press(display, "alt+r")  # Return, on the Now playing bar
        time.sleep(0.5)
        _press(display, "Right")  # a player key: it works only in the player
        _wait_for(app, trace, lambda events: 1 in steps(events), timeout=20)
        _press(display, "ctrl+3")
        time.sleep(0.5)
        _press(display, "Escape")  # from the History page: stops the routine
        _wait_for(app, trace, lambda _events: _stopped(data), timeout=20)
        _press(display, "ctrl+q")
        output, _ = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, output
    assert "Traceback" not in output
    assert not any(e["event"] == "end" for e in _events(trace))  # stopped, not finished
    opened = open_history(data)
    assert opened.history is not None
    (session,) = opened.history.sessions.page()
    opened.history.close()
    assert (session.routine, session.status, session.skipped) == (
        "Long enough",
        "stopped",
        ("Breathe",),
    )
    # Issue 15, files: everything the app made is the user's alone.
    for path in [data, *data.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {mode:o}"


def _stopped(data: Path) -> bool:
    """The session is closed as stopped (the recorder writes within a moment)."""
    import sqlite3

    db = data / "history.sqlite3"
    if not db.exists():
        return False
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT status FROM sessions").fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return row is not None and row[0] == "stopped"
