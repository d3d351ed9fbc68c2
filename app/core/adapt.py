"""A routine made to fit the person's condition: unsuitable steps left out or gentler.

An exercise step may name the conditions it does not suit (`unsuitable_for`, with a
`reason` and an optional `[steps.gentler]` variant, docs/routine-format.md). For a
person whose profile names one of them, :func:`adapt_routine` plays the gentler variant
in the step's place, or leaves the step out, and says what it changed: shown before
the routine starts and spoken once after its welcome (``Routine.note``), so that
nobody with closed eyes wonders where the lip pucker went. "Not sure" and no profile
leave every routine as it is. The routine keeps its name, so the history records the
routine that was chosen. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.core.condition import CONDITION_LABELS, Condition, adapts
from app.core.routine import ExerciseStep, RestStep, Routine, Step

__all__ = ["Adaptation", "Change", "adapt_routine"]

_NOTHING_LEFT_SECONDS = 30.0


@dataclass(frozen=True)
class Change:
    """One step changed for a condition: left out, or played as its gentler variant."""

    step: int
    """Its index in the routine as written."""
    title: str
    reason: str
    gentler: str | None = None
    """The gentler variant's title; None when the step is left out."""

    @property
    def left_out(self) -> bool:
        return self.gentler is None


@dataclass(frozen=True)
class Adaptation:
    """The routine to play for ``condition``, and what changed on the way."""

    routine: Routine
    condition: Condition | None = None
    changes: tuple[Change, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def shown(self) -> list[str]:
        """One line a change, for the screen: "Left out for hemifacial spasm: Lip pucker
        — lip movements can set off a spasm"."""
        if self.condition is None:
            return []
        name = _name(self.condition)
        lines = []
        for change in self.changes:
            if change.gentler is None:
                head = f"Left out for {name}: {change.title}"
            else:
                head = f"Gentler for {name}: {change.gentler} instead of {change.title}"
            lines.append(f"{head} — {_clause(change.reason)}")
        return lines

    def summary(self) -> str:
        """One short line for the player, whose words must fit above the circle at
        200 % text: "Adapted for blepharospasm: Gaze rests down instead of Soft eye
        close; Lip pucker left out." The reasons are in ``shown`` and are spoken."""
        if self.condition is None or not self.changes:
            return ""
        swaps = [f"{c.gentler} instead of {c.title}" for c in self.changes if c.gentler]
        left = [c.title for c in self.changes if c.gentler is None]
        parts = [*swaps, *([f"{_listed(left)} left out"] if left else [])]
        return f"Adapted for {_name(self.condition)}: {'; '.join(parts)}."

    def spoken(self) -> str:
        """The same, as it is said once near the start ("" when nothing changed)."""
        if self.condition is None or not self.changes:
            return ""
        sentences = [f"This routine is adapted for {_name(self.condition)}."]
        for change in self.changes:
            if change.gentler is None:
                sentences.append(f"{change.title} is left out, because {_clause(change.reason)}.")
            else:
                sentences.append(
                    f"{change.gentler} takes the place of {change.title}, "
                    f"because {_clause(change.reason)}."
                )
        return " ".join(sentences)


def adapt_routine(routine: Routine, condition: Condition | None) -> Adaptation:
    """``routine`` as it should play for ``condition``: every exercise step unsuitable
    for it replaced by its gentler variant, or left out. Unchanged (the very same
    routine) for "not sure", no condition, or a routine that suits it already.

    When every step would be left out, a short quiet rest remains, so that the routine
    still says why and ends as any other.
    """
    if not adapts(condition):
        return Adaptation(routine, condition)
    steps: list[Step] = []
    changes: list[Change] = []
    for index, step in enumerate(routine.steps):
        if not isinstance(step, ExerciseStep) or condition not in step.unsuitable_for:
            steps.append(step)
            continue
        gentler = step.gentler
        changes.append(Change(index, step.title, step.reason, gentler.title if gentler else None))
        if gentler is not None:
            steps.append(gentler)
    if not changes:
        return Adaptation(routine, condition)
    if not steps:
        steps.append(_nothing_left())
    adaptation = Adaptation(replace(routine, steps=tuple(steps)), condition, tuple(changes))
    return replace(adaptation, routine=replace(adaptation.routine, note=adaptation.spoken()))


def _nothing_left() -> RestStep:
    return RestStep(
        title="Rest",
        instruction="Every movement of this routine is left out for you. Rest quietly.",
        cue="Rest quietly for a moment.",
        duration=_NOTHING_LEFT_SECONDS,
    )


def _name(condition: Condition) -> str:
    """As said in a sentence: "hemifacial spasm", "blepharospasm"."""
    return CONDITION_LABELS[condition].lower()


def _clause(reason: str) -> str:
    """A reason as it follows "because": without its own full stop."""
    return reason.strip().rstrip(".").strip()


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
