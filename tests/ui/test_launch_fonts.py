"""A real launch loads the font configuration ahead, and Qt draws with that one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.ui.launch_probe import launch_with_probe

# The probe wraps the warm-up to see when and where it runs, and at the first paint asks
# fontconfig for its current configuration: one made at the warm-up, not a second one.
_PROBE = """
import ctypes, json, os, threading
import app.font_warmup as warmup
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
fontconfig = ctypes.CDLL("libfontconfig.so.1")
fontconfig.FcConfigGetCurrent.restype = ctypes.c_void_p
seen = {}
_load = warmup._load
def watched_load():
    seen["thread"] = threading.current_thread().name
    seen["before_the_application"] = QApplication.instance() is None
    _load()
    seen["loaded"] = fontconfig.FcConfigGetCurrent()
warmup._load = watched_load
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "drawn_with" not in seen:
            seen["drawn_with"] = fontconfig.FcConfigGetCurrent()
            for thread in threading.enumerate():  # a busy machine may not have let it end
                if thread.name == "facewell-fonts":
                    thread.join(timeout=10)
            print(json.dumps(seen), flush=True)
            os._exit(0)
        return False
probe = FirstPaint()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is Linux's")
def test_the_window_draws_with_the_configuration_loaded_ahead(repo: Path, tmp_path: Path) -> None:
    seen = launch_with_probe(repo, tmp_path, _PROBE, {"XDG_RUNTIME_DIR": str(tmp_path)})
    assert seen is not None
    assert seen["thread"] == "facewell-fonts"
    assert seen["before_the_application"] is True
    assert seen["loaded"] and seen["drawn_with"] == seen["loaded"]
