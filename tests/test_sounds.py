"""The cue sounds in assets/audio are soft, well-formed WAVs that match their generator.

QSoundEffect only plays uncompressed PCM WAV, and users with facial spasms are often
sensitive to sound, so every file must be 16-bit 48 kHz (mono, the tick stereo), not clip,
start and end in silence (no clicks) and be exactly what ``assets/generate_sounds.py``
produces.
"""

from __future__ import annotations

import array
import importlib.util
import math
import sys
import wave
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
AUDIO_DIR = REPO_ROOT / "assets" / "audio"
GENERATOR = REPO_ROOT / "assets" / "generate_sounds.py"
FULL_SCALE = 32_767

# file name -> (shortest, longest) duration in seconds, (quietest, loudest) peak in dBFS
EXPECTED: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "start.wav": ((1.0, 1.4), (-11.0, -4.0)),
    "end.wav": ((1.5, 2.1), (-11.0, -4.0)),
    "bell.wav": ((2.5, 3.5), (-11.0, -4.0)),
    "tick.wav": ((0.10, 0.16), (-22.0, -16.0)),
}


class WavFile(NamedTuple):
    """What the tests need to know about one WAV file."""

    channels: int
    sample_width: int
    frame_rate: int
    frame_count: int
    compression: str
    samples: array.array[int]  # signed 16-bit, native byte order

    @property
    def seconds(self) -> float:
        return self.frame_count / self.frame_rate


def read_wav(path: Path) -> WavFile:
    """Read a WAV with the standard library, as QSoundEffect would need it to be."""
    with wave.open(str(path), "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        samples = array.array("h", frames)
        if sys.byteorder == "big":
            samples.byteswap()
        return WavFile(
            channels=wav.getnchannels(),
            sample_width=wav.getsampwidth(),
            frame_rate=wav.getframerate(),
            frame_count=wav.getnframes(),
            compression=wav.getcomptype(),
            samples=samples,
        )


def load_generator() -> ModuleType:
    """Import assets/generate_sounds.py from its path (assets is not a package)."""
    spec = importlib.util.spec_from_file_location("facewell_generate_sounds", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    writes_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # leave no __pycache__ among the assets
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes_bytecode
        del sys.modules[spec.name]
    return module


# The tick is stereo so that it plays on an audio engine of its own (see phase_tick).
CHANNELS = {"tick.wav": 2}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_file_is_16_bit_48k_pcm_with_frames(name: str) -> None:
    path = AUDIO_DIR / name
    assert path.is_file(), f"{path} is missing; run assets/generate_sounds.py"
    wav = read_wav(path)
    assert wav.compression == "NONE"
    assert wav.channels == CHANNELS.get(name, 1)
    assert wav.sample_width == 2
    assert wav.frame_rate == 48_000
    assert wav.frame_count > 0
    assert len(wav.samples) == wav.frame_count * wav.channels


def test_the_tick_has_the_same_signal_on_both_channels() -> None:
    samples = read_wav(AUDIO_DIR / "tick.wav").samples
    assert samples[0::2] == samples[1::2]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_duration_is_in_range(name: str) -> None:
    shortest, longest = EXPECTED[name][0]
    assert shortest <= read_wav(AUDIO_DIR / name).seconds <= longest


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_peak_is_soft_and_never_clips(name: str) -> None:
    samples = read_wav(AUDIO_DIR / name).samples
    peak = max(abs(s) for s in samples)
    assert 0 < peak < FULL_SCALE
    quietest, loudest = EXPECTED[name][1]
    assert quietest <= 20.0 * math.log10(peak / FULL_SCALE) <= loudest


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_starts_and_ends_in_silence_without_dc_offset(name: str) -> None:
    samples = read_wav(AUDIO_DIR / name).samples
    assert abs(samples[0]) <= 16
    assert abs(samples[-1]) <= 16
    assert abs(sum(samples) / len(samples)) < 0.001 * FULL_SCALE


def test_regenerating_gives_byte_identical_files(tmp_path: Path) -> None:
    generator = load_generator()
    assert generator.main(["--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(EXPECTED)
    for name in EXPECTED:
        committed = (AUDIO_DIR / name).read_bytes()
        assert (tmp_path / name).read_bytes() == committed, f"{name} differs from its generator"


@pytest.mark.parametrize("name", ["start.wav", "end.wav", "bell.wav"])
def test_chimes_are_as_loud_as_the_voice(name: str) -> None:
    """One loudness for chimes and speech (app/speech/loudness.py renders speech to it)."""
    from app.speech.loudness import TARGET_LUFS, integrated_loudness

    wav = read_wav(AUDIO_DIR / name)
    loudness = integrated_loudness([v / FULL_SCALE for v in wav.samples], wav.frame_rate)
    assert abs(loudness - TARGET_LUFS) <= 0.3


def test_the_timeline_knows_how_long_each_sound_lasts() -> None:
    from app.core.timeline import SOUND_SECONDS

    for sound, seconds in SOUND_SECONDS.items():
        assert read_wav(AUDIO_DIR / f"{sound}.wav").seconds == pytest.approx(seconds, abs=0.01)
