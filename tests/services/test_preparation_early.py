"""Preparation's early start, line by line, with a fake speech service."""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from app.resources import audio_dir
from app.services.player import SoundPlayer
from app.services.preparation import Preparation
from app.speech.settings import VoiceSettings


class FakeSpeech(QObject):
    progress = Signal(int, int)
    ready = Signal(object)
    line_ready = Signal(str, object, float, bool)
    unavailable = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[list[str], bool]] = []
        self.cancelled = 0

    def prepare(self, texts: list[str], settings: VoiceSettings, *, lines: bool = False) -> None:
        self.asked.append((texts, lines))

    def cancel(self) -> None:
        self.cancelled += 1


def wav(path: Path) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(1000)
        out.writeframes(b"\x00\x01" * 100)
    return path


def test_a_line_measured_while_the_others_load_comes_late(qtbot: QtBot, tmp_path: Path) -> None:
    player = SoundPlayer(audio_dir())
    player.has_device = True
    speech = FakeSpeech()
    preparation = Preparation(player, speech)  # type: ignore[arg-type]
    late: list[str] = []
    preparation.late_line.connect(lambda text, _path, _seconds: late.append(text))
    preparation.prepare(["A", "B", "C"], VoiceSettings(), lambda measured, _s: "A" in measured)
    assert speech.asked == [(["A", "B", "C"], True)]
    for text in "ABC":
        speech.line_ready.emit(text, wav(tmp_path / f"s{text}.wav"), 2.0, True)
    with qtbot.waitSignal(preparation.ready, timeout=5000):
        speech.line_ready.emit("A", wav(tmp_path / "nA.wav"), 1.0, False)
        speech.line_ready.emit("B", wav(tmp_path / "nB.wav"), 1.5, False)  # while loading
    assert preparation.started_early
    assert preparation.loaded_seconds == {"A": 1.0}  # B's stand-in was loaded, not B
    assert late == ["B"]
    speech.line_ready.emit("C", wav(tmp_path / "nC.wav"), 1.0, False)
    assert late == ["B", "C"]
    speech.ready.emit({})  # the end of the render changes nothing now
    preparation.cancel()  # Stop: the rest of the render stops too
    assert speech.cancelled == 1


def test_without_stand_ins_it_waits_for_every_line(qtbot: QtBot, tmp_path: Path) -> None:
    player = SoundPlayer(audio_dir())
    player.has_device = True
    speech = FakeSpeech()
    preparation = Preparation(player, speech)  # type: ignore[arg-type]
    preparation.prepare(["A", "B"], VoiceSettings(), lambda _m, _s: True)
    speech.line_ready.emit("A", wav(tmp_path / "a.wav"), 1.0, False)  # a fast voice
    qtbot.wait(50)
    assert not preparation.started_early
    with qtbot.waitSignal(preparation.ready, timeout=5000):
        speech.ready.emit({"A": tmp_path / "a.wav", "B": wav(tmp_path / "b.wav")})
    assert not preparation.started_early


def test_stand_ins_that_come_last_still_start_it_early(qtbot: QtBot, tmp_path: Path) -> None:
    """The chosen voice may finish the first minutes before the system voice has said
    its stand-ins: the last stand-in is then the line that was missing."""
    player = SoundPlayer(audio_dir())
    player.has_device = True
    speech = FakeSpeech()
    preparation = Preparation(player, speech)  # type: ignore[arg-type]
    rule = lambda measured, stand_ins: "A" in measured and {"B", "C"} <= set(stand_ins)  # noqa: E731
    preparation.prepare(["A", "B", "C"], VoiceSettings(), rule)
    speech.line_ready.emit("A", wav(tmp_path / "nA.wav"), 1.0, False)
    speech.line_ready.emit("B", wav(tmp_path / "sB.wav"), 2.0, True)
    assert not preparation.started_early
    with qtbot.waitSignal(preparation.ready, timeout=5000):
        speech.line_ready.emit("C", wav(tmp_path / "sC.wav"), 2.0, True)
    assert preparation.started_early


class LoadedAtOnce(SoundPlayer):
    """A player whose files are loaded by the time it is asked (as when the sound
    system answers at once): ``when_loaded`` calls back before it returns."""

    def when_loaded(self, callback: Callable[[], None]) -> None:
        callback()


def test_ready_at_once_still_knows_it_started_early(tmp_path: Path) -> None:
    """Whoever ``ready`` reaches compiles the timeline with the reserved room of the
    lines still rendering only if ``started_early`` is already true then."""
    player = LoadedAtOnce(audio_dir())
    player.has_device = True
    speech = FakeSpeech()
    preparation = Preparation(player, speech)  # type: ignore[arg-type]
    seen: list[bool] = []
    preparation.ready.connect(lambda: seen.append(preparation.started_early))
    preparation.prepare(["A", "B"], VoiceSettings(), lambda measured, _s: "A" in measured)
    speech.line_ready.emit("B", wav(tmp_path / "sB.wav"), 2.0, True)
    speech.line_ready.emit("A", wav(tmp_path / "nA.wav"), 1.0, False)
    assert seen == [True]
