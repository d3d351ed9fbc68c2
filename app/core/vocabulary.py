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
    "LEGACY_SYMPTOMS",
    "SEVERITY_HIGHEST",
    "SEVERITY_LOWEST",
    "Area",
    "FaceSide",
    "Feeling",
    "SessionStatus",
    "Symptom",
    "Treatment",
    "Trigger",
    "severity_anchor",
    "severity_words",
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
    """Signs noted with an episode that the seek-help advice asks about.

    Values are stored and exported forever: never rename one, add a new one. The sudden
    signs have words of their own ("sudden …"), so that a person ticking a box in a hurry
    picks the urgent tier by what they saw, not by a second question
    (app/core/seek_help.py sorts them into tiers; docs/seek-help.md says why).
    """

    # Urgent: can be a stroke (act FAST).
    SUDDEN_FACE_DROOPING = "sudden face drooping"
    SUDDEN_NUMBNESS_OR_WEAKNESS = "sudden numbness or weakness"
    SLURRED_SPEECH = "slurred speech"
    SUDDEN_VISION_LOSS = "sudden vision loss or double vision"
    SUDDEN_UNSTEADINESS = "sudden unsteadiness"
    # Urgent: after a botulinum toxin injection, the toxin's effect may have spread.
    SWALLOWING_SPEAKING_BREATHING = "trouble swallowing, speaking or breathing"
    # See a doctor soon.
    FACE_OR_EYELID_WEAKNESS = "weakness or drooping of the face or eyelid"
    VISION_WITH_EYES_OPEN = "double vision or vision loss with the eyes open"
    SPREADING_TWITCH = "twitching that spreads"
    HEARING_ON_SPASM_SIDE = "hearing loss or ringing on the spasm side"
    LONG_EYELID_TWITCH = "an eyelid twitch for over two weeks"
    RED_OR_PAINFUL_EYE = "a red or painful eye, or one that won't close"
    MEDICINE_MAY_BE_THE_CAUSE = "a medicine may be the cause"
    # Offered up to history schema 3; kept so that old journals and exports still read.
    VISION_CHANGES = "vision changes"
    BALANCE_PROBLEMS = "balance problems"
    NUMBNESS = "numbness"


LEGACY_SYMPTOMS = frozenset({Symptom.VISION_CHANGES, Symptom.BALANCE_PROBLEMS, Symptom.NUMBNESS})
"""Signs the journal no longer offers (they did not say whether they came on suddenly);
stored ones still load, show, export and count as reasons to see a doctor."""


class Treatment(_Labelled):
    BOTULINUM_TOXIN = "botulinum toxin injection"
    DOCTOR_VISIT = "doctor visit"
    MEDICATION_CHANGE = "medication change"


class Feeling(_Labelled):
    """Suggested answers to "how did it feel"; any short text is accepted."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


SEVERITY_LOWEST = 0
SEVERITY_HIGHEST = 10
"""One 0-10 scale for every rating Facewell asks: sessions before and after, episodes."""

_SEVERITY_BANDS = ((0, "none"), (3, "mild"), (6, "moderate"), (8, "strong"), (9, "severe"))


def severity_words(value: int) -> str:
    """The word for a rating on the 0-10 scale ("none" … "worst"), the same everywhere."""
    if value >= SEVERITY_HIGHEST:
        return "worst"
    return next(word for top, word in _SEVERITY_BANDS if value <= top)


def severity_anchor(value: int) -> str:
    """A rating with its word, as the ends of every scale show it: "0 none", "10 worst"."""
    return f"{value} {severity_words(value)}"


_LABELS: dict[StrEnum, str] = {
    SessionStatus.STOPPED: "Stopped early",
    FaceSide.LEFT: "Left side",
    FaceSide.RIGHT: "Right side",
    FaceSide.BOTH: "Both sides",
    Feeling.BETTER: "Calmer",
    Feeling.SAME: "About the same",
    Feeling.WORSE: "More tense",
    Symptom.SUDDEN_FACE_DROOPING: "Face drooping on one side, suddenly",
    Symptom.SUDDEN_NUMBNESS_OR_WEAKNESS: "Sudden numbness or weakness: face, arm or leg",
    Symptom.SLURRED_SPEECH: "Slurred or muddled speech",
    Symptom.SUDDEN_VISION_LOSS: "Sudden loss of sight or double vision",
    Symptom.SUDDEN_UNSTEADINESS: "Sudden dizziness or unsteadiness",
    Symptom.FACE_OR_EYELID_WEAKNESS: "Face or eyelid weak or drooping, coming on slowly",
    Symptom.VISION_WITH_EYES_OPEN: "Double vision or poor sight with the eyes open",
    Symptom.SPREADING_TWITCH: "Twitching spreading to other parts of the face",
    Symptom.HEARING_ON_SPASM_SIDE: "Hearing loss or ringing in the ear on the spasm side",
    Symptom.LONG_EYELID_TWITCH: "An eyelid twitch lasting over two weeks",
    Symptom.RED_OR_PAINFUL_EYE: "A red or painful eye, or one that won't close",
}
