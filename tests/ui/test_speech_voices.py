"""SpeechService with two engines: the fallback told once, "Hear it", quiet warming."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.speech_service import FELL_BACK_MESSAGE, SpeechService
from app.speech.cache import is_valid_wav
from app.speech.engines import VoiceRouter
from app.speech.settings import VoiceSettings
from app.speech.voices import NATURAL, VoiceInfo
from tests.speech.test_engines import FakeEngine

TEXTS = ["Breathe in slowly.", "Breathe out."]


@pytest.fixture
def engines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[SpeechService, FakeEngine, FakeEngine]]:
    monkeypatch.delenv("FACEWELL_NATURAL_VOICE", raising=False)
    model = tmp_path / "en_US-joe-medium.onnx"
    model.write_bytes(b"model")
    joe = VoiceInfo("piper:en_US-joe-medium", "Joe", NATURAL, "en_US", "CC0", model)
    natural, system = FakeEngine("piper"), FakeEngine("espeak")
    router = VoiceRouter(None, system=system, natural=lambda: natural, catalogue=[joe])
    service = SpeechService(tmp_path / "cache", router=router)
    yield service, natural, system
    service.shutdown()


def test_the_fallback_is_told_once(
    engines: tuple[SpeechService, FakeEngine, FakeEngine], qtbot: QtBot
) -> None:
    service, natural, system = engines
    natural.fail = True
    told: list[str] = []
    service.unavailable.connect(told.append)
    for _ in range(2):
        with qtbot.waitSignal(service.ready, timeout=5000) as ready:
            service.prepare(TEXTS, VoiceSettings())
        assert sorted(ready.args[0]) == sorted(TEXTS)  # the system voice said them all
    assert told == [FELL_BACK_MESSAGE]
    assert {c[1].voice for c in system.calls} == {None}


def test_hear_it_renders_a_sample_in_the_chosen_voice(
    engines: tuple[SpeechService, FakeEngine, FakeEngine], qtbot: QtBot
) -> None:
    service, natural, system = engines
    with qtbot.waitSignal(service.sample_ready, timeout=5000) as heard:
        service.hear(VoiceSettings("gmw/de", 120), "A sample.")
    assert is_valid_wav(heard.args[0])
    assert system.calls[-1][:2] == ("A sample.", VoiceSettings("gmw/de", 120))
    with qtbot.waitSignal(service.sample_ready, timeout=5000) as heard:
        service.hear(VoiceSettings(None, 120), "A sample.")
    assert natural.calls[-1][1] == VoiceSettings("piper:en_US-joe-medium", 120)


def test_warming_fills_the_cache_quietly(
    engines: tuple[SpeechService, FakeEngine, FakeEngine], qtbot: QtBot
) -> None:
    service, natural, _system = engines
    emitted: list[object] = []
    service.ready.connect(emitted.append)
    service.warm(TEXTS, VoiceSettings())
    qtbot.waitUntil(lambda: len(natural.calls) == len(TEXTS), timeout=5000)
    with qtbot.waitSignal(service.ready, timeout=5000):
        service.prepare(TEXTS, VoiceSettings())
    assert len(natural.calls) == len(TEXTS)  # prepared from the cache
    assert len(emitted) == 1  # warming itself said nothing


def test_cancel_stops_the_preparation(tmp_path: Path, qtbot: QtBot) -> None:
    import threading

    gate, entered = threading.Event(), threading.Event()

    class Gated(FakeEngine):
        def render(
            self, text: str, settings: VoiceSettings, out_path: Path, timeout: float = 5.0
        ) -> bool:
            entered.set()
            gate.wait(5)
            return super().render(text, settings, out_path, timeout)

    engine = Gated("espeak")
    service = SpeechService(tmp_path / "cache", engine)
    try:
        emitted: list[object] = []
        service.ready.connect(emitted.append)
        service.prepare(["One.", "Two.", "Three."], VoiceSettings())
        assert entered.wait(5)  # the first line is under way
        service.cancel()
        gate.set()
        qtbot.wait(300)
        assert emitted == [] and len(engine.calls) <= 1  # the line under way, no more
    finally:
        service.shutdown()
