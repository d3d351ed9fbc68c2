"""The meter behind "one loudness for every sound" (app/speech/loudness.py)."""

from __future__ import annotations

import array
import math
from pathlib import Path

import pytest

from app.speech.loudness import (
    PEAK_CEILING_DBFS,
    TARGET_LUFS,
    integrated_loudness,
    normalise_wav,
    read_mono,
    read_pcm,
    write_pcm,
)

RATE = 22050


def sine(amplitude: float, seconds: float, hz: float = 997.0) -> list[float]:
    return [amplitude * math.sin(2 * math.pi * hz * i / RATE) for i in range(round(seconds * RATE))]


def wav(path: Path, samples: list[float]) -> Path:
    write_pcm(path, array.array("h", [round(v * 32767) for v in samples]), RATE)
    return path


def test_full_scale_sine_reads_as_the_standard_says() -> None:
    # ITU-R BS.1770-4: a 0 dBFS 1 kHz sine on one front channel reads -3.01 LKFS.
    assert integrated_loudness(sine(1.0, 3.0), RATE) == pytest.approx(-3.01, abs=0.05)
    assert integrated_loudness(sine(0.5, 3.0), RATE) == pytest.approx(-9.03, abs=0.05)


def test_silence_has_no_loudness() -> None:
    assert integrated_loudness([0.0] * RATE, RATE) == -math.inf
    assert integrated_loudness([], RATE) == -math.inf


def test_quiet_tail_does_not_lower_the_reading() -> None:
    # The gates: a near-silent tail three times as long is not averaged in (that would
    # read 6 LU lower); only the blocks straddling the edge count, a fraction of a LU.
    loud = integrated_loudness(sine(0.5, 2.0), RATE)
    with_tail = integrated_loudness(sine(0.5, 2.0) + sine(0.0005, 6.0), RATE)
    assert loud - 0.5 < with_tail <= loud


def test_normalised_render_is_at_the_target_without_its_silent_ends(tmp_path: Path) -> None:
    source = wav(tmp_path / "in.wav", [0.0] * RATE + sine(0.05, 2.0) + [0.0] * (2 * RATE))
    seconds = normalise_wav(source, tmp_path / "out.wav")
    samples, rate = read_mono(tmp_path / "out.wav")
    assert rate == RATE
    assert seconds == pytest.approx(2.06, abs=0.01)  # words plus 30 ms either side
    assert integrated_loudness(samples, rate) == pytest.approx(TARGET_LUFS, abs=0.1)


def test_gain_never_lifts_a_peak_over_the_ceiling(tmp_path: Path) -> None:
    # A quiet signal with one loud click: reaching -20 LUFS would clip the click.
    click = sine(0.01, 2.0)
    click[RATE] = 0.9
    normalise_wav(wav(tmp_path / "in.wav", click), tmp_path / "out.wav", trim=False)
    pcm, _ = read_pcm(tmp_path / "out.wav")
    peak = max(max(pcm), -min(pcm)) / 32768
    assert 20 * math.log10(peak) <= PEAK_CEILING_DBFS + 0.01


def test_silence_is_written_unchanged(tmp_path: Path) -> None:
    source = wav(tmp_path / "in.wav", [0.0] * RATE)
    assert normalise_wav(source, tmp_path / "out.wav") == pytest.approx(1.0)
    assert read_pcm(tmp_path / "out.wav")[0] == read_pcm(source)[0]


def test_not_mono_16_bit_is_refused(tmp_path: Path) -> None:
    import wave

    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"\0\0\0\0" * 10)
    with pytest.raises(ValueError, match="not mono 16-bit"):
        read_pcm(path)
