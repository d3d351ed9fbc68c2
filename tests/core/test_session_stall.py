"""Time that was not played is not counted: a stall pauses the routine where it was.

The driver reads the clock at least once a second while a routine runs, so a gap of
more than STALL_SECONDS between two readings means the process was stopped (Ctrl+Z,
SIGSTOP) or the event loop stalled. The fake clock moves in small steps, as a real
one does between wakes, and then jumps.
"""

from __future__ import annotations

from app.core.clock import FakeClock
from app.core.loader import parse_routine
from app.core.session import STALL_SECONDS, CueEvent, EndEvent, PhaseEvent, Session, State
from app.core.timeline import compile_timeline

THIRTY_SECONDS = """\
name = "Thirty seconds"
[[steps]]
kind = "rest"
title = "First rest"
cue = "Rest now."
duration = 10
[[steps]]
kind = "rest"
title = "Second rest"
cue = "Rest a little more."
duration = 20
"""


def _session(clock: FakeClock, stall_limit: float | None = STALL_SECONDS) -> Session:
    timeline = compile_timeline(parse_routine(THIRTY_SECONDS))
    return Session(timeline, clock, stall_limit=stall_limit)


def _run(session: Session, clock: FakeClock, seconds: float, step: float = 0.5) -> list[object]:
    """Move the clock as a running app sees it: a reading at least every ``step``."""
    events: list[object] = []
    moved = 0.0
    while moved < seconds - 1e-9:
        clock.advance(min(step, seconds - moved))
        moved += step
        events += session.take_due()
    return events


def test_a_stopped_process_resumes_where_it_was(clock: FakeClock) -> None:
    session = _session(clock)
    session.start()
    _run(session, clock, 4.0)
    assert abs(session.position() - 4.0) < 1e-9
    clock.advance(30.0)  # Ctrl+Z, then fg half a minute later
    assert session.take_due() == []  # nothing fell due: the routine did not move on
    assert abs(session.position() - 4.0) < 1e-9
    assert session.stalls == 1
    assert abs(session.unplayed - 30.0) < 1e-9
    events = _run(session, clock, 26.0)
    assert session.state is State.FINISHED
    assert any(isinstance(e, EndEvent) for e in events)
    # The second step and its cue still came, in their own time after the stall.
    assert any(isinstance(e, PhaseEvent) and e.segment.step == 1 for e in events)
    assert any(isinstance(e, CueEvent) and e.cue.text == "Rest a little more." for e in events)
    assert session.played_seconds() <= session.total
    assert abs(session.active_seconds() - 30.0) < 1e-9


def test_today_a_stall_jumped_to_the_end_and_counted_more_than_the_plan(
    clock: FakeClock,
) -> None:
    """What the issue saw, and what the stall limit prevents: without it, a 30 s stop
    finishes the routine at once and counts the stop as played."""
    session = _session(clock, stall_limit=None)
    session.start()
    _run(session, clock, 4.0)
    clock.advance(31.7)
    session.take_due()
    assert session.state is State.FINISHED
    assert session.active_seconds() > session.total
    assert session.played_seconds() == session.total  # the history never claims more


def test_readings_closer_than_the_limit_are_no_stall(clock: FakeClock) -> None:
    session = _session(clock)
    session.start()
    _run(session, clock, 30.0, step=STALL_SECONDS - 0.1)
    assert session.state is State.FINISHED
    assert session.stalls == 0
    assert session.unplayed == 0.0


def test_a_pause_is_not_a_stall(clock: FakeClock) -> None:
    session = _session(clock)
    session.start()
    _run(session, clock, 3.0)
    session.pause()
    clock.advance(600.0)  # nobody reads a paused session's clock
    session.resume()
    _run(session, clock, 1.0)
    assert session.stalls == 0
    assert abs(session.position() - 4.0) < 1e-9


def test_a_stall_inside_a_checkpoint_read_is_taken_out_too(clock: FakeClock) -> None:
    """The recorder's checkpoint may read the session first, before the driver: the
    elapsed time it saves must already leave the stall out."""
    session = _session(clock)
    session.start()
    _run(session, clock, 5.0)
    clock.advance(20.0)
    assert abs(session.played_seconds() - 5.0) < 1e-9
