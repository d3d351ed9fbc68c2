"""The condition vocabulary: stored values, labels, and which ones change routines."""

from __future__ import annotations

import pytest

from app.core.condition import (
    CONDITION_HINTS,
    CONDITION_LABELS,
    STEP_CONDITIONS,
    Condition,
    adapts,
    parse_condition,
)


def test_every_condition_has_a_label_and_a_plain_hint_in_question_order() -> None:
    assert list(CONDITION_LABELS) == list(Condition)
    assert list(CONDITION_LABELS.values()) == [
        "Blepharospasm",
        "Hemifacial spasm",
        "Eyelid twitching",
        "Not sure",
    ]
    assert set(CONDITION_HINTS) == set(Condition)
    assert all(hint.endswith(".") and len(hint) < 80 for hint in CONDITION_HINTS.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hemifacial spasm", Condition.HEMIFACIAL_SPASM),
        (" Hemifacial\tSPASM ", Condition.HEMIFACIAL_SPASM),
        ("blepharospasm", Condition.BLEPHAROSPASM),
        ("not sure", Condition.NOT_SURE),
        ("", None),
        ("hemifacial", None),
        (3, None),
        (None, None),
    ],
)
def test_parse_condition(text: object, expected: Condition | None) -> None:
    assert parse_condition(text) is expected


def test_not_sure_and_no_answer_leave_routines_as_they_are() -> None:
    assert Condition.NOT_SURE not in STEP_CONDITIONS
    assert [c for c in Condition if adapts(c)] == list(STEP_CONDITIONS)
    assert not adapts(None)
