"""When a routine may start before its last line is rendered, and the room lines get."""

from __future__ import annotations

import itertools

import pytest

from app.core.early_start import (
    RESERVE_FACTOR,
    START_AHEAD_SECONDS,
    can_start,
    phase_words,
    planned_lengths,
    reserved_seconds,
    start_order,
)
from app.core.listening import broken_promises
from app.core.loader import parse_routine
from app.core.routine import Routine
from app.core.timeline import CueKind, compile_timeline, estimate_seconds, spoken_lines

LONG = """
name = "Long"
[[steps]]
kind = "breathing"
title = "Settle"
cue = "A few slow breaths to settle."
inhale = 4
exhale = 6
cycles = 3
[[steps]]
kind = "meditation"
title = "Quiet"
cue = "Let your attention rest on the breath."
duration = 300
guidance = [
  { at = 60, text = "Notice your shoulders." },
  { at = 170, text = "If your mind wanders, come back to the breath." },
  { at = 250, text = "Let your jaw be soft, teeth apart." },
]
[[steps]]
kind = "exercise"
title = "Brow lift"
cue = "Raise your eyebrows a little, then let them fall."
hold = 3
rest = 4
reps = 3
"""


@pytest.fixture
def routine() -> Routine:
    return parse_routine(LONG)


def first_minutes(routine: Routine, lengths: dict[str, float]) -> set[str]:
    """The lines Start waits for: the first two minutes' and the phase words."""
    timeline = compile_timeline(routine, lambda text: lengths.get(text, 1.0))
    return phase_words(routine) | {
        c.text for c in timeline.cues if c.kind is CueKind.SPEECH and c.offset < START_AHEAD_SECONDS
    }


def test_a_reservation_is_more_than_the_estimate_and_holds_its_stand_in() -> None:
    text = "Raise your eyebrows a little, then let them fall."
    estimate = estimate_seconds(text, 150)
    assert reserved_seconds(text, 150) == pytest.approx(RESERVE_FACTOR * estimate + 0.5)
    assert reserved_seconds(text, 150, stand_in=30.0) == 30.0
    assert reserved_seconds(text, 100) > reserved_seconds(text, 150)  # slower, more room
    assert reserved_seconds("", 150) == 0.0


def test_nothing_measured_cannot_start(routine: Routine) -> None:
    assert not can_start(routine, {}, 150)


def test_the_first_two_minutes_measured_can_start(routine: Routine) -> None:
    measured = {text: 1.0 for text in first_minutes(routine, {})}
    later = set(spoken_lines(routine)) - set(measured)
    assert later  # the routine speaks after its first two minutes too
    assert can_start(routine, measured, 150)
    for text in measured:  # but not with any one of them missing
        assert not can_start(routine, {t: s for t, s in measured.items() if t != text}, 150)


def test_every_line_measured_can_start(routine: Routine) -> None:
    assert can_start(routine, dict.fromkeys(spoken_lines(routine), 2.0), 150)


def test_lines_that_play_within_their_room_keep_every_promise(routine: Routine) -> None:
    """The timeline is compiled with reservations; the renders that come later are
    shorter (or the stand-in speaks): what is heard has no line over another."""
    measured = {text: 1.0 for text in first_minutes(routine, {})}
    planned = compile_timeline(routine, planned_lengths(measured, 150))
    assert broken_promises(planned) == []
    # What is heard: each later line as long as its render (up to its room).
    for share in (0.5, 1.0):
        heard = [
            (c.offset, c.offset + (c.length if c.text in measured else c.length * share))
            for c in planned.cues
            if c.kind is CueKind.SPEECH
        ]
        for (_, end), (start, _) in itertools.pairwise(heard):
            assert start >= end - 1e-9


def test_a_longer_stand_in_gets_its_room(routine: Routine) -> None:
    measured = {text: 1.0 for text in first_minutes(routine, {})}
    late = "If your mind wanders, come back to the breath."
    lengths = planned_lengths(measured, 150, {late: 12.0})
    assert lengths(late) == 12.0
    cue = next(c for c in compile_timeline(routine, lengths).cues if c.text == late)
    assert cue.length == 12.0


def test_phase_words_are_counts_and_breaths(routine: Routine) -> None:
    assert phase_words(routine) == {"Breathe in", "Breathe out", "1 of 3.", "2 of 3.", "3 of 3."}


def test_start_waits_for_the_words_of_later_holds_too(routine: Routine) -> None:
    measured = {text: 1.0 for text in first_minutes(routine, {})}
    assert can_start(routine, measured, 150)
    assert not can_start(routine, {t: s for t, s in measured.items() if t != "3 of 3."}, 150)


def test_the_lines_start_waits_for_render_first(routine: Routine) -> None:
    order = start_order(routine, 150)
    assert sorted(order) == sorted(spoken_lines(routine))
    needed = first_minutes(routine, {})
    assert set(order[: len(needed)]) == needed
    later = [t for t in spoken_lines(routine) if t not in needed]
    assert order[len(needed) :] == later  # the rest as spoken
