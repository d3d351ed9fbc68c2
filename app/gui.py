"""Start the Qt application. Imported only when a window is wanted."""

from __future__ import annotations

import sys
from pathlib import Path

from app.core.routine import Routine


def run_gui(
    data_dir: Path,
    *,
    routine: Routine | None = None,
    mute: bool = False,
    trace: Path | None = None,
) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.paths import ensure_private_dir
    from app.services.notices import ThreadNotices
    from app.services.settings import Settings
    from app.services.speech_service import SpeechService
    from app.storage.history import open_history
    from app.storage.recorder import SessionRecorder
    from app.ui.context import AppContext
    from app.ui.main_window import MainWindow
    from app.ui.theme import apply_theme

    QApplication.setApplicationName("Facewell")
    QApplication.setOrganizationName("Facewell")
    QApplication.setApplicationDisplayName("Facewell")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # the tray may keep a timer running
    ensure_private_dir(data_dir)
    settings = Settings(data_dir)
    apply_theme(app, settings.theme, settings.text_scale)
    speech = None if mute else SpeechService(ensure_private_dir(data_dir / "cache" / "speech"))
    opened = open_history(data_dir)
    notices = ThreadNotices()
    recorder = SessionRecorder(data_dir if opened.history else None, notices.post)
    context = AppContext(
        data_dir=data_dir, settings=settings, speech=speech, mute=mute, recorder=recorder
    )
    window = MainWindow(context)
    notices.posted.connect(window.show_banner)
    window.player.trace_path = trace
    window.show()
    for text in opened.notices:
        window.show_banner(text)
    if speech is not None:
        QTimer.singleShot(500, speech.request_voices)
    if routine is not None:
        QTimer.singleShot(0, lambda: window.start_routine(routine))
    code = app.exec()
    if speech is not None:
        speech.shutdown()
    recorder.close()  # the last writes land before the process leaves
    if opened.history is not None:
        opened.history.close()
    return code
