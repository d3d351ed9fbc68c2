"""Compress presets and custom lengths follow the article and stay within safe limits."""

from __future__ import annotations

import math

import pytest

from app.core.compress import (
    COLD,
    MAX_ROUND_MINUTES,
    SKIN_CHECK,
    WARM,
    CompressPreset,
    allowed_minutes,
    clamp_minutes,
    compress_plan,
    compress_routine,
)
from app.core.routine import MAX_ON_SECONDS, Category, CompressStep, Temperature
from app.core.timeline import CueKind, Phase, compile_timeline

TIMED = (Phase.APPLY, Phase.SKIN_BREAK)


def only_step(temperature: str, minutes: float) -> CompressStep:
    routine = compress_routine(temperature, minutes)
    assert len(routine.steps) == 1
    step = routine.steps[0]
    assert isinstance(step, CompressStep)
    return step


def test_presets_follow_the_article() -> None:
    assert (COLD.temperature, COLD.minutes, COLD.on, COLD.off, COLD.rounds) == (
        Temperature.COLD,
        12,
        240,
        60,
        3,
    )
    assert (WARM.temperature, WARM.minutes, WARM.on, WARM.off, WARM.rounds) == (
        Temperature.WARM,
        18,
        540,
        60,
        2,
    )
    assert COLD.total_seconds == 14 * 60
    assert WARM.total_seconds == 19 * 60


@pytest.mark.parametrize("preset", [COLD, WARM])
def test_preset_routine_matches_the_preset(preset: CompressPreset) -> None:
    step = only_step(preset.temperature, preset.minutes)
    assert (step.on, step.off, step.rounds) == (preset.on, preset.off, preset.rounds)
    routine = preset.routine()
    assert routine.category is Category.COMPRESS
    assert routine.total_seconds == preset.total_seconds


def test_allowed_minutes() -> None:
    assert allowed_minutes("cold") == (5, 15)
    assert allowed_minutes(Temperature.WARM) == (5, 20)


@pytest.mark.parametrize("temperature", ["cold", "warm"])
def test_every_allowed_length_keeps_rounds_short_and_totals_right(temperature: str) -> None:
    temp = Temperature(temperature)
    low, high = allowed_minutes(temp)
    for tenth in range(low * 10, high * 10 + 1):
        minutes = tenth / 10
        step = only_step(temperature, minutes)
        assert step.on <= MAX_ROUND_MINUTES[temp] * 60 + 1e-9
        assert math.isclose(step.on * step.rounds, minutes * 60)
        assert step.on * step.rounds <= MAX_ON_SECONDS[temp] + 1e-9
        assert step.off == (60 if step.rounds > 1 else 0)
        assert step.rounds == math.ceil(minutes / MAX_ROUND_MINUTES[temp] - 1e-9)


def test_round_counts() -> None:
    assert only_step("cold", 5).rounds == 1
    assert only_step("cold", 15).rounds == 3
    assert only_step("warm", 10).rounds == 1
    assert only_step("warm", 20).rounds == 2
    assert only_step("warm", 5).off == 0


def test_spoken_cue_explains_how() -> None:
    assert only_step("cold", 12).cue.startswith("Wrap ice or a frozen gel pack in a thin cloth")
    assert only_step("warm", 18).cue.startswith("Soak a cloth in warm, not hot, water")
    assert "cloth" in only_step("cold", 12).instruction


@pytest.mark.parametrize(
    ("temperature", "minutes"),
    [
        ("cold", 4),
        ("cold", 16),
        ("cold", 0),
        ("warm", 4.9),
        ("warm", 21),
        ("warm", -1),
        ("cold", float("nan")),
        ("cold", float("inf")),
    ],
)
def test_minutes_outside_the_limits_are_refused(temperature: str, minutes: float) -> None:
    with pytest.raises(ValueError, match="can be set from 5 to"):
        compress_routine(temperature, minutes)


def test_unknown_temperature_is_refused_plainly() -> None:
    with pytest.raises(ValueError, match='"cold" or "warm"'):
        compress_routine("hot", 10)
    with pytest.raises(ValueError, match='"cold" or "warm"'):
        allowed_minutes("lukewarm")


def test_clamp_minutes() -> None:
    assert clamp_minutes("cold", 30) == 15
    assert clamp_minutes("cold", 1) == 5
    assert clamp_minutes("warm", 12.5) == 12.5
    assert clamp_minutes("warm", float("nan")) == 5


def test_cold_preset_compiles_to_apply_break_reapply_finished() -> None:
    timeline = compile_timeline(COLD.routine())
    rounds = [(s.phase, s.duration, s.rep) for s in timeline.segments if s.phase in TIMED]
    assert rounds == [
        (Phase.APPLY, 240, 1),
        (Phase.SKIN_BREAK, 60, 1),
        (Phase.APPLY, 240, 2),
        (Phase.SKIN_BREAK, 60, 2),
        (Phase.APPLY, 240, 3),
    ]
    # A minute to get it ready before, the closing words after: 15 minutes, and a little.
    assert timeline.segments[0].phase is Phase.LEAD_IN
    assert timeline.segments[0].duration == pytest.approx(60)
    assert 15 * 60 < timeline.total < 15 * 60 + 60
    speech = [(c.offset, c.text) for c in timeline.cues if c.kind is CueKind.SPEECH]
    assert speech[0][1].startswith("Wrap ice")
    texts = [text for _, text in speech]
    assert texts[1] == "Three rounds of 4 minutes, with one minute of rest between."
    assert texts[2:] == [
        "Apply the cold compress now.",
        "One minute left.",
        "Take it off and check your skin. One minute of rest. " + SKIN_CHECK[Temperature.COLD],
        "Round 2 of 3. Compress on.",
        "One minute left.",
        "Take it off and check your skin. One minute of rest. " + SKIN_CHECK[Temperature.COLD],
        "Round 3 of 3. Compress on.",
        "One minute left.",
        "Finished. Take the cold compress off and check your skin. " + SKIN_CHECK[Temperature.COLD],
    ]
    starts = [s.start for s in timeline.segments if s.phase in TIMED]
    opened = [at for at, text in speech if text.startswith(("Apply", "Round", "Take it off"))]
    assert opened == starts  # each round and break opens with its words


def test_short_warm_compress_is_one_round() -> None:
    timeline = compile_timeline(compress_routine("warm", 8))
    assert [s.phase for s in timeline.segments if s.phase in TIMED] == [Phase.APPLY]
    texts = timeline.speech_texts()
    assert "8 minutes with the compress on." in texts
    assert "Apply the warm compress now." in texts
    assert texts[-1] == (
        "Finished. Take the warm compress off and check your skin. " + SKIN_CHECK[Temperature.WARM]
    )


@pytest.mark.parametrize(("temperature", "minutes"), [("cold", 12), ("warm", 18), ("cold", 5)])
def test_the_plan_says_what_the_minutes_mean_on_the_clock(temperature: str, minutes: float) -> None:
    """The preset's 12 minutes are the time with the compress on; the plan says how long
    the whole compress runs, as the timer will count it down."""
    plan = compress_plan(temperature, minutes)
    total = compile_timeline(compress_routine(temperature, minutes)).total
    about = int(plan.split("about ")[1].split(" min")[0])
    assert abs(about * 60 - total) <= 30  # to the nearest minute
    assert about > minutes  # the breaks and getting ready are in it
    assert plan.endswith("in all, getting ready included.")


def test_the_plan_names_rounds_and_breaks() -> None:
    assert compress_plan("cold", 12).startswith("3 rounds of 4 min with skin breaks of 1 min: ")
    assert compress_plan("cold", 5).startswith("One round of 5 min: ")
