"""Start the Qt application. Imported only when a window is wanted."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import app.ui.pyside_feature_check  # noqa: F401  (first: see its docstring)

# isort: split

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from app.desktop.identity import APP_ID
from app.desktop.wishes import handle_wish, launch_wish
from app.folders import theme_pictures_dir
from app.launch import resume_collector
from app.ownership import AlreadyInUse, claim_history
from app.paths import ensure_private_dir, speech_cache_dir, voices_dir
from app.services.settings import Settings
from app.services.single_instance import InstanceServer, forward
from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from app.ui.theme import apply_theme, disable_effects, new_application

WARM_AFTER_MS = 20_000
"""Idle this long after start-up, the built-in routines' lines are rendered ahead."""
WARM_AGAIN_MS = 60_000

if TYPE_CHECKING:
    from app.core.routine import Routine
    from app.services.notices import ThreadNotices
    from app.storage.history import History, OpenResult
    from app.storage.owner import HistoryLock


def run_gui(
    data_dir: Path,
    *,
    routine: Routine | None = None,
    mute: bool = False,
    trace: Path | None = None,
    query: str | None = None,
    hidden: bool = False,
    page: str | None = None,
) -> int:
    """The window, or (when one is open on ``data_dir``) the wish handed to it.

    ``query`` names ``routine`` for the open window; ``hidden`` starts with no window
    (docs/desktop.md, background mode); ``page`` is a launcher action (--open).
    """
    QApplication.setApplicationName("Facewell")
    QApplication.setOrganizationName("Facewell")
    QApplication.setApplicationDisplayName("Facewell")
    QApplication.setDesktopFileName(APP_ID)  # Wayland links the window to its launcher
    ensure_private_dir(data_dir)
    settings = Settings(data_dir)
    app = QApplication.instance() or new_application(sys.argv, settings.theme)
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # the tray may keep a timer running
    wish = launch_wish(query=query, hidden=hidden, page=page, mute=mute, trace=trace)
    if forward(data_dir, wish):
        return 0  # the open window has it: one Facewell, one recorder
    try:
        # The window may record at any moment: it owns the history while it is open.
        lock = claim_history(data_dir, "window", wanted="open another window")
    except AlreadyInUse as refused:
        # Another window may be starting right now: give it a moment to listen.
        if refused.holder.role == "window" and forward(data_dir, wish, wait=5.0):
            return 0
        _refuse(refused.message)
        return 1
    instance = InstanceServer(data_dir)
    apply_theme(app, settings.theme, settings.text_scale, pictures=theme_pictures_dir(data_dir))
    context = AppContext(data_dir=data_dir, settings=settings, speech=None, mute=mute)
    window = MainWindow(context)
    window.player_trace = trace
    # Everything the first screen does not need starts once its first frame is on
    # screen: nothing of it holds the window back.
    services = _Services(context, window, routine, lock)
    # A wish waits for the recorder: a routine started before it would go unrecorded.
    instance.requested.connect(
        lambda request: services.when_ready(lambda: handle_wish(window, data_dir, request))
    )
    # Listening on the turn after the routines are drawn (the socket module is ~9 ms
    # the first frame need not wait for): a second launch before then finds the lock held by a
    # window and keeps trying the socket for a few seconds (above). If listening
    # fails, a second launch is refused as before (AlreadyInUse).
    window.routines_listed.connect(lambda: QTimer.singleShot(0, instance.listen))
    window.first_frame_shown.connect(resume_collector)  # paused by app/launch.py
    window.first_frame_shown.connect(disable_effects)
    window.first_frame_shown.connect(services.start)
    if page is not None:
        services.when_ready(lambda: handle_wish(window, data_dir, wish))
    if hidden:
        window.start_hidden()
    else:
        window.show()
    code = app.exec()
    instance.close()
    services.close()
    if lock is not None:
        lock.release()
    return code


def _refuse(message: str) -> None:
    """Say why no window opens: on stderr for a terminal, in a box for a launcher."""
    from PySide6.QtWidgets import QMessageBox

    print(f"facewell: {message}", file=sys.stderr)
    QMessageBox.information(None, "Facewell is already open", message)


def _closed(opened: OpenResult) -> OpenResult:
    """The opening thread's connection is closed; the GUI thread attaches its own."""
    if opened.history is not None:
        opened.history.close()
    return opened


class _Services(QObject):
    """The parts of the app that start once the window is on screen."""

    _opened = Signal(object)  # OpenResult, from the opening thread

    def __init__(
        self,
        context: AppContext,
        window: MainWindow,
        routine: Routine | None,
        lock: HistoryLock | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.window = window
        self.routine = routine
        self.lock = lock
        self.history: History | None = None
        self.notices: ThreadNotices | None = None
        self._ready = False
        self._waiting: list[Callable[[], None]] = []
        self._warm_timer = QTimer(self)

    def when_ready(self, action: Callable[[], None]) -> None:
        """Run ``action`` once the history and the recorder are attached (now if they
        are): what it starts is recorded from its first second."""
        if self._ready:
            action()
        else:
            self._waiting.append(action)

    def start(self) -> None:
        # Qt's enums are built on first use, which takes tens of milliseconds: the
        # modules the first frame needs leave `Qt` alone, and this imports it after.
        from PySide6.QtCore import Qt

        from app.services.notices import ThreadNotices
        from app.services.speech_service import open_speech

        self.notices = ThreadNotices()
        self.notices.posted.connect(self.window.show_banner)
        context = self.context
        if not context.mute:
            speech, problem = open_speech(
                speech_cache_dir(context.data_dir), voices_dir=voices_dir(context.data_dir)
            )
            context.speech = speech
            if speech is not None:
                QTimer.singleShot(500, speech.request_voices)
                self._warm_timer.timeout.connect(self._warm)
                self._warm_timer.start(WARM_AFTER_MS)
            if problem is not None:
                self.window.show_banner(problem)
        # Checking, repairing and backing up the history reads the whole file: a worker
        # thread does it, and the GUI thread then attaches a cheap connection.
        self._opened.connect(self._history_opened, Qt.ConnectionType.QueuedConnection)
        threading.Thread(
            target=self._open_history, name="facewell-open-history", daemon=True
        ).start()

    def _open_history(self) -> None:
        from app.storage.history import open_history

        self._opened.emit(_closed(open_history(self.context.data_dir, lock=self.lock)))

    def restore(self, backup: Path) -> None:
        """Put the newest backup back in place of a damaged history (kept aside)."""
        from app.storage.history import restore_backup

        if self.context.recorder is not None:
            self.context.recorder.close()
            self.context.recorder = None
        if self.history is not None:
            self.history.close()
            self.history = None
        data_dir = self.context.data_dir
        threading.Thread(
            target=lambda: self._opened.emit(
                _closed(restore_backup(data_dir, backup, lock=self.lock))
            ),
            name="facewell-restore-history",
            daemon=True,
        ).start()

    def _history_opened(self, opened: OpenResult) -> None:
        from app import messages
        from app.storage.errors import StorageError
        from app.storage.history import History
        from app.storage.recorder import SessionRecorder

        notices = messages.notices(opened.notices)
        if opened.history is not None:
            try:
                self.history = History.attach(self.context.data_dir, read_only=not opened.writable)
            except StorageError as error:
                notices.append(messages.problem(error))
        # Where nothing can be saved the notices said so once; the recorder stays quiet.
        usable = self.history is not None and opened.writable
        self.context.recorder = SessionRecorder(
            self.context.data_dir if usable else None,
            lambda event: self.post_notice(messages.recorder_news(event)),
            quiet=not usable,
            on_saved=self.window.events.post_sessions_changed,
        )
        self.window.services_ready(self.history_provider)
        backup = opened.newest_backup
        if notices and opened.moved_aside is not None and backup is not None:
            self.window.show_banner(
                " ".join(notices), "Restore backup", lambda: self.restore(backup)
            )
        elif notices:
            self.window.show_banner(" ".join(notices))
        if self.routine is not None:
            routine, self.routine = self.routine, None
            self.window.start_routine(routine)
        self._ready = True
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    def _warm(self) -> None:
        """When idle, render the built-in routines' lines ahead (docs/voices.md): with
        a natural voice a cold first start would wait tens of seconds. Tried again
        while idle until one run reaches its end; a routine that starts stops it."""
        speech, settings = self.context.speech, self.context.settings
        if speech is None or speech.warmed or not settings.voice_enabled:
            self._warm_timer.stop()
            return
        self._warm_timer.setInterval(WARM_AGAIN_MS)
        if self.window.busy or speech.warming:
            return
        from app.speech.warmup import builtin_lines

        condition = settings.condition
        speech.warm(lambda: builtin_lines(condition), settings.voice_settings())

    def history_provider(self) -> History | None:
        return self.history

    def post_notice(self, text: str) -> None:
        """Safe from any thread; the banner shows it on the GUI thread."""
        if self.notices is not None:
            self.notices.post(text)

    def close(self) -> None:
        if self.context.speech is not None:
            self.context.speech.shutdown()
        if self.context.recorder is not None:
            self.context.recorder.close()  # the last writes land before the process leaves
        if self.history is not None:
            self.history.close()
