"""What is heard: a timeline checked against the promises a routine makes to the ear.

A person follows a routine with closed eyes, from the sound alone, so the timeline must
keep these (docs/routine-format.md, "How a routine sounds"):

- no spoken line overlaps another;
- no words in the first second of a start, end or bell chime;
- every timed phase (breathing phases, exercise holds, compress rounds and breaks)
  opens with its cue within 50 ms;
- a breathing phase hears only its own short cue (a word or two), ending inside it;
- words inside an exercise hold end within 1.5 s of its start (a count, not an
  instruction);
- a compress round's opening words end within 4 s.

:func:`broken_promises` lists every breach in plain words; the tests and ``facewell
timeline`` use it. No Qt here.
"""

from __future__ import annotations

import itertools

from app.core.timeline import CHIME_CLEAR_SECONDS, Cue, CueKind, Phase, Sound, Timeline

__all__ = ["broken_promises"]

OPENS_WITHIN = 0.05
HOLD_WORDS_WITHIN = 1.5
ROUND_WORDS_WITHIN = 4.0
BREATH_WORDS_MAX = 2
_EPS = 1e-6
_TIMED = (
    Phase.INHALE,
    Phase.HOLD,
    Phase.EXHALE,
    Phase.HOLD_AFTER,
    Phase.MOVE,
    Phase.APPLY,
    Phase.SKIN_BREAK,
)
_BREATH = (Phase.INHALE, Phase.HOLD, Phase.EXHALE, Phase.HOLD_AFTER)


def _speech(timeline: Timeline) -> list[Cue]:
    return [c for c in timeline.cues if c.kind is CueKind.SPEECH]


def broken_promises(timeline: Timeline) -> list[str]:
    """Every breach of the promises above; empty when the routine sounds as it should."""
    speech = _speech(timeline)
    broken: list[str] = []
    for before, after in itertools.pairwise(speech):
        if after.offset < before.end - _EPS:
            broken.append(
                f"{after.offset:.2f} s: {after.text!r} starts before {before.text!r} ends "
                f"({before.end:.2f} s)"
            )
    chimes = [c for c in timeline.cues if c.kind is CueKind.SOUND and c.sound is not Sound.TICK]
    for chime in chimes:
        quiet = (chime.offset, chime.offset + CHIME_CLEAR_SECONDS)
        for line in speech:
            if line.offset < quiet[1] - _EPS and line.end > quiet[0] + _EPS:
                broken.append(
                    f"{line.offset:.2f} s: {line.text!r} speaks over the {chime.sound} chime"
                )
    sounds = [c for c in timeline.cues if c.kind is CueKind.SOUND]
    for segment in timeline.segments:
        if segment.phase not in _TIMED:
            continue
        where = f"{segment.start:.2f} s ({segment.phase}, step {segment.step + 1})"
        inside = [c for c in speech if segment.start - _EPS <= c.offset < segment.end - _EPS]
        opening = [c for c in inside if c.offset <= segment.start + OPENS_WITHIN]
        ticked = any(abs(c.offset - segment.start) <= OPENS_WITHIN for c in sounds)
        first_of_step = not any(
            s.step == segment.step and s.phase in _TIMED and s.end <= segment.start + _EPS
            for s in timeline.segments
        )
        # A voiceless breathing step ticks between phases, not before its first.
        if not (opening or ticked or (first_of_step and segment.phase in _BREATH)):
            broken.append(f"{where}: no cue opens the phase")
        if segment.phase in _BREATH:
            for line in inside:
                if line.end > segment.end + _EPS and line.offset <= segment.start + OPENS_WITHIN:
                    broken.append(f"{where}: {line.text!r} runs past its phase")
            words = [c for c in opening if len(c.text.split()) > BREATH_WORDS_MAX]
            broken += [f"{where}: {c.text!r} is more than a word or two" for c in words]
        elif segment.phase is Phase.MOVE:
            for line in inside:
                if line.end > segment.start + HOLD_WORDS_WITHIN + _EPS:
                    broken.append(f"{where}: {line.text!r} is still speaking into the hold")
        elif segment.phase is Phase.APPLY:
            for line in opening:
                if line.end > segment.start + ROUND_WORDS_WITHIN + _EPS:
                    broken.append(f"{where}: {line.text!r} takes more than 4 s of the round")
    return broken
