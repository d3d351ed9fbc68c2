"""Real Facewell processes for the tests that need them: crash, stall and two-process.

Imported as a top-level module (tests/ is on sys.path through tests/conftest.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def facewell(
    data: Path, *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """Start ``python main.py --data-dir DATA ARGS...`` offscreen, output captured."""
    return subprocess.Popen(
        [sys.executable, "main.py", "--data-dir", str(data), *map(str, args)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )


def run_no_gui(data: Path, routine: Path, trace: Path) -> subprocess.Popen[str]:
    """A muted ``run ROUTINE --no-gui`` that writes its trace to ``trace``."""
    return facewell(data, "run", routine, "--no-gui", "--mute", "--trace", trace)


def wait_for_start(proc: subprocess.Popen[str], trace: Path, timeout: float = 30.0) -> float:
    """Wait until the routine has started (its trace has a line); return the moment
    (time.monotonic) it was seen. Fails the test if the process ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if trace.exists() and trace.read_text(encoding="utf-8").strip():
            return time.monotonic()
        try:
            proc.wait(timeout=0.02)
        except subprocess.TimeoutExpired:
            continue
        _out, err = proc.communicate()
        pytest.fail(f"facewell ended before the routine started ({proc.returncode}): {err}")
    pytest.fail("the routine never started")


def let_run(proc: subprocess.Popen[str], seconds: float) -> None:
    """Let ``proc`` run for ``seconds`` of real time; it must not end meanwhile."""
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return
    _out, err = proc.communicate()
    pytest.fail(f"facewell ended early ({proc.returncode}): {err}")


def finish(proc: subprocess.Popen[str], timeout: float = 60.0) -> tuple[int, str, str]:
    """Wait for ``proc`` to end by itself: (exit code, stdout, stderr)."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
        pytest.fail(f"facewell did not end within {timeout} s: {err}")
    return proc.returncode, out, err


def kill(proc: subprocess.Popen[str]) -> None:
    """SIGKILL, as a crash or a power cut would end it, and reap it."""
    if proc.poll() is None:
        proc.kill()
    proc.communicate(timeout=10)
