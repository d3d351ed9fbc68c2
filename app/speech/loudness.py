"""One loudness for every sound: ITU-R BS.1770 integrated loudness, in pure Python.

Speech renders and chimes are both brought to TARGET_LUFS, so that a person never hears
the voice 5 LU under the chimes (as measured before), and the volume setting is applied
once, when a sound plays. Speech is also cut to its audible part, so that the timeline
knows how long the words really take.

BS.1770-4: K-weighting (a high shelf and a high-pass, as two biquads whose coefficients
follow pyloudnorm's derivation for any sample rate), mean square over 400 ms blocks with
75 % overlap, an absolute gate at -70 LUFS and a relative gate 10 LU under the mean.
Mono, 16-bit PCM WAV (what eSpeak NG and assets/generate_sounds.py write). No Qt, no
numpy: eight seconds of speech take about a tenth of a second.
"""

from __future__ import annotations

import array
import itertools
import math
import sys
import wave
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "PEAK_CEILING_DBFS",
    "TARGET_LUFS",
    "integrated_loudness",
    "normalise_wav",
    "read_mono",
    "read_pcm",
    "write_pcm",
]

TARGET_LUFS = -20.0
PEAK_CEILING_DBFS = -1.0
"""No gain raises a sample above this: quiet speech stays clean rather than loud."""
SILENCE_DBFS = -45.0
"""Below this, at either end of a render, is the engine's padding, not words."""
_BLOCK = 0.4
_STEP = 0.1
_ABSOLUTE_GATE = -70.0
_RELATIVE_GATE = -10.0
_FULL_SCALE = 32768.0


def _biquads(rate: int) -> list[tuple[float, float, float, float, float]]:
    """(b0, b1, b2, a1, a2) of the K-weighting filters at ``rate``."""
    # Stage 1: the high shelf (head effects), +4 dB above about 1.5 kHz.
    gain, q, centre = 3.999843853973347, 0.7071752369554196, 1681.974450955533
    k = math.tan(math.pi * centre / rate)
    vh = 10 ** (gain / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = (
        (vh + vb * k / q + k * k) / a0,
        2 * (k * k - vh) / a0,
        (vh - vb * k / q + k * k) / a0,
        2 * (k * k - 1) / a0,
        (1 - k / q + k * k) / a0,
    )
    # Stage 2: the high-pass (RLB weighting) at about 38 Hz.
    q, centre = 0.5003270373238773, 38.13547087602444
    k = math.tan(math.pi * centre / rate)
    a0 = 1 + k / q + k * k
    high_pass = (1.0, -2.0, 1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0)
    return [shelf, high_pass]


def _weighted_squares(samples: Sequence[float], rate: int) -> list[float]:
    """The squares of ``samples`` through both K-weighting biquads, in one pass (the
    loop is the whole cost of a measurement, so it keeps everything in locals)."""
    (s0, s1, s2, sa1, sa2), (h0, h1, h2, ha1, ha2) = _biquads(rate)
    x1 = x2 = y1 = y2 = z1 = z2 = 0.0
    squares: list[float] = []
    append = squares.append
    for x in samples:
        y = s0 * x + s1 * x1 + s2 * x2 - sa1 * y1 - sa2 * y2
        z = h0 * y + h1 * y1 + h2 * y2 - ha1 * z1 - ha2 * z2
        x2, x1 = x1, x
        y2, y1 = y1, y
        z2, z1 = z1, z
        append(z * z)
    return squares


def integrated_loudness(samples: Sequence[float], rate: int) -> float:
    """Integrated loudness in LUFS of mono ``samples`` (-1.0 .. 1.0); -inf for silence."""
    squares = _weighted_squares(samples, rate)
    block, step = round(_BLOCK * rate), round(_STEP * rate)
    if len(squares) < block:  # shorter than one block: measure it whole
        block = step = max(1, len(squares))
    running = [0.0, *itertools.accumulate(squares)]
    powers = [
        max(running[start + block] - running[start], 0.0) / block
        for start in range(0, len(squares) - block + 1, step)
    ]

    def lufs(power: float) -> float:
        return -0.691 + 10 * math.log10(power) if power > 0 else -math.inf

    gated = [p for p in powers if lufs(p) > _ABSOLUTE_GATE]
    if not gated:
        return -math.inf
    relative = lufs(sum(gated) / len(gated)) + _RELATIVE_GATE
    kept = [p for p in gated if lufs(p) > relative]
    return lufs(sum(kept) / len(kept)) if kept else -math.inf


def read_pcm(path: Path) -> tuple[array.array[int], int]:
    """The 16-bit samples and sample rate of a mono 16-bit WAV."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
            raise ValueError(f"{path.name}: not mono 16-bit PCM")
        rate = wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    pcm = array.array("h")
    pcm.frombytes(frames)
    if sys.byteorder == "big":  # WAV is little-endian
        pcm.byteswap()
    return pcm, rate


def read_mono(path: Path) -> tuple[list[float], int]:
    """The samples (-1.0 .. 1.0) and sample rate of a mono 16-bit WAV."""
    pcm, rate = read_pcm(path)
    return [v / _FULL_SCALE for v in pcm], rate


def write_pcm(path: Path, pcm: array.array[int], rate: int) -> None:
    if sys.byteorder == "big":
        pcm = array.array("h", pcm)
        pcm.byteswap()
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm.tobytes())


def _audible(pcm: array.array[int], rate: int, keep: float) -> tuple[int, int]:
    """The [start, end) of ``pcm`` from its first to its last sample above SILENCE_DBFS,
    with ``keep`` seconds either side; (0, len) for silence."""
    floor = 10 ** (SILENCE_DBFS / 20) * _FULL_SCALE
    first = next((i for i, v in enumerate(pcm) if abs(v) > floor), None)
    if first is None:
        return 0, len(pcm)
    last = next(i for i in range(len(pcm) - 1, -1, -1) if abs(pcm[i]) > floor)
    margin = round(keep * rate)
    return max(0, first - margin), min(len(pcm), last + margin + 1)


def normalise_wav(source: Path, target: Path, *, trim: bool = True) -> float:
    """Write ``source`` to ``target`` at TARGET_LUFS (peaks held under the ceiling),
    without its silent ends when ``trim``; return the result's length in seconds."""
    pcm, rate = read_pcm(source)
    if trim:
        start, end = _audible(pcm, rate, keep=0.03)
        pcm = pcm[start:end]
    loudness = integrated_loudness([v / _FULL_SCALE for v in pcm], rate)
    peak = max(max(pcm, default=0), -min(pcm, default=0)) / _FULL_SCALE
    if math.isfinite(loudness) and peak > 0:
        gain = 10 ** ((TARGET_LUFS - loudness) / 20)
        gain = min(gain, 10 ** (PEAK_CEILING_DBFS / 20) / peak)
        pcm = array.array("h", [round(v * gain) for v in pcm])  # peak under the ceiling
    write_pcm(target, pcm, rate)
    return len(pcm) / rate
