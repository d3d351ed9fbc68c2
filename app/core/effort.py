"""The effort guard: what in a routine asks more of a face than gentle self-care should.

Facial spasms are made worse by effort, so every movement is small (about 2 out of
10), held briefly, with at least as long a rest (docs/content-rules.md, Effort). A
person's own routine may go past that (a therapist may have asked for it), so
``facewell check`` and the routine editor *warn*, never refuse; the built-in routines
carry no caution at all (tests/core/test_content_rules.py).

Force words are looked for in everything a step shows or says. A word that is
negated in its clause ("never squeeze", "with no squeezing", "far less than a
squeeze") is the advice we want, not a caution. No Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.core.routine import ExerciseStep, MeditationStep, Routine, Step, step_kind
from app.core.toml_lines import LineIndex

__all__ = [
    "MAX_HOLD_SECONDS",
    "Caution",
    "caution_lines",
    "effort_cautions",
    "force_words",
    "located_cautions",
]

MAX_HOLD_SECONDS = 10.0
"""A gentle movement is held a few seconds; longer holds tire the muscles that spasm."""

_FORCE = re.compile(
    r"\b(squeez\w*|tight(?:ly|en\w*)?|hard(?:er|est)?|clench\w*|forc(?:e|ed|eful\w*|ing)"
    r"|as (?:much|far|hard|tight) as (?:you )?(?:can|possible)"
    r"|with (?:all )?your (?:might|strength)"
    r"|strongly|maximum|max effort)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(never|not|no|don't|do not|without|less than|instead of|rather than|nothing)\b"
    r"(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[.;:!?,]")


@dataclass(frozen=True)
class Caution:
    """One thing to reconsider, at a step's field (``key``), in plain words."""

    step: int
    key: str
    message: str


def force_words(text: str) -> list[str]:
    """The force words of ``text`` that are not negated in their clause."""
    found = []
    for match in _FORCE.finditer(text):
        clause = _CLAUSE.split(text[: match.start()])[-1]
        if not _NEGATION.search(clause):
            found.append(match.group(0))
    return found


def _texts(step: Step) -> Iterator[tuple[str, str]]:
    yield "title", step.title
    yield "instruction", step.instruction
    yield "cue", step.cue
    if isinstance(step, MeditationStep):
        for line in step.guidance:
            yield "guidance", line.text


def effort_cautions(routine: Routine) -> list[Caution]:
    """Every caution for ``routine``, in step order."""
    cautions: list[Caution] = []
    for index, step in enumerate(routine.steps):
        if isinstance(step, ExerciseStep):
            if step.hold > MAX_HOLD_SECONDS:
                cautions.append(
                    Caution(
                        index,
                        "hold",
                        f"a hold of {step.hold:g} s is long for a face that spasms: "
                        f"gentle movements are held {MAX_HOLD_SECONDS:g} s or less",
                    )
                )
            if step.rest < step.hold:
                cautions.append(
                    Caution(
                        index,
                        "rest",
                        f"the rest ({step.rest:g} s) is shorter than the hold "
                        f"({step.hold:g} s): rest at least as long as you move",
                    )
                )
        for key, text in _texts(step):
            words = list(dict.fromkeys(w.lower() for w in force_words(text)))
            if words:
                quoted = " and ".join(f'"{w}"' for w in words)
                verb = "asks" if len(words) == 1 else "ask"
                cautions.append(
                    Caution(
                        index,
                        key,
                        f"{quoted} {verb} for force: keep movements small and light, about "
                        "2 out of 10 effort",
                    )
                )
    return cautions


def caution_lines(routine: Routine) -> list[str]:
    """The cautions as a person reads them: "Step 2, Squeeze: …"."""
    return [
        f"Step {c.step + 1}, {routine.steps[c.step].title}: {c.message}."
        for c in effort_cautions(routine)
    ]


def located_cautions(routine: Routine, text: str) -> list[tuple[int, str]]:
    """(line, "step N (kind): message") for each caution of ``routine``, parsed from
    ``text``: what ``facewell check`` prints after FILE:LINE."""
    lines = LineIndex(text)
    return sorted(
        (
            lines.step_line(c.step, c.key),
            f"step {c.step + 1} ({step_kind(routine.steps[c.step])}): {c.message}",
        )
        for c in effort_cautions(routine)
    )
