"""The words of a person's history: session statuses and the journal's vocabulary.

Each is a StrEnum whose value is what the history stores and exports, and whose
``label`` is what the window shows. They live here, not in storage or the UI, so that
the history, the report, the journal page and the seek-help rules agree on one list.
No Qt, no SQL.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "FINISHED_STATUSES",
    "Area",
    "FaceSide",
    "Feeling",
    "SessionStatus",
    "Symptom",
    "Treatment",
    "Trigger",
]


class _Labelled(StrEnum):
    """A stored value with the words the window shows for it (the value, capitalised,
    unless _LABELS says otherwise)."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.capitalize())


class SessionStatus(_Labelled):
    """How a session ended. "interrupted" is for a crash or a kill, nothing else."""

    RUNNING = "running"
    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"


FINISHED_STATUSES = (SessionStatus.COMPLETED, SessionStatus.STOPPED)
"""What a recorder may close a session with."""


class Area(_Labelled):
    EYELID = "eyelid"
    AROUND_THE_EYE = "around the eye"
    CHEEK = "cheek"
    MOUTH = "mouth"
    JAW = "jaw"
    WHOLE_SIDE = "whole side"


class FaceSide(_Labelled):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Trigger(_Labelled):
    STRESS = "stress"
    FATIGUE = "fatigue"
    POOR_SLEEP = "poor sleep"
    CAFFEINE = "caffeine"
    SCREEN_TIME = "screen time"
    BRIGHT_LIGHT = "bright light"
    OTHER = "other"


class Symptom(_Labelled):
    """Signs noted with an episode that the seek-help advice asks about."""

    VISION_CHANGES = "vision changes"
    BALANCE_PROBLEMS = "balance problems"
    NUMBNESS = "numbness"


class Treatment(_Labelled):
    BOTULINUM_TOXIN = "botulinum toxin injection"
    DOCTOR_VISIT = "doctor visit"
    MEDICATION_CHANGE = "medication change"


class Feeling(_Labelled):
    """Suggested answers to "how did it feel"; any short text is accepted."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


_LABELS: dict[StrEnum, str] = {
    SessionStatus.STOPPED: "Stopped early",
    FaceSide.LEFT: "Left side",
    FaceSide.RIGHT: "Right side",
    FaceSide.BOTH: "Both sides",
    Feeling.BETTER: "Calmer",
    Feeling.SAME: "About the same",
    Feeling.WORSE: "More tense",
}
