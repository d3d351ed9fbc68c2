"""Pre-rendering with a fake renderer: cache reuse, failures, progress, cancel."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from app.speech import prerender as prerender_module
from app.speech.cache import SpeechCache, is_valid_wav
from app.speech.prerender import prerender
from app.speech.settings import VoiceSettings

SETTINGS = VoiceSettings()
TEXTS = ["Breathe in slowly.", "Hold gently.", "Breathe out."]


class FakeRenderer:
    """Writes a tiny valid WAV; texts in `failing` fail; `available()` is settable."""

    def __init__(
        self, failing: set[str] | None = None, *, available: bool = True, write: bool = True
    ) -> None:
        self.failing = failing or set()
        self.is_available = available
        self.write = write
        self.calls: list[str] = []

    def engine_version(self) -> str:
        return "fake-1"

    def available(self) -> bool:
        return self.is_available

    def render(
        self, text: str, settings: VoiceSettings, out_path: Path, timeout: float = 5.0
    ) -> bool:
        self.calls.append(text)
        if text in self.failing:
            return False
        if self.write:
            with wave.open(str(out_path), "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(22050)
                wav.writeframes(b"\x00\x01" * 50)
        return True


@pytest.fixture
def cache(tmp_path: Path) -> SpeechCache:
    return SpeechCache(tmp_path / "cache" / "speech")


def test_renders_every_text(cache: SpeechCache) -> None:
    renderer = FakeRenderer()
    result = prerender(TEXTS, SETTINGS, cache, renderer)
    assert list(result) == TEXTS
    assert renderer.calls == TEXTS
    for text, path in result.items():
        assert is_valid_wav(path)
        assert path == cache.path_for(text, SETTINGS, "fake-1")


def test_cached_texts_are_not_rendered_again(cache: SpeechCache) -> None:
    prerender(TEXTS[:2], SETTINGS, cache, FakeRenderer())
    renderer = FakeRenderer()
    result = prerender(TEXTS, SETTINGS, cache, renderer)
    assert renderer.calls == [TEXTS[2]]
    assert list(result) == TEXTS


def test_other_settings_are_rendered_separately(cache: SpeechCache) -> None:
    prerender(TEXTS, SETTINGS, cache, FakeRenderer())
    renderer = FakeRenderer()
    prerender(TEXTS, VoiceSettings(rate=120), cache, renderer)
    assert renderer.calls == TEXTS


def test_duplicates_and_blanks_are_rendered_once(cache: SpeechCache) -> None:
    renderer = FakeRenderer()
    result = prerender(["Rest.", "", "  ", "Rest.", "Relax."], SETTINGS, cache, renderer)
    assert renderer.calls == ["Rest.", "Relax."]
    assert list(result) == ["Rest.", "Relax."]


def test_failures_are_left_out(cache: SpeechCache) -> None:
    renderer = FakeRenderer(failing={"Hold gently."})
    result = prerender(TEXTS, SETTINGS, cache, renderer)
    assert list(result) == ["Breathe in slowly.", "Breathe out."]
    assert renderer.calls == TEXTS  # the engine works: later texts are still tried


def test_a_claimed_success_without_audio_is_a_failure(cache: SpeechCache) -> None:
    result = prerender(TEXTS, SETTINGS, cache, FakeRenderer(write=False))
    assert result == {}


def test_unavailable_engine_stops_after_the_first_failure(cache: SpeechCache) -> None:
    renderer = FakeRenderer(failing=set(TEXTS), available=False)
    assert prerender(TEXTS, SETTINGS, cache, renderer) == {}
    assert renderer.calls == TEXTS[:1]


def test_progress_sequence(cache: SpeechCache) -> None:
    prerender(TEXTS[:1], SETTINGS, cache, FakeRenderer())  # one cached, two to render
    seen: list[tuple[int, int]] = []
    prerender(TEXTS, SETTINGS, cache, FakeRenderer(), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_no_texts(cache: SpeechCache) -> None:
    seen: list[tuple[int, int]] = []
    renderer = FakeRenderer()
    assert prerender([], SETTINGS, cache, renderer, progress=lambda d, t: seen.append((d, t))) == {}
    assert seen == [(0, 0)]
    assert renderer.calls == []


def test_cancel_stops_before_the_next_text(cache: SpeechCache) -> None:
    renderer = FakeRenderer()
    result = prerender(TEXTS, SETTINGS, cache, renderer, cancelled=lambda: len(renderer.calls) >= 1)
    assert renderer.calls == TEXTS[:1]
    assert list(result) == TEXTS[:1]


def test_a_full_disk_stops_at_the_first_failure(
    cache: SpeechCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prerender_module, "room_problem", lambda folder: prerender_module.NO_ROOM)
    renderer = FakeRenderer(failing=set(TEXTS))
    reasons: list[str] = []
    assert prerender(TEXTS, SETTINGS, cache, renderer, gave_up=reasons.append) == {}
    assert renderer.calls == TEXTS[:1]
    assert reasons == [prerender_module.NO_ROOM]


def test_failures_in_a_row_stop_the_run(cache: SpeechCache) -> None:
    texts = [f"Cue {n}." for n in range(10)]
    renderer = FakeRenderer(failing=set(texts))
    reasons: list[str] = []
    assert prerender(texts, SETTINGS, cache, renderer, gave_up=reasons.append) == {}
    assert len(renderer.calls) == prerender_module.FAILURES_IN_A_ROW
    assert reasons == [prerender_module.KEEPS_FAILING]


def test_room_problem_on_a_folder_with_room(tmp_path: Path) -> None:
    assert prerender_module.room_problem(tmp_path) is None
    assert list(tmp_path.iterdir()) == []  # the probe leaves nothing behind


def test_a_cache_subfolder_that_is_a_file_stops_the_run(cache: SpeechCache) -> None:
    renderer = FakeRenderer()
    key = cache.path_for(TEXTS[0], SETTINGS, "fake-1").parent
    key.write_text("in the way", encoding="utf-8")
    reasons: list[str] = []
    assert prerender(TEXTS[:1], SETTINGS, cache, renderer, gave_up=reasons.append) == {}
    assert renderer.calls == []
    assert reasons == [prerender_module.CANT_USE]
