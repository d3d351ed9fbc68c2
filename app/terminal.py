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

from app import messages
from app.core.clock import monotonic
from app.core.durations import format_clock
from app.core.routine import Routine
from app.core.session import STALL_SECONDS
from app.core.timeline import SOUND_SECONDS, Cue, Segment, Sound
from app.ownership import AlreadyInUse, claim_history
from app.paths import ensure_private_dir, speech_cache_dir, voices_dir
from app.services.notices import ThreadNotices
from app.services.runner import SessionRunner
from app.services.settings import Settings
from app.services.speech_service import open_speech
from app.services.trace import TraceWriter
from app.storage.history import open_history
from app.storage.owner import HistoryLock
from app.storage.recorder import SessionRecorder

REFRESH_MS = 200
# Let the end chime (the routine's last sound) ring out before the process exits.
END_CHIME_MS = round((SOUND_SECONDS[Sound.END] + 0.5) * 1000)


class TerminalView(QObject):
    """Prints steps and instructions, and a live countdown line when stdout is a terminal."""

    def __init__(self, runner: SessionRunner, out: TextIO, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._out = out
        self._live = out.isatty()
        self._step = -1
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._refresh)
        runner.phase_changed.connect(self._on_phase)
        runner.cue_played.connect(self._on_cue)

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
        timeline = self._runner.timeline
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
        session = self._runner.session
        if not self._live or session is None or session.is_over:
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
    ensure_private_dir(data_dir)
    try:
        lock = claim_history(data_dir, "terminal", wanted="record this routine")
    except AlreadyInUse as refused:
        print(f"facewell: {refused.message}", file=sys.stderr)
        return 1
    try:
        return _run(app, routine, data_dir, lock, mute=mute, trace=trace, out=out)
    finally:
        if lock is not None:
            lock.release()


def _run(
    app: QCoreApplication,
    routine: Routine,
    data_dir: Path,
    lock: HistoryLock | None,
    *,
    mute: bool,
    trace: Path | None,
    out: TextIO,
) -> int:
    settings = Settings(data_dir)
    opened = open_history(data_dir, lock=lock)
    if opened.history is not None:
        opened.history.close()  # the recorder keeps its own connection on its thread
    # Where nothing can be saved the notices say so; the recorder stays quiet.
    usable = opened.history is not None and opened.writable
    told = ThreadNotices(app)  # the recorder's news, from its thread, said on this one
    recorder = SessionRecorder(
        data_dir if usable else None,
        lambda event: told.post(messages.recorder_news(event)),
        quiet=not usable,
    )
    speech, speech_problem = (
        (None, None)
        if mute
        else open_speech(speech_cache_dir(data_dir), parent=app, voices_dir=voices_dir(data_dir))
    )
    if speech is not None:
        app.aboutToQuit.connect(speech.shutdown)
    runner = SessionRunner(
        routine,
        settings=settings,
        clock=monotonic,
        speech=speech,
        recorder=recorder,
        mute=mute,
        # Waking once a second lets the session tell a stall (Ctrl+Z) from a long phase.
        stall_limit=STALL_SECONDS,
        max_sleep=1.0,
        trace=_trace(trace),
        parent=app,
    )
    view = TerminalView(runner, out)
    view.line(
        f"{routine.name} — about {format_clock(runner.timeline.total)}. Press Ctrl+C to stop."
    )
    for text in runner.adaptation.shown():  # steps changed for the person's condition
        view.line(text)
    for text in messages.notices(opened.notices):
        view.line(text)
    if speech_problem is not None:
        view.line(speech_problem)
    told.posted.connect(view.line)

    def stop(*_: object) -> None:
        if not runner.is_over:
            runner.stop()
            view.line("\nStopped.")
        app.quit()

    signal.signal(signal.SIGINT, stop)
    runner.finished.connect(lambda: view.line("\nFinished. Well done."))
    # The end chime is the last sound: the process waits for it to ring out.
    runner.finished.connect(
        lambda: QTimer.singleShot(END_CHIME_MS if runner.sound else 0, app.quit)
    )

    def begin() -> None:
        view.start()
        runner.start()

    runner.notice.connect(view.line)
    runner.progress.connect(view.progress)
    runner.ready.connect(begin)
    QTimer.singleShot(0, runner.prepare)
    app.exec()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    recorder.close()
    app.processEvents()  # what the recorder said while closing
    finished = runner.session is not None and runner.session.state == "finished"
    return 0 if finished else 130


def _trace(path: Path | None) -> TraceWriter | None:
    return TraceWriter(path) if path is not None else None
