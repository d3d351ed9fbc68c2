"""Launch to the first painted frame: `python main.py` against a bare PySide6 window.

Each run is timed from just before the process is spawned to the first paint of its
QMainWindow, both on CLOCK_MONOTONIC, which every process on Linux shares. So the figure
includes the interpreter starting and every import, and stops when the window has
content to show, not merely when it was asked to show (Qt delivers the Show event
before anything is drawn, so work queued at show time would go unseen by a Show timer).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from typing import Any

from bench.common import REPO, base_env, last_json_line

# Launches of each. This 2-core VM switches between a fast and a slow state every few
# seconds; each app launch is paired with the bare launch right after it, so that a
# pair shares one state, and the target is the median of the pairs' ratios (the ratio
# of the two medians can mix states: 1.37-1.56 in five runs where the pairs gave
# 1.39-1.47, docs/benchmarks.md).
RUNS = 25

# The probe watches the QMainWindow only: an application-wide Python event filter would
# run for every event of every widget and slow the app down more than the bare window.
# It patches QMainWindow when the program itself first imports QtWidgets, not before:
# once PySide6 is loaded it checks the source of every module imported after it, so
# importing PySide6 ahead of the program would charge the app's command-line modules
# for a check that a real launch (which imports PySide6 later) never makes. For the
# same reason json is imported only to report, and main.py is run as `python main.py`
# runs it, compiled and executed as __main__: runpy.run_path would import pkgutil and
# its modules (~7 ms) that a real launch never loads.
_PROBE = """
import os, sys, time
_result = {}
def _report():
    import json
    print(json.dumps(_result), flush=True)
    os._exit(0)
def _watch(widgets):
    from PySide6.QtCore import QEvent, QObject
    class _FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not _result:
                _result["painted_at"] = time.monotonic()
                ready = getattr(obj, "first_frame_shown", None)  # Facewell's window only
                if ready is None:
                    _report()
                def listed():
                    _result["listed_at"] = time.monotonic()
                    if os.environ.get("FACEWELL_BENCH_STOP") == "listed":  # startup_work
                        _report()
                obj.routines_listed.connect(listed)
                ready.connect(lambda: _result.update(ready_at=time.monotonic()) or _report())
            return False
    probe = _FirstPaint()
    init = widgets.QMainWindow.__init__
    def watched_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.installEventFilter(probe)
    widgets.QMainWindow.__init__ = watched_init
class _WhenImported:
    def find_spec(self, name, path=None, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        import importlib.util
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            _watch(module)
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, _WhenImported())
"""

# `python main.py`, after a probe (tests/ui/launch_probe.py uses it too).
RUN_MAIN = """
import sys
sys.argv = ["main.py"]
with open("main.py", encoding="utf-8") as _file:
    _main = compile(_file.read(), "main.py", "exec")
exec(_main, {"__name__": "__main__", "__file__": "main.py", "__builtins__": __builtins__})
"""
APP = _PROBE + RUN_MAIN
BARE = (
    _PROBE
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
app.exec()
"""
)


def launch_ms(
    code: str, data_home: str, *, under: Sequence[str] = (), extra: dict[str, str] | None = None
) -> dict[str, float]:
    """Milliseconds to the first paint ("painted"), and for the app also to its
    routines drawn ("listed") and its services started ("ready"). ``under`` is a
    command to run the interpreter under (valgrind, for bench.startup_work)."""
    # Launched as from a desktop menu: no arguments, the data folder found from XDG.
    # Each launch gets a runtime folder of its own: the probe ends the app with
    # os._exit, which leaves its single-instance socket behind, and a socket left
    # behind (as after a crash) makes the next launch try it first.
    runtime = tempfile.mkdtemp(prefix="facewell-bench-run-")  # 0700, as a login's
    env = base_env(
        {
            "XDG_DATA_HOME": data_home,
            "XDG_CACHE_HOME": f"{data_home}/cache",  # the cards' cache, kept between runs
            "XDG_CONFIG_HOME": f"{data_home}/config",
            "XDG_RUNTIME_DIR": runtime,
            **(extra or {}),
        }
    )
    # A launch after the first finds compiled bytecode, as an installed app always does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        spawned_at = time.monotonic()
        proc = subprocess.run(
            [*under, sys.executable, "-c", code],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600 if under else 60,
            check=False,
        )
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child exited {proc.returncode}: {proc.stderr.strip()[-800:]}")
    result = last_json_line(proc.stdout)
    return {
        key.removesuffix("_at"): round((float(at) - spawned_at) * 1000, 1)
        for key, at in result.items()
    }


def startup() -> dict[str, Any]:
    app_runs: list[dict[str, float]] = []
    bare_runs: list[float] = []
    with tempfile.TemporaryDirectory(prefix="facewell-bench-") as tmp:
        launch_ms(APP, tmp)  # warm-up: bytecode, disk cache, a first-run data folder
        launch_ms(BARE, tmp)
        for _ in range(RUNS):  # interleaved, so a slow spell of the machine hits both
            app_runs.append(launch_ms(APP, tmp))
            bare_runs.append(launch_ms(BARE, tmp)["painted"])

    def median(key: str) -> float:
        return round(statistics.median(run[key] for run in app_runs), 1)

    listed_ms, bare_ms = median("listed"), statistics.median(bare_runs)
    pairs = [run["listed"] / bare for run, bare in zip(app_runs, bare_runs, strict=True)]
    return {
        # The target: the window fully drawn, its routines listed, against a bare window
        # launched right after it.
        "ratio": round(statistics.median(pairs), 3),
        "app_median_ms": listed_ms,
        "bare_median_ms": round(bare_ms, 1),
        "ratio_of_medians": round(listed_ms / bare_ms, 3),
        # Not part of the target: the window's first paint (its frame and buttons, the
        # list still empty), and the services started after the full draw.
        "app_first_paint_median_ms": median("painted"),
        "first_paint_ratio": round(median("painted") / bare_ms, 3),
        "app_ready_median_ms": median("ready"),
        "app_runs_ms": [run["listed"] for run in app_runs],
        "bare_runs_ms": [round(r, 1) for r in bare_runs],
        "measured_from": "just before the process is spawned to the routines drawn in its "
        "QMainWindow (`python main.py`, data in XDG_DATA_HOME), against the first paint "
        "of a bare QMainWindow",
        "target": "ratio (median of the paired ratios) <= 1.5",
    }
