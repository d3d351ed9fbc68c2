"""SIGKILL a running routine: its session must come back as interrupted, with the
elapsed time within 5 seconds of the truth (the issue's bar)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.storage.history import open_history

ROUTINE = """
name = "Long rest"
category = "meditation"
[[steps]]
kind = "rest"
title = "Rest"
duration = "2m"
[[steps]]
kind = "rest"
title = "More rest"
duration = "2m"
"""


def _run_until_killed(repo: Path, data: Path, routine: Path, trace: Path, after: float) -> float:
    """Start a real `run --no-gui`, kill it `after` seconds into the routine, and
    return how long the routine had really been running (measured here)."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "--data-dir",
            str(data),
            "run",
            str(routine),
            "--no-gui",
            "--mute",
            "--trace",
            str(trace),
        ],
        cwd=repo,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        started = None
        for _ in range(300):  # the first trace line marks the routine's start
            if trace.exists() and trace.read_text().strip():
                started = time.monotonic()
                break
            try:
                proc.wait(timeout=0.05)
                pytest.fail(
                    f"the routine exited early: {proc.stderr.read() if proc.stderr else ''}"
                )
            except subprocess.TimeoutExpired:
                pass
        assert started is not None, "the routine never started"
        try:
            proc.wait(timeout=after)  # lets it run; it must not end by itself
            pytest.fail("the routine ended before it was killed")
        except subprocess.TimeoutExpired:
            pass
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        return time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
        if proc.stderr:
            proc.stderr.close()


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.7, 3.3, 6.1])
def test_sigkill_leaves_an_interrupted_session(tmp_path: Path, repo: Path, after: float) -> None:
    routine = tmp_path / "long.toml"
    routine.write_text(ROUTINE)
    data = tmp_path / "data"
    truth = _run_until_killed(repo, data, routine, tmp_path / "trace.jsonl", after)
    opened = open_history(data)
    assert opened.history is not None, opened.notices
    sessions = opened.history.sessions.page()
    opened.history.close()
    assert len(sessions) == 1
    session = sessions[0]
    assert session.routine == "Long rest"
    assert session.status == "interrupted"
    assert abs(session.elapsed_s - truth) <= 5.0, (session.elapsed_s, truth)
    assert session.elapsed_s <= truth + 0.5  # never more than what was really done


def test_a_finished_routine_is_recorded_as_completed(tmp_path: Path, repo: Path) -> None:
    routine = tmp_path / "short.toml"
    routine.write_text('name = "Short"\n[[steps]]\nkind = "rest"\ntitle = "Rest"\nduration = 1\n')
    data = tmp_path / "data"
    done = subprocess.run(
        [
            sys.executable,
            "main.py",
            "--data-dir",
            str(data),
            "run",
            str(routine),
            "--no-gui",
            "--mute",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    opened = open_history(data)
    assert opened.history is not None
    (session,) = opened.history.sessions.page()
    opened.history.close()
    assert session.status == "completed"
    # Its second of rest, and the start chime and words before it: what was played.
    assert session.elapsed_s == pytest.approx(session.planned_s, abs=0.5)
    assert session.planned_s >= 1.0
