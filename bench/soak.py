"""Gentle face, for real, in the real window: does the process live to the end?

The child (`python -m bench.soak child DIR`) starts the app as `facewell run gentle-face`
does (app.gui.run_gui, real clock, real speech and sound into the bench's audio
device), measures the event loop's longest stall with a 5 ms timer and samples its
memory; it quits once the routine has finished. The first release aborted 11 s into
this routine on Python 3.11 with PySide6 6.12.0 (docs/binding.md).
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import Audio, base_env, child_result, run_python
from bench.gui_stall import GapMeter

ROUTINE = "gentle-face"


def soak(audio: Audio) -> dict[str, Any]:
    result: dict[str, Any] = {"device": audio.device, "routine": ROUTINE, "target": "survived"}
    with tempfile.TemporaryDirectory(prefix="facewell-soak-") as tmp:
        proc = run_python(["-m", "bench.soak", "child", tmp], env=base_env(audio.env), timeout=1200)
        result["exit_code"] = proc.returncode
        if proc.returncode == 0:
            result.update(child_result(proc))
        else:
            result["error"] = proc.stderr[-1500:]
    result["survived"] = proc.returncode == 0 and bool(result.get("finished"))
    return result


def _rss_mib() -> float:
    """Resident memory now (VmRSS), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _child(data_dir: Path) -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import app.gui
    from app.catalog import library_for
    from app.services.settings import Settings
    from app.ui.feedback_dialog import FeedbackDialog
    from app.ui.main_window import MainWindow

    settings = Settings(data_dir)
    settings.disclaimer_seen = True
    settings.condition_asked = True
    settings.lead_in = False
    # The after-routine question is modal: a person answers it, the soak skips it.
    FeedbackDialog.ask = classmethod(lambda cls, parent, title: None)  # type: ignore[method-assign,assignment]
    routine = library_for(data_dir).find(ROUTINE)
    assert routine is not None
    result: dict[str, Any] = {"finished": False, "rss_mib": []}
    meter = GapMeter()
    started = time.monotonic()

    def watch() -> None:
        result["rss_mib"].append(_rss_mib())
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        player = windows[0]._player if windows else None
        if player is None or player.driver is None:
            return
        if not meter.timer.isActive() and player.is_running:
            meter.start()
            result["rss_at_start_mib"] = _rss_mib()
        if player.driver.session.state == "finished":
            result["finished"] = True
            result["rss_at_end_mib"] = _rss_mib()
            result["seconds"] = round(time.monotonic() - started, 1)
            result["routine_seconds"] = player.driver.session.total
            meter.timer.stop()
            result.update(meter.report())
            windows[0].quit()

    sampler = QTimer()
    sampler.timeout.connect(watch)
    QTimer.singleShot(0, lambda: sampler.start(1000))
    code = app.gui.run_gui(data_dir, routine=routine)
    result["exit"] = code
    result["max_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    samples = result.pop("rss_mib")
    result["rss_samples"] = len(samples)
    return result


if __name__ == "__main__":
    print(json.dumps(_child(Path(sys.argv[2]))), flush=True)
