"""What the first frame leaves for later: Qt's and QStyle's enums, the routine parser.

PySide6 builds the Python enums of a class the first time the class is touched, and
`Qt` alone has some ninety of them (about 40 ms). make bench times the launch; this
test names the causes, so that a stray import shows up here and not as a slow start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_PROBE = """
import json, os, sys
enums = []
def watch(frame, event, arg):
    code = frame.f_code
    if event == "call" and code.co_name == "_create_" and code.co_filename.endswith("enum.py"):
        enums.append(frame.f_locals.get("class_name"))
sys.setprofile(watch)
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            sys.setprofile(None)
            modules = sorted(name for name in sys.modules if name.startswith("app."))
            modules += [name for name in ("_hashlib",) if name in sys.modules]
            print(json.dumps({"enums": enums, "modules": modules}), flush=True)
            os._exit(0)
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


def test_the_first_frame_builds_neither_qt_nor_qstyle_enums(repo: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=repo,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    enums = set(seen["enums"])
    assert enums  # the probe works: the bare PySide6 import builds some
    assert "AlignmentFlag" not in enums  # Qt.AlignmentFlag: the whole `Qt` namespace
    assert "PixelMetric" not in enums  # QStyle.PixelMetric: asking for the style
    assert "StandardButton" not in enums  # QMessageBox: only for dialogs
    modules = set(seen["modules"])
    assert "app.ui.main_window" in modules
    for later in ("app.core.loader", "app.storage.history", "app.speech.worker", "app.ui.tray"):
        assert later not in modules
    # The speech cache's SHA-256 is CPython's own, not OpenSSL's (app/digest.py).
    assert "_hashlib" not in modules
