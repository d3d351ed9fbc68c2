"""The routine model: what a routine file means once it has been validated.

Every object is frozen so that a routine, once loaded, can be shared between the
timeline compiler, the UI and the history without anyone changing it underneath.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from app.core import words
from app.core.condition import Condition


class Category(StrEnum):
    BREATHING = "breathing"
    MEDITATION = "meditation"
    FACIAL = "facial"
    COMPRESS = "compress"
    MIXED = "mixed"


class Side(StrEnum):
    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"


class Temperature(StrEnum):
    COLD = "cold"
    WARM = "warm"


# The source article (docs/sources.md): cold 10-15 minutes, warm 15-20 minutes, with
# breaks for the skin.
MAX_ON_SECONDS: dict[Temperature, float] = {
    Temperature.COLD: 15 * 60,
    Temperature.WARM: 20 * 60,
}
MAX_ROUTINE_SECONDS = 4 * 3600

# Limits that keep a mistyped or hostile file from making a timeline of millions of
# segments: every timed phase lasts at least a second (a 4-hour routine has at most
# 14,400 of them) and no count is absurd. docs/routine-format.md lists them.
MIN_PHASE_SECONDS = 1.0
MAX_STEPS = 200
MAX_COUNT = 1000  # cycles, reps and rounds of one step
MAX_GUIDANCE = 200  # spoken lines of one meditation step


@dataclass(frozen=True)
class StepBase:
    title: str
    instruction: str = ""
    cue: str = ""

    @property
    def spoken_intro(self) -> str:
        """What is said when the step starts: its cue, else its title and instruction."""
        if self.cue:
            return self.cue
        return f"{self.title}. {self.instruction}".strip()


@dataclass(frozen=True)
class BreathingStep(StepBase):
    inhale: float = 4.0
    hold: float = 0.0
    exhale: float = 4.0
    hold_after: float = 0.0
    cycles: int = 1
    voice_phases: bool = True
    count: bool = False
    """Count the seconds of each phase aloud ("Breathe in, two, three, four")."""

    @property
    def cycle_seconds(self) -> float:
        return self.inhale + self.hold + self.exhale + self.hold_after


@dataclass(frozen=True)
class Guidance:
    at: float
    text: str


@dataclass(frozen=True)
class MeditationStep(StepBase):
    duration: float = 60.0
    bell_every: float = 0.0
    guidance: tuple[Guidance, ...] = ()


@dataclass(frozen=True)
class ExerciseStep(StepBase):
    hold: float = 5.0
    rest: float = 5.0
    reps: int = 1
    side: Side = Side.BOTH
    image: Path | None = None
    unsuitable_for: tuple[Condition, ...] = ()
    """Conditions this movement may not suit (docs/routine-format.md, Conditions)."""
    reason: str = ""
    """Why, in a few words said after "because": "lip movements can set off a spasm"."""
    gentler: ExerciseStep | None = None
    """Played instead for those conditions; without it the step is left out."""


@dataclass(frozen=True)
class CompressStep(StepBase):
    temperature: Temperature = Temperature.COLD
    on: float = 600.0
    off: float = 0.0
    rounds: int = 1


@dataclass(frozen=True)
class RestStep(StepBase):
    duration: float = 30.0


Step = BreathingStep | MeditationStep | ExerciseStep | CompressStep | RestStep

_CLASSES: dict[str, type[Step]] = {
    "breathing": BreathingStep,
    "meditation": MeditationStep,
    "exercise": ExerciseStep,
    "compress": CompressStep,
    "rest": RestStep,
}
STEP_KINDS: dict[str, type[Step]] = {kind: _CLASSES[kind] for kind in words.STEP_KINDS}
"""Step kind -> class, in the order app.core.words lists the kinds."""


def step_kind(step: Step) -> str:
    return next(kind for kind, cls in STEP_KINDS.items() if isinstance(step, cls))


def step_seconds(step: Step) -> float:
    """Planned length of one step; the timeline compiler lays steps out with exactly this."""
    match step:
        case BreathingStep():
            return step.cycle_seconds * step.cycles
        case MeditationStep() | RestStep():
            return step.duration
        case ExerciseStep():
            return (step.hold + step.rest) * step.reps
        case CompressStep():
            return step.on * step.rounds + step.off * (step.rounds - 1)


@dataclass(frozen=True)
class Routine:
    name: str
    steps: tuple[Step, ...]
    summary: str = ""
    category: Category = Category.MIXED
    tags: tuple[str, ...] = ()
    source: Path | None = None
    builtin: bool = False
    slug: str = field(default="")
    note: str = ""
    """Said after the first step's introduction: what was changed for the person's
    condition (app/core/adapt.py). Never read from a file."""

    @property
    def total_seconds(self) -> float:
        return sum(step_seconds(step) for step in self.steps)
