"""The built-in content keeps the rulebook (docs/content-rules.md): every routine, every
spoken line, every tip. And the checks catch what they must: a forbidden word planted
in a copy of a built-in routine, or in a tip, fails them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app.catalog import library_for
from app.core.compress import MAX_TOTAL_ON_SECONDS, MIN_BREAK_SECONDS, SKIN_CHECK
from app.core.content_rules import PAUSE_SENTENCE, routine_breaches, text_breaches
from app.core.routine import CompressStep, ExerciseStep, Routine, Side
from app.core.timeline import compile_timeline
from app.core.tips import DISCLAIMER, TIPS, TipSection, all_sections


@pytest.fixture(scope="module")
def builtins(tmp_path_factory: pytest.TempPathFactory) -> list[Routine]:
    routines = [r for r in library_for(tmp_path_factory.mktemp("data")).routines if r.builtin]
    assert len(routines) >= 10
    return routines


def test_every_builtin_routine_keeps_the_rules(builtins: list[Routine]) -> None:
    assert {r.slug: routine_breaches(r) for r in builtins} == {r.slug: [] for r in builtins}


@pytest.mark.parametrize("section", all_sections(), ids=lambda s: s.title)
def test_every_tip_keeps_the_rules(section: TipSection) -> None:
    assert text_breaches(section.text(), section.title) == []


def test_the_disclaimer_keeps_the_rules() -> None:
    assert text_breaches(DISCLAIMER, "disclaimer") == []


@pytest.mark.parametrize(
    ("planted", "why"),
    [
        ("This routine cures blepharospasm.", "promises a cure"),
        ("Healing starts today.", "promises healing"),
        ("Your recovery begins here.", "promises recovery"),
        ("Get rid of twitching for good.", "promises to end spasms"),
        ("Clinically proven.", "claims a guarantee"),
        ("Doctors recommend it.", "speaks for doctors"),
        ("Strengthen your eyelids.", "strengthens the muscles that spasm"),
        ("Squeeze your eyes shut.", "asks for force"),
    ],
)
def test_a_word_planted_in_a_builtin_fails_the_rules(
    builtins: list[Routine], planted: str, why: str
) -> None:
    routine = next(r for r in builtins if r.slug == "gentle-face")
    index = next(i for i, s in enumerate(routine.steps) if isinstance(s, ExerciseStep))
    step = dataclasses.replace(routine.steps[index], cue=planted)
    spoiled = dataclasses.replace(
        routine, steps=(*routine.steps[:index], step, *routine.steps[index + 1 :])
    )
    breaches = routine_breaches(spoiled)
    assert any(f"cue of step {index + 1}: {why}" in b for b in breaches), breaches
    assert any(b.startswith(f"spoken: {why}") for b in breaches), breaches  # it is heard too


def test_a_word_planted_in_a_tip_fails_the_rules() -> None:
    section = dataclasses.replace(TIPS[0], paragraphs=(*TIPS[0].paragraphs, "A swift cure."))
    assert len(text_breaches(section.text(), section.title)) == 2


def test_negated_force_is_advice_not_force() -> None:
    assert text_breaches("Lightly, never squeeze.", "cue") == []
    assert text_breaches("Squeeze lightly.", "cue") == ["cue: asks for force ('Squeeze')"]


def test_a_one_sided_movement_and_no_rest_break_the_rules(builtins: list[Routine]) -> None:
    routine = next(r for r in builtins if r.slug == "gentle-face")
    index = next(i for i, s in enumerate(routine.steps) if isinstance(s, ExerciseStep))
    step = dataclasses.replace(routine.steps[index], side=Side.LEFT, rest=0.0)
    spoiled = dataclasses.replace(
        routine, steps=(*routine.steps[:index], step, *routine.steps[index + 1 :])
    )
    breaches = routine_breaches(spoiled)
    assert f"step {index + 1}: a built-in movement is done on both sides" in breaches
    assert f"step {index + 1}: a movement rests after every repetition" in breaches


def test_every_welcome_says_how_to_pause(builtins: list[Routine]) -> None:
    for routine in builtins:
        assert routine.steps[0].cue.endswith(PAUSE_SENTENCE), routine.slug


def test_builtin_compresses_keep_the_limits_and_check_the_skin(
    builtins: list[Routine],
) -> None:
    compresses = [r for r in builtins if any(isinstance(s, CompressStep) for s in r.steps)]
    assert {r.slug for r in compresses} == {"cold-compress", "warm-compress"}
    for routine in compresses:
        steps = [s for s in routine.steps if isinstance(s, CompressStep)]
        for step in steps:
            assert step.on * step.rounds <= MAX_TOTAL_ON_SECONDS[step.temperature]
            assert step.rounds == 1 or step.off >= MIN_BREAK_SECONDS
        spoken = [c.text for c in compile_timeline(routine).cues if c.text]
        check = SKIN_CHECK[steps[0].temperature]
        # At every break and at the end.
        assert sum(check in line for line in spoken) == steps[0].rounds


def test_eyes_are_never_asked_to_stay_shut(builtins: list[Routine]) -> None:
    """Wherever a welcome asks to close the eyes, it offers a soft downward gaze: some
    people with blepharospasm cannot easily open them again."""
    for routine in builtins:
        welcome = routine.steps[0].cue.lower()
        if "eyes close" in welcome:
            assert "gaze rest softly downward" in welcome, routine.slug


def test_the_seed_articles_promises_are_not_repeated(builtins: list[Routine]) -> None:
    everything = " ".join(
        [s.text() for s in all_sections()] + [r.summary for r in builtins]
    ).lower()
    for phrase in ("swift healing", "recovery tips", "boosts flexibility", "potent"):
        assert phrase not in everything


def test_the_rules_live_in_their_document() -> None:
    rules = (Path(__file__).parents[2] / "docs" / "content-rules.md").read_text()
    for heading in (
        "## Effort",
        "## Symmetry and rest",
        "## Words",
        "## Eyes",
        "## Compresses",
        "## Seeking help",
        "## Supplements",
        "## Sources",
        "## How it is checked",
    ):
        assert heading in rules
