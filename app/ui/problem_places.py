"""Where the routine editor shows each problem: under its field, over the step, or below.

The loader says which step and key a problem is about. A problem of a field on screen
goes under that field; one about the chosen step but no field on screen goes over the
step's fields; one about another step only says that step needs a look; the rest (the
routine's own) are listed under the steps. No widgets here: the editor finds the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, NamedTuple, TypeVar

from app.core.loader import Problem

__all__ = ["TOP", "Places", "place_problems", "problem_target"]

TOP = -1
"""The "step index" of the routine's own fields."""

F = TypeVar("F")


def problem_target(problem: Problem) -> tuple[int, str | None, str]:
    """(step index or -1 for the routine, field key or None, message without the prefix),
    as the loader gives them (Problem.step, .key, .detail)."""
    return (
        TOP if problem.step is None else problem.step,
        problem.key,
        problem.detail or problem.message,
    )


def _is_no_steps(problem: Problem) -> bool:
    """The file-format complaint about a routine without steps: the editor always
    writes [[steps]] tables, so a problem with the routine's steps means there are none."""
    return problem.step is None and problem.key == "steps"


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


class Places(NamedTuple, Generic[F]):
    """Each problem in its place."""

    fields: list[tuple[F, str, str]]
    """(field, message, key): shown under the field."""
    step: str
    """Shown over the chosen step's fields ("" when none)."""
    summary: str
    """Shown under the steps: the routine's own problems, and which steps need a look."""


def place_problems(
    problems: Iterable[Problem],
    current: int,
    field: Callable[[int, str], F | None],
    shown: Callable[[F], bool],
) -> Places[F]:
    """Place ``problems`` for an editor whose chosen step is ``current`` (-1 for none);
    ``field(step, key)`` is the field of ``key`` (step TOP: the routine's own) or None,
    and ``shown(field)`` says whether it is on screen."""
    at_fields: list[tuple[F, str, str]] = []
    step_lines: list[str] = []
    other_lines: list[str] = []
    flagged: set[int] = set()
    for problem in problems:
        if _is_no_steps(problem):
            continue  # the empty step panel says what to do, in the editor's words
        index, key, message = problem_target(problem)
        found = field(index, key) if key is not None and index in (TOP, current) else None
        if found is not None and shown(found):
            at_fields.append((found, message, key or ""))
        elif index == current:
            step_lines.append(message)
        elif index >= 0:
            flagged.add(index)
        else:
            other_lines.append(_sentence(message))
    if flagged:
        numbers = ", ".join(str(i + 1) for i in sorted(flagged))
        many = len(flagged) > 1
        other_lines.append(f"Step{'s' if many else ''} {numbers} need{'' if many else 's'} a look.")
    return Places(at_fields, "\n".join(map(_sentence, step_lines)), "\n".join(other_lines))
