"""Compiling routines into timelines that know how long their words take.

Lengths are given directly (half a second a word, unless a test says otherwise), so
every offset can be worked out by hand: GAP_SECONDS (0.3) between lines, the start
chime (1.2 s) finished before the first words, intros in lead-ins, holds intact.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.compress import MIN_READY_SECONDS, SKIN_CHECK
from app.core.listening import broken_promises
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
from app.core.timeline import (
    CHIME_CLEAR_SECONDS,
    GAP_SECONDS,
    SOUND_SECONDS,
    CueKind,
    Phase,
    Sound,
    Timeline,
    compile_timeline,
    spoken_lines,
)

START_QUIET = SOUND_SECONDS[Sound.START] + GAP_SECONDS  # 1.5: the welcome waits for it


def routine_of(*steps: Step) -> Routine:
    return Routine(name="Test", steps=steps)


def half_a_second_a_word(text: str) -> float:
    return 0.5 * len(re.findall(r"[\w']+", text))


def compiled(*steps: Step, lengths: object = half_a_second_a_word) -> Timeline:
    return compile_timeline(routine_of(*steps), lengths)  # type: ignore[arg-type]


def speech(timeline: Timeline) -> list[tuple[float, str]]:
    return [(round(c.offset, 6), c.text) for c in timeline.cues if c.kind is CueKind.SPEECH]


def sounds(timeline: Timeline) -> list[tuple[float, Sound | None]]:
    return [(round(c.offset, 6), c.sound) for c in timeline.cues if c.kind is CueKind.SOUND]


def layout(timeline: Timeline) -> list[tuple[float, float, Phase]]:
    return [(round(s.start, 6), round(s.duration, 6), s.phase) for s in timeline.segments]


def test_a_breathing_step_speaks_its_intro_in_a_lead_in_then_each_phase_on_time() -> None:
    step = BreathingStep(title="Box", cue="Box breathing.", inhale=4, hold=2, exhale=6, cycles=2)
    timeline = compiled(step)
    # "Box breathing." (1 s) after the start chime: the lead-in ends after it and a gap.
    lead = START_QUIET + 1.0 + GAP_SECONDS
    assert layout(timeline)[0] == (0.0, lead, Phase.LEAD_IN)
    assert layout(timeline)[1:] == [
        (lead, 4, Phase.INHALE),
        (lead + 4, 2, Phase.HOLD),
        (lead + 6, 6, Phase.EXHALE),
        (lead + 12, 4, Phase.INHALE),
        (lead + 16, 2, Phase.HOLD),
        (lead + 18, 6, Phase.EXHALE),
    ]
    assert speech(timeline) == [
        (START_QUIET, "Box breathing."),
        (lead, "Breathe in"),
        (lead + 4, "Hold gently"),
        (lead + 6, "Breathe out"),
        (lead + 12, "Breathe in"),
        (lead + 16, "Hold gently"),
        (lead + 18, "Breathe out"),
    ]
    assert sounds(timeline) == [(0, Sound.START), (round(lead + 24, 6), Sound.END)]
    assert timeline.total == pytest.approx(lead + 24)


def test_a_breath_word_that_would_not_end_inside_its_phase_becomes_a_tick() -> None:
    step = BreathingStep(title="Fast", inhale=1, exhale=1, cycles=2)
    timeline = compiled(step, lengths=lambda text: 1.2 if "Breathe" in text else 0.5)
    assert [text for _, text in speech(timeline)] == ["Fast."]
    assert [s for _, s in sounds(timeline)] == [
        Sound.START,
        Sound.TICK,
        Sound.TICK,
        Sound.TICK,
        Sound.END,
    ]


def test_counting_aloud_on_the_beats() -> None:
    step = BreathingStep(title="Count", inhale=4, exhale=3, cycles=1, count=True)
    timeline = compiled(step, lengths=lambda text: 0.4)
    inhale = timeline.segments[1].start
    assert speech(timeline)[1:] == [
        (round(inhale, 6), "Breathe in"),
        (round(inhale + 1, 6), "two"),
        (round(inhale + 2, 6), "three"),
        (round(inhale + 3, 6), "four"),
        (round(inhale + 4, 6), "Breathe out"),
        (round(inhale + 5, 6), "two"),
        (round(inhale + 6, 6), "three"),
    ]


def test_a_voiceless_breathing_step_ticks_between_phases() -> None:
    step = BreathingStep(title="Quiet", inhale=3, exhale=3, cycles=2, voice_phases=False)
    timeline = compiled(step)
    assert [text for _, text in speech(timeline)] == ["Quiet."]
    ticks = [offset for offset, sound in sounds(timeline) if sound is Sound.TICK]
    first = timeline.segments[1].start
    assert ticks == [round(first + 3, 6), round(first + 6, 6), round(first + 9, 6)]


def test_an_exercise_hold_starts_after_the_words_that_ask_for_it() -> None:
    step = ExerciseStep(title="Brow lift", instruction="Raise softly.", hold=5, rest=10, reps=3)
    timeline = compiled(step)
    intro = "Brow lift. Raise softly."  # 4 words: 2 s
    lead = START_QUIET + 2.0 + GAP_SECONDS
    assert layout(timeline) == [
        (0.0, lead, Phase.LEAD_IN),
        (lead, 5, Phase.MOVE),
        (lead + 5, 10, Phase.REST),
        (lead + 15, 5, Phase.MOVE),
        (lead + 20, 10, Phase.REST),
        (lead + 30, 5, Phase.MOVE),
        (lead + 35, 10, Phase.REST),
    ]
    assert speech(timeline) == [
        (START_QUIET, intro),
        (lead, "1 of 3."),
        (lead + 5, "Release, and rest."),
        (lead + 15, "2 of 3."),
        (lead + 20, "And release."),
        (lead + 30, "3 of 3."),
        (lead + 35, "And release."),
    ]


def test_a_rest_too_short_for_release_grows_and_the_hold_never_shrinks() -> None:
    step = ExerciseStep(title="Smile", hold=2, rest=1, reps=2)
    timeline = compiled(step)
    move, rest = timeline.segments[1], timeline.segments[2]
    assert move.duration == 2  # the hold, intact
    assert rest.duration == pytest.approx(1.5 + GAP_SECONDS)  # "Release, and rest." is 1.5 s


def test_a_single_exercise_says_its_side() -> None:
    step = ExerciseStep(title="Smile", hold=4, rest=0, reps=1, side=Side.RIGHT)
    timeline = compiled(step)
    assert next(text for _, text in speech(timeline)) == "Smile. Right side only."
    assert [p for _, _, p in layout(timeline)][:2] == [Phase.LEAD_IN, Phase.MOVE]


def test_meditation_lines_and_bells_wait_for_each_other() -> None:
    step = MeditationStep(
        title="Sit",
        cue="Sit quietly and let the breath come and go.",  # 9 words: 4.5 s
        duration=60,
        bell_every=20,
        guidance=(Guidance(at=3, text="Notice the breath."), Guidance(at=20.5, text="Soften.")),
    )
    timeline = compiled(RestStep(title="Settle", duration=10), step)
    start = timeline.step_starts[1]
    said = dict((text, offset) for offset, text in speech(timeline))
    assert said["Sit quietly and let the breath come and go."] == pytest.approx(start)
    # Due at 3 s, but the intro is still being said: right after it, and a gap.
    assert said["Notice the breath."] == pytest.approx(start + 4.5 + GAP_SECONDS)
    bells = [offset for offset, sound in sounds(timeline) if sound is Sound.BELL]
    assert bells == [pytest.approx(start + 20), pytest.approx(start + 40)]
    # Due 0.5 s after a bell: it waits for the bell's first second.
    assert said["Soften."] == pytest.approx(start + 20 + CHIME_CLEAR_SECONDS)
    assert timeline.segments[-1].duration == pytest.approx(60)


def test_a_compress_says_its_plan_each_round_and_a_minute_left() -> None:
    step = CompressStep(title="Cold", temperature=Temperature.COLD, on=240, off=60, rounds=3)
    timeline = compiled(step, RestStep(title="After", duration=30))
    phases = [p for _, _, p in layout(timeline)]
    assert phases == [
        Phase.LEAD_IN,
        Phase.APPLY,
        Phase.SKIN_BREAK,
        Phase.APPLY,
        Phase.SKIN_BREAK,
        Phase.APPLY,
        Phase.REST,  # "Finished. Take the cold compress off …"
        Phase.REST,  # the next step
    ]
    rounds = [s for s in timeline.segments if s.phase is Phase.APPLY]
    assert [s.duration for s in rounds] == [240, 240, 240]
    said = {text: offset for offset, text in speech(timeline)}
    assert "Three rounds of 4 minutes, with one minute of rest between." in said
    assert said["Apply the cold compress now."] == pytest.approx(rounds[0].start)
    assert said["Round 2 of 3. Compress on."] == pytest.approx(rounds[1].start)
    assert said["One minute left."] == pytest.approx(rounds[2].start + 180)
    check = SKIN_CHECK[Temperature.COLD]
    assert f"Take it off and check your skin. One minute of rest. {check}" in said
    assert f"Finished. Take the cold compress off and check your skin. {check}" in said
    assert "A little pink and cool is normal." in check
    assert "white, grey or blotchy" in check and "leave the compress off for today" in check
    # A minute to get the compress ready before the first round, words or not.
    assert timeline.segments[0].duration >= MIN_READY_SECONDS


def test_the_end_chime_follows_the_last_words() -> None:
    timeline = compiled(RestStep(title="A", cue="Thank you for resting with me today.", duration=2))
    (end,) = [c for c in timeline.cues if c.sound is Sound.END]
    last = [c for c in timeline.cues if c.kind is CueKind.SPEECH][-1]
    assert end.offset >= last.end
    assert end.offset == pytest.approx(timeline.total)


def test_lookups_by_position() -> None:
    timeline = compiled(RestStep(title="A", duration=10), RestStep(title="B", duration=5))
    assert timeline.step_at(0) == 0
    assert timeline.step_at(9.99) == 0
    assert timeline.step_at(10) == 1
    assert timeline.step_at(15) == 1  # the end belongs to the last segment
    assert timeline.step_end(0) == 10
    assert timeline.step_end(1) == 15
    assert timeline.speech_texts() == ["A.", "B."]


def test_spoken_lines_are_every_line_any_lengths_may_use() -> None:
    routine = routine_of(
        BreathingStep(title="Count", inhale=2, exhale=2, cycles=1, count=True),
        ExerciseStep(title="E", hold=3, reps=2),
    )
    lines = set(spoken_lines(routine))
    for lengths in (half_a_second_a_word, lambda text: 1.9, lambda text: 0.1):
        assert set(compile_timeline(routine, lengths).speech_texts()) <= lines


# -- properties over generated routines and lengths --------------------------------------

_POSITIVE = st.floats(min_value=1, max_value=120, allow_nan=False, allow_infinity=False)
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
    bell_every = draw(
        st.one_of(st.just(0.0), st.floats(min_value=max(1, duration / 20), max_value=200))
    )
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
        count=st.booleans(),
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
    note=_TEXT,  # what was changed for a condition, said after the first step's words
)
# Lengths as any engine at any rate might give them: a word takes 0.1 to 0.8 s.
SECONDS_A_WORD = st.floats(min_value=0.1, max_value=0.8)


@settings(max_examples=150, deadline=None)
@given(ROUTINES, SECONDS_A_WORD)
def test_property_no_line_overlaps_and_no_hold_shrinks(routine: Routine, per_word: float) -> None:
    def lengths(text: str) -> float:
        return per_word * len(re.findall(r"[\w']+", text))

    timeline = compile_timeline(routine, lengths)
    segments = timeline.segments
    assert segments[0].start == 0
    for previous, segment in itertools.pairwise(segments):
        assert abs(segment.start - previous.end) <= 1e-9
        assert segment.step >= previous.step
    assert all(segment.duration > 0 for segment in segments)
    # What was planned is played, and only lead-ins, rests and quiet time grow.
    assert timeline.total >= routine.total_seconds - 1e-6
    planned = {Phase.INHALE, Phase.HOLD, Phase.EXHALE, Phase.HOLD_AFTER, Phase.MOVE}
    planned |= {Phase.APPLY, Phase.SKIN_BREAK}
    timed = sum(s.duration for s in segments if s.phase in planned)
    assert timed <= routine.total_seconds + 1e-6
    # The promises to the ear, except the two that depend on an engine's real speed.
    broken = [
        b
        for b in broken_promises(timeline)
        if "into the hold" not in b and "4 s of the round" not in b
    ]
    assert broken == []
    offsets = [cue.offset for cue in timeline.cues]
    assert all(a <= b + 1e-6 for a, b in itertools.pairwise(offsets))
    assert all(
        cue.offset >= 0 and cue.end <= timeline.total + 1e-6
        for cue in timeline.cues
        if cue.kind is CueKind.SPEECH
    )
    ends = [cue for cue in timeline.cues if cue.sound is Sound.END]
    assert len(ends) == 1 and ends[0].offset == pytest.approx(timeline.total)
    assert len(timeline.step_starts) == len(routine.steps)


@settings(max_examples=50, deadline=None)
@given(ROUTINES)
def test_property_compiling_is_deterministic(routine: Routine) -> None:
    assert compile_timeline(routine) == compile_timeline(routine)


@pytest.mark.parametrize(
    ("hold", "hold_after", "words"),
    [
        (4, 4, ["Breathe in", "Hold gently", "Breathe out", "Hold again"]),  # box breathing
        (0, 4, ["Breathe in", "Breathe out", "Hold"]),
    ],
)
def test_the_hold_after_breathing_out_is_called_a_hold(
    hold: float, hold_after: float, words: list[str]
) -> None:
    # Box breathing's welcome promises "in, hold, out, and hold again": no "Rest".
    step = BreathingStep(
        title="Box", inhale=4, hold=hold, exhale=4, hold_after=hold_after, cycles=1
    )
    said = [text for _, text in speech(compiled(step)) if text != "Box."]
    assert said == words
