"""Compiling routines into timelines: segments, cues, and the invariants that always hold."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.routine import (
    BreathingStep,
    CompressStep,
    ExerciseStep,
    Guidance,
    MeditationStep,
    RestStep,
    Routine,
    Side,
    Step,
    Temperature,
)
from app.core.timeline import Cue, CueKind, Phase, Sound, Timeline, compile_timeline


def routine_of(*steps: Step) -> Routine:
    return Routine(name="Test", steps=steps)


def speech(timeline: Timeline) -> list[tuple[float, str]]:
    return [(c.offset, c.text) for c in timeline.cues if c.kind is CueKind.SPEECH]


def sounds(timeline: Timeline) -> list[tuple[float, Sound | None]]:
    return [(c.offset, c.sound) for c in timeline.cues if c.kind is CueKind.SOUND]


def layout(timeline: Timeline) -> list[tuple[float, float, Phase]]:
    return [(s.start, s.duration, s.phase) for s in timeline.segments]


def test_breathing_phases_and_cues() -> None:
    step = BreathingStep(title="Box", cue="Box breathing.", inhale=4, hold=2, exhale=6, cycles=2)
    timeline = compile_timeline(routine_of(step))
    assert layout(timeline) == [
        (0, 4, Phase.INHALE),
        (4, 2, Phase.HOLD),
        (6, 6, Phase.EXHALE),
        (12, 4, Phase.INHALE),
        (16, 2, Phase.HOLD),
        (18, 6, Phase.EXHALE),
    ]
    assert [s.rep for s in timeline.segments] == [1, 1, 1, 2, 2, 2]
    assert {s.reps for s in timeline.segments} == {2}
    assert [s.text for s in timeline.segments[:3]] == ["Breathe in", "Hold", "Breathe out"]
    assert speech(timeline) == [
        (0, "Box breathing. Breathe in"),
        (4, "Hold gently"),
        (6, "Breathe out slowly"),
        (12, "Breathe in"),
        (16, "Hold gently"),
        (18, "Breathe out slowly"),
    ]
    assert sounds(timeline) == [(0, Sound.START), (24, Sound.END)]
    assert timeline.total == 24


def test_breathing_hold_after_is_its_own_phase() -> None:
    step = BreathingStep(title="Box", inhale=4, hold=4, exhale=4, hold_after=4, cycles=1)
    timeline = compile_timeline(routine_of(step))
    assert [s.phase for s in timeline.segments] == [
        Phase.INHALE,
        Phase.HOLD,
        Phase.EXHALE,
        Phase.HOLD_AFTER,
    ]
    assert speech(timeline)[-1] == (12, "Rest")


def test_breathing_without_voice_ticks_between_phases() -> None:
    step = BreathingStep(title="Quiet", inhale=3, exhale=3, cycles=2, voice_phases=False)
    timeline = compile_timeline(routine_of(step))
    assert speech(timeline) == [(0, "Quiet.")]
    assert sounds(timeline) == [
        (0, Sound.START),
        (3, Sound.TICK),
        (6, Sound.TICK),
        (9, Sound.TICK),
        (12, Sound.END),
    ]


def test_exercise_move_and_rest_per_rep() -> None:
    step = ExerciseStep(title="Brow lift", instruction="Raise softly.", hold=5, rest=10, reps=3)
    timeline = compile_timeline(routine_of(step))
    assert layout(timeline) == [
        (0, 5, Phase.MOVE),
        (5, 10, Phase.REST),
        (15, 5, Phase.MOVE),
        (20, 10, Phase.REST),
        (30, 5, Phase.MOVE),
        (35, 10, Phase.REST),
    ]
    assert [(s.rep, s.reps) for s in timeline.segments[::2]] == [(1, 3), (2, 3), (3, 3)]
    assert timeline.segments[0].text == "Hold gently"  # the instruction has its own label
    assert speech(timeline) == [
        (0, "Brow lift. Raise softly. 1 of 3."),
        (5, "Release, and rest."),
        (15, "2 of 3."),
        (20, "And release."),
        (30, "3 of 3."),
        (35, "And release."),
    ]
    assert timeline.total == 45


def test_exercise_single_rep_and_side() -> None:
    step = ExerciseStep(title="Smile", hold=4, rest=0, reps=1, side=Side.RIGHT)
    timeline = compile_timeline(routine_of(step))
    assert layout(timeline) == [(0, 4, Phase.MOVE)]
    assert speech(timeline) == [(0, "Smile. Right side only.")]


def test_meditation_bells_strictly_inside_and_guidance_at_offsets() -> None:
    steps = (
        RestStep(title="Settle", duration=10),
        MeditationStep(
            title="Sit",
            cue="Sit quietly.",
            duration=60,
            bell_every=20,
            guidance=(Guidance(at=5, text="Notice the breath."), Guidance(at=30, text="Soften.")),
        ),
    )
    timeline = compile_timeline(routine_of(*steps))
    assert layout(timeline) == [(0, 10, Phase.REST), (10, 60, Phase.MEDITATE)]
    bells = [offset for offset, sound in sounds(timeline) if sound is Sound.BELL]
    assert bells == [30, 50]  # not at 70: that is the end of the step
    assert speech(timeline) == [
        (0, "Settle."),
        (10, "Sit quietly."),
        (15, "Notice the breath."),
        (40, "Soften."),
    ]
    assert sounds(timeline)[-1] == (70, Sound.END)


def test_meditation_without_interval_bells() -> None:
    timeline = compile_timeline(routine_of(MeditationStep(title="Sit", duration=90)))
    assert sounds(timeline) == [(0, Sound.START), (90, Sound.END)]


def test_compress_apply_skin_break_reapply_finished() -> None:
    step = CompressStep(title="Cold", temperature=Temperature.COLD, on=240, off=60, rounds=3)
    timeline = compile_timeline(routine_of(step, RestStep(title="After", duration=30)))
    assert layout(timeline) == [
        (0, 240, Phase.APPLY),
        (240, 60, Phase.SKIN_BREAK),
        (300, 240, Phase.APPLY),
        (540, 60, Phase.SKIN_BREAK),
        (600, 240, Phase.APPLY),
        (840, 30, Phase.REST),
    ]
    said = speech(timeline)
    assert said[0] == (0.0, "Cold. Apply the cold compress now.")
    assert said[1:5] == [
        (240, "Remove it and check your skin."),
        (300, "Reapply the compress."),
        (540, "Remove it and check your skin."),
        (600, "Reapply the compress."),
    ]
    offset, text = said[5]
    assert offset == 840
    assert text.startswith("Finished. Remove the cold compress and check your skin.")
    assert "After" in text


def test_warm_compress_single_round() -> None:
    step = CompressStep(title="Warm", temperature=Temperature.WARM, on=900)
    timeline = compile_timeline(routine_of(step))
    assert layout(timeline) == [(0, 900, Phase.APPLY)]
    assert speech(timeline) == [
        (0, "Warm. Apply the warm compress now."),
        (900, "Finished. Remove the warm compress and check your skin."),
    ]


def test_rest_step() -> None:
    step = RestStep(title="Rest", instruction="Sit quietly.", duration=30)
    timeline = compile_timeline(routine_of(step))
    assert layout(timeline) == [(0, 30, Phase.REST)]
    assert timeline.segments[0].text == "Rest"
    assert speech(timeline) == [(0, "Rest. Sit quietly.")]


def test_start_chime_at_zero_and_end_chime_at_total() -> None:
    timeline = compile_timeline(
        routine_of(RestStep(title="A", duration=7), ExerciseStep(title="B", hold=3, rest=2))
    )
    assert timeline.cues[0] == Cue(0.0, CueKind.SOUND, sound=Sound.START, step=0)
    assert timeline.cues[-1].sound is Sound.END
    assert timeline.cues[-1].offset == timeline.total == 12
    assert timeline.step_starts == (0, 7)


def test_lookups_by_position() -> None:
    timeline = compile_timeline(
        routine_of(RestStep(title="A", duration=10), RestStep(title="B", duration=5))
    )
    assert timeline.step_at(0) == 0
    assert timeline.step_at(9.99) == 0
    assert timeline.step_at(10) == 1
    assert timeline.step_at(15) == 1  # the end belongs to the last segment
    assert timeline.step_end(0) == 10
    assert timeline.step_end(1) == 15
    assert timeline.speech_texts() == ["A.", "B."]


def test_same_routine_gives_the_same_timeline() -> None:
    steps = (
        BreathingStep(title="B", inhale=4, exhale=4, cycles=3),
        MeditationStep(title="M", duration=120, bell_every=30, guidance=(Guidance(10, "g"),)),
        ExerciseStep(title="E", hold=5, reps=2),
        CompressStep(title="C", on=60, off=10, rounds=2),
    )
    first = compile_timeline(routine_of(*steps))
    second = compile_timeline(routine_of(*steps))
    assert first == second
    assert first is not second


# -- properties over generated routines ------------------------------------------------

_POSITIVE = st.floats(min_value=0.05, max_value=120, allow_nan=False, allow_infinity=False)
_OPTIONAL = st.one_of(st.just(0.0), _POSITIVE)
_TEXT = st.text(alphabet="abc .", min_size=0, max_size=8)
_TITLE = st.text(alphabet="abcdef", min_size=1, max_size=6)


@st.composite
def meditation_steps(draw: st.DrawFn) -> MeditationStep:
    duration = draw(_POSITIVE)
    offsets = draw(st.lists(st.floats(min_value=0, max_value=0.999), max_size=4))
    guidance = tuple(
        sorted((Guidance(at=f * duration, text=draw(_TITLE)) for f in offsets), key=lambda g: g.at)
    )
    bell_every = draw(st.one_of(st.just(0.0), st.floats(min_value=duration / 20, max_value=200)))
    return MeditationStep(
        title=draw(_TITLE), duration=duration, bell_every=bell_every, guidance=guidance
    )


_STEPS: st.SearchStrategy[Step] = st.one_of(
    st.builds(
        BreathingStep,
        title=_TITLE,
        instruction=_TEXT,
        cue=_TEXT,
        inhale=_POSITIVE,
        hold=_OPTIONAL,
        exhale=_POSITIVE,
        hold_after=_OPTIONAL,
        cycles=st.integers(min_value=1, max_value=5),
        voice_phases=st.booleans(),
    ),
    meditation_steps(),
    st.builds(
        ExerciseStep,
        title=_TITLE,
        instruction=_TEXT,
        hold=_POSITIVE,
        rest=_OPTIONAL,
        reps=st.integers(min_value=1, max_value=5),
        side=st.sampled_from(Side),
    ),
    st.builds(
        CompressStep,
        title=_TITLE,
        temperature=st.sampled_from(Temperature),
        on=_POSITIVE,
        off=_POSITIVE,
        rounds=st.integers(min_value=1, max_value=4),
    ),
    st.builds(RestStep, title=_TITLE, instruction=_TEXT, duration=_POSITIVE),
)

ROUTINES = st.builds(
    Routine,
    name=_TITLE,
    steps=st.lists(_STEPS, min_size=1, max_size=6).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(ROUTINES)
def test_property_timeline_invariants(routine: Routine) -> None:
    timeline = compile_timeline(routine)
    segments = timeline.segments
    assert segments
    assert segments[0].start == 0
    for previous, segment in itertools.pairwise(segments):
        assert abs(segment.start - previous.end) <= 1e-9
        assert segment.step >= previous.step
    assert all(segment.duration > 0 for segment in segments)
    total = timeline.total
    assert abs(total - routine.total_seconds) <= 1e-6

    offsets = [cue.offset for cue in timeline.cues]
    assert all(0 <= offset <= total for offset in offsets)
    # Cues due within a microsecond of each other count as simultaneous.
    assert all(a <= b + 1e-6 for a, b in itertools.pairwise(offsets))
    assert timeline.cues[0].sound is Sound.START and offsets[0] == 0
    ends = [cue for cue in timeline.cues if cue.sound is Sound.END]
    assert len(ends) == 1 and ends[0].offset == total == offsets[-1]

    starts = timeline.step_starts
    assert len(starts) == len(routine.steps)
    assert all(a < b for a, b in itertools.pairwise(starts))
    for index, start in enumerate(starts):
        first = next(segment for segment in segments if segment.step == index)
        assert first.start == start
    assert {segment.step for segment in segments} == set(range(len(routine.steps)))


@settings(max_examples=50, deadline=None)
@given(ROUTINES)
def test_property_compiling_is_deterministic(routine: Routine) -> None:
    assert compile_timeline(routine) == compile_timeline(routine)
