"""What the player shows at a moment, computed from the session alone.

The window only renders a Snapshot; all arithmetic on positions (time left, progress,
the breathing circle's size) lives here, where it is tested without Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from app.core.routine import ExerciseStep, Side, step_kind
from app.core.session import Session, State
from app.core.timeline import Phase, Segment


@dataclass(frozen=True)
class Snapshot:
    state: State
    step_index: int
    step_count: int
    step_title: str
    instruction: str
    kind: str
    phase: Phase
    phase_text: str
    phase_left: float
    phase_seconds: float
    """The whole phase's length: with ``phase_left``, how far into it the session is."""
    total_left: float
    progress: float
    rep: int
    reps: int
    next_title: str | None
    breath: float
    image: Path | None
    side: Side


def breath_level(segment: Segment, position: float) -> float:
    """Size of the breathing circle, 0 (empty lungs) to 1 (full), eased so it moves
    like a breath: it grows on inhale, rests on hold and shrinks on exhale."""
    fraction = 0.0 if segment.duration <= 0 else (position - segment.start) / segment.duration
    fraction = min(1.0, max(0.0, fraction))
    eased = (1 - math.cos(math.pi * fraction)) / 2
    match segment.phase:
        case Phase.INHALE:
            return eased
        case Phase.HOLD:
            return 1.0
        case Phase.EXHALE:
            return 1.0 - eased
        case Phase.HOLD_AFTER:
            return 0.0
        case _:
            return 0.5


def snapshot(session: Session) -> Snapshot:
    timeline = session.timeline
    position = session.position()
    segment = timeline.segment_at(position)
    steps = timeline.routine.steps
    step = steps[segment.step]
    exercise = step if isinstance(step, ExerciseStep) else None
    total = timeline.total
    return Snapshot(
        state=session.state,
        step_index=segment.step,
        step_count=len(steps),
        step_title=step.title,
        instruction=step.instruction,
        kind=step_kind(step),
        phase=segment.phase,
        phase_text=segment.text,
        phase_left=max(0.0, segment.end - position) if not session.is_over else 0.0,
        phase_seconds=segment.duration,
        total_left=max(0.0, total - position),
        progress=0.0 if total <= 0 else min(1.0, position / total),
        rep=segment.rep,
        reps=segment.reps,
        next_title=steps[segment.step + 1].title if segment.step + 1 < len(steps) else None,
        breath=breath_level(segment, position),
        image=exercise.image if exercise else None,
        side=exercise.side if exercise else Side.BOTH,
    )
