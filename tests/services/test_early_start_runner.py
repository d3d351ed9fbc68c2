"""A routine starts while a slow natural voice still renders its later lines.

Fake engines (no process): the natural one blocks on its later lines until the test
lets it go, the system one renders at once (its renders are the stand-ins). The
session runs on a fake clock; a recording player says which file each line played.
"""

from __future__ import annotations

import threading
import wave
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.clock import FakeClock
from app.core.early_start import reserved_seconds
from app.core.listening import broken_promises
from app.core.loader import parse_routine
from app.core.timeline import Cue, CueKind
from app.resources import audio_dir
from app.services.player import Played, SoundPlayer
from app.services.runner import SessionRunner
from app.services.settings import Settings
from app.services.speech_service import SpeechService
from app.speech.engines import VoiceRouter
from app.speech.settings import VoiceSettings
from app.speech.voices import NATURAL, VoiceInfo

MIND = "If your mind wanders, come back to the breath."
JAW = "Let your jaw be soft, teeth apart."
BROW = "Raise your eyebrows a little, then let them fall."
ROUTINE = f"""
name = "Long"
[[steps]]
kind = "breathing"
title = "Settle"
cue = "A few slow breaths to settle."
inhale = 4
exhale = 6
cycles = 3
[[steps]]
kind = "meditation"
title = "Quiet"
cue = "Let your attention rest on the breath."
duration = 300
guidance = [
  {{ at = 60, text = "Notice your shoulders." }},
  {{ at = 170, text = "{MIND}" }},
  {{ at = 250, text = "{JAW}" }},
]
[[steps]]
kind = "exercise"
title = "Brow lift"
cue = "{BROW}"
hold = 3
rest = 4
reps = 3
"""
SLOW = {MIND, JAW, BROW}  # past the first two minutes: they may render late
LATER = SLOW | {"Release, and rest.", "And release."}  # rendered after them, in order


class Engine:
    """Writes a WAV of ``seconds(text)``; texts in ``slow`` wait for ``gate``."""

    def __init__(self, name: str, seconds: dict[str, float] | None = None) -> None:
        self.name = name
        self.seconds = seconds or {}
        self.slow: set[str] = set()
        self.gate = threading.Event()
        self.waiting = threading.Event()
        self.calls: list[str] = []

    def engine_version(self) -> str:
        return f"{self.name}-1"

    def available(self) -> bool:
        return True

    def close(self) -> None:
        self.gate.set()

    def render(
        self, text: str, settings: VoiceSettings, out_path: Path, timeout: float = 5.0
    ) -> bool:
        if text in self.slow and not self.gate.is_set():
            self.waiting.set()
            self.gate.wait(20)
        self.calls.append(text)
        with wave.open(str(out_path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(1000)
            wav.writeframes(b"\x10\x00" * int(1000 * self.seconds.get(text, 0.5)))
        return True


class RecordingPlayer(SoundPlayer):
    """The real player's loading and replacing, minus the sound card: which file each
    spoken cue would play."""

    def __init__(self) -> None:
        super().__init__(audio_dir())
        self.has_device = True
        self.files: dict[str, Path] = {}
        self.heard: list[tuple[str, Path | None]] = []

    def load_speech(self, files: dict[str, Path]) -> None:
        super().load_speech(files)
        self.files = dict(files)

    def replace_speech(self, text: str, path: Path) -> None:
        self.files[text] = path  # QSoundEffect can't load without a device

    def play(self, cue: Cue) -> str:
        if cue.kind is CueKind.SPEECH:
            self.heard.append((cue.text, self.files.get(cue.text)))
            return Played.SPEECH
        return Played.SOUND


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Engine, Engine]:
    monkeypatch.delenv("FACEWELL_NATURAL_VOICE", raising=False)  # the natural default
    # The jaw line renders longer than the room the timeline gives it.
    natural = Engine("piper", {JAW: 30.0})
    natural.slow = set(SLOW)
    return natural, Engine("espeak")


def make_runner(
    tmp_path: Path, engines: tuple[Engine, Engine], clock: FakeClock
) -> tuple[SessionRunner, SpeechService, RecordingPlayer]:
    natural, system = engines
    model = tmp_path / "joe.onnx"
    model.write_bytes(b"model")
    joe = VoiceInfo("piper:en_US-joe-medium", "Joe", NATURAL, "en_US", "CC0", model)
    router = VoiceRouter(None, system=system, natural=lambda: natural, catalogue=[joe])
    speech = SpeechService(tmp_path / "cache", router=router)
    settings = Settings(tmp_path / "data")
    player = RecordingPlayer()
    runner = SessionRunner(
        parse_routine(ROUTINE), settings=settings, clock=clock, speech=speech, sound=player
    )
    return runner, speech, player


def play_until(qtbot: QtBot, runner: SessionRunner, clock: FakeClock, until: float) -> None:
    session, driver = runner.session, runner.driver
    assert session is not None and driver is not None
    while not session.is_over:
        deadline = session.next_deadline()
        assert deadline is not None
        if deadline > until:
            return
        clock.now = session.clock_time_of(deadline)
        driver.poll()


def test_a_routine_starts_before_its_later_lines_are_rendered(
    qtbot: QtBot, tmp_path: Path, engines: tuple[Engine, Engine], clock: FakeClock
) -> None:
    natural, system = engines
    runner, speech, player = make_runner(tmp_path, engines, clock)
    try:
        with qtbot.waitSignal(runner.ready, timeout=10000):
            runner.prepare()
        # Ready may come before the natural voice's thread has picked up a slow line.
        qtbot.waitUntil(natural.waiting.is_set, timeout=5000)
        assert not SLOW & set(natural.calls)  # still rendering
        assert set(system.calls) == set(natural.calls) | LATER  # stand-ins for every line
        # The later lines have their room: a reservation, more than their stand-in.
        assert set(runner.reserved) == LATER
        cues = {c.text: c for c in runner.timeline.cues if c.kind is CueKind.SPEECH}
        for text in SLOW:
            assert cues[text].length == pytest.approx(reserved_seconds(text, 150, 0.5))
        assert broken_promises(runner.timeline) == []
        runner.start()

        # The mind line is due while the natural voice still renders it: its stand-in.
        play_until(qtbot, runner, clock, cues[MIND].offset + 1)
        assert player.heard[-1][0] == MIND
        stand_in = player.heard[-1][1]
        assert stand_in is not None and stand_in == player.files[MIND]
        assert natural.waiting.is_set() and MIND not in natural.calls

        natural.gate.set()  # the rest renders now
        qtbot.waitUntil(lambda: player.files[BROW] != _stand_in(tmp_path, BROW), timeout=5000)
        play_until(qtbot, runner, clock, runner.timeline.total + 1)
        runner.stop()
    finally:
        speech.shutdown()
    heard = dict(player.heard)
    # Every line was heard, once each where it was said once.
    assert [t for t, _ in player.heard] == [
        c.text for c in runner.timeline.cues if c.kind is CueKind.SPEECH
    ]
    # The brow line came in time and fits: the natural voice says it.
    assert heard[BROW] is not None and heard[BROW] != _stand_in(tmp_path, BROW)
    # The jaw line came too long for its room: its stand-in says it, nothing overlaps.
    assert heard[JAW] == _stand_in(tmp_path, JAW)
    assert heard[MIND] == _stand_in(tmp_path, MIND)


def _stand_in(tmp_path: Path, text: str) -> Path:
    from app.speech.cache import SpeechCache

    return SpeechCache(tmp_path / "cache").path_for(text, VoiceSettings(None, 150), "espeak-1")


def test_a_cached_routine_waits_for_nothing_and_has_no_reservations(
    qtbot: QtBot, tmp_path: Path, engines: tuple[Engine, Engine], clock: FakeClock
) -> None:
    natural, system = engines
    natural.gate.set()
    runner, speech, _player = make_runner(tmp_path, engines, clock)
    try:
        with qtbot.waitSignal(runner.ready, timeout=10000):
            runner.prepare()
        qtbot.waitUntil(lambda: len(natural.calls) == len(set(system.calls)), timeout=5000)
        system.calls.clear()
        again, speech2, _ = make_runner(tmp_path, engines, clock)
        with qtbot.waitSignal(again.ready, timeout=10000):
            again.prepare()
        assert again.reserved == {}
        assert system.calls == []  # every natural line cached: no stand-in needed
        speech2.shutdown()
    finally:
        speech.shutdown()
