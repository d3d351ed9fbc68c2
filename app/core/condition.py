"""The conditions a person may tell Facewell about, and their names, said once.

Some movements can set off a spasm in one condition and suit another (docs/
content-rules.md): an exercise step names the conditions it does not suit
(`unsuitable_for`, docs/routine-format.md), and the person's profile (Settings) says
which one is theirs, so the player can leave those steps out or play their gentler
variant (app/core/adapt.py).

No imports beyond `enum`: the settings load this before the window's first frame.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "CONDITION_HINTS",
    "CONDITION_LABELS",
    "STEP_CONDITIONS",
    "Condition",
    "adapts",
    "parse_condition",
]


class Condition(StrEnum):
    """As stored in settings.ini and written in routine files (`unsuitable_for`)."""

    BLEPHAROSPASM = "blepharospasm"
    HEMIFACIAL_SPASM = "hemifacial spasm"
    EYELID_TWITCHING = "eyelid twitching"
    NOT_SURE = "not sure"


CONDITION_LABELS: dict[Condition, str] = {
    Condition.BLEPHAROSPASM: "Blepharospasm",
    Condition.HEMIFACIAL_SPASM: "Hemifacial spasm",
    Condition.EYELID_TWITCHING: "Eyelid twitching",
    Condition.NOT_SURE: "Not sure",
}
"""Condition -> label, in the order the question and Settings list them."""

CONDITION_HINTS: dict[Condition, str] = {
    Condition.BLEPHAROSPASM: "Both eyelids close or blink more than you want them to.",
    Condition.HEMIFACIAL_SPASM: "One side of the face twitches, often the eye and the mouth.",
    Condition.EYELID_TWITCHING: "A flicker in one eyelid that comes and goes.",
    Condition.NOT_SURE: "Routines stay as they are.",
}
"""One plain line under each choice: words a person recognises, not a diagnosis."""

STEP_CONDITIONS: tuple[Condition, ...] = (
    Condition.BLEPHAROSPASM,
    Condition.HEMIFACIAL_SPASM,
    Condition.EYELID_TWITCHING,
)
"""What a step may be unsuitable for: "not sure" leaves every routine as it is."""


def parse_condition(text: object) -> Condition | None:
    """The condition ``text`` names, in any case and spacing ("Hemifacial  Spasm"), or
    None when it names none."""
    if not isinstance(text, str):
        return None
    wanted = " ".join(text.split()).casefold()
    return next((c for c in Condition if c.value == wanted), None)


def adapts(condition: Condition | None) -> bool:
    """Whether routines change for this profile: "not sure" and unset leave them be."""
    return condition in STEP_CONDITIONS
