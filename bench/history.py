"""A 100,000-session history: statistics and the History page, against 150 ms."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bench.common import base_env, child_result, run_python

SESSIONS = 100_000
RUNS = 5


def history_100k() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="facewell-bench-") as tmp:
        proc = run_python(["-m", "bench.history", tmp], env=base_env(), timeout=300)
        result = child_result(proc)
    result["target"] = "stats_ms and page_ms < 150"
    return result


def _child(data_dir: Path) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from app.storage.bulk import make_sessions
    from app.storage.history import History, open_history
    from app.ui.history_page import HistoryPage

    opened = open_history(data_dir)
    assert opened.history is not None, opened.notices
    make_sessions(opened.history, SESSIONS, start=datetime(2024, 1, 1, tzinfo=UTC))
    opened.history.close()

    start = time.perf_counter()
    opened = open_history(data_dir)  # off the GUI thread in the app
    open_ms = (time.perf_counter() - start) * 1000
    assert opened.history is not None
    opened.history.close()

    history = History.attach(data_dir)
    today = date.today()
    stats_runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        history.stats.summary(today)
        stats_runs.append((time.perf_counter() - start) * 1000)

    app = QApplication.instance() or QApplication([])
    page_runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        page = HistoryPage(lambda: history)
        page.resize(1000, 700)
        page.show()  # it refreshes itself when shown, as in the window
        app.processEvents()
        page_runs.append((time.perf_counter() - start) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    history.close()
    return {
        "sessions": SESSIONS,
        "open_history_ms_background": round(open_ms, 1),
        "stats_ms": round(statistics.median(stats_runs), 1),
        "stats_runs_ms": [round(x, 1) for x in stats_runs],
        "page_ms": round(statistics.median(page_runs), 1),
        "page_runs_ms": [round(x, 1) for x in page_runs],
        "measured": "page: construct and show (it refreshes summary, table and charts) and paint",
    }


if __name__ == "__main__":
    print(json.dumps(_child(Path(sys.argv[1]))))
