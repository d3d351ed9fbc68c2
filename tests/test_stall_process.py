"""A real `run --no-gui` stopped with SIGSTOP for a few seconds: the routine resumes
where it was, takes that much longer, and the history counts only what was played."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest
from processes import finish, let_run, run_no_gui, wait_for_start

from app.storage.history import open_read_only

ROUTINE = """
name = "Six seconds"
[[steps]]
kind = "rest"
title = "Rest"
duration = 3
[[steps]]
kind = "rest"
title = "Rest more"
duration = 3
"""
STOPPED = 4.0


@pytest.mark.slow
def test_sigstop_is_not_counted_as_played(tmp_path: Path) -> None:
    routine = tmp_path / "six.toml"
    routine.write_text(ROUTINE, encoding="utf-8")
    data, trace = tmp_path / "data", tmp_path / "trace.jsonl"
    proc = run_no_gui(data, routine, trace)
    started = wait_for_start(proc, trace)
    let_run(proc, 1.0)
    proc.send_signal(signal.SIGSTOP)
    stopped_at = time.monotonic()
    let_run(proc, STOPPED)  # a stopped process can't end: this only waits
    proc.send_signal(signal.SIGCONT)
    stopped = time.monotonic() - stopped_at
    code, _out, err = finish(proc)
    took = time.monotonic() - started
    assert code == 0, err

    # The routine took its six seconds plus the stop: it did not jump to the end.
    assert took >= 6.0 + stopped - 1.5, (took, stopped)
    events = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    stalls = [e for e in events if e["event"] == "stall"]
    assert len(stalls) == 1
    assert stalls[0]["unplayed"] == pytest.approx(stopped, abs=1.5)
    assert [e["step"] for e in events if e["event"] == "phase"] == [0, 1]

    opened = open_read_only(data)
    assert opened.history is not None, opened.notices
    (session,) = opened.history.sessions.page()
    opened.history.close()
    assert session.status == "completed"
    assert session.elapsed_s <= session.planned_s
    assert session.elapsed_s == pytest.approx(6.0, abs=1.5)
