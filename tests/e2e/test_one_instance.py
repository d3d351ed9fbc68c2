"""Under Xvfb with a window manager, a second launch raises the first window and exits
0; ``facewell run ROUTINE`` asks the open window to play it. One window, one recorder."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from e2e_helpers import quiet_data_folder, window_env, xdotool

from app.storage.history import open_read_only

ROUTINE = """
name = "Quick check"
[[steps]]
kind = "breathing"
title = "Breathe"
inhale = 1
exhale = 1
cycles = 30
"""


def _visible_windows(display: str) -> list[str]:
    found = xdotool(display, "search", "--onlyvisible", "--name", "^Facewell$", check=False)
    return found.split()


def _until(what: Callable[[], bool], app: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if what():
            return
        if app.poll() is not None:
            pytest.fail(f"the first Facewell ended ({app.returncode}): {app.communicate()[0]}")
        time.sleep(0.1)
    pytest.fail("timed out")


def test_a_second_launch_raises_the_first_window_and_exits_0(
    tmp_path: Path, window_manager: str, repo: Path
) -> None:
    display = window_manager
    data = quiet_data_folder(tmp_path)
    routine = tmp_path / "quick.toml"
    routine.write_text(ROUTINE)
    env = window_env(tmp_path, display)

    def launch(*args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "main.py", "--data-dir", str(data), *args],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    first = launch()
    try:
        _until(lambda: len(_visible_windows(display)) == 1, first)
        (window,) = _visible_windows(display)
        xdotool(display, "windowminimize", "--sync", window)
        _until(lambda: _visible_windows(display) == [], first)

        second = launch()
        output, _ = second.communicate(timeout=60)
        assert second.returncode == 0, output
        assert "Traceback" not in output
        _until(lambda: _visible_windows(display) == [window], first)  # raised, not a new one

        # `facewell run` with the window open: the open window plays it and records it,
        # with the launch's --mute and --trace.
        trace = tmp_path / "forwarded.jsonl"
        runner = launch("run", str(routine), "--mute", "--trace", str(trace))
        output, _ = runner.communicate(timeout=60)
        assert runner.returncode == 0, output
        _until(lambda: '"event": ' in trace.read_text(), first)

        def recorded() -> bool:
            opened = open_read_only(data)
            if opened.history is None:
                return False
            with opened.history as history:
                return [s.routine for s in history.sessions.page()] == ["Quick check"]

        _until(recorded, first)
        assert _visible_windows(display) == [window]
        assert first.poll() is None  # the first is still the one recorder
        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "key", "--clearmodifiers", "ctrl+q")
        output, _ = first.communicate(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert first.returncode == 0, output
    assert "Traceback" not in output


def test_a_double_click_on_the_launcher_opens_one_window(
    tmp_path: Path, window_manager: str, repo: Path
) -> None:
    """Two launches at once: one opens the window, the other hands its wish over,
    even in the moment before the window listens (it finds the lock held by a window
    and keeps trying the socket) and exits 0."""
    display = window_manager
    data = quiet_data_folder(tmp_path)
    env = window_env(tmp_path, display)
    launches = [
        subprocess.Popen(
            [sys.executable, "main.py", "--data-dir", str(data)],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 60
        while all(p.poll() is None for p in launches) and time.monotonic() < deadline:
            time.sleep(0.1)
        ended = [p for p in launches if p.poll() is not None]
        assert len(ended) == 1, "neither launch handed its wish over"
        output, _ = ended[0].communicate()
        assert ended[0].returncode == 0, output
        assert "Traceback" not in output
        (window,) = [p for p in launches if p is not ended[0]]
        _until(lambda: len(_visible_windows(display)) == 1, window)  # one process, one window
    finally:
        for proc in launches:
            if proc.poll() is None:
                proc.kill()
            if proc.stdout is not None and not proc.stdout.closed:
                proc.communicate()
