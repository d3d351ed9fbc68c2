"""One session runner: everything a routine needs to play, wired in one place.

The player page, the compress page and the terminal runner each used to compile the
timeline, make the session, the cue player, the driver, the history log and the sound
preparation themselves, three slightly different ways (the compress page, for one,
stopped its driver with signals blocked, so a stopped compress was never closed in the
history and came back as "interrupted"). Now they make a SessionRunner and listen.

The routine's speech is rendered first, then the timeline is compiled with how long
each line really takes (app/core/timeline.py): lead-ins hold the introductions, holds
keep their length, no line runs into another. Until then ``timeline`` is an estimate
at the person's speaking rate, good for showing the length while the voice is made.

With a natural voice whose lines are not all cached, the routine may start once the
lines of its first two minutes are rendered (app/core/early_start.py): lines not yet
measured are compiled with a reserved length and spoken by the system voice's
stand-in until their own render arrives and fits.

The routine played is the one chosen, made to fit the person's condition (Settings,
app/core/adapt.py): steps that may not suit it are left out or played gently, and
``adaptation`` says which, for the page to show; the routine itself says it aloud.

Threads: the GUI (or terminal) thread only.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.adapt import Adaptation, adapt_routine
from app.core.clock import Clock
from app.core.early_start import can_start, planned_lengths, start_order
from app.core.routine import Routine
from app.core.session import Session, State
from app.core.timeline import Timeline, compile_timeline, estimate_seconds
from app.resources import audio_dir
from app.services.driver import SessionDriver
from app.services.player import CuePlayer, SilentPlayer, SoundPlayer
from app.services.preparation import Preparation
from app.services.session_log import SessionLog
from app.services.settings import Settings

if TYPE_CHECKING:
    from app.services.speech_service import SpeechService
    from app.services.trace import TraceWriter
    from app.storage.recorder import SessionRecorder

__all__ = ["SessionRunner", "apply_sound_settings", "sound_player"]


def sound_player(settings: Settings, parent: QObject | None = None) -> SoundPlayer:
    """The real cue player, with the person's voice, chimes and volume settings."""
    player = SoundPlayer(audio_dir(), parent)
    apply_sound_settings(player, settings)
    return player


def apply_sound_settings(player: SoundPlayer, settings: Settings) -> None:
    player.voice_enabled = settings.voice_enabled
    player.chimes_enabled = settings.chimes_enabled
    player.set_volume(settings.volume)


class SessionRunner(QObject):
    """A routine made playable: its sound prepared, its timeline compiled with the
    measured speech, then session, driver and history log.

    Call :meth:`prepare`; ``ready`` fires once the speech is rendered and loaded (at
    once when muted) and ``session``/``driver`` exist; then :meth:`start`. The driver's
    signals are forwarded, so listeners can connect before it exists.
    """

    progress = Signal(int, int)  # done, total: speech being prepared
    notice = Signal(str)  # one plain sentence (no sound device, no voice)
    ready = Signal()
    phase_changed = Signal(object)  # Segment
    cue_played = Signal(object, str)  # Cue, Played.*
    state_changed = Signal(str)  # State value
    finished = Signal()

    def __init__(
        self,
        routine: Routine,
        *,
        settings: Settings,
        clock: Clock,
        speech: SpeechService | None = None,
        recorder: SessionRecorder | None = None,
        mute: bool = False,
        sound: SoundPlayer | None = None,
        stall_limit: float | None = None,
        max_sleep: float | None = None,
        trace: TraceWriter | None = None,
        severity_before: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``sound``: a SoundPlayer to reuse (its sounds stay loaded); else one is made
        unless ``mute``. ``stall_limit`` and ``max_sleep``: see Session and
        SessionDriver (a routine: 2 s and 1 s; a compress: None and 1 s)."""
        super().__init__(parent)
        self.adaptation: Adaptation = adapt_routine(routine, settings.condition)
        self.routine = self.adaptation.routine
        self._settings = settings
        self._clock = clock
        self._recorder = recorder
        self._stall_limit = stall_limit
        self._max_sleep = max_sleep
        self._trace = trace
        self._severity_before = severity_before
        self.timeline: Timeline = compile_timeline(self.routine, self._estimate)
        self.session: Session | None = None
        self.driver: SessionDriver | None = None
        self.log: SessionLog | None = None
        self.player: CuePlayer
        self._sound: SoundPlayer | None = None
        if mute:
            self.player = SilentPlayer()
        else:
            self._sound = sound if sound is not None else sound_player(settings, self)
            apply_sound_settings(self._sound, settings)
            self.player = self._sound
        self._preparation: Preparation | None = None
        if self._sound is not None:
            self._preparation = Preparation(self._sound, speech, self)
            self._preparation.progress.connect(self.progress)
            self._preparation.notice.connect(self.notice)
            self._preparation.ready.connect(self._prepared)
            self._preparation.late_line.connect(self._late_line)
        self._stopped = False
        self.reserved: dict[str, float] = {}
        """Lines compiled before they were measured, and the room each was given."""

    def _estimate(self, text: str) -> float:
        return estimate_seconds(text, self._settings.rate)

    @property
    def sound(self) -> SoundPlayer | None:
        return self._sound

    @property
    def is_over(self) -> bool:
        return self._stopped or (self.session is not None and self.session.is_over)

    def prepare(self) -> None:
        """Render and load the routine's sound, then compile; ``ready`` follows, at
        once when there is nothing to prepare (muted), else from the event loop."""
        if self._preparation is not None:
            lines = start_order(self.routine, self._settings.rate)  # spoken_lines, reordered
            self._preparation.prepare(lines, self._settings.voice_settings(), self._may_start)
        else:
            self._prepared()

    def _may_start(self, measured: Mapping[str, float], stand_ins: Mapping[str, float]) -> bool:
        return can_start(self.routine, measured, self._settings.rate, stand_ins)

    def _prepared(self) -> None:
        if self._stopped or self.session is not None:
            return
        preparation = self._preparation
        seconds = preparation.seconds if preparation is not None else {}
        if preparation is not None and preparation.started_early:
            loaded = dict(preparation.loaded_seconds)  # not those measured since
            planned = planned_lengths(
                loaded, self._settings.rate, dict(preparation.stand_in_seconds)
            )
            self.timeline = compile_timeline(self.routine, planned)
            self.reserved = {
                cue.text: cue.length
                for cue in self.timeline.cues
                if cue.text and cue.text not in loaded
            }
        else:
            self.timeline = compile_timeline(
                self.routine, lambda text: seconds.get(text) or self._estimate(text)
            )
        self.session = Session(self.timeline, self._clock, stall_limit=self._stall_limit)
        self.driver = SessionDriver(
            self.session, self.player, self._clock, self._trace, self, max_sleep=self._max_sleep
        )
        self.driver.phase_changed.connect(self.phase_changed)
        self.driver.cue_played.connect(self.cue_played)
        self.driver.state_changed.connect(self.state_changed)
        self.driver.finished.connect(self.finished)
        if self._recorder is not None:
            self.log = SessionLog(
                self._recorder, self.driver, severity_before=self._severity_before
            )
        self.ready.emit()

    def _late_line(self, text: str, path: Path, seconds: float) -> None:
        """A line rendered while the routine plays: it takes its stand-in's place only
        if it fits the room the timeline gave it (else the stand-in speaks it)."""
        room = self.reserved.get(text)
        if room is not None and seconds <= room and self._sound is not None:
            self._sound.replace_speech(text, path)

    def start(self) -> None:
        if self.session is not None and self.session.state is State.READY:
            assert self.driver is not None
            self.driver.start()

    def stop(self) -> None:
        """Stop the routine; the history records it as stopped (once it had started)."""
        self._stopped = True
        if self.driver is not None:
            self.driver.stop()

    def feedback(self, severity_after: int | None, feeling: str, note: str) -> None:
        if self.log is not None:
            self.log.feedback(severity_after, feeling, note)

    def close(self) -> None:
        """Stop if still running (recorded as stopped), silence it, and delete this
        runner later with what it made (a reused sound player stays with its owner)."""
        self.stop()
        if self._preparation is not None:
            self._preparation.cancel()
            self._preparation.blockSignals(True)
        if self._sound is not None:
            self._sound.stop_all()
        self.deleteLater()
