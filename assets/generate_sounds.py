"""Generate Facewell's soft cue sounds as small WAV files in ``assets/audio``.

Many Facewell users live with facial spasms and are sensitive to light and sound; they
often follow a routine with their eyes closed, so the app guides them with a few quiet
cues: a start chime, an end chime, an interval bell and a phase tick. These must be soft,
warm and never harsh.

This script builds those cues from sine tones with smooth envelopes, using only the
standard library, so that anyone can review, tune and rebuild them without an audio
editor or licensed samples. Every note fades in over at least 15 ms and fades out to
exact silence, so the files start and end at zero (no clicks); there is no noise.

The output is deterministic (no randomness, no timestamps): running the script again gives
byte-identical files, which the tests check against the committed ones. The format is
uncompressed 16-bit PCM at 48 kHz, mono except the tick (see phase_tick), which
QSoundEffect plays directly.

Usage::

    python assets/generate_sounds.py [--out DIR]
"""

from __future__ import annotations

import argparse
import array
import io
import math
import sys
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# The loudness meter is the app's own (ITU-R BS.1770), so the chimes and the spoken
# cues are brought to one loudness by one measure.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.speech.loudness import PEAK_CEILING_DBFS, TARGET_LUFS, integrated_loudness

SAMPLE_RATE = 48_000
SAMPLE_WIDTH_BYTES = 2  # 16-bit PCM
FULL_SCALE = 32_767
CHIME_LUFS = TARGET_LUFS
"""Start, end and bell: as loud as the voice (within 1 LU, checked by make bench)."""
TICK_LUFS = TARGET_LUFS - 8.0
"""The phase tick is a soft mark under the voice, never a chime."""
DEFAULT_OUT_DIR = Path(__file__).resolve().parent / "audio"

# Pitches (equal temperament, A4 = 440 Hz), all in G major so the cues sound related.
G4 = 392.00
B4 = 493.88
D5 = 587.33
TICK_HZ = 660.0


@dataclass(frozen=True)
class Partial:
    """One sine component of a note, relative to the note's pitch and level."""

    ratio: float  # frequency as a multiple of the note's pitch
    level: float  # linear amplitude relative to the note's level
    decay_s: float  # time constant of the exponential decay


@dataclass(frozen=True)
class Note:
    """A tone with a raised-cosine attack, exponential decay and a fade to exact silence."""

    onset_s: float
    freq_hz: float
    length_s: float
    partials: tuple[Partial, ...]
    level: float = 1.0
    attack_s: float = 0.025
    release_s: float = 0.3


@dataclass(frozen=True)
class Sound:
    """A named cue: its notes, the loudness it is normalised to, its channels."""

    filename: str
    notes: tuple[Note, ...]
    lufs: float
    channels: int = 1


def warm_tone(decay_s: float) -> tuple[Partial, ...]:
    """A chime timbre: a fundamental with a faint, quicker-fading octave for warmth."""
    return (Partial(1.0, 1.0, decay_s), Partial(2.0, 0.12, decay_s / 3.0))


def start_chime() -> Sound:
    """Two rising notes a fifth apart (G4 to D5), the second entering as the first rings."""
    notes = (
        Note(0.00, G4, 1.20, warm_tone(0.50), level=0.85, release_s=0.40),
        Note(0.16, D5, 1.04, warm_tone(0.55), level=0.80, release_s=0.40),
    )
    return Sound("start.wav", notes, CHIME_LUFS)


def end_chime() -> Sound:
    """Three descending, softening notes (D5, B4, G4) that come to rest on the home note."""
    notes = (
        Note(0.00, D5, 1.00, warm_tone(0.40), level=1.00, release_s=0.40),
        Note(0.26, B4, 1.04, warm_tone(0.45), level=0.70, release_s=0.40),
        Note(0.52, G4, 1.28, warm_tone(0.70), level=0.60, release_s=0.50),
    )
    return Sound("end.wav", notes, CHIME_LUFS)


def interval_bell() -> Sound:
    """A small singing bowl: a slowly beating fundamental plus fast-fading inharmonic partials.

    The upper ratios follow the ring modes of a free bowl (about 2.8, 5.4 and 8.8 times the
    fundamental); they are kept quiet and short so the bell stays mellow.
    """
    partials = (
        Partial(1.000, 0.75, 1.30),
        Partial(1.002, 0.25, 1.30),  # slight detune: a gentle ~0.8 Hz shimmer
        Partial(2.830, 0.30, 0.70),
        Partial(5.420, 0.10, 0.35),
        Partial(8.770, 0.03, 0.20),
    )
    notes = (Note(0.00, G4, 3.00, partials, attack_s=0.02, release_s=0.80),)
    return Sound("bell.wav", notes, CHIME_LUFS)


def phase_tick() -> Sound:
    """A short, quiet, low-mid blip that marks a change of phase.

    Stereo (the same signal twice), so that QSoundEffect plays it on an audio engine of
    its own: in Qt 6.12 a sound that ends while another plays on the same engine can
    leave the event loop spinning at full CPU on "QSocketNotifier: Invalid socket", and
    the tick is the short sound that lands on the chimes (docs/architecture.md).
    """
    partials = (Partial(1.0, 1.0, 0.10),)
    notes = (Note(0.00, TICK_HZ, 0.13, partials, attack_s=0.02, release_s=0.09),)
    return Sound("tick.wav", notes, TICK_LUFS, channels=2)


ALL_SOUNDS: tuple[Callable[[], Sound], ...] = (start_chime, end_chime, interval_bell, phase_tick)


def raised_cosine(position: float, width: float) -> float:
    """Rise smoothly from 0 (position 0) to 1 (position >= width); half a Hann window."""
    if position >= width:
        return 1.0
    if position <= 0.0:
        return 0.0
    return 0.5 - 0.5 * math.cos(math.pi * position / width)


def sample_count(seconds: float) -> int:
    """Number of samples covering ``seconds`` at the sample rate."""
    return round(seconds * SAMPLE_RATE)


def note_sample(note: Note, t: float, last_t: float) -> float:
    """The note's value at ``t`` seconds after its onset; zero at both ends."""
    shape = raised_cosine(t, note.attack_s) * raised_cosine(last_t - t, note.release_s)
    if shape == 0.0:
        return 0.0
    value = 0.0
    for partial in note.partials:
        phase = 2.0 * math.pi * note.freq_hz * partial.ratio * t
        value += partial.level * math.exp(-t / partial.decay_s) * math.sin(phase)
    return note.level * shape * value


def mix(notes: Sequence[Note]) -> list[float]:
    """Render and sum the notes into one buffer just long enough to hold them all."""
    length = max(sample_count(n.onset_s) + sample_count(n.length_s) for n in notes)
    buffer = [0.0] * length
    for note in notes:
        start = sample_count(note.onset_s)
        count = sample_count(note.length_s)
        last_t = (count - 1) / SAMPLE_RATE
        for i in range(count):
            buffer[start + i] += note_sample(note, i / SAMPLE_RATE, last_t)
    return buffer


def normalise(buffer: Sequence[float], lufs: float) -> list[float]:
    """Scale the buffer to ``lufs`` integrated loudness, its peak held under the ceiling."""
    peak = max(abs(x) for x in buffer)
    if peak == 0.0:
        raise ValueError("cannot normalise a silent buffer")
    gain = 10.0 ** ((lufs - integrated_loudness(buffer, SAMPLE_RATE)) / 20.0)
    gain = min(gain, 10.0 ** (PEAK_CEILING_DBFS / 20.0) / peak)
    return [x * gain for x in buffer]


def quantise(buffer: Sequence[float]) -> array.array[int]:
    """Convert samples in [-1, 1] to signed 16-bit integers, refusing to clip."""
    samples = array.array("h")
    for x in buffer:
        if not -1.0 <= x <= 1.0:
            raise ValueError(f"sample {x} would clip")
        samples.append(round(x * FULL_SCALE))
    return samples


def encode_wav(samples: array.array[int], channels: int = 1) -> bytes:
    """Encode 16-bit samples as a 48 kHz PCM WAV file (little-endian, no metadata), the
    same signal on each of `channels`."""
    data = array.array("h", (s for s in samples for _ in range(channels)))
    if sys.byteorder == "big":
        data.byteswap()
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(SAMPLE_WIDTH_BYTES)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(data.tobytes())
    return out.getvalue()


def render(sound: Sound) -> array.array[int]:
    """The sound's final 16-bit samples."""
    return quantise(normalise(mix(sound.notes), sound.lufs))


def peak_dbfs(samples: array.array[int]) -> float:
    """Peak level of 16-bit samples in dBFS (-inf for silence)."""
    peak = max(abs(s) for s in samples)
    return 20.0 * math.log10(peak / FULL_SCALE) if peak else -math.inf


def write_all(out_dir: Path) -> list[Path]:
    """Generate every cue into ``out_dir`` and return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for make in ALL_SOUNDS:
        sound = make()
        samples = render(sound)
        path = out_dir / sound.filename
        path.write_bytes(encode_wav(samples, sound.channels))
        seconds = len(samples) / SAMPLE_RATE
        loudness = integrated_loudness([v / FULL_SCALE for v in samples], SAMPLE_RATE)
        print(f"{path}: {seconds:.3f} s, {loudness:.1f} LUFS, peak {peak_dbfs(samples):.1f} dBFS")
        written.append(path)
    return written


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description="Generate Facewell's soft cue sounds.")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help="folder to write the WAV files to (default: the audio folder next to this script)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: write start.wav, end.wav, bell.wav and tick.wav."""
    args = parse_args(argv)
    write_all(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
