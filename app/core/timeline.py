"""Compile a routine into a flat, immutable timeline of segments and cues.

Everything that happens in a session is decided here, before it starts: the session
and the players only look things up. The same routine always gives the same timeline.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum

from app.core.routine import (
    BreathingStep,
    CompressStep,
    ExerciseStep,
    MeditationStep,
    RestStep,
    Routine,
    Side,
    Step,
)


class Phase(StrEnum):
    INHALE = "inhale"
    HOLD = "hold"
    EXHALE = "exhale"
    HOLD_AFTER = "hold_after"
    MEDITATE = "meditate"
    MOVE = "move"
    REST = "rest"
    APPLY = "apply"
    SKIN_BREAK = "skin_break"


class Sound(StrEnum):
    """Names of the chimes under assets/audio (NAME.wav)."""

    START = "start"
    END = "end"
    BELL = "bell"
    TICK = "tick"


class CueKind(StrEnum):
    SPEECH = "speech"
    SOUND = "sound"


@dataclass(frozen=True)
class Segment:
    start: float
    duration: float
    step: int
    phase: Phase
    text: str
    rep: int = 0
    reps: int = 0

    @property
    def end(self) -> float:
        return self.start + self.duration


@dataclass(frozen=True)
class Cue:
    offset: float
    kind: CueKind
    text: str = ""
    sound: Sound | None = None
    step: int = 0

    @property
    def label(self) -> str:
        return self.text if self.kind is CueKind.SPEECH else str(self.sound)


_BREATH_WORDS = {
    Phase.INHALE: ("Breathe in", "Breathe in"),
    Phase.HOLD: ("Hold", "Hold gently"),
    Phase.EXHALE: ("Breathe out", "Breathe out slowly"),
    Phase.HOLD_AFTER: ("Hold", "Rest"),
}


@dataclass(frozen=True)
class Timeline:
    routine: Routine
    segments: tuple[Segment, ...]
    cues: tuple[Cue, ...]
    step_starts: tuple[float, ...]

    @property
    def total(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    def segment_index_at(self, position: float) -> int:
        """Index of the segment playing at `position`; the last one at or after the end."""
        starts = [s.start for s in self.segments]
        return max(0, min(bisect.bisect_right(starts, position) - 1, len(self.segments) - 1))

    def segment_at(self, position: float) -> Segment:
        return self.segments[self.segment_index_at(position)]

    def step_at(self, position: float) -> int:
        return self.segment_at(position).step

    def step_end(self, step: int) -> float:
        return self.step_starts[step + 1] if step + 1 < len(self.step_starts) else self.total

    def speech_texts(self) -> list[str]:
        """Every distinct sentence the routine will speak, for rendering ahead of time."""
        seen: dict[str, None] = {}
        for cue in self.cues:
            if cue.kind is CueKind.SPEECH:
                seen.setdefault(cue.text, None)
        return list(seen)


class _Builder:
    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.cues: list[Cue] = []
        self.at = 0.0
        self.step = 0

    def segment(
        self, duration: float, phase: Phase, text: str, *, rep: int = 0, reps: int = 0
    ) -> None:
        if duration > 0:
            self.segments.append(Segment(self.at, duration, self.step, phase, text, rep, reps))
            self.at += duration

    def say(self, text: str, offset: float | None = None) -> None:
        if text:
            at = self.at if offset is None else offset
            self.cues.append(Cue(at, CueKind.SPEECH, text=text, step=self.step))

    def sound(self, sound: Sound, offset: float | None = None) -> None:
        at = self.at if offset is None else offset
        self.cues.append(Cue(at, CueKind.SOUND, sound=sound, step=self.step))


def compile_timeline(routine: Routine) -> Timeline:
    b = _Builder()
    b.sound(Sound.START)
    step_starts: list[float] = []
    for index, step in enumerate(routine.steps):
        b.step = index
        step_starts.append(b.at)
        _compile_step(b, step)
    b.sound(Sound.END)
    cues = _merge_speech(b.cues)
    return Timeline(routine, tuple(b.segments), tuple(cues), tuple(step_starts))


def _compile_step(b: _Builder, step: Step) -> None:
    match step:
        case BreathingStep():
            _breathing(b, step)
        case MeditationStep():
            _meditation(b, step)
        case ExerciseStep():
            _exercise(b, step)
        case CompressStep():
            _compress(b, step)
        case RestStep():
            b.say(step.spoken_intro)
            b.segment(step.duration, Phase.REST, "Rest")


def _breathing(b: _Builder, step: BreathingStep) -> None:
    b.say(step.spoken_intro)
    phases = (
        (Phase.INHALE, step.inhale),
        (Phase.HOLD, step.hold),
        (Phase.EXHALE, step.exhale),
        (Phase.HOLD_AFTER, step.hold_after),
    )
    for cycle in range(1, step.cycles + 1):
        for phase, seconds in phases:
            if seconds <= 0:
                continue
            screen, spoken = _BREATH_WORDS[phase]
            if step.voice_phases:
                b.say(spoken)
            elif b.segments and b.segments[-1].step == b.step:
                b.sound(Sound.TICK)
            b.segment(seconds, phase, screen, rep=cycle, reps=step.cycles)


def _meditation(b: _Builder, step: MeditationStep) -> None:
    start = b.at
    b.say(step.spoken_intro)
    for line in step.guidance:
        b.say(line.text, start + line.at)
    if step.bell_every > 0:
        k = 1
        while k * step.bell_every < step.duration - 1e-9:
            b.sound(Sound.BELL, start + k * step.bell_every)
            k += 1
    b.segment(step.duration, Phase.MEDITATE, "Quiet time")


def _exercise(b: _Builder, step: ExerciseStep) -> None:
    side = {Side.BOTH: "", Side.LEFT: " Left side only.", Side.RIGHT: " Right side only."}
    for rep in range(1, step.reps + 1):
        if rep == 1:
            b.say(step.spoken_intro + side[step.side])
            if step.reps > 1:
                b.say(f"1 of {step.reps}.")
        else:
            b.say(f"{rep} of {step.reps}.")
        b.segment(step.hold, Phase.MOVE, "Hold gently", rep=rep, reps=step.reps)
        if step.rest > 0:
            b.say("Release, and rest." if rep == 1 else "And release.")
        b.segment(step.rest, Phase.REST, "Release and rest", rep=rep, reps=step.reps)


def _compress(b: _Builder, step: CompressStep) -> None:
    for round_ in range(1, step.rounds + 1):
        if round_ == 1:
            b.say(step.spoken_intro)
            b.say(f"Apply the {step.temperature} compress now.")
        else:
            b.say("Reapply the compress.")
        label = f"Compress on ({step.temperature})"
        b.segment(step.on, Phase.APPLY, label, rep=round_, reps=step.rounds)
        if round_ < step.rounds:
            b.say("Remove it and check your skin.")
            b.segment(
                step.off,
                Phase.SKIN_BREAK,
                "Skin break: remove it and check your skin",
                rep=round_,
                reps=step.rounds,
            )
    b.say(f"Finished. Remove the {step.temperature} compress and check your skin.")


def _merge_speech(cues: list[Cue]) -> list[Cue]:
    """Join sentences due at the same moment into one utterance; sounds go first."""
    merged: list[Cue] = []
    for cue in sorted(cues, key=lambda c: (round(c.offset, 6), c.kind is CueKind.SPEECH)):
        last = merged[-1] if merged else None
        if (
            last is not None
            and cue.kind is CueKind.SPEECH
            and last.kind is CueKind.SPEECH
            and abs(last.offset - cue.offset) < 1e-6
        ):
            merged[-1] = Cue(
                last.offset, CueKind.SPEECH, text=f"{last.text} {cue.text}", step=last.step
            )
        else:
            merged.append(cue)
    return merged
