"""When a routine may start while the rest of its lines still render (docs/voices.md).

A slow voice (Piper on a busy laptop renders at a fifth to a half of real time) would
make a first start wait for every line. Instead a routine may start once **every line
spoken in its first START_AHEAD_SECONDS, and every line spoken inside a timed phase
(breathing words, counts, a compress round's opening), is rendered and measured**;
the rest render on, in the order they are spoken, while it plays. Lines in timed
phases come first because their room is a promise (a hold's count ends within 1.5 s,
a breath word inside its breath: app/core/listening.py) that a generous reservation
would break; they are short, so they render fast. Every other line sits in a lead-in,
a rest or a meditation, which grows to hold whatever room it is given.

The timeline is still compiled once, before Start, and its promises hold (no line over
another, a phase's cue on its phase, holds timed after their words), because a line
not yet measured is compiled with a **reserved** length that its render will not
exceed: RESERVE_FACTOR times the words' estimate plus RESERVE_PAD_SECONDS, and never
less than its stand-in (the system voice's render of it, made before Start). Measured
on the 74 lines of 6 built-in routines with Piper (en_US-joe-medium) at 100, 150 and
220 wpm, a line took up to 1.26x its estimate, and every line had at least 0.44 s of
its reservation to spare (docs/voices.md).

While it plays, each line that arrives in time and fits its reservation replaces its
stand-in; one that is late, or longer than its room, is spoken by its stand-in (a line
is never lost, and never runs into the next). No Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.core.routine import Routine
from app.core.timeline import (
    CueKind,
    Lengths,
    Phase,
    Timeline,
    compile_timeline,
    estimate_seconds,
    spoken_lines,
)

__all__ = [
    "RESERVE_FACTOR",
    "RESERVE_PAD_SECONDS",
    "START_AHEAD_SECONDS",
    "can_start",
    "phase_words",
    "planned_lengths",
    "reserved_seconds",
    "start_order",
]

START_AHEAD_SECONDS = 120.0
"""The lines of a routine's first two minutes must be rendered before it starts."""
RESERVE_FACTOR = 1.25
RESERVE_PAD_SECONDS = 0.5
TIMED_PHASES = frozenset(
    {
        Phase.INHALE,
        Phase.HOLD,
        Phase.EXHALE,
        Phase.HOLD_AFTER,
        Phase.MOVE,
        Phase.APPLY,
        Phase.SKIN_BREAK,
    }
)
"""Phases that never grow: words in them must be measured before Start."""


def reserved_seconds(text: str, wpm: float, stand_in: float | None = None) -> float:
    """The room a line not yet measured gets in the timeline."""
    estimate = estimate_seconds(text, wpm)
    room = RESERVE_FACTOR * estimate + RESERVE_PAD_SECONDS if estimate > 0 else 0.0
    return max(room, stand_in or 0.0)


def planned_lengths(
    measured: Mapping[str, float], wpm: float, stand_ins: Mapping[str, float] | None = None
) -> Lengths:
    """Each line's length for the compiler: measured, else its reservation."""
    stand = stand_ins or {}

    def length(text: str) -> float:
        seconds = measured.get(text)
        if seconds:
            return seconds
        return reserved_seconds(text, wpm, stand.get(text))

    return length


def _timed_words(timeline: Timeline) -> set[str]:
    words: set[str] = set()
    segments = [s for s in timeline.segments if s.phase in TIMED_PHASES]
    for cue in timeline.cues:
        if cue.kind is CueKind.SPEECH and any(
            s.start - 1e-9 <= cue.offset < s.end for s in segments
        ):
            words.add(cue.text)
    return words


def phase_words(routine: Routine) -> set[str]:
    """Every line the routine may speak inside a timed phase (compiled as if each line
    took no time, as spoken_lines is, so that no breath word is left out)."""
    return _timed_words(compile_timeline(routine, lambda _text: 0.0))


def start_order(routine: Routine, wpm: float) -> list[str]:
    """The routine's lines in the order to render them: those Start waits for (its
    phase words, then its first minutes, as estimated now), then the rest as spoken."""
    lines = spoken_lines(routine)
    first = phase_words(routine)
    planned = compile_timeline(routine, planned_lengths({}, wpm))
    first |= {
        c.text for c in planned.cues if c.kind is CueKind.SPEECH and c.offset < START_AHEAD_SECONDS
    }
    return [t for t in lines if t in first] + [t for t in lines if t not in first]


def can_start(
    routine: Routine,
    measured: Mapping[str, float],
    wpm: float,
    stand_ins: Mapping[str, float] | None = None,
    ahead: float = START_AHEAD_SECONDS,
) -> bool:
    """Every phase word and every line spoken in the first ``ahead`` seconds of the
    routine, as it would be compiled now, is measured."""
    if not phase_words(routine) <= measured.keys():
        return False
    timeline = compile_timeline(routine, planned_lengths(measured, wpm, stand_ins))
    return all(
        cue.text in measured
        for cue in timeline.cues
        if cue.kind is CueKind.SPEECH and cue.offset < ahead
    )
