"""The effort guard (app/core/effort.py): it warns on force and on long holds with short
rests, and leaves the advice that says not to use force alone."""

from __future__ import annotations

import pytest

from app.core.effort import caution_lines, effort_cautions, force_words, located_cautions
from app.core.loader import parse_routine

SQUEEZE = """\
name = "Hard work"

[[steps]]
kind = "exercise"
title = "Eyes"
instruction = "Squeeze your eyes tightly."
hold = 60
rest = 0
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Squeeze your eyes tightly.", ["Squeeze", "tightly"]),
        ("Clench your jaw as hard as you can.", ["Clench", "as hard as you can"]),
        ("Push with all your strength.", ["with all your strength"]),
        ("Press hard, then harder.", ["hard", "harder"]),
        ("Lightly, never squeeze.", []),
        ("Let them rest closed, lightly, with no squeezing.", []),
        ("Close them with far less than a squeeze.", []),
        ("Keep it soft. Never force it.", []),
        ("Never squeeze your eyes tightly.", []),
        ("Don't squeeze. Now squeeze.", ["squeeze"]),  # a new sentence, a new clause
        ("Notice any tightness, and let it soften.", []),  # a feeling, not an ask
        ("Rest the compress on the cheek.", []),  # "press" inside a word
    ],
)
def test_force_words_unless_negated(text: str, found: list[str]) -> None:
    assert force_words(text) == found


def test_a_long_forceful_hold_without_rest_gets_every_caution() -> None:
    routine = parse_routine(SQUEEZE)
    cautions = effort_cautions(routine)
    assert [(c.step, c.key) for c in cautions] == [(0, "hold"), (0, "rest"), (0, "instruction")]
    assert "60 s" in cautions[0].message and "10 s or less" in cautions[0].message
    assert "shorter than the hold" in cautions[1].message
    assert '"squeeze" and "tightly" ask for force' in cautions[2].message


def test_cautions_point_at_their_lines() -> None:
    routine = parse_routine(SQUEEZE)
    assert [line for line, _ in located_cautions(routine, SQUEEZE)] == [6, 7, 8]
    assert located_cautions(routine, SQUEEZE)[0][1].startswith("step 1 (exercise): ")


def test_guidance_lines_are_read_too() -> None:
    text = (
        'name = "M"\n[[steps]]\nkind = "meditation"\ntitle = "Quiet"\nduration = 60\n'
        '[[steps.guidance]]\nat = 10\ntext = "Now tighten every muscle."\n'
    )
    assert [(c.key, c.step) for c in effort_cautions(parse_routine(text))] == [("guidance", 0)]


def test_a_gentle_exercise_has_no_caution() -> None:
    text = (
        'name = "Soft"\n[[steps]]\nkind = "exercise"\ntitle = "Brow lift"\n'
        'instruction = "Raise your brows a little. Never force it."\nhold = 5\nrest = 5\n'
    )
    routine = parse_routine(text)
    assert effort_cautions(routine) == []
    assert caution_lines(routine) == []


def test_caution_lines_name_the_step() -> None:
    lines = caution_lines(parse_routine(SQUEEZE))
    assert lines[0].startswith("Step 1, Eyes: a hold of 60 s")
