"""A real launch: the collector is paused for the first frame and running after it."""

from __future__ import annotations

from pathlib import Path

from tests.ui.launch_probe import launch_with_probe

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
"""


def test_the_first_frame_is_drawn_paused_and_collecting_resumes(repo: Path, tmp_path: Path) -> None:
    seen = launch_with_probe(repo, tmp_path, _PROBE, {"XDG_RUNTIME_DIR": str(tmp_path)})
    assert seen == {"at_first_paint": False, "after_first_frame": True}
