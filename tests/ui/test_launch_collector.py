"""A real launch: the collector is paused for the first frame and running after it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_PROBE = """
import gc, json, os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow
seen = {}
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen["at_first_paint"] = gc.isenabled()
            def after():
                seen["after_first_frame"] = gc.isenabled()
                print(json.dumps(seen), flush=True)
                os._exit(0)
            obj.first_frame_shown.connect(after)
        return False
probe = FirstPaint()
init = QMainWindow.__init__
def watched_init(self, *args, **kwargs):
    init(self, *args, **kwargs)
    self.installEventFilter(probe)
QMainWindow.__init__ = watched_init
import runpy
sys.argv = ["main.py"]
runpy.run_path("main.py", run_name="__main__")
"""


def test_the_first_frame_is_drawn_paused_and_collecting_resumes(repo: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"at_first_paint": False, "after_first_frame": True}
