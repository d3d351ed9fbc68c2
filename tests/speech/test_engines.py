"""Two engines, one choice: the router with fake engines (no process, no model).

The natural voice is the default where installed; a natural voice that fails hands the
whole routine to the system voice, once, and is not tried again; a replaced model is
never played from the cache.
"""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from app.speech.cache import SpeechCache
from app.speech.engines import VoiceRouter, prepare_voice
from app.speech.settings import VoiceSettings
from app.speech.voices import NATURAL, VoiceInfo

TEXTS = ["Breathe in slowly.", "Let your jaw soften.", "Breathe out."]


class FakeEngine:
    """Writes a WAV whose length says which engine made it; fails when told to."""

    def __init__(self, name: str, *, fail: bool = False, frames: int = 2205) -> None:
        self.name = name
        self.fail = fail
        self.frames = frames
        self.calls: list[tuple[str, VoiceSettings, float]] = []
        self.last_error: str | None = None
        self.closed = False

    def engine_version(self) -> str:
        return f"{self.name}-1"

    def available(self) -> bool:
        return True

    def voices(self) -> list[tuple[str, str, str]]:
        return [("gmw/en", "English", "en"), ("gmw/de", "German", "de")]

    def close(self) -> None:
        self.closed = True

    def render(
        self, text: str, settings: VoiceSettings, out_path: Path, timeout: float = 5.0
    ) -> bool:
        self.calls.append((text, settings, timeout))
        if self.fail:
            self.last_error = "the voice file broken.onnx can't be used"
            return False
        with wave.open(str(out_path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(22050)
            wav.writeframes(b"\x10\x00" * self.frames)
        return True


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "en_US-joe-medium.onnx"
    path.write_bytes(b"model one")
    return path


def _router(model: Path, natural: FakeEngine, system: FakeEngine) -> VoiceRouter:
    joe = VoiceInfo("piper:en_US-joe-medium", "Joe", NATURAL, "en_US", "CC0", model)
    return VoiceRouter(None, system=system, natural=lambda: natural, catalogue=[joe])


@pytest.fixture
def natural_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACEWELL_NATURAL_VOICE", raising=False)  # as in the real app


@pytest.mark.usefixtures("natural_default")
def test_the_natural_voice_speaks_by_default(model: Path, tmp_path: Path) -> None:
    natural, system = FakeEngine("piper", frames=4410), FakeEngine("espeak")
    router = _router(model, natural, system)
    prepared = prepare_voice(TEXTS, VoiceSettings(None, 150), SpeechCache(tmp_path / "c"), router)
    assert prepared.settings.voice == "piper:en_US-joe-medium"
    assert prepared.fell_back is None
    assert [c[0] for c in natural.calls] == TEXTS and not system.calls
    assert list(prepared.files.seconds.values()) == pytest.approx([0.2] * len(TEXTS))
    assert all(timeout >= 30 for _, _, timeout in natural.calls)  # a model load fits


def test_the_system_voice_when_asked_or_when_the_natural_one_is_off(
    model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    natural, system = FakeEngine("piper"), FakeEngine("espeak")
    router = _router(model, natural, system)
    cache = SpeechCache(tmp_path / "c")
    monkeypatch.setenv("FACEWELL_NATURAL_VOICE", "0")
    assert prepare_voice(TEXTS, VoiceSettings(None), cache, router).settings.voice is None
    monkeypatch.delenv("FACEWELL_NATURAL_VOICE")
    assert prepare_voice(TEXTS, VoiceSettings("gmw/de"), cache, router).settings.voice == "gmw/de"
    assert not natural.calls
    assert {c[1].voice for c in system.calls} == {None, "gmw/de"}


@pytest.mark.usefixtures("natural_default")
def test_a_failing_natural_voice_hands_the_routine_to_the_system_voice_once(
    model: Path, tmp_path: Path
) -> None:
    natural, system = FakeEngine("piper", fail=True), FakeEngine("espeak")
    router = _router(model, natural, system)
    cache = SpeechCache(tmp_path / "c")
    first = prepare_voice(TEXTS, VoiceSettings(None, 170), cache, router)
    assert first.fell_back == "the voice file broken.onnx can't be used"
    assert first.settings == VoiceSettings(None, 170)  # the system voice, same rate
    assert sorted(first.files) == sorted(TEXTS)  # every line spoken, one voice
    assert [c[0] for c in system.calls] == TEXTS
    tries = len(natural.calls)
    again = prepare_voice(TEXTS, VoiceSettings(None, 170), cache, router)
    assert again.fell_back is None and len(natural.calls) == tries  # not tried again
    assert sorted(again.files) == sorted(TEXTS)


@pytest.mark.usefixtures("natural_default")
def test_a_cancelled_natural_run_does_not_fall_back(model: Path, tmp_path: Path) -> None:
    natural, system = FakeEngine("piper"), FakeEngine("espeak")
    router = _router(model, natural, system)
    prepared = prepare_voice(
        TEXTS, VoiceSettings(None), SpeechCache(tmp_path / "c"), router, cancelled=lambda: True
    )
    assert prepared.fell_back is None and not system.calls and not prepared.files


@pytest.mark.usefixtures("natural_default")
def test_background_rendering_never_falls_back(model: Path, tmp_path: Path) -> None:
    natural, system = FakeEngine("piper", fail=True), FakeEngine("espeak")
    router = _router(model, natural, system)
    prepared = prepare_voice(
        TEXTS, VoiceSettings(None), SpeechCache(tmp_path / "c"), router, fall_back=False
    )
    assert prepared.fell_back is not None and not system.calls


@pytest.mark.usefixtures("natural_default")
def test_a_replaced_model_is_rendered_again(model: Path, tmp_path: Path) -> None:
    natural, system = FakeEngine("piper"), FakeEngine("espeak")
    router = _router(model, natural, system)
    cache = SpeechCache(tmp_path / "c")
    prepare_voice(TEXTS[:1], VoiceSettings(None), cache, router)
    prepare_voice(TEXTS[:1], VoiceSettings(None), cache, router)
    assert len(natural.calls) == 1  # cached
    before = router.identity(VoiceSettings("piper:en_US-joe-medium"))
    model.write_bytes(b"model two, another size")
    after = router.identity(VoiceSettings("piper:en_US-joe-medium"))
    assert before.startswith("piper-1|sha256:") and before != after
    prepare_voice(TEXTS[:1], VoiceSettings(None), cache, router)
    assert len(natural.calls) == 2


def test_a_natural_voice_that_is_gone_speaks_with_the_system_voice(
    model: Path, tmp_path: Path
) -> None:
    natural, system = FakeEngine("piper"), FakeEngine("espeak")
    router = _router(model, natural, system)
    gone = VoiceSettings("piper:de_DE-thorsten-medium", 140)
    prepared = prepare_voice(TEXTS, gone, SpeechCache(tmp_path / "c"), router)
    assert prepared.settings == VoiceSettings(None, 140)
    assert not natural.calls and len(system.calls) == len(TEXTS)


def test_voices_lists_both_engines_and_close_closes_both(model: Path) -> None:
    natural, system = FakeEngine("piper"), FakeEngine("espeak")
    router = _router(model, natural, system)
    voices = router.voices()
    assert [(v.id, v.engine) for v in voices] == [
        ("piper:en_US-joe-medium", "piper"),
        ("gmw/en", "espeak-ng"),
        ("gmw/de", "espeak-ng"),
    ]
    _ = router.natural
    router.close()
    assert natural.closed and system.closed


@pytest.mark.usefixtures("natural_default")
def test_stand_ins_come_first_for_the_lines_the_natural_voice_has_not_cached(
    model: Path, tmp_path: Path
) -> None:
    natural, system = FakeEngine("piper", frames=4410), FakeEngine("espeak")
    router = _router(model, natural, system)
    cache = SpeechCache(tmp_path / "c")
    prepare_voice(TEXTS[:1], VoiceSettings(None, 150), cache, router)  # one cached already
    natural.calls.clear()
    told: list[tuple[str, bool]] = []
    prepared = prepare_voice(
        TEXTS,
        VoiceSettings(None, 150),
        cache,
        router,
        each=lambda text, _path, _seconds, stand_in: told.append((text, stand_in)),
    )
    assert [c[0] for c in system.calls] == TEXTS[1:]  # stand-ins for the others only
    assert told == [(t, True) for t in TEXTS[1:]] + [(t, False) for t in TEXTS]
    assert [c[0] for c in natural.calls] == TEXTS[1:]
    assert set(prepared.files) == set(TEXTS) and prepared.fell_back is None
