"""One session runner: everything a routine needs to play, wired in one place.

The player page, the compress page and the terminal runner each used to compile the
timeline, make the session, the cue player, the driver, the history log and the sound
preparation themselves, three slightly different ways (the compress page, for one,
stopped its driver with signals blocked, so a stopped compress was never closed in the
history and came back as "interrupted"). Now they make a SessionRunner and listen.

Threads: the GUI (or terminal) thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.clock import Clock
from app.core.session import Session, State
from app.core.timeline import Timeline
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

__all__ = ["SessionRunner", "sound_player"]


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
    """A timeline made playable: session, cue player, driver, history log, sound.

    Call :meth:`prepare`; ``ready`` fires once the speech is rendered and loaded (at
    once when there is nothing to prepare), then :meth:`start`. ``driver`` carries the
    phase, cue, state and end signals.
    """

    progress = Signal(int, int)  # done, total: speech being prepared
    notice = Signal(str)  # one plain sentence (no sound device, no voice)
    ready = Signal()

    def __init__(
        self,
        timeline: Timeline,
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
        self.timeline = timeline
        self._settings = settings
        self.player: CuePlayer
        self._sound: SoundPlayer | None = None
        if mute:
            self.player = SilentPlayer()
        else:
            self._sound = sound if sound is not None else sound_player(settings, self)
            apply_sound_settings(self._sound, settings)
            self.player = self._sound
        self.session = Session(timeline, clock, stall_limit=stall_limit)
        self.driver = SessionDriver(
            self.session, self.player, clock, trace, self, max_sleep=max_sleep
        )
        self.log = (
            SessionLog(recorder, self.driver, severity_before=severity_before)
            if recorder is not None
            else None
        )
        self._preparation: Preparation | None = None
        if self._sound is not None:
            self._preparation = Preparation(self._sound, speech, self)
            self._preparation.progress.connect(self.progress)
            self._preparation.notice.connect(self.notice)
            self._preparation.ready.connect(self.ready)

    @property
    def sound(self) -> SoundPlayer | None:
        return self._sound

    @property
    def is_over(self) -> bool:
        return self.session.is_over

    def prepare(self) -> None:
        """Render and load the routine's sound; ``ready`` follows, at once when there
        is nothing to prepare (muted), else from the event loop."""
        if self._preparation is not None:
            self._preparation.prepare(self.timeline, self._settings.voice_settings())
        else:
            self.ready.emit()

    def start(self) -> None:
        if self.session.state is State.READY:
            self.driver.start()

    def stop(self) -> None:
        """Stop the routine; the history records it as stopped (once it had started)."""
        self.driver.stop()

    def feedback(self, severity_after: int | None, feeling: str, note: str) -> None:
        if self.log is not None:
            self.log.feedback(severity_after, feeling, note)

    def close(self) -> None:
        """Stop if still running (recorded as stopped), silence it, and delete this
        runner later with what it made (a reused sound player stays with its owner)."""
        self.stop()
        if self._preparation is not None:
            self._preparation.blockSignals(True)
        if self._sound is not None:
            self._sound.stop_all()
        self.deleteLater()
