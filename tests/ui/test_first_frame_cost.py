"""What the first frame leaves for later: Qt's and QStyle's enums, the routine parser,
the types of the widgets it doesn't show.

PySide6 builds the Python enums of a class the first time the class is touched, and
`Qt` alone has some ninety of them (about 40 ms). make bench times the launch; this
test names the causes, so that a stray import shows up here and not as a slow start.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.launch_probe import launch_with_probe

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
        if event.type() == QEvent.Type.Paint and os.environ.get("PROBE_UNTIL_READY"):
            os.environ.pop("PROBE_UNTIL_READY")  # a run that reads the routines first
            obj.first_frame_shown.connect(lambda: os._exit(0))
        elif event.type() == QEvent.Type.Paint:
            sys.setprofile(None)
            modules = sorted(name for name in sys.modules if name.startswith("app."))
            modules += [name for name in ("_hashlib",) if name in sys.modules]
            cards = obj.routines.list.count() if hasattr(obj, "routines") else -1
            print(json.dumps({"enums": enums, "modules": modules, "cards": cards}), flush=True)
            os._exit(0)
        return False
probe = FirstPaint()
"""


def _first_frame(repo: Path, tmp_path: Path, until_ready: bool = False) -> dict[str, Any]:
    env = {"PROBE_UNTIL_READY": "1"} if until_ready else {}
    return launch_with_probe(repo, tmp_path, _PROBE, env) or {}


def test_the_first_frame_builds_neither_qt_nor_qstyle_enums(repo: Path, tmp_path: Path) -> None:
    seen = _first_frame(repo, tmp_path)
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


def test_a_second_start_draws_its_cards_in_the_first_frame(repo: Path, tmp_path: Path) -> None:
    """From the cards' cache (app/core/card_words.py): the routines, their parser and
    the card painter's text, all without `Qt`'s enums (giving a painter a pen builds
    them, which is why the cards are text documents)."""
    first = _first_frame(repo, tmp_path)  # no cache yet: the list fills after this frame
    assert first["cards"] == 0
    _first_frame(repo, tmp_path, until_ready=True)  # a run that reads them, and keeps them
    again = _first_frame(repo, tmp_path)
    assert again["cards"] > 5
    assert "AlignmentFlag" not in set(again["enums"])
    # Nor every QWidget subclass's type (QWizard's, QMessageBox's...): PySide6 loads
    # them all the first time a QWidget made in C++ comes into Python, as a scroll
    # area's viewport() did when the page kept its current card in view: 10-17 ms.
    assert not {"WizardStyle", "StandardButton", "FileMode"} & set(again["enums"])
    assert "app.core.loader" not in set(again["modules"])
