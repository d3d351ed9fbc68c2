"""A real launch of main.py with a probe in front of it, for tests of the first frame.

The probe code runs first in a fresh interpreter and names an event filter ``probe``,
which is installed on every QMainWindow; then main.py is executed as
`__main__`, as `python main.py` runs it (bench/startup.py does the same). The probe
reports by printing one JSON line and ending the process with os._exit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.startup import RUN_MAIN

_RUN_MAIN = (
    """
from PySide6.QtWidgets import QMainWindow
_init = QMainWindow.__init__
def _watched_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.installEventFilter(probe)
QMainWindow.__init__ = _watched_init
"""
    + RUN_MAIN
)


def launch_with_probe(
    repo: Path, tmp_path: Path, probe: str, env: dict[str, str] | None = None
) -> dict[str, Any] | None:
    """Launch main.py offscreen with its folders under ``tmp_path``, ``probe`` first;
    return the last JSON line it printed, or None when it printed none."""
    result = subprocess.run(
        [sys.executable, "-c", probe + _RUN_MAIN],
        cwd=repo,
        env={
            **os.environ,
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "QT_QPA_PLATFORM": "offscreen",
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = result.stdout.strip().splitlines()
    if not lines:
        return None
    seen: dict[str, Any] = json.loads(lines[-1])
    return seen
