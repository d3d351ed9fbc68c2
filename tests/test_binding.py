"""The installed Qt binding must not leak references to None, True or False.

WORKAROUND guard for PySide6 6.12.0 on CPython 3.11: every wrapped call that returns
nothing drops one reference to None, and every Python ``Signal.emit`` one to True. None
starts with some 5,000 references, so a playing window died with "Fatal Python error:
none_dealloc" within a minute, and every exit aborted with "bool_dealloc" after a few
hundred signals. pyproject.toml keeps that release off Python < 3.12 (docs/binding.md);
this test fails on any binding that does it, whatever its version.

The calls run in a child interpreter with the same binding, holding a million extra
references to each singleton so a leaking binding survives the measurement, and leaving
with ``os._exit`` so the damage never reaches finalization. On Python 3.12 and newer the
singletons are immortal: their counts never move and such a leak is harmless.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import Any

import pytest

CALLS = 5000
TIMEOUTS = 2000
TOLERANCE = 50
"""Python's own caches move the counts by a handful; the bug moves them by one a call."""

_CHILD = textwrap.dedent(
    r"""
    import ctypes, gc, json, os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QObject, QTimer, Signal
    from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QWidget

    CALLS, TIMEOUTS = int(sys.argv[1]), int(sys.argv[2])
    app = QApplication.instance() or QApplication([])
    pad = [None, True, False] * 1_000_000  # keeps a leaking binding alive meanwhile

    class Emitter(QObject):
        sig = Signal(int)

    class Receiver(QObject):
        n = 0
        def slot(self, value):
            self.n += 1

    label, obj, bar = QLabel(), QObject(), QProgressBar()
    bar.setRange(0, CALLS + 100)
    hidden, shown = QWidget(), QWidget()
    shown.show()
    idle, running = QTimer(), QTimer()
    running.start(1_000_000)
    emitter, receiver = Emitter(), Receiver()
    emitter.sig.connect(receiver.slot)

    def timeouts(n):
        state = {"n": 0}
        timer = QTimer()
        timer.setInterval(0)
        def tick():
            state["n"] += 1
            if state["n"] >= n:
                timer.stop()
                app.quit()
        timer.timeout.connect(tick)
        timer.start()
        app.exec()

    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    cases = {
        "QLabel.setText": lambda n: [label.setText("x") for _ in range(n)],
        "QObject.setObjectName": lambda n: [obj.setObjectName("o") for _ in range(n)],
        "QProgressBar.setValue": lambda n: [bar.setValue(i) for i in range(n)],
        "QWidget.isVisible (False)": lambda n: [hidden.isVisible() for _ in range(n)],
        "QWidget.isVisible (True)": lambda n: [shown.isVisible() for _ in range(n)],
        "QWidget.hasFocus": lambda n: [hidden.hasFocus() for _ in range(n)],
        "QTimer.isActive (False)": lambda n: [idle.isActive() for _ in range(n)],
        "QTimer.isActive (True)": lambda n: [running.isActive() for _ in range(n)],
        "Signal.emit to a Python slot": lambda n: [emitter.sig.emit(i) for i in range(n)],
        "QTimer.timeout to a Python slot": timeouts,
        "canary: Py_IncRef(None)": lambda n: [incref(None) for _ in range(n)],
    }

    def counts():
        gc.collect()
        return [sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)]

    import PySide6
    out = {"python": sys.version.split()[0], "pyside": PySide6.__version__, "cases": {}}
    for name, run in cases.items():
        calls = TIMEOUTS if run is timeouts else CALLS
        run(20)  # warm-up: lazy caches, signatures
        before = counts()
        run(calls)
        after = counts()
        out["cases"][name] = {
            "calls": calls, "before": before, "delta": [a - b for a, b in zip(after, before)]
        }
    print("RESULT " + json.dumps(out), flush=True)
    os._exit(0)
    """
)

BINDING_CASES = [
    "QLabel.setText",
    "QObject.setObjectName",
    "QProgressBar.setValue",
    "QWidget.isVisible (False)",
    "QWidget.isVisible (True)",
    "QWidget.hasFocus",
    "QTimer.isActive (False)",
    "QTimer.isActive (True)",
    "Signal.emit to a Python slot",
    "QTimer.timeout to a Python slot",
]


@pytest.fixture(scope="module")
def measured() -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(CALLS), str(TIMEOUTS)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, f"the child failed ({done.returncode}): {done.stderr}"
    result: dict[str, Any] = json.loads(lines[-1].removeprefix("RESULT "))
    return result


@pytest.mark.parametrize("case", BINDING_CASES)
def test_calls_keep_none_true_and_false_counted(measured: dict[str, Any], case: str) -> None:
    result = measured["cases"][case]
    moved = {
        name: delta
        for name, delta in zip(("None", "True", "False"), result["delta"], strict=True)
        if abs(delta) > TOLERANCE
    }
    assert not moved, (
        f"PySide6 {measured['pyside']} on Python {measured['python']}: {result['calls']} "
        f"calls of {case} moved the reference counts by {moved}. This binding aborts "
        "with none_dealloc or bool_dealloc here; pin it away in pyproject.toml."
    )


def test_the_measurement_sees_a_leak_where_counts_can_move(measured: dict[str, Any]) -> None:
    """The canary adds CALLS references to None: seen as such, unless None is immortal
    (3.12+), where the count is a fixed constant and no leak can do harm."""
    delta = measured["cases"]["canary: Py_IncRef(None)"]["delta"][0]
    if sys.version_info >= (3, 12):
        assert delta == 0
        assert measured["cases"]["canary: Py_IncRef(None)"]["before"][0] >= 2**30
    else:
        assert abs(delta - CALLS) <= TOLERANCE
