"""Start-up to a visible main window: the app versus a bare PySide6 window."""

from __future__ import annotations

import statistics
import tempfile
from typing import Any

from bench.common import base_env, child_result, run_python

RUNS = 5

# Both wrappers take t0 first thing, then print the ms until a QMainWindow is first shown.
_HOOK = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class _Show(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and isinstance(obj, QMainWindow):
            print(json.dumps({"ms": (time.perf_counter() - T0) * 1000}), flush=True)
            os._exit(0)
        return False
_filter = _Show()
_orig_init = QApplication.__init__
def _init(self, *a, **k):
    _orig_init(self, *a, **k)
    self.installEventFilter(_filter)
QApplication.__init__ = _init
"""

APP = (
    "import time; T0 = time.perf_counter()\nimport json, os, sys\n"
    + _HOOK
    + "from pathlib import Path\nfrom app.gui import run_gui\nrun_gui(Path(sys.argv[1]))\n"
)
BARE = (
    "import time; T0 = time.perf_counter()\nimport json, os, sys\n"
    + _HOOK
    + "app = QApplication(sys.argv)\nw = QMainWindow()\nw.show()\napp.exec()\n"
)


def _median_ms(code: str, data_dir: str) -> tuple[float, list[float]]:
    runs: list[float] = []
    for _ in range(RUNS):
        proc = run_python(["-c", code, data_dir], env=base_env(), timeout=60)
        runs.append(float(child_result(proc)["ms"]))
    return statistics.median(runs), runs


def startup() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="facewell-bench-") as tmp:
        app_ms, app_runs = _median_ms(APP, tmp)
        bare_ms, bare_runs = _median_ms(BARE, tmp)
    return {
        "app_median_ms": round(app_ms, 1),
        "bare_median_ms": round(bare_ms, 1),
        "ratio": round(app_ms / bare_ms, 3),
        "app_runs_ms": [round(r, 1) for r in app_runs],
        "bare_runs_ms": [round(r, 1) for r in bare_runs],
        "measured_from": "interpreter running the wrapper (t0 before any import) to first "
        "QEvent.Show of a QMainWindow",
        "target": "ratio <= 1.5",
    }
