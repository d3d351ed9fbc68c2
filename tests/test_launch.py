"""The collector is paused while Facewell starts, and only then (app/launch.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

import app.cli
import app.gui
from app import launch


@pytest.fixture(autouse=True)
def _collecting() -> Iterator[None]:
    assert gc.isenabled()
    yield
    gc.enable()  # whatever a failing test left


def test_a_command_without_a_window_collects_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(app.cli, "cmd_list", lambda *_a, **_k: seen.append(gc.isenabled()) or 0)
    assert launch.main(["--data-dir", str(tmp_path), "list"]) == 0
    assert seen == [True]
    assert gc.isenabled()


def test_the_window_starts_paused_and_the_pause_ends_with_main(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(app.gui, "run_gui", lambda *_a, **_k: seen.append(gc.isenabled()) or 0)
    assert launch.main(["--data-dir", str(tmp_path)]) == 0
    assert seen == [False]  # app/gui.py resumes it after the first frame
    assert gc.isenabled()


def test_a_caller_s_own_pause_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.cli, "cmd_list", lambda *_a, **_k: 0)
    gc.disable()
    assert launch.main(["--data-dir", str(tmp_path), "list"]) == 0
    assert not gc.isenabled()
    launch.resume_collector()  # nothing of ours to resume
    assert not gc.isenabled()
