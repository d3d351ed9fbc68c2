"""Compile a routine into a flat, immutable timeline of segments and cues.

Everything that happens in a session is decided here, before it starts: the session
and the players only look things up. The compiler knows how long each spoken line
takes (measured from the rendered speech, or estimated from its words), so that what is
heard keeps the routine's promises (docs/routine-format.md, "How a routine sounds"):

- a step's introduction is spoken in a lead-in before its first timed phase, and a hold
  is timed from the end of the words that ask for it;
- a phase's own cue ("Breathe in", "1 of 4") starts when the phase starts;
- no spoken line overlaps another, and no words fall in the first second of a chime;
- when words need more room, a lead-in or a rest grows; a hold never shrinks.

The same routine and lengths always give the same timeline. No Qt here.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.core.compress import MIN_READY_SECONDS, SKIN_CHECK
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

__all__ = [
    "CHIME_CLEAR_SECONDS",
    "GAP_SECONDS",
    "SOUND_SECONDS",
    "Cue",
    "CueKind",
    "Phase",
    "Segment",
    "Sound",
    "Timeline",
    "compile_timeline",
    "estimate_seconds",
    "spoken_lines",
]


class Phase(StrEnum):
    LEAD_IN = "lead_in"
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
    length: float = 0.0
    """Seconds it sounds for, as the compiler planned it (speech measured or estimated)."""

    @property
    def label(self) -> str:
        return self.text if self.kind is CueKind.SPEECH else str(self.sound)

    @property
    def end(self) -> float:
        return self.offset + self.length


GAP_SECONDS = 0.3
"""Silence between two spoken lines."""
PHASE_GAP_SECONDS = 0.1
"""Between a breathing phase's word and the next one's, which start on their phases."""
CHIME_CLEAR_SECONDS = 1.0
"""No words in the first second of a start, end or bell chime."""
SOUND_SECONDS: dict[Sound, float] = {
    Sound.START: 1.2,
    Sound.END: 1.8,
    Sound.BELL: 3.0,
    Sound.TICK: 0.13,
}
"""The chimes' lengths (assets/audio; tests/test_sounds.py keeps them in step)."""
MIN_LEAD_IN_SECONDS = 1.5
"""A lead-in gives at least this long to get ready, words or not."""
BREATH_WORD_FITS = 0.85
"""A breathing phase's word must end within this share of the phase, or it is a tick."""
ONE_MINUTE_LEFT_FROM = 120.0
"""Compress rounds this long hear "One minute left"; from 60 s, "Halfway"."""

_BREATH_WORDS = {  # (on screen, spoken): a word or two, so it ends inside its phase
    Phase.INHALE: ("Breathe in", "Breathe in"),
    Phase.HOLD: ("Hold", "Hold gently"),
    Phase.EXHALE: ("Breathe out", "Breathe out"),
    Phase.HOLD_AFTER: ("Hold", "Hold"),  # "Hold again" after a hold (box breathing)
}
_COUNT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_SIDE = {Side.BOTH: "", Side.LEFT: " Left side only.", Side.RIGHT: " Right side only."}

Lengths = Callable[[str], float]
"""Seconds a spoken line lasts."""


def estimate_seconds(text: str, wpm: float = 150.0) -> float:
    """How long ``text`` takes to say at ``wpm`` when it has not been rendered (muted,
    no speech engine): measured on eSpeak NG, about 0.4 s a word plus 0.4 s at 150 wpm."""
    words = len(re.findall(r"[\w']+", text))
    return (0.4 + 0.4 * words) * 150.0 / max(60.0, wpm) if words else 0.0


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
    """Lays segments end to end and speech one line after another."""

    def __init__(self, lengths: Lengths, sounds: Mapping[Sound, float]) -> None:
        self.lengths = lengths
        self.sounds = sounds
        self.segments: list[Segment] = []
        self.cues: list[Cue] = []
        self.at = 0.0
        self.step = 0
        self.speech_end = 0.0
        """When the last spoken line ends."""
        self.chime_quiet = 0.0
        """No words before this: a chime's first second (the start chime's whole)."""

    def length(self, text: str) -> float:
        return max(0.0, self.lengths(text))

    def free_at(self, gap: float = GAP_SECONDS) -> float:
        """The first moment a new line may start."""
        return max(self.speech_end + gap, self.chime_quiet)

    def segment(
        self, duration: float, phase: Phase, text: str, *, rep: int = 0, reps: int = 0
    ) -> None:
        if duration > 0:
            self.segments.append(Segment(self.at, duration, self.step, phase, text, rep, reps))
            self.at += duration

    def say(self, text: str, at: float | None = None, *, gap: float = GAP_SECONDS) -> float:
        """Speak ``text`` at ``at`` (now by default) or as soon after as the voice is
        free; return when it ends."""
        if not text:
            return self.speech_end
        start = max(self.at if at is None else at, self.free_at(gap))
        length = self.length(text)
        self.cues.append(Cue(start, CueKind.SPEECH, text=text, step=self.step, length=length))
        self.speech_end = start + length
        return self.speech_end

    def sound(self, sound: Sound, at: float | None = None) -> float:
        """Play a chime at ``at`` (now), after any words still being said; return its time."""
        start = max(self.at if at is None else at, self.speech_end)
        length = self.sounds[sound]
        self.cues.append(Cue(start, CueKind.SOUND, sound=sound, step=self.step, length=length))
        if sound is Sound.START:
            self.chime_quiet = max(self.chime_quiet, start + length + GAP_SECONDS)
        elif sound is not Sound.TICK:
            self.chime_quiet = max(self.chime_quiet, start + CHIME_CLEAR_SECONDS)
        return start

    def make_room(self, text: str = "Get ready", gap: float = GAP_SECONDS) -> None:
        """Before a phase that must open with its words: if the voice is not free yet,
        a short rest until it is (a phase is never cut short to fit words)."""
        self.segment(self.free_at(gap) - self.at, Phase.REST, text)

    def fits(self, text: str, room: float) -> bool:
        """``text``, said now, starts on time and ends within ``room`` seconds."""
        return self.free_at(PHASE_GAP_SECONDS) <= self.at + 1e-9 and self.length(text) <= room

    def lead_in(
        self, text: str, title: str, *after: str, at_least: float = MIN_LEAD_IN_SECONDS
    ) -> None:
        """A lead-in that speaks ``text`` (then each line ``after``), long enough for all
        and at least ``at_least`` seconds."""
        start = self.at
        for line in (text, *after):
            self.say(line)
        ends = self.free_at() if any((text, *after)) else start
        self.segment(max(at_least, ends - start), Phase.LEAD_IN, title)


def spoken_lines(routine: Routine) -> list[str]:
    """Every line the routine may speak, for rendering before it is compiled with their
    measured lengths: compiled as if every line took no time, so every word fits (with
    real lengths the compiler may leave some out, never add one)."""
    return compile_timeline(routine, lambda _text: 0.0).speech_texts()


def compile_timeline(
    routine: Routine,
    lengths: Lengths | None = None,
    sounds: Mapping[Sound, float] | None = None,
) -> Timeline:
    """The routine as it will play, with each spoken line lasting ``lengths(text)``
    seconds (estimated at 150 wpm when not given) and each chime ``sounds``."""
    b = _Builder(lengths or estimate_seconds, {**SOUND_SECONDS, **(sounds or {})})
    b.sound(Sound.START)
    step_starts: list[float] = []
    for index, step in enumerate(routine.steps):
        b.step = index
        step_starts.append(b.at)
        # What was changed for the person's condition is said once, after the welcome.
        _compile_step(b, step, routine.note if index == 0 else "")
    # The last words finish before the end chime, in a moment of rest of their own
    # (a timed phase never grows); the routine ends as the chime rings.
    b.segment(b.speech_end + GAP_SECONDS - b.at, Phase.REST, "Rest")
    b.sound(Sound.END)
    cues = sorted(b.cues, key=lambda c: (round(c.offset, 6), c.kind is CueKind.SPEECH))
    return Timeline(routine, tuple(b.segments), tuple(cues), tuple(step_starts))


def _compile_step(b: _Builder, step: Step, note: str = "") -> None:
    """``note``: a line said right after the step's introduction."""
    match step:
        case BreathingStep():
            _breathing(b, step, note)
        case MeditationStep():
            _meditation(b, step, note)
        case ExerciseStep():
            _exercise(b, step, note)
        case CompressStep():
            _compress(b, step, note)
        case RestStep():
            _rest(b, step, note)


def _rest(b: _Builder, step: RestStep, note: str = "") -> None:
    """Rest needs nothing done on time: its words are said in it, and it grows to hold
    them."""
    start = b.at
    b.say(step.spoken_intro)
    ends = b.say(note)
    b.segment(max(step.duration, ends + GAP_SECONDS - start), Phase.REST, "Rest")


def _breathing(b: _Builder, step: BreathingStep, note: str = "") -> None:
    b.lead_in(step.spoken_intro, "Get ready", note)
    phases = (
        (Phase.INHALE, step.inhale),
        (Phase.HOLD, step.hold),
        (Phase.EXHALE, step.exhale),
        (Phase.HOLD_AFTER, step.hold_after),
    )
    first = True
    for cycle in range(1, step.cycles + 1):
        for phase, seconds in phases:
            if seconds <= 0:
                continue
            screen, spoken = _BREATH_WORDS[phase]
            if phase is Phase.HOLD_AFTER and step.hold > 0:
                spoken = "Hold again"  # what the welcome promised: in, hold, out, hold again
            if step.voice_phases and b.fits(spoken, seconds * BREATH_WORD_FITS):
                b.say(spoken, gap=PHASE_GAP_SECONDS)
                if step.count:
                    _count_beats(b, seconds)
            elif not first:
                b.sound(Sound.TICK)  # the word would not end inside its phase
            first = False
            b.segment(seconds, phase, screen, rep=cycle, reps=step.cycles)


def _count_beats(b: _Builder, seconds: float) -> None:
    """ "two", "three"… on the phase's later whole seconds (its word counts as one), all
    of them or none: a count that skips a number ("Breathe in … three, four") would
    confuse more than it guides, so at a slow rate, where a word outlasts its second,
    the phase is not counted."""
    beats = range(1, min(int(seconds + 1e-9), len(_COUNT_WORDS)))
    free = b.free_at(PHASE_GAP_SECONDS)
    for beat in beats:
        word = _COUNT_WORDS[beat]
        at = b.at + beat
        if free > at + 1e-9 or b.length(word) > 0.9:
            return
        free = at + b.length(word) + PHASE_GAP_SECONDS
    for beat in beats:
        b.say(_COUNT_WORDS[beat], b.at + beat, gap=PHASE_GAP_SECONDS)


def _meditation(b: _Builder, step: MeditationStep, note: str = "") -> None:
    """Quiet time: its introduction, guidance at its offsets (or as soon after as the
    voice is free), interval bells between the words. It grows if the words need it."""
    start = b.at
    b.say(step.spoken_intro)
    b.say(note)
    bells = []
    if step.bell_every > 0:
        k = 1
        while k * step.bell_every < step.duration - 1e-9:
            bells.append(start + k * step.bell_every)
            k += 1
    lines = [(start + line.at, line.text) for line in step.guidance]
    # Bells and lines in time order (a bell first when both are due at once); each
    # waits for the words before it, and words wait for a bell's first second.
    events = sorted([(t, 0, "") for t in bells] + [(t, 1, text) for t, text in lines])
    for at, is_line, text in events:
        if not is_line:
            b.sound(Sound.BELL, at)
        else:
            b.say(text, at)
    end = max(start + step.duration, b.speech_end + GAP_SECONDS)
    b.segment(end - start, Phase.MEDITATE, "Quiet time")


def _exercise(b: _Builder, step: ExerciseStep, note: str = "") -> None:
    """The instruction in a lead-in; each hold opens with its count and keeps its
    length; each rest opens with "release" and grows to fit it."""
    b.lead_in(step.spoken_intro + _SIDE[step.side], "Get ready", note)
    for rep in range(1, step.reps + 1):
        # The hold opens with its count, or its own two words when there is only one.
        b.make_room(gap=PHASE_GAP_SECONDS)
        b.say(f"{rep} of {step.reps}." if step.reps > 1 else "Hold gently.", gap=PHASE_GAP_SECONDS)
        b.segment(step.hold, Phase.MOVE, "Hold gently", rep=rep, reps=step.reps)
        start = b.at
        ends = b.say("Release, and rest." if rep == 1 else "And release.")
        rest = max(step.rest, ends + GAP_SECONDS - start)
        b.segment(rest, Phase.REST, "Release and rest", rep=rep, reps=step.reps)


def _compress(b: _Builder, step: CompressStep, note: str = "") -> None:
    """The how-to and the plan in a lead-in; each round opens with short words and says
    when a minute is left; each break says what to check; the last words close it."""
    temp = step.temperature
    plan = _plan(step)
    b.lead_in(  # the plan, last
        step.spoken_intro, "Get the compress ready", note, plan, at_least=MIN_READY_SECONDS
    )
    for round_ in range(1, step.rounds + 1):
        b.make_room("Get the compress ready")
        if round_ == 1:
            b.say(f"Apply the {temp} compress now.")
        else:
            b.say(f"Round {round_} of {step.rounds}. Compress on.")
        start = b.at
        if step.on >= ONE_MINUTE_LEFT_FROM:
            b.say("One minute left.", start + step.on - 60)
        elif step.on >= 60:
            b.say("Halfway.", start + step.on / 2)
        label = f"Compress on ({temp})"
        b.segment(step.on, Phase.APPLY, label, rep=round_, reps=step.rounds)
        if round_ < step.rounds:
            b.make_room("Take the compress off")
            b.say(
                f"Take it off and check your skin. {_minutes(step.off)} of rest. {SKIN_CHECK[temp]}"
            )
            b.segment(
                step.off,
                Phase.SKIN_BREAK,
                "Skin break: take it off and check your skin",
                rep=round_,
                reps=step.rounds,
            )
    start = b.at
    ends = b.say(f"Finished. Take the {temp} compress off and check your skin. {SKIN_CHECK[temp]}")
    b.segment(ends + GAP_SECONDS - start, Phase.REST, "Take the compress off")


def _plan(step: CompressStep) -> str:
    if step.rounds == 1:
        return f"{_minutes(step.on)} with the compress on."
    return (
        f"{_number(step.rounds).capitalize()} rounds of {_minutes(step.on).lower()}, "
        f"with {_minutes(step.off).lower()} of rest between."
    )


def _number(n: int) -> str:
    return _COUNT_WORDS[n - 1] if 1 <= n <= len(_COUNT_WORDS) else str(n)


def _minutes(seconds: float) -> str:
    """ "One minute", "4 minutes", "90 seconds": how long, as it is said."""
    if seconds % 60 == 0:
        minutes = int(seconds // 60)
        return "One minute" if minutes == 1 else f"{minutes} minutes"
    if seconds < 120:
        whole = math.ceil(seconds)
        return f"{whole} second" + ("" if whole == 1 else "s")
    return f"{seconds / 60:.1f} minutes"
