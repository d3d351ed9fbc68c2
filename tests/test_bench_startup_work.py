"""bench.startup_work: callgrind's counts per thread, and a probe that stops at the
routines drawn."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import bench.startup_work as work
from bench.startup import APP, launch_ms


def test_the_probe_can_stop_at_the_routines_drawn(tmp_path: Path) -> None:
    launch_ms(APP, str(tmp_path))  # a first run, as the bench's warm-up
    stopped = launch_ms(APP, str(tmp_path), extra={"FACEWELL_BENCH_STOP": "listed"})
    assert stopped["painted"] <= stopped["listed"]
    assert "ready" not in stopped  # ended at the full draw, before the services


def test_counts_are_read_per_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_launch(code: str, data_home: str, **_kwargs: object) -> dict[str, float]:
        (tmp_path / "app.4242-01").write_text("events: Ir\nsummary: 764845550\n")
        (tmp_path / "app.4242-02").write_text("events: Ir\nsummary: 35530267\n")
        (tmp_path / "app.4242").write_text("")  # the process's own, empty with threads apart
        return {}

    monkeypatch.setattr(work, "launch_ms", fake_launch)
    counts = work._instructions("/usr/bin/valgrind", APP, str(tmp_path), tmp_path, "app")
    assert counts == {"main": 764845550, "thread 2": 35530267}


def test_no_valgrind_is_said_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert work.startup_work() == {"skipped": "valgrind is not installed"}
