"""Play cues: chimes and pre-rendered speech through QtMultimedia, preloaded.

Every sound is a QSoundEffect loaded before the routine starts, so starting one at its
deadline costs next to nothing. No output device (detected from the device list, since
QSoundEffect fails silently) means on-screen only; a missing speech file means the phase
tick instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

from app.core.timeline import Cue, CueKind, Sound
from app.speech.defaults import DEFAULT_VOLUME


class Played:
    """What a cue turned into: what the trace records."""

    SPEECH = "speech"
    SOUND = "sound"
    NOTHING = "none"


class CuePlayer(Protocol):
    def play(self, cue: Cue) -> str:
        """Start the cue now; return Played.SPEECH, Played.SOUND or Played.NOTHING."""
        ...

    def stop_all(self) -> None: ...


def audio_output_available() -> bool:
    return not QMediaDevices.defaultAudioOutput().isNull()


class SoundPlayer(QObject):
    """The real player. Volume, voice and chimes switches are read at each cue."""

    notice = Signal(str)

    def __init__(self, audio_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.voice_enabled = True
        self.chimes_enabled = True
        self.muted = False
        self.volume = DEFAULT_VOLUME
        self.has_device = audio_output_available()
        self._chimes = {s: self._effect(audio_dir / f"{s}.wav") for s in Sound}
        self._speech: dict[str, QSoundEffect] = {}
        self._retired: list[QSoundEffect] = []

    def _effect(self, path: Path) -> QSoundEffect:
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(self.volume)
        return effect

    def load_speech(self, files: dict[str, Path]) -> None:
        """Preload rendered cues; texts without a file fall back to the tick."""
        for effect in (*self._speech.values(), *self._retired):
            effect.deleteLater()
        self._retired = []
        self._speech = {text: self._effect(path) for text, path in files.items()}

    def replace_speech(self, text: str, path: Path) -> None:
        """Play ``path`` for ``text`` from now on, once it has loaded (a line rendered
        while the routine plays, in place of its stand-in); until then, and if it
        fails to load, the one loaded before plays."""
        effect = self._effect(path)

        def loaded() -> None:
            status = effect.status()
            if status in (QSoundEffect.Status.Loading, QSoundEffect.Status.Null):
                return
            effect.statusChanged.disconnect(loaded)
            if status is QSoundEffect.Status.Error:
                effect.deleteLater()
                return
            old = self._speech.get(text)
            self._speech[text] = effect
            if old is not None:
                self._retired.append(old)  # it may be playing: deleted with the others

        effect.statusChanged.connect(loaded)
        loaded()

    def when_loaded(self, callback: Callable[[], None]) -> None:
        """Call `callback` once every effect has finished loading (or failed to)."""
        effects = [*self._chimes.values(), *self._speech.values()]
        loading = QSoundEffect.Status.Loading, QSoundEffect.Status.Null

        def check() -> None:
            if all(e.status() not in loading for e in effects):
                for e in effects:
                    e.statusChanged.disconnect(check)
                callback()

        for effect in effects:
            effect.statusChanged.connect(check)
        check()

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        for effect in (*self._chimes.values(), *self._speech.values()):
            effect.setVolume(volume)

    def play(self, cue: Cue) -> str:
        if self.muted:
            return Played.NOTHING
        if cue.kind is CueKind.SPEECH:
            effect = self._speech.get(cue.text) if self.voice_enabled else None
            if effect is not None and effect.status() is not QSoundEffect.Status.Error:
                return self._start(effect, Played.SPEECH)
            if not self.voice_enabled:
                return Played.NOTHING
            return self._start(self._chimes[Sound.TICK], Played.SOUND)
        if not self.chimes_enabled or cue.sound is None:
            return Played.NOTHING
        return self._start(self._chimes[cue.sound], Played.SOUND)

    def _start(self, effect: QSoundEffect, what: str) -> str:
        if not self.has_device:
            return what  # the trace still records when it would have started
        effect.play()
        return what

    def stop_all(self) -> None:
        for effect in (*self._chimes.values(), *self._speech.values()):
            effect.stop()


class SilentPlayer:
    """For --mute and tests: records what would have played."""

    def __init__(self) -> None:
        self.played: list[Cue] = []

    def play(self, cue: Cue) -> str:
        self.played.append(cue)
        return Played.SPEECH if cue.kind is CueKind.SPEECH else Played.SOUND

    def stop_all(self) -> None:
        pass
