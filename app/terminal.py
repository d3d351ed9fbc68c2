"""`facewell run ROUTINE --no-gui`: the routine in a terminal, with the same sound.

It reuses the Qt session driver and player on a QCoreApplication event loop, so the
timing and the audio are exactly those of the window.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from app.core.clock import monotonic
from app.core.durations import format_clock
from app.core.routine import Routine
from app.core.session import Session
from app.core.timeline import Cue, Segment, compile_timeline
from app.resources import audio_dir
from app.services.driver import SessionDriver
from app.services.player import CuePlayer, SilentPlayer, SoundPlayer
from app.services.preparation import Preparation
from app.services.session_log import SessionLog
from app.services.settings import Settings
from app.services.speech_service import open_speech
from app.services.trace import TraceWriter
from app.storage.history import open_history
from app.storage.recorder import SessionRecorder

REFRESH_MS = 200
# Let the end chime ring out before the process exits.
END_CHIME_MS = 2000


class TerminalView(QObject):
    """Prints steps and instructions, and a live countdown line when stdout is a terminal."""

    def __init__(self, driver: SessionDriver, out: TextIO, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._driver = driver
        self._out = out
        self._live = out.isatty()
        self._step = -1
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._refresh)
        driver.phase_changed.connect(self._on_phase)
        driver.cue_played.connect(self._on_cue)

    def start(self) -> None:
        # The timer also gives Python a chance to run the Ctrl+C handler.
        self._timer.start(REFRESH_MS)

    def line(self, text: str) -> None:
        if self._live:
            self._out.write("\r\033[K")
        self._out.write(text + "\n")
        self._out.flush()

    def progress(self, done: int, total: int) -> None:
        if self._live:
            self._out.write(f"\r\033[KPreparing the voice: {done} of {total}")
            self._out.flush()

    def _on_phase(self, segment: Segment) -> None:
        timeline = self._driver.session.timeline
        if segment.step != self._step:
            self._step = segment.step
            step = timeline.routine.steps[segment.step]
            count = len(timeline.routine.steps)
            self.line(f"\n[{segment.step + 1}/{count}] {step.title}")
            if step.instruction:
                self.line(f"    {step.instruction}")
        if not self._live:
            rep = f"  ({segment.rep} of {segment.reps})" if segment.reps > 1 else ""
            self.line(f"    {segment.text}{rep}  {format_clock(segment.duration)}")

    def _on_cue(self, cue: Cue, played: str) -> None:
        if cue.kind == "speech" and not self._live:
            self.line(f"    « {cue.text} »")

    def _refresh(self) -> None:
        session = self._driver.session
        if not self._live or session.is_over:
            return
        position = session.position()
        segment = session.timeline.segment_at(position)
        rep = f" {segment.rep} of {segment.reps}" if segment.reps > 1 else ""
        paused = "  (paused)" if session.state == "paused" else ""
        self._out.write(
            f"\r\033[K    {segment.text}{rep}   {format_clock(segment.end - position)}"
            f"   ·   {format_clock(session.total - position)} left{paused}"
        )
        self._out.flush()


def run_terminal(
    routine: Routine,
    data_dir: Path,
    *,
    mute: bool = False,
    trace: Path | None = None,
    out: TextIO = sys.stdout,
) -> int:
    app = QCoreApplication.instance() or QCoreApplication([])
    timeline = compile_timeline(routine)
    settings = Settings(data_dir)
    player: CuePlayer
    sound: SoundPlayer | None = None
    if mute:
        player = SilentPlayer()
    else:
        sound = SoundPlayer(audio_dir())
        sound.voice_enabled = settings.voice_enabled
        sound.chimes_enabled = settings.chimes_enabled
        sound.set_volume(settings.volume)
        player = sound
    driver = SessionDriver(Session(timeline, monotonic), player, trace=_trace(trace))
    view = TerminalView(driver, out)
    view.line(f"{routine.name} — {format_clock(timeline.total)}. Press Ctrl+C to stop.")
    opened = open_history(data_dir)
    for notice in opened.notices:
        view.line(notice)
    if opened.history is not None:
        opened.history.close()  # the recorder keeps its own connection on its thread
    recorder = SessionRecorder(data_dir if opened.history else None, view.line)
    SessionLog(recorder, driver)

    def stop(*_: object) -> None:
        if not driver.session.is_over:
            driver.stop()
            view.line("\nStopped.")
        app.quit()

    signal.signal(signal.SIGINT, stop)
    driver.finished.connect(lambda: view.line("\nFinished. Well done."))
    driver.finished.connect(lambda: QTimer.singleShot(END_CHIME_MS if sound else 0, app.quit))

    def begin() -> None:
        view.start()
        driver.start()

    if sound is None:
        QTimer.singleShot(0, begin)
    else:
        speech, problem = open_speech(data_dir / "cache" / "speech", parent=app)
        if problem is not None:
            view.line(problem)
        preparation = Preparation(sound, speech, parent=app)
        preparation.notice.connect(lambda text: view.line(text))
        preparation.progress.connect(lambda done, total: view.progress(done, total))
        preparation.ready.connect(begin)
        preparation.prepare(timeline, settings.voice_settings())
        if speech is not None:
            app.aboutToQuit.connect(speech.shutdown)
    app.exec()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    recorder.close()
    finished = driver.session.state == "finished"
    return 0 if finished else 130


def _trace(path: Path | None) -> TraceWriter | None:
    return TraceWriter(path) if path is not None else None
