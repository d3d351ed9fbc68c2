"""A session: the state machine that plays a timeline against a clock.

Position is always derived from the clock (clock() - anchor), never from counting
ticks, so a stalled event loop or a late timer cannot make the routine drift. Whoever
drives the session (the Qt driver, the terminal runner, a test) asks `take_due()` what
has fallen due and `next_deadline()` when to ask again.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum

from app.core.clock import Clock
from app.core.timeline import Cue, Segment, Timeline

# Pressing Back within this many seconds of a step's start goes to the previous step.
BACK_GRACE_SECONDS = 2.0
SKIP_NOTICE_SECONDS = 1.0
"""Next pressed this close to a step's end skips nothing worth recording."""
_EPSILON = 1e-9
# A cue this late is no longer worth playing (unless it opens the current phase).
STALE_CUE_SECONDS = 2.0
# A gap this long between two readings of the clock while running is time nobody
# played: the process was stopped (Ctrl+Z, SIGSTOP) or the event loop stalled.
STALL_SECONDS = 2.0


class State(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True)
class PhaseEvent:
    index: int
    segment: Segment

    @property
    def due(self) -> float:
        return self.segment.start


@dataclass(frozen=True)
class CueEvent:
    cue: Cue

    @property
    def due(self) -> float:
        return self.cue.offset


@dataclass(frozen=True)
class EndEvent:
    due: float


Event = PhaseEvent | CueEvent | EndEvent


class SessionError(RuntimeError):
    """An action that makes no sense in the current state (a bug in the caller)."""


def _events(timeline: Timeline) -> list[Event]:
    # Order at equal times: the phase change, then its cues, and the end last of all.
    keyed: list[tuple[float, int, int, Event]] = []
    for i, segment in enumerate(timeline.segments):
        keyed.append((segment.start, 0, i, PhaseEvent(i, segment)))
    for i, cue in enumerate(timeline.cues):
        keyed.append((cue.offset, 1, i, CueEvent(cue)))
    keyed.append((timeline.total, 2, 0, EndEvent(timeline.total)))
    keyed.sort(key=lambda item: item[:3])
    return [item[3] for item in keyed]


class Session:
    def __init__(
        self, timeline: Timeline, clock: Clock, *, stall_limit: float | None = None
    ) -> None:
        """``stall_limit``: take any gap longer than this between two readings of the
        clock while running as time that was not played, and go on from where the
        routine was (the driver reads the clock at least once a second). None for a
        compress timer, whose boot clock must count through a suspend."""
        self.timeline = timeline
        self._clock = clock
        self._stall_limit = stall_limit
        self._seen: float | None = None
        self.unplayed = 0.0
        """Seconds taken out as stalls so far."""
        self.skipped_seconds = 0.0
        """Seconds of the routine passed over with Next (app/core/completion.py)."""
        self.skipped_steps: list[int] = []
        """The steps left with Next before their end, each once, in the order left."""
        self.stalls = 0
        self._events = _events(timeline)
        self._dues = [event.due for event in self._events]
        self._cursor = 0
        self._anchor = 0.0
        self._frozen = 0.0
        self._active = 0.0
        self._active_since = 0.0
        self.state = State.READY

    # -- queries ---------------------------------------------------------------------

    @property
    def total(self) -> float:
        return self.timeline.total

    def observe(self) -> float:
        """Read the clock; while running, a gap longer than the stall limit since the
        last reading is taken out of the routine (it resumes where it was)."""
        now = self._clock()
        if self.state is State.RUNNING:
            gap = 0.0 if self._seen is None else now - self._seen
            if self._stall_limit is not None and gap > self._stall_limit:
                self._anchor += gap
                self._active_since += gap
                self.unplayed += gap
                self.stalls += 1
            self._seen = now
        return now

    def position(self) -> float:
        if self.state is State.RUNNING:
            return min(self.total, max(0.0, self.observe() - self._anchor))
        if self.state is State.FINISHED:
            return self.total
        return self._frozen

    def active_seconds(self) -> float:
        """Time spent running, pauses and stalls excluded."""
        if self.state is State.RUNNING:
            return self._active + (self.observe() - self._active_since)
        return self._active

    def played_seconds(self) -> float:
        """What the history records as elapsed: the time spent running, at most the
        routine's length (repeating a step with Back does not count it twice)."""
        return min(self.active_seconds(), self.total)

    @property
    def is_over(self) -> bool:
        return self.state in (State.FINISHED, State.STOPPED)

    def segment_index(self) -> int:
        return self.timeline.segment_index_at(self.position())

    def segment(self) -> Segment:
        return self.timeline.segments[self.segment_index()]

    def step_index(self) -> int:
        return self.segment().step

    def next_deadline(self) -> float | None:
        """Session position of the next undelivered event, or None when nothing is left
        or the session is not running."""
        if self.state is not State.RUNNING or self._cursor >= len(self._events):
            return None
        return self._dues[self._cursor]

    def clock_time_of(self, position: float) -> float:
        """The clock reading at which `position` is reached, if the session keeps running
        (as of the last reading of the clock: a stall not yet seen moves it later)."""
        return self._anchor + position

    # -- actions ---------------------------------------------------------------------

    def start(self) -> None:
        if self.state is not State.READY:
            raise SessionError(f"cannot start a session that is {self.state}")
        now = self._clock()
        self._anchor = now
        self._active_since = now
        self._seen = now
        self.state = State.RUNNING

    def pause(self) -> None:
        if self.state is State.RUNNING:
            self._frozen = self.position()
            self._bank_active()
            self.state = State.PAUSED

    def resume(self) -> None:
        if self.state is State.PAUSED:
            now = self._clock()
            self._anchor = now - self._frozen
            self._active_since = now
            self._seen = now
            self.state = State.RUNNING

    def toggle_pause(self) -> None:
        if self.state is State.RUNNING:
            self.pause()
        else:
            self.resume()

    def stop(self) -> None:
        if not self.is_over:
            self._frozen = self.position()
            self._bank_active()
            self.state = State.STOPPED

    def next_step(self) -> None:
        """Skip to the start of the next step, or to the end from the last one."""
        if self.is_over or self.state is State.READY:
            return
        position = self.position()
        step = self.step_index()
        target = self.timeline.step_end(step)
        if target - position > SKIP_NOTICE_SECONDS:
            self.skipped_seconds = min(self.total, self.skipped_seconds + target - position)
            if step not in self.skipped_steps:
                self.skipped_steps.append(step)
        self.seek(target)

    def skipped_titles(self) -> tuple[str, ...]:
        """The titles of the steps skipped with Next, for the history."""
        steps = self.timeline.routine.steps
        return tuple(steps[i].title for i in self.skipped_steps if 0 <= i < len(steps))

    def back(self) -> None:
        """Restart this step, or go to the previous one when pressed at its start."""
        if self.is_over or self.state is State.READY:
            return
        position = self.position()
        step = self.step_index()
        start = self.timeline.step_starts[step]
        if position - start < BACK_GRACE_SECONDS and step > 0:
            start = self.timeline.step_starts[step - 1]
        self.seek(start)

    def seek(self, position: float) -> None:
        """Move to `position`; the events at exactly that point are delivered again."""
        if self.is_over or self.state is State.READY:
            return
        position = min(max(0.0, position), self.total)
        if self.state is State.RUNNING:
            self._anchor = self.observe() - position
        else:
            self._frozen = position
        self._cursor = bisect.bisect_left(self._dues, position - _EPSILON)

    def take_due(self) -> list[Event]:
        """Events that have fallen due since the last call, stale ones dropped.

        When several phase boundaries passed at once (a stall, a seek), only the current
        phase and its own cues are returned: speaking three old cues late helps nobody.
        """
        if self.state is not State.RUNNING:
            return []
        position = self.position()
        end = bisect.bisect_right(self._dues, position + _EPSILON, lo=self._cursor)
        batch = self._events[self._cursor : end]
        self._cursor = end
        if not batch:
            return []
        phases = [e for e in batch if isinstance(e, PhaseEvent)]
        finished = isinstance(batch[-1], EndEvent)
        if finished or len(phases) > 1:
            # At the end, the "current phase" is the end itself.
            current = position if finished else phases[-1].due
            batch = [
                e
                for e in batch
                if isinstance(e, EndEvent)
                or (isinstance(e, PhaseEvent) and not finished and e is phases[-1])
                or (isinstance(e, CueEvent) and e.due >= current - _EPSILON)
            ]
        # Inside the current phase, a cue far behind its time (a long stall, a machine
        # that slept) is dropped too; the cue that opens the phase says what to do now
        # and always plays.
        opening = self.timeline.segment_at(position).start
        batch = [
            e
            for e in batch
            if not isinstance(e, CueEvent)
            or e.due >= position - STALE_CUE_SECONDS
            or abs(e.due - opening) < _EPSILON
        ]
        if finished:
            self._bank_active()
            self.state = State.FINISHED
        return batch

    # -- internals -------------------------------------------------------------------

    def _bank_active(self) -> None:
        if self.state is State.RUNNING:
            self._active += self.observe() - self._active_since
