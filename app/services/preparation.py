"""Get a routine's sound ready before it starts: render speech, preload every effect.

Shared by the window and the terminal runner. Nothing here blocks: rendering happens
in the speech service's worker, loading in QtMultimedia, and `ready` fires once all of
it is done (or given up on, with a notice for the user).

Early start (app/core/early_start.py): given ``can_start``, a natural voice's lines are
reported one by one, after the system voice's stand-ins for those not cached yet.
As soon as ``can_start(seconds, stand_in_seconds)`` says the first minutes are
measured, what there is (natural renders, else stand-ins) is loaded and ``ready``
fires; every natural line rendered after that comes as ``late_line`` for the runner
to put in place of its stand-in if it fits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.services.player import SoundPlayer
from app.services.speech_service import SpeechService
from app.speech.cache import RenderedSpeech
from app.speech.settings import VoiceSettings

NO_DEVICE_NOTICE = (
    "No sound output was found, so this routine will guide you on screen only. "
    "Connect headphones or speakers and start again to hear it."
)
# Loading a WAV into a sound effect takes milliseconds; this is only a safety net.
LOAD_TIMEOUT_MS = 3000

StartRule = Callable[[Mapping[str, float], Mapping[str, float]], bool]
"""(measured seconds, stand-ins' seconds) -> the routine may start now."""


class Preparation(QObject):
    progress = Signal(int, int)  # done, total
    ready = Signal()
    notice = Signal(str)
    late_line = Signal(str, object, float)  # text, Path, seconds: rendered after ready

    def __init__(
        self, player: SoundPlayer, speech: SpeechService | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._speech = speech
        self._waiting = False
        self._loading = False
        self._can_start: StartRule | None = None
        self.seconds: dict[str, float] = {}
        """How long each line in the chosen voice plays, once measured."""
        self.stand_in_seconds: dict[str, float] = {}
        self.started_early = False
        self.loaded_seconds: dict[str, float] = {}
        """The lines loaded in the chosen voice when ``ready`` came, and their lengths:
        what the timeline may be compiled with (a line measured while the others
        loaded still has its stand-in loaded, so it comes as a ``late_line``)."""
        self._files: dict[str, Path] = {}
        self._stand_ins: dict[str, Path] = {}
        self._given: set[str] = set()  # the lines loaded in the chosen voice
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._finish)
        if speech is not None:
            speech.progress.connect(self._on_progress)
            speech.ready.connect(self._on_speech)
            speech.line_ready.connect(self._on_line)
            speech.unavailable.connect(self._on_unavailable)

    def prepare(
        self, texts: list[str], voice: VoiceSettings, can_start: StartRule | None = None
    ) -> None:
        """Render and load ``texts``; ``ready`` follows, and ``seconds`` then says how
        long each rendered one plays (texts without a render are left out). With
        ``can_start``, ``ready`` may come before the last line (early start, above)."""
        self._waiting = True
        self._loading = self.started_early = False
        self._can_start = can_start
        self.seconds, self.stand_in_seconds, self.loaded_seconds = {}, {}, {}
        self._files, self._stand_ins, self._given = {}, {}, set()
        if not self._player.has_device:
            self.notice.emit(NO_DEVICE_NOTICE)
        wants_voice = self._player.has_device and self._player.voice_enabled and texts
        if self._speech is None or not wants_voice or self._player.muted:
            QTimer.singleShot(0, self._finish)
            return
        self._speech.prepare(texts, voice, lines=can_start is not None)

    def cancel(self) -> None:
        """Stop waiting (Cancel while the voice is prepared), or stop rendering the
        rest of a routine that started early: the render stops too."""
        if self._waiting or self.started_early:  # early: the rest is still rendering
            self._waiting = self.started_early = False
            self._deadline.stop()
            if self._speech is not None:
                self._speech.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        if self._waiting and not self._loading:
            self.progress.emit(done, total)

    def _on_line(self, text: str, path: Path, seconds: float, stand_in: bool) -> None:
        if stand_in:
            self._stand_ins[text], self.stand_in_seconds[text] = path, seconds
        else:
            self._files[text], self.seconds[text] = path, seconds
            if not self._waiting:
                if self.started_early and text not in self._given:
                    self._given.add(text)
                    self.late_line.emit(text, path, seconds)
                return
        # A stand-in may be the line that was missing: the chosen voice can finish the
        # first minutes before the system voice has said them all.
        if self._waiting:
            self._start_early_if_it_may()

    def _start_early_if_it_may(self) -> None:
        rule = self._can_start
        if self._loading or rule is None or not self._stand_ins:
            return  # nothing stands in: this voice is fast, or every line was cached
        if rule(self.seconds, self.stand_in_seconds):
            # Set first: loading may finish at once, and ``ready`` then asks for it.
            self.started_early = True
            self._load({**self._stand_ins, **self._files})

    def _on_speech(self, files: dict[str, Path]) -> None:
        if not self._waiting or self._loading:
            return  # started early: the lines came one by one
        self.seconds = dict(files.seconds) if isinstance(files, RenderedSpeech) else {}
        self._files = dict(files)
        self._load(files)

    def _load(self, files: dict[str, Path]) -> None:
        self._loading = True
        self._given = set(self._files)
        self.loaded_seconds = {t: self.seconds[t] for t in self._given if t in self.seconds}
        self._player.load_speech(files)
        self._deadline.start(LOAD_TIMEOUT_MS)
        self._player.when_loaded(self._finish)

    def _on_unavailable(self, message: str) -> None:
        self.notice.emit(message)

    def _finish(self) -> None:
        if self._waiting:
            self._waiting = False
            self._deadline.stop()
            self.ready.emit()
            # Lines rendered while the others loaded come now, in place of stand-ins.
            for text, path in list(self._files.items()):
                if self.started_early and text not in self._given:
                    self._given.add(text)
                    self.late_line.emit(text, path, self.seconds[text])
