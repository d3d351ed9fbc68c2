"""Drive a Session from the Qt event loop, on absolute deadlines.

One single-shot precise timer is armed for the next deadline, computed from the
session's anchor on the monotonic clock (never by counting ticks). It wakes a little
early and re-arms for the remainder, which measured here gave sub-millisecond error,
and it rounds up so that no cue ever starts early.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.core.clock import Clock, monotonic
from app.core.session import CueEvent, EndEvent, PhaseEvent, Session, State
from app.core.timeline import CueKind
from app.services.player import CuePlayer, Played
from app.services.trace import TraceWriter

# Wake this long before a deadline, then re-arm precisely for what is left.
EARLY_WAKE_SECONDS = 0.1


class SessionDriver(QObject):
    phase_changed = Signal(object)  # Segment
    cue_played = Signal(object, str)  # Cue, Played.*
    state_changed = Signal(str)  # State value
    finished = Signal()

    def __init__(
        self,
        session: Session,
        player: CuePlayer,
        clock: Clock = monotonic,
        trace: TraceWriter | None = None,
        parent: QObject | None = None,
        max_sleep: float | None = None,
    ) -> None:
        """`max_sleep`: never wait longer than this many seconds between checks. With a
        clock that counts through suspend (boottime), a timer armed before the machine
        slept may fire late or not at all; waking at least this often means deadlines
        that passed while asleep are noticed within `max_sleep` and the current phase's
        cue plays at once."""
        super().__init__(parent)
        self.session = session
        self._max_sleep = max_sleep
        self.player = player
        self._clock = clock
        self._trace = trace
        self._stalls_traced = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)

    # -- controls --------------------------------------------------------------------

    def start(self) -> None:
        self.session.start()
        self.state_changed.emit(str(self.session.state))
        self._pump()

    def pause(self) -> None:
        if self.session.state is State.RUNNING:
            self.session.pause()
            self._timer.stop()
            self.player.stop_all()
            self.state_changed.emit(str(self.session.state))

    def resume(self) -> None:
        if self.session.state is State.PAUSED:
            self.session.resume()
            self.state_changed.emit(str(self.session.state))
            self._pump()

    def toggle_pause(self) -> None:
        if self.session.state is State.RUNNING:
            self.pause()
        else:
            self.resume()

    def next_step(self) -> None:
        self._jump(self.session.next_step)

    def back(self) -> None:
        self._jump(self.session.back)

    def stop(self) -> None:
        if self.session.is_over:
            return
        self._timer.stop()
        self.player.stop_all()
        self.session.stop()
        self._close_trace()
        self.state_changed.emit(str(self.session.state))

    def _jump(self, action: Callable[[], None]) -> None:
        if self.session.is_over or self.session.state is State.READY:
            return
        self.player.stop_all()
        action()
        if self.session.state is State.RUNNING:
            self._pump()
        else:
            # Paused: show where we are now; cues there play on resume.
            self.phase_changed.emit(self.session.segment())

    def sleeps_for_ms(self) -> int:
        """How long the driver's timer waits before it next wakes (-1: not armed)."""
        return self._timer.remainingTime()

    def poll(self) -> None:
        """Handle whatever is due now; for a clock that moved without the timer
        (a fake clock in tests, a machine waking from suspend)."""
        if self.session.state is State.RUNNING:
            self._pump()

    # -- timing ----------------------------------------------------------------------

    def _on_timer(self) -> None:
        # Reading the clock through the session lets it notice a stall (the process
        # was stopped) and take that time out before anything falls due.
        now = self.session.observe()
        deadline = self.session.next_deadline()
        if deadline is not None and self.session.clock_time_of(deadline) > now:
            self._arm()  # woke early on purpose: re-arm for the remainder
            return
        self._pump()

    def _arm(self) -> None:
        deadline = self.session.next_deadline()
        if deadline is None:
            self._timer.stop()
            return
        remaining = self.session.clock_time_of(deadline) - self.session.observe()
        wait = remaining - EARLY_WAKE_SECONDS if remaining > 2 * EARLY_WAKE_SECONDS else remaining
        if self._max_sleep is not None:
            wait = min(wait, self._max_sleep)
        self._timer.start(max(0, math.ceil(wait * 1000)))

    def _pump(self) -> None:
        events = self.session.take_due()
        anchor = self.session.clock_time_of(0.0)
        if self.session.stalls != self._stalls_traced:
            # Whoever read the clock first (the display, a checkpoint) found the stall.
            self._stalls_traced = self.session.stalls
            self._record("stall", self.session.position(), anchor, unplayed=self.session.unplayed)
        for event in events:
            match event:
                case PhaseEvent():
                    self._record(
                        "phase",
                        event.due,
                        anchor,
                        phase=str(event.segment.phase),
                        step=event.segment.step,
                        text=event.segment.text,
                    )
                    self.phase_changed.emit(event.segment)
                case CueEvent():
                    played = self.player.play(event.cue)
                    self._record_cue(event, played, anchor)
                    self.cue_played.emit(event.cue, played)
                case EndEvent():
                    self._record("end", event.due, anchor)
                    self._close_trace()
                    self.state_changed.emit(str(self.session.state))
                    self.finished.emit()
        self._arm()

    # -- trace -----------------------------------------------------------------------

    def _record(self, event: str, due: float, anchor: float, **fields: object) -> None:
        if self._trace is not None:
            self._trace.write(event, due, self._clock() - anchor, **fields)

    def _record_cue(self, event: CueEvent, played: str, anchor: float) -> None:
        cue = event.cue
        if played == Played.NOTHING:
            fields: dict[str, object] = {"kind": "none"}
        elif played == Played.SPEECH:
            fields = {"kind": "speech", "text": cue.text}
        elif cue.kind is CueKind.SPEECH:
            fields = {"kind": "sound", "sound": "tick", "instead_of": cue.text}
        else:
            fields = {"kind": "sound", "sound": str(cue.sound)}
        self._record("cue", event.due, anchor, **fields)

    def _close_trace(self) -> None:
        if self._trace is not None:
            self._trace.close()
            self._trace = None
