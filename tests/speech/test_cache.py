"""The speech cache: stable keys, private folder, only valid WAVs count."""

from __future__ import annotations

import os
import stat
import wave
from pathlib import Path

import pytest

from app.speech.cache import SpeechCache, is_valid_wav
from app.speech.settings import VoiceSettings


def write_wav(path: Path, frames: int = 100) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(b"\x01\x00" * frames)
    return path


def test_defaults_are_calm() -> None:
    settings = VoiceSettings()
    assert settings.voice is None
    assert settings.rate == 150
    assert not hasattr(settings, "volume")  # applied once, at playback


def test_folder_is_created_private(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path / "cache" / "speech")
    assert cache.folder.is_dir()
    assert stat.S_IMODE(cache.folder.stat().st_mode) == 0o700


def test_path_layout_and_determinism(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path / "speech")
    path = cache.path_for("Breathe in.", VoiceSettings(), "engine-1")
    again = SpeechCache(tmp_path / "speech").path_for("Breathe in.", VoiceSettings(), "engine-1")
    assert path == again
    assert path.suffix == ".wav"
    assert len(path.stem) == 64
    assert int(path.stem, 16) >= 0
    assert path.parent == cache.folder / path.stem[:2]


@pytest.mark.parametrize(
    ("text", "settings", "version"),
    [
        ("Breathe out.", VoiceSettings(), "engine-1"),
        ("Breathe in.", VoiceSettings(voice="gmw/en-us"), "engine-1"),
        ("Breathe in.", VoiceSettings(rate=151), "engine-1"),
        ("Breathe in.", VoiceSettings(), "engine-2"),
    ],
)
def test_every_input_changes_the_key(
    tmp_path: Path, text: str, settings: VoiceSettings, version: str
) -> None:
    cache = SpeechCache(tmp_path)
    base = cache.path_for("Breathe in.", VoiceSettings(), "engine-1")
    assert cache.path_for(text, settings, version) != base


def test_get_only_returns_valid_files(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path / "speech")
    args = ("Rest your eyes.", VoiceSettings(), "engine-1")
    assert cache.get(*args) is None
    path = cache.path_for(*args)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a wav at all")
    assert cache.get(*args) is None
    write_wav(path)
    assert cache.get(*args) == path


def test_is_valid_wav(tmp_path: Path) -> None:
    assert not is_valid_wav(tmp_path / "missing.wav")
    assert not is_valid_wav(tmp_path)  # a folder
    assert not is_valid_wav(write_wav(tmp_path / "empty.wav", frames=0))
    (tmp_path / "zero.wav").write_bytes(b"")
    assert not is_valid_wav(tmp_path / "zero.wav")
    good = write_wav(tmp_path / "good.wav", frames=1000)
    assert is_valid_wav(good)
    cut = tmp_path / "cut.wav"
    cut.write_bytes(good.read_bytes()[:-500])  # header promises more than is there
    assert not is_valid_wav(cut)


def test_leftovers_of_killed_renders_are_swept(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path / "speech")
    now = 1_000_000.0
    old = cache.folder / "ab" / ".abcdef.4242.tmp"
    fresh = cache.folder / "cd" / ".cdef01.4343.tmp"
    kept_wav = write_wav(cache.folder / "ab" / "abcdef.wav")
    for path, age in ((old, 3600.0), (fresh, 30.0), (kept_wav, 3600.0)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        os.utime(path, (now - age, now - age))
    assert cache.sweep_leftovers(now=now) == 1
    assert not old.exists()
    assert fresh.exists()  # may be a render under way
    assert is_valid_wav(kept_wav)
    assert cache.sweep_leftovers(now=now) == 0
