"""The real window plays Gentle face and a whole cold compress on fast fake clocks.

Run by tests/ui/test_soak.py in a child process, so that a binding that aborts
(none_dealloc) fails the test instead of killing pytest. Every frame moves the clock
on, delivers what fell due and redraws the page, as the display timer does, and lets
Qt paint. Prints one JSON line; exits normally, so an abort at exit is seen too.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from app.core.clock import FakeClock
from app.gui import _Services
from app.ownership import claim_history
from app.services.settings import Settings
from app.storage.history import open_read_only
from app.ui.context import AppContext
from app.ui.feedback_dialog import FeedbackDialog
from app.ui.main_window import MainWindow
from app.ui.theme import apply_theme, new_application

ROUTINE_STEP = 0.2  # seconds of routine per frame: five times as fast as real
COMPRESS_STEP = 0.5


def _wait(app: QApplication, done: object, timeout: float = 20.0) -> None:
    assert callable(done)
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        app.processEvents()
        time.sleep(0.005)


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="facewell-soak-"))
    settings = Settings(data_dir)
    settings.lead_in = False
    settings.disclaimer_seen = True
    settings.condition_asked = True
    # The after-routine question is modal; a person would answer it, the soak skips it.
    FeedbackDialog.ask = classmethod(lambda cls, parent, title: None)  # type: ignore[method-assign,assignment]
    app = new_application(["facewell"], settings.theme)
    apply_theme(app, settings.theme, settings.text_scale)
    clock, boot = FakeClock(), FakeClock()
    context = AppContext(data_dir, settings, None, mute=True, clock=clock, boot_clock=boot)
    lock = claim_history(data_dir, "window", wanted="soak")
    window = MainWindow(context)
    services = _Services(context, window, None, lock)
    window.first_frame_shown.connect(services.start)
    window.show()
    _wait(app, lambda: services.history is not None and context.recorder is not None)
    none_before = sys.getrefcount(None)
    frames = 0

    routine = window.library.find("gentle-face")
    assert routine is not None
    window.start_routine(routine)
    player = window.player
    _wait(app, lambda: player.driver is not None and player.is_running)
    while player.is_running:
        clock.advance(ROUTINE_STEP)
        assert player.driver is not None
        player.driver.poll()
        player.refresh()
        app.processEvents()
        frames += 1

    window.start_compress("cold")
    compress = window.compress
    _wait(app, lambda: compress.is_running)
    while compress.is_running:
        boot.advance(COMPRESS_STEP)
        compress.poll()
        compress.refresh()
        app.processEvents()
        frames += 1

    none_after = sys.getrefcount(None)
    services.close()
    window.close()
    lock.release() if lock is not None else None
    opened = open_read_only(data_dir)
    assert opened.history is not None
    sessions = [
        (s.routine, s.status, round(s.elapsed_s), round(s.planned_s))
        for s in opened.history.sessions.page()
    ]
    opened.history.close()
    print(
        json.dumps(
            {
                "frames": frames,
                "none_before": none_before,
                "none_after": none_after,
                "sessions": sessions,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
