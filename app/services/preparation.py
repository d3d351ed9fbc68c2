"""Get a routine's sound ready before it starts: render speech, preload every effect.

Shared by the window and the terminal runner. Nothing here blocks: rendering happens
in the speech service's worker, loading in QtMultimedia, and `ready` fires once all of
it is done (or given up on, with a notice for the user).
"""

from __future__ import annotations

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


class Preparation(QObject):
    progress = Signal(int, int)  # done, total
    ready = Signal()
    notice = Signal(str)

    def __init__(
        self, player: SoundPlayer, speech: SpeechService | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._speech = speech
        self._waiting = False
        self.seconds: dict[str, float] = {}
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._finish)
        if speech is not None:
            speech.progress.connect(self.progress)
            speech.ready.connect(self._on_speech)
            speech.unavailable.connect(self._on_unavailable)

    def prepare(self, texts: list[str], voice: VoiceSettings) -> None:
        """Render and load ``texts``; ``ready`` follows, and ``seconds`` then says how
        long each rendered one plays (texts without a render are left out)."""
        self._waiting = True
        self.seconds = {}
        if not self._player.has_device:
            self.notice.emit(NO_DEVICE_NOTICE)
        wants_voice = self._player.has_device and self._player.voice_enabled and texts
        if self._speech is None or not wants_voice or self._player.muted:
            QTimer.singleShot(0, self._finish)
            return
        self._speech.prepare(texts, voice)

    def cancel(self) -> None:
        """Stop waiting (Cancel while the voice is prepared): the render stops too."""
        if self._waiting:
            self._waiting = False
            self._deadline.stop()
            if self._speech is not None:
                self._speech.cancel()

    def _on_speech(self, files: dict[str, Path]) -> None:
        if not self._waiting:
            return
        self.seconds = dict(files.seconds) if isinstance(files, RenderedSpeech) else {}
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
