"""The fields by which an exercise step says what it does not suit, checked.

`unsuitable_for` names conditions (app/core/condition.py), `reason` says why in a few
words, and an optional `[steps.gentler]` table is played in the step's place for those
conditions (docs/routine-format.md, "Conditions"). The loader parses the step and the
gentler table's exercise fields; this module holds the rules of the new fields, so that
every problem is a plain FILE:LINE sentence like the others. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from app.core.condition import STEP_CONDITIONS, Condition, parse_condition
from app.core.routine import ExerciseStep
from app.core.values import shown

__all__ = [
    "MAX_REASON_CHARS",
    "SUITABILITY_KEYS",
    "Fields",
    "check_variant",
    "misplaced_keys",
    "read_suitability",
]

SUITABILITY_KEYS = ("unsuitable_for", "reason", "gentler")
MAX_REASON_CHARS = 150
"""A reason is shown on one line and said near the start: a few words, not a leaflet."""

_EXPECTED = ", ".join(c.value for c in STEP_CONDITIONS[:-1]) + f" or {STEP_CONDITIONS[-1]}"
_EXAMPLE = '["hemifacial spasm"]'


class Fields(Protocol):
    """What is needed of the loader's typed access to one table's fields."""

    raw: dict[str, Any]
    problem_keys: set[str]

    def fail(self, key: str | None, message: str, *, about: str | None = None) -> None: ...


Variant = Callable[[dict[str, Any]], ExerciseStep | None]
"""Parses a [steps.gentler] table (the loader does, at its own lines)."""


def misplaced_keys(raw: dict[str, Any]) -> list[str]:
    """The suitability keys in a step that is not an exercise: refused, because a
    breathing step marked `unsuitable_for` would otherwise be played for everyone."""
    return [key for key in SUITABILITY_KEYS if key in raw]


def read_suitability(field: Fields, step: ExerciseStep, variant: Variant) -> ExerciseStep:
    """``step`` with its `unsuitable_for`, `reason` and gentler variant, every problem
    reported through ``field``."""
    conditions = _conditions(field)
    broken = "unsuitable_for" in field.problem_keys  # its own problem says enough
    reason = ""
    if conditions:
        reason = _reason(field)
    elif "reason" in field.raw and not broken:
        field.fail(
            "reason",
            '"reason" says why the step does not suit the conditions in "unsuitable_for": '
            f"add them, such as unsuitable_for = {_EXAMPLE}, or remove it",
        )
    gentler: ExerciseStep | None = None
    if "gentler" in field.raw:
        table = field.raw["gentler"]
        if not isinstance(table, dict):
            field.fail(
                "gentler",
                "write the gentler variant as a [steps.gentler] table under its step, "
                f'with its own "title", got {shown(table)}',
            )
        elif not conditions and not broken:
            field.fail(
                "gentler",
                "a gentler variant is played only for the conditions in "
                f'"unsuitable_for": add them, such as unsuitable_for = {_EXAMPLE}, or remove it',
            )
        elif conditions:
            gentler = variant(table)
    return replace(step, unsuitable_for=conditions, reason=reason, gentler=gentler)


def check_variant(field: Fields) -> None:
    """A gentler variant is an exercise that suits the conditions it is played for: it
    has no kind of its own and no suitability of its own."""
    kind = field.raw.get("kind", "exercise")
    if kind != "exercise":
        field.fail("kind", f'it is always an exercise: remove "kind" (got {shown(kind)})')
    for key in SUITABILITY_KEYS:
        if key in field.raw:
            field.fail(
                key, f'"{key}" can\'t be set here: it is played for the conditions its step names'
            )


def _conditions(field: Fields) -> tuple[Condition, ...]:
    if "unsuitable_for" not in field.raw:
        return ()
    value = field.raw["unsuitable_for"]
    if isinstance(value, str):
        one = " ".join(value.split())[:40].replace('"', "")
        field.fail("unsuitable_for", f'"unsuitable_for" is a list, even of one: write ["{one}"]')
        return ()
    if not isinstance(value, list):
        field.fail(
            "unsuitable_for",
            f'"unsuitable_for" must be a list of conditions, such as {_EXAMPLE}, '
            f"got {shown(value)}",
        )
        return ()
    found: list[Condition] = []
    for item in value:
        condition = parse_condition(item)
        if condition is Condition.NOT_SURE:
            field.fail(
                "unsuitable_for",
                f'"not sure" leaves every routine as it is, so no step is unsuitable for it: '
                f"expected {_EXPECTED}",
            )
        elif condition is None:
            field.fail(
                "unsuitable_for",
                f'unknown condition {shown(item)} in "unsuitable_for": expected {_EXPECTED}',
            )
        elif condition not in found:
            found.append(condition)
    return () if "unsuitable_for" in field.problem_keys else tuple(found)


def _reason(field: Fields) -> str:
    value = field.raw.get("reason")
    example = 'such as "lip movements can set off a spasm"'
    if value is None:
        field.fail(
            None,
            'missing "reason": say in a few words why the step does not suit '
            f'the conditions in "unsuitable_for", {example}; it is shown and spoken',
            about="reason",
        )
        return ""
    if not isinstance(value, str) or not value.strip():
        field.fail("reason", f'"reason" must be a few words, {example}, got {shown(value)}')
        return ""
    text = " ".join(value.split())
    if len(text) > MAX_REASON_CHARS:
        field.fail(
            "reason",
            f'"reason" is {len(text)} characters: keep it to {MAX_REASON_CHARS} or fewer, '
            "it is said near the start of the routine",
        )
        return ""
    return text
