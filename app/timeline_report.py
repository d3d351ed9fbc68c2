"""``facewell timeline ROUTINE``: a routine's timeline as it will play, for its authors.

The speech is rendered with the real engine at the asked rate (cached in DATA_DIR, as
the window does), so the lengths are the ones a person will hear; the timeline is
compiled with them and printed as text or JSON, with any promise to the ear it breaks
(app/core/listening.py). No Qt here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.core.durations import format_clock
from app.core.listening import broken_promises
from app.core.routine import Routine
from app.core.timeline import CueKind, Timeline, compile_timeline, estimate_seconds, spoken_lines
from app.paths import speech_cache_dir

if TYPE_CHECKING:
    from app.speech.cache import RenderedSpeech

__all__ = ["measured_timeline", "print_timeline", "rendered_speech", "timeline_json"]


def rendered_speech(routine: Routine, data_dir: Path, rate: int) -> RenderedSpeech:
    """Every line of ``routine`` rendered at ``rate`` wpm into DATA_DIR's speech cache,
    as the window renders it (lines the engine could not render are missing)."""
    from app.paths import ensure_private_dir, voices_dir
    from app.speech.cache import SpeechCache
    from app.speech.engines import VoiceRouter, prepare_voice
    from app.speech.settings import VoiceSettings

    cache = SpeechCache(ensure_private_dir(speech_cache_dir(data_dir)))
    router = VoiceRouter(voices_dir(data_dir))
    try:
        voice = VoiceSettings(voice=_saved_voice(data_dir), rate=rate)
        return prepare_voice(spoken_lines(routine), voice, cache, router).files
    finally:
        router.close()


def _saved_voice(data_dir: Path) -> str | None:
    """The voice chosen in Settings, read without Qt (None: the default voice)."""
    import configparser

    from app.paths import SETTINGS_FILE

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(data_dir / SETTINGS_FILE, encoding="utf-8")
        return parser.get("sound", "voice_id", fallback="") or None
    except (configparser.Error, OSError):
        return None


def measured_timeline(routine: Routine, data_dir: Path, rate: int) -> tuple[Timeline, str]:
    """The timeline compiled with rendered lengths at ``rate`` wpm, and which lengths
    were used ("rendered", or "estimated" when there is no speech engine)."""
    seconds = rendered_speech(routine, data_dir, rate).seconds
    source = "rendered" if len(seconds) == len(set(spoken_lines(routine))) else "estimated"
    timeline = compile_timeline(
        routine, lambda text: seconds.get(text) or estimate_seconds(text, rate)
    )
    return timeline, source


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    """{"total", "segments": [{start, duration, step, phase, text}], "cues": [{offset,
    kind, text, sound, length}], "broken_promises": [...]}."""
    return {
        "total": round(timeline.total, 3),
        "segments": [
            {
                "start": round(s.start, 3),
                "duration": round(s.duration, 3),
                "step": s.step,
                "phase": str(s.phase),
                "text": s.text,
            }
            for s in timeline.segments
        ],
        "cues": [
            {
                "offset": round(c.offset, 3),
                "kind": str(c.kind),
                "text": c.text,
                "sound": None if c.sound is None else str(c.sound),
                "length": round(c.length, 3),
            }
            for c in timeline.cues
        ],
        "broken_promises": broken_promises(timeline),
    }


def _at(seconds: float) -> str:
    """A position, "m:ss.s" (format_clock rounds up, as a countdown should)."""
    minutes, secs = divmod(max(0.0, seconds), 60)
    return f"{int(minutes)}:{secs:04.1f}"


def print_timeline(timeline: Timeline, out: TextIO = sys.stdout) -> None:
    """Segments and what is heard in each, one line apiece."""
    cues = list(timeline.cues)
    steps = timeline.routine.steps
    for segment in timeline.segments:
        if segment.start in timeline.step_starts and segment.step < len(steps):
            print(f"\n[{segment.step + 1}/{len(steps)}] {steps[segment.step].title}", file=out)
        rep = f" {segment.rep} of {segment.reps}" if segment.reps > 1 else ""
        print(
            f"  {_at(segment.start):>7}  {segment.phase:<10} {segment.text}{rep}"
            f"  ({segment.duration:.1f} s)",
            file=out,
        )
        while cues and cues[0].offset < segment.end - 1e-9:
            cue = cues.pop(0)
            what = f"« {cue.text} »" if cue.kind is CueKind.SPEECH else f"({cue.sound} chime)"
            print(f"  {'':>7}    {cue.offset:8.2f} s  {what}  {cue.length:.2f} s", file=out)
    for cue in cues:
        print(f"  {'':>7}    {cue.offset:8.2f} s  ({cue.sound} chime)", file=out)
    print(f"\nTotal {format_clock(timeline.total)}.", file=out)
    broken = broken_promises(timeline)
    for line in broken:
        print(f"  ! {line}", file=out)
    if not broken:
        print("Every line has its own time; holds keep their length.", file=out)


def dump(timeline: Timeline, out: TextIO = sys.stdout) -> None:
    json.dump(timeline_json(timeline), out, indent=2)
    out.write("\n")
