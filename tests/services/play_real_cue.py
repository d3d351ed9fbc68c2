"""Child process for test_playback_real: render one cue with espeak-ng, play it.

Runs in its own process so that QtMultimedia meets the private PulseAudio server
from its very first look at the device list.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from app.core.timeline import Cue, CueKind
from app.resources import audio_dir
from app.services.player import SoundPlayer
from app.speech.cache import is_valid_wav
from app.speech.settings import VoiceSettings
from app.speech.worker import SpeechWorker

TEXT = "Breathe in slowly."


def main() -> None:
    app = QGuiApplication(sys.argv)
    result: dict[str, object] = {}
    wav = Path(tempfile.mkdtemp()) / "cue.wav"
    with SpeechWorker() as worker:
        result["rendered"] = worker.render(TEXT, VoiceSettings(), wav) and is_valid_wav(wav)
    player = SoundPlayer(audio_dir())
    result["device"] = player.has_device
    player.load_speech({TEXT: wav})
    effect = player._speech[TEXT]  # the preloaded effect for this text
    states: list[bool] = []
    effect.playingChanged.connect(lambda: states.append(effect.isPlaying()))
    effect.playingChanged.connect(lambda: None if effect.isPlaying() else app.quit())

    def play() -> None:
        result["played"] = player.play(Cue(0.0, CueKind.SPEECH, text=TEXT))

    player.when_loaded(play)
    QTimer.singleShot(15000, app.quit)  # a safety net, not a wait
    app.exec()
    result["playing_states"] = states
    print(json.dumps(result), flush=True)
    os._exit(0)  # see app.cli._exit_now


if __name__ == "__main__":
    main()
