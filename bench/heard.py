"""What a person hears: record the sink while `facewell run gentle-face --no-gui` plays.

The timeline's promises to the ear (app/core/listening.py) are checked on the compiled
plan by the tests; this checks them on the sound that came out. A private PulseAudio
null sink's monitor is recorded with parec for the whole run. Every cue of the plan is
then found in the recording by matching its own waveform's envelope (its rendered
speech from the cache, or its chime) within half a second of where the plan puts it,
taking the start chime as time zero. The heard onsets replace the planned ones and the
same promises are checked again; so is the loudness of speech against chimes (each
measured where it sounds alone) and whether the last sound rang to its end before the
process exited.

Pure Python on 16-bit samples, 5 ms envelope frames: no numpy for one benchmark.
"""

from __future__ import annotations

import array
import dataclasses
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

from bench.common import REPO, Audio, base_env

ROUTINE = "gentle-face"
RATE = 48000
FRAME_SECONDS = 0.005
SEARCH_SECONDS = 0.5
ALIGN_SECONDS = 2.0
"""How far from the first sound's clock the long cues are looked for, to find time zero."""
MATCHED = 0.6
"""Envelope correlation at or above which a cue counts as heard."""
AUDIBLE = 10 ** (-50 / 20) * 32768


def heard(audio: Audio, routine_slug: str = ROUTINE, keep: Path | None = None) -> dict[str, Any]:
    """The figures; ``keep``: a folder to leave the recording, trace and output in."""
    result: dict[str, Any] = {"device": audio.device, "routine": routine_slug}
    parec, pacat = shutil.which("parec"), shutil.which("pacat")
    if audio.device != "null" or parec is None or pacat is None:
        result["error"] = "needs the private PulseAudio null sink, parec and pacat to record"
        return result
    with tempfile.TemporaryDirectory(prefix="facewell-heard-") as tmp:
        data_dir, raw = Path(tmp) / "data", Path(tmp) / "sink.raw"
        data_dir.mkdir(mode=0o700)
        env = base_env(audio.env)
        # The child imports the app; this process only reads its files.
        from app.catalog import library_for
        from app.speech.defaults import DEFAULT_RATE
        from app.timeline_report import rendered_speech

        routine = library_for(data_dir).find(routine_slug)
        assert routine is not None
        rendered = rendered_speech(routine, data_dir, DEFAULT_RATE)  # the run reuses it
        with raw.open("wb") as sink:
            recorder = subprocess.Popen(
                [parec, "--device=null.monitor", "--format=s16le", f"--rate={RATE}",
                 "--channels=1", "--raw", "--latency-msec=20"],
                env=env, stdout=sink, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            # An idle null sink's monitor delivers nothing, so the recording would begin
            # with the first sound, half a start chime late: a stream of silence keeps
            # the sink running from before the routine starts, as a desktop's often is.
            keeper = subprocess.Popen(
                [pacat, "--playback", "--device=null", "--format=s16le", f"--rate={RATE}",
                 "--channels=1", "--raw", "/dev/zero"],
                env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            try:
                deadline = time.monotonic() + 10
                while raw.stat().st_size < RATE * 2 and time.monotonic() < deadline:
                    time.sleep(0.05)  # a second recorded before the routine starts
                lead = raw.stat().st_size / (2 * RATE)
                started = time.monotonic()
                run = subprocess.run(
                    [sys.executable, "main.py", "--data-dir", str(data_dir), "run", routine_slug,
                     "--no-gui", "--trace", str(Path(tmp) / "trace.jsonl")],
                    env=env, cwd=REPO, capture_output=True, text=True, timeout=1500,
                    check=False,
                )  # fmt: skip
                exited = lead + time.monotonic() - started
                time.sleep(1.0)
            finally:
                for child in (keeper, recorder):
                    child.terminate()
                    child.wait(timeout=10)
        result["exit_code"] = run.returncode
        result["run_seconds"] = round(exited - lead, 1)
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            for name in ("sink.raw", "trace.jsonl"):
                if (Path(tmp) / name).exists():
                    shutil.copy(Path(tmp) / name, keep / name)
            (keep / "stdout.txt").write_text(run.stdout + "\n--- stderr\n" + run.stderr)
        if run.returncode != 0:
            result["error"] = run.stderr[-1500:]
            return result
        pcm = array.array("h")
        pcm.frombytes(raw.read_bytes())
        if sys.byteorder == "big":
            pcm.byteswap()
        result.update(_analyse(routine, rendered, pcm, exited))
    return result


def _analyse(routine: Any, rendered: Any, pcm: array.array[int], exited: float) -> dict[str, Any]:
    from app.core.listening import OPENS_WITHIN, broken_promises
    from app.core.timeline import SOUND_SECONDS, CueKind, Sound, compile_timeline
    from app.speech.loudness import integrated_loudness

    plan = compile_timeline(routine, rendered.seconds.__getitem__)
    recording = _envelope(pcm, RATE)
    start = _first_audible(recording) * FRAME_SECONDS
    templates: dict[str, list[float]] = {}

    def template(cue: Any) -> list[float]:
        path = rendered[cue.text] if cue.kind is CueKind.SPEECH else _chime(str(cue.sound))
        if str(path) not in templates:
            templates[str(path)] = _envelope(*_read(path))
        return templates[str(path)]

    # Time zero and the sink's clock: where the long cues (a second or more, so
    # unmistakable) fit best, each looked for within ALIGN_SECONDS of the first sound
    # plus its offset, then a straight line through them. The sink's sample clock runs
    # a little apart from the app's (about 150 ppm on PulseAudio's null sink, as any
    # sound card's crystal does); that is not a cue being late, so it is taken out.
    anchors: list[tuple[float, float]] = []
    for cue in plan.cues:
        if cue.length >= 1.0 and not (cue.kind is CueKind.SOUND and cue.sound is Sound.TICK):
            at, score = _best_lag(recording, template(cue), start + cue.offset, ALIGN_SECONDS)
            if score >= MATCHED:
                anchors.append((cue.offset, at))
    zero, scale = _line(anchors, start)
    # A cue that really was late must not pull the line: fit again without the outliers.
    close = [(x, y) for x, y in anchors if abs(y - (zero + x * scale)) <= OPENS_WITHIN]
    if len(close) >= 2:
        zero, scale = _line(close, start)

    def heard_at(offset: float) -> float:
        return zero + offset * scale

    heard_cues, errors, unheard = [], [], []
    for cue in plan.cues:
        if cue.kind is CueKind.SOUND and cue.sound is Sound.TICK:
            heard_cues.append(cue)  # too short to find reliably; none in Gentle face
            continue
        at, score = _best_lag(recording, template(cue), heard_at(cue.offset))
        if score < MATCHED:
            unheard.append({"offset": cue.offset, "cue": cue.label, "score": round(score, 2)})
            heard_cues.append(cue)
            continue
        error = (at - heard_at(cue.offset)) / scale
        errors.append(error)
        # Early by less than a phase's 50 ms is on time: the envelopes' 5 ms frames and a
        # word's soft start make the match itself that uncertain, and an early word
        # would otherwise seem to fall in the phase before the one it opens.
        heard = cue.offset + (0.0 if -OPENS_WITHIN < error < 0 else error)
        heard_cues.append(dataclasses.replace(cue, offset=heard))
    heard_timeline = dataclasses.replace(plan, cues=tuple(heard_cues))

    def sounding(cue: Any) -> tuple[float, float]:
        length = cue.length if cue.kind is CueKind.SPEECH else SOUND_SECONDS[cue.sound]
        return cue.offset, cue.offset + length

    speech_lufs: list[float] = []
    chime_lufs: list[float] = []
    for cue in heard_cues:
        begin, end = sounding(cue)
        alone = all(
            other is cue or sounding(other)[1] <= begin or sounding(other)[0] >= end
            for other in heard_cues
        )
        if not alone or (cue.kind is CueKind.SOUND and cue.sound is Sound.TICK):
            continue
        window = pcm[round(heard_at(begin) * RATE) : round(heard_at(end) * RATE)]
        lufs = integrated_loudness([v / 32768 for v in window], RATE)
        if math.isfinite(lufs):
            (speech_lufs if cue.kind is CueKind.SPEECH else chime_lufs).append(lufs)
    last = heard_cues[-1]
    last_end = heard_at(sounding(last)[1])
    tail = _tail_ratio(recording, template(last), heard_at(last.offset))
    speech, chimes = statistics.median(speech_lufs), statistics.median(chime_lufs)
    return {
        "cues": len(plan.cues),
        "cues_heard": len(plan.cues) - len(unheard),
        "unheard": unheard[:10],
        "sink_clock_ppm": round((scale - 1) * 1e6, 1),
        "onset_error_ms": {
            "max_abs": round(max(map(abs, errors)) * 1000, 1),
            "max_late": round(max(errors) * 1000, 1),
            "max_early": round(-min(errors) * 1000, 1),
            "p50": round(statistics.median(errors) * 1000, 1),
        },
        "broken_promises": broken_promises(heard_timeline)[:20],
        "heard_as_promised": not unheard and not broken_promises(heard_timeline),
        "speech_lufs": round(speech, 2),
        "chime_lufs": round(chimes, 2),
        "speech_minus_chimes_lu": round(speech - chimes, 2),
        "loudness_within_1_lu": abs(speech - chimes) <= 1.0,
        "measured": {"speech_lines": len(speech_lufs), "chimes": len(chime_lufs)},
        "last_sound": last.label,
        "last_sound_ends_s": round(last_end, 2),
        "process_exited_s": round(exited, 2),
        "last_sound_tail_ratio": round(tail, 2),
        "rang_out": tail >= 0.5,
        "recorded_s": round(len(pcm) / RATE, 1),
    }


def _tail_ratio(recording: list[float], template: list[float], at: float) -> float:
    """How loud the last 0.3 s of a sound was in the recording, against its file (1.0:
    as loud as the rest of it was; 0.0: cut off, the process had gone)."""
    start, n, tail = round(at / FRAME_SECONDS), len(template), round(0.3 / FRAME_SECONDS)
    heard = recording[start : start + n]
    if len(heard) < n or n <= tail:
        return 0.0
    gain = sum(heard[: n - tail]) / (sum(template[: n - tail]) or 1.0)
    return sum(heard[n - tail :]) / ((gain * sum(template[n - tail :])) or 1.0)


def _line(points: list[tuple[float, float]], start: float) -> tuple[float, float]:
    """(zero, scale) of the least-squares line recording = zero + offset * scale;
    (start, 1) without two points to draw it through."""
    if len(points) < 2:
        return (points[0][1] - points[0][0], 1.0) if points else (start, 1.0)
    xs, ys = [x for x, _ in points], [y for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    if spread == 0:
        return my - mx, 1.0
    scale = sum((x - mx) * (y - my) for x, y in points) / spread
    return my - scale * mx, scale


def _chime(name: str) -> Path:
    return REPO / "assets" / "audio" / f"{name}.wav"


def _read(path: Path) -> tuple[array.array[int], int]:
    """A WAV's first channel as 16-bit samples, and its rate."""
    with wave.open(str(path), "rb") as wav:
        channels, rate = wav.getnchannels(), wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    pcm = array.array("h")
    pcm.frombytes(frames)
    if sys.byteorder == "big":
        pcm.byteswap()
    return (pcm[::channels] if channels > 1 else pcm), rate


def _envelope(pcm: array.array[int], rate: int) -> list[float]:
    """RMS per 5 ms frame."""
    n = max(1, round(rate * FRAME_SECONDS))
    return [
        math.sqrt(sum(v * v for v in pcm[i : i + n]) / n) for i in range(0, len(pcm) - n + 1, n)
    ]


def _first_audible(envelope: list[float]) -> int:
    """The first frame over -50 dBFS (a 5 ms RMS: a stray click at the start of the
    recording does not count)."""
    return next((i for i, v in enumerate(envelope) if v > AUDIBLE), 0)


def _best_lag(
    recording: list[float],
    template: list[float],
    expected: float,
    search: float = SEARCH_SECONDS,
) -> tuple[float, float]:
    """Where in the recording (seconds) ``template`` fits best within SEARCH_SECONDS of
    ``expected``, and how well (Pearson correlation of the envelopes)."""
    n = len(template)
    mean = sum(template) / n
    centred = [v - mean for v in template]
    norm = math.sqrt(sum(v * v for v in centred)) or 1.0
    centre = round(expected / FRAME_SECONDS)
    radius = round(search / FRAME_SECONDS)
    best, best_score = centre, -1.0
    for lag in range(max(0, centre - radius), min(len(recording) - n, centre + radius) + 1):
        window = recording[lag : lag + n]
        w_mean = sum(window) / n
        w_norm = math.sqrt(sum((v - w_mean) ** 2 for v in window)) or 1.0
        score = sum(c * w for c, w in zip(centred, window, strict=True)) / (norm * w_norm)
        if score > best_score:
            best, best_score = lag, score
    return best * FRAME_SECONDS, best_score
