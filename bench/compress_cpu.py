"""CPU used by a running cold compress while the window is minimized."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import REPO, base_env, child_result, run_python

WALL_SECONDS = 10.0


def compress_cpu_minimized() -> dict[str, Any]:
    if not (REPO / "app" / "ui" / "compress_page.py").exists():
        return {"error": "compress page not available"}
    with tempfile.TemporaryDirectory(prefix="facewell-bench-") as tmp:
        proc = run_python(["-m", "bench.compress_cpu", tmp], env=base_env(), timeout=90)
        result = child_result(proc)
    result["target"] = "cpu_percent < 1"
    return result


def _child(data_dir: Path) -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from app.services.settings import Settings
    from app.ui.compress_page import CompressPage
    from app.ui.context import AppContext
    from app.ui.notify import Notifier

    app = QApplication.instance() or QApplication([])
    context = AppContext(data_dir=data_dir, settings=Settings(data_dir), speech=None, mute=True)
    window = QMainWindow()
    page = CompressPage(context, Notifier())
    window.setCentralWidget(page)
    window.show()
    page.start_preset("cold")
    window.showMinimized()
    result: dict[str, Any] = {}
    marks: dict[str, float] = {}

    def begin() -> None:
        marks["wall"], marks["cpu"] = time.perf_counter(), time.process_time()
        QTimer.singleShot(int(WALL_SECONDS * 1000), end)

    def end() -> None:
        wall = time.perf_counter() - marks["wall"]
        cpu = time.process_time() - marks["cpu"]
        result.update(
            wall_s=round(wall, 3),
            cpu_s=round(cpu, 4),
            cpu_percent=round(100 * cpu / wall, 3),
            still_running=page.is_running,
            minimized=window.isMinimized(),
        )
        app.quit()

    QTimer.singleShot(1000, begin)  # let start-up work settle first
    app.exec()
    return result


if __name__ == "__main__":
    print(json.dumps(_child(Path(sys.argv[1]))))
