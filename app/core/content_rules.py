"""The rulebook's checks (docs/content-rules.md), as functions the tests run over every
built-in routine, every spoken line and every tip.

Each check returns the breaches in plain words ("cue of step 3: promises a cure
('cures')"), so a failing test says what to fix. The effort rules are the guard that
warns on a person's own routines (app/core/effort.py); here they are absolute. No Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from app.core.effort import effort_cautions, force_words
from app.core.routine import BreathingStep, ExerciseStep, MeditationStep, Routine, Side
from app.core.timeline import spoken_lines

__all__ = ["FORBIDDEN", "PAUSE_SENTENCE", "routine_breaches", "text_breaches"]

FORBIDDEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("promises a cure", re.compile(r"\b(cure[sd]?|curing|curative)\b", re.I)),
    ("promises healing", re.compile(r"\b(heal(s|ed|ing)?|swift(ly)?|miracle\w*)\b", re.I)),
    ("promises recovery", re.compile(r"\b(recover(y|ies|ed|ing|s)?)\b", re.I)),
    ("promises a lasting result", re.compile(r"\b(permanent(ly)?|for good|forever)\b", re.I)),
    (
        "promises to end spasms",
        re.compile(r"\b(get rid of|eliminat\w+|stop(s)? (your )?spasms)\b", re.I),
    ),
    ("claims a guarantee", re.compile(r"\b(guarantee[sd]?|proven|clinically)\b", re.I)),
    ("speaks for doctors", re.compile(r"\bdoctors? recommend\w*\b", re.I)),
    ("strengthens the muscles that spasm", re.compile(r"\b(strengthen\w*|tone up|toning)\b", re.I)),
)
"""What no built-in text may say: the conditions are long-term, self-care eases and
does not treat them, and force or strengthening works the very muscles that spasm."""

MAX_BREATH_HOLD_SECONDS = 7.0
"""The longest breath hold a built-in asks for (4-7-8's): soft breathing, not a test."""

PAUSE_SENTENCE = "You can pause at any time with the space bar."
"""How a person with closed eyes learns to pause; every built-in welcome says it."""


def text_breaches(text: str, where: str) -> list[str]:
    """Forbidden words and unnegated force words in ``text``."""
    breaches = [
        f"{where}: {why} ({match.group(0)!r})"
        for why, pattern in FORBIDDEN
        for match in pattern.finditer(text)
    ]
    breaches += [f"{where}: asks for force ({word!r})" for word in force_words(text)]
    return breaches


def _texts(routine: Routine) -> Iterator[tuple[str, str]]:
    yield "name", routine.name
    yield "summary", routine.summary
    for number, step in enumerate(routine.steps, start=1):
        for key in ("title", "instruction", "cue"):
            yield f"{key} of step {number}", getattr(step, key)
        if isinstance(step, MeditationStep):
            for line in step.guidance:
                yield f"guidance of step {number} at {line.at:g} s", line.text
    for spoken in spoken_lines(routine):
        yield "spoken", spoken


def routine_breaches(routine: Routine) -> list[str]:
    """Every rule a built-in routine breaks: words, effort, symmetry, rest, the welcome."""
    breaches: list[str] = []
    for where, text in _texts(routine):
        breaches += text_breaches(text, where)
    breaches += [f"step {c.step + 1} ({c.key}): {c.message}" for c in effort_cautions(routine)]
    for number, step in enumerate(routine.steps, start=1):
        if isinstance(step, ExerciseStep):
            if step.side is not Side.BOTH:
                breaches.append(f"step {number}: a built-in movement is done on both sides")
            if step.rest <= 0:
                breaches.append(f"step {number}: a movement rests after every repetition")
        held = max(step.hold, step.hold_after) if isinstance(step, BreathingStep) else 0.0
        if held > MAX_BREATH_HOLD_SECONDS:
            breaches.append(f"step {number}: a breath is held at most 7 s")
    welcome = routine.steps[0].cue if routine.steps else ""
    if not welcome.rstrip().endswith(PAUSE_SENTENCE):
        breaches.append(f"the welcome does not end {PAUSE_SENTENCE!r}")
    return breaches


def all_breaches(routines: Iterable[Routine]) -> dict[str, list[str]]:
    """{slug: breaches} for routines that break any rule."""
    found = {routine.slug: routine_breaches(routine) for routine in routines}
    return {slug: breaches for slug, breaches in found.items() if breaches}
