"""The session state machine, driven by a fake clock: a 20-minute routine in milliseconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.clock import FakeClock
from app.core.loader import load_routine, parse_routine
from app.core.routine import BreathingStep, MeditationStep, RestStep, Routine
from app.core.session import (
    BACK_GRACE_SECONDS,
    CueEvent,
    EndEvent,
    Event,
    PhaseEvent,
    Session,
    SessionError,
    State,
)
from app.core.timeline import Phase, Sound, Timeline, compile_timeline

TWENTY_MINUTES = """\
name = "Twenty minutes"
category = "mixed"

[[steps]]
kind = "breathing"
title = "Calm breathing"
inhale = 4
hold = 4
exhale = 6
cycles = 5

[[steps]]
kind = "meditation"
title = "Body scan"
cue = "Welcome to the body scan."
duration = "10m"
bell_every = "2m30s"

[[steps.guidance]]
at = "25s"
text = "Start with your feet."

[[steps.guidance]]
at = "2m30s"
text = "Your belly rises and falls."

[[steps.guidance]]
at = "9m45s"
text = "In a moment the body scan ends."

[[steps]]
kind = "exercise"
title = "Brow lift"
instruction = "Raise your eyebrows softly."
hold = 5
rest = 10
reps = 4

[[steps]]
kind = "compress"
title = "Cold compress"
temperature = "cold"
on = "3m"
off = "1m"
rounds = 2

[[steps]]
kind = "rest"
title = "Rest"
duration = "50s"
"""


@pytest.fixture
def timeline() -> Timeline:
    routine = parse_routine(TWENTY_MINUTES, "twenty.toml")
    assert routine.total_seconds == 20 * 60
    return compile_timeline(routine)  # with lead-ins for its words: a little longer


@pytest.fixture
def session(timeline: Timeline, clock: FakeClock) -> Session:
    return Session(timeline, clock)


def breathing_only() -> Timeline:
    """After a lead-in of L seconds, phases at L (in), L+4 (hold), L+8 (out), L+14 (in),
    L+18 (hold), L+22 (out); then a rest at L+28."""
    steps = (
        BreathingStep(title="Breathe", inhale=4, hold=4, exhale=6, cycles=2),
        RestStep(title="Rest", duration=10),
    )
    return compile_timeline(Routine(name="Breaths", steps=steps))


def state_of(session: Session) -> State:
    """The state, read through a call so that type checkers do not pin it after an assert."""
    return session.state


def advance_to(clock: FakeClock, session: Session, position: float) -> None:
    """Move the clock to the moment the running session reaches `position`."""
    clock.advance(max(0.0, session.clock_time_of(position) - clock()))


def cues(events: list[Event]) -> list[CueEvent]:
    return [e for e in events if isinstance(e, CueEvent)]


def phases(events: list[Event]) -> list[PhaseEvent]:
    return [e for e in events if isinstance(e, PhaseEvent)]


# -- a whole routine, event by event ---------------------------------------------------


def test_twenty_minute_routine_event_by_event(session: Session, clock: FakeClock) -> None:
    timeline = session.timeline
    session.start()
    delivered: list[tuple[float, Event]] = []
    for _ in range(10_000):
        deadline = session.next_deadline()
        if deadline is None:
            break
        advance_to(clock, session, deadline)
        batch = session.take_due()
        assert batch, f"nothing due at the deadline {deadline}"
        delivered += [(session.position(), event) for event in batch]
    else:
        pytest.fail("the session never ended")

    assert state_of(session) is State.FINISHED
    assert session.position() == session.total >= 20 * 60
    assert session.next_deadline() is None
    assert session.take_due() == []
    assert session.active_seconds() == pytest.approx(session.total)

    # every cue exactly once, in order, at its own position
    delivered_cues = [event.cue for _, event in delivered if isinstance(event, CueEvent)]
    assert delivered_cues == list(timeline.cues)
    for position, event in delivered:
        assert position == pytest.approx(event.due, abs=1e-9)
    # every phase once, in order; the end last
    assert [e.index for _, e in delivered if isinstance(e, PhaseEvent)] == list(
        range(len(timeline.segments))
    )
    assert isinstance(delivered[-1][1], EndEvent)
    assert sum(isinstance(e, EndEvent) for _, e in delivered) == 1
    bells = [e for _, e in delivered if isinstance(e, CueEvent) and e.cue.sound is Sound.BELL]
    scan = timeline.step_starts[1]
    assert [e.due for e in bells] == pytest.approx([scan + 150, scan + 300, scan + 450])


def test_builtin_body_scan_plays_to_the_end(repo: Path, clock: FakeClock) -> None:
    routine = load_routine(repo / "exercises" / "body-scan.toml")
    session = Session(compile_timeline(routine), clock)
    session.start()
    count = 0
    while (deadline := session.next_deadline()) is not None:
        advance_to(clock, session, deadline)
        count += len(cues(session.take_due()))
    assert count == len(session.timeline.cues)
    assert state_of(session) is State.FINISHED


def test_position_comes_from_the_clock(session: Session, clock: FakeClock) -> None:
    assert session.position() == 0
    session.start()
    inhale = session.timeline.segments[1].start  # after the step's lead-in
    clock.advance(inhale + 6.25)
    assert session.position() == inhale + 6.25
    assert session.step_index() == 0
    assert session.segment().phase is Phase.HOLD
    clock.advance(6)
    assert session.segment().phase is Phase.EXHALE
    clock.advance(10_000)
    assert session.position() == session.total  # never past the end


def test_first_take_due_delivers_the_start(session: Session) -> None:
    session.start()
    batch = session.take_due()
    assert isinstance(batch[0], PhaseEvent) and batch[0].index == 0
    assert batch[0].segment.phase is Phase.LEAD_IN
    assert [e.cue.sound for e in cues(batch)] == [Sound.START]
    assert session.take_due() == []
    # The step's words come once the start chime has rung (not at 0, over it).
    intro = next(c for c in session.timeline.cues if "Calm breathing" in c.text)
    assert session.next_deadline() == intro.offset > 0


# -- pause and resume ------------------------------------------------------------------


def test_pause_freezes_position_and_shifts_deadlines(session: Session, clock: FakeClock) -> None:
    session.start()
    session.take_due()
    clock.advance(30)
    session.take_due()
    deadline = session.next_deadline()
    assert deadline is not None
    due_at = session.clock_time_of(deadline)

    session.pause()
    assert state_of(session) is State.PAUSED
    clock.advance(100)
    assert session.position() == 30
    assert session.next_deadline() is None
    assert session.take_due() == []
    assert session.active_seconds() == 30

    session.resume()
    assert state_of(session) is State.RUNNING
    assert session.position() == 30
    assert session.next_deadline() == deadline
    assert session.clock_time_of(deadline) == pytest.approx(due_at + 100)
    clock.advance(5)
    assert session.position() == 35
    assert session.active_seconds() == 35


def test_toggle_pause(session: Session, clock: FakeClock) -> None:
    session.start()
    session.toggle_pause()
    assert state_of(session) is State.PAUSED
    session.toggle_pause()
    assert state_of(session) is State.RUNNING


def test_nothing_is_lost_across_a_pause(session: Session, clock: FakeClock) -> None:
    session.start()
    seen = []
    paused_once = False
    while (deadline := session.next_deadline()) is not None:
        if deadline > 300 and not paused_once:
            session.pause()
            clock.advance(3600)
            session.resume()
            paused_once = True
        advance_to(clock, session, deadline)
        seen += cues(session.take_due())
    assert [e.cue for e in seen] == list(session.timeline.cues)
    assert session.active_seconds() == pytest.approx(session.total)


# -- next step and back ----------------------------------------------------------------


def test_next_step_goes_to_the_next_step_start(session: Session, clock: FakeClock) -> None:
    starts = session.timeline.step_starts
    session.start()
    session.take_due()
    clock.advance(10)
    session.take_due()
    session.next_step()
    assert session.position() == starts[1]
    assert session.step_index() == 1
    batch = session.take_due()
    assert phases(batch)[0].segment.phase is Phase.MEDITATE
    assert [e.cue.text for e in cues(batch)] == ["Welcome to the body scan."]
    line = next(c for c in session.timeline.cues if c.text == "Start with your feet.")
    assert session.next_deadline() == line.offset >= starts[1] + 25  # the first guidance


def test_next_step_from_the_last_step_finishes(session: Session, clock: FakeClock) -> None:
    session.start()
    for _ in range(4):
        session.next_step()
    assert session.step_index() == 4
    session.take_due()
    session.next_step()
    batch = session.take_due()
    assert isinstance(batch[-1], EndEvent)
    assert [e.cue.sound for e in cues(batch)] == [Sound.END]
    assert state_of(session) is State.FINISHED
    assert session.position() == session.total


def test_next_step_while_paused_stays_paused(session: Session, clock: FakeClock) -> None:
    session.start()
    session.take_due()
    session.pause()
    session.next_step()
    scan = session.timeline.step_starts[1]
    assert state_of(session) is State.PAUSED
    assert session.position() == scan
    assert session.take_due() == []
    clock.advance(50)
    session.resume()
    assert session.position() == scan
    assert phases(session.take_due())[0].segment.phase is Phase.MEDITATE


def test_back_restarts_the_step_when_well_into_it(session: Session, clock: FakeClock) -> None:
    session.start()
    session.take_due()
    scan = session.timeline.step_starts[1]
    advance_to(clock, session, scan + 100)
    session.take_due()
    session.back()
    assert session.position() == scan
    batch = session.take_due()
    assert phases(batch)[0].segment.step == 1
    assert [e.cue.text for e in cues(batch)] == ["Welcome to the body scan."]


def test_back_just_after_a_step_start_goes_to_the_previous_step(
    session: Session, clock: FakeClock
) -> None:
    session.start()
    advance_to(clock, session, session.timeline.step_starts[1] + BACK_GRACE_SECONDS - 0.5)
    session.take_due()
    session.back()
    assert session.position() == 0
    assert session.step_index() == 0
    batch = session.take_due()
    assert phases(batch)[0].index == 0
    assert Sound.START in [e.cue.sound for e in cues(batch)]


def test_back_exactly_at_the_grace_limit_restarts_the_step(
    session: Session, clock: FakeClock
) -> None:
    session.start()
    scan = session.timeline.step_starts[1]
    advance_to(clock, session, scan + BACK_GRACE_SECONDS)
    session.back()
    assert session.position() == scan


def test_back_in_the_first_step_restarts_it(session: Session, clock: FakeClock) -> None:
    session.start()
    clock.advance(1)
    session.back()
    assert session.position() == 0
    clock.advance(30)
    session.back()
    assert session.position() == 0
    assert state_of(session) is State.RUNNING


# -- stop ------------------------------------------------------------------------------


def test_stop(session: Session, clock: FakeClock) -> None:
    session.start()
    clock.advance(42)
    session.stop()
    assert state_of(session) is State.STOPPED
    assert session.is_over
    clock.advance(100)
    assert session.position() == 42
    assert session.active_seconds() == 42
    assert session.take_due() == []
    assert session.next_deadline() is None
    session.stop()  # twice is harmless
    session.next_step()
    session.back()
    session.resume()
    assert state_of(session) is State.STOPPED
    assert session.position() == 42
    with pytest.raises(SessionError):
        session.start()


# -- stalls ----------------------------------------------------------------------------


def test_stall_across_three_boundaries_delivers_only_the_current_phase(clock: FakeClock) -> None:
    session = Session(breathing_only(), clock)
    lead = session.timeline.segments[1].start
    session.start()
    advance_to(clock, session, lead + 1)
    session.take_due()
    # boundaries at L+4, L+8 and L+14 pass while the event loop is stuck
    clock.advance(14)
    batch = session.take_due()
    (phase,) = phases(batch)
    assert phase.segment.start == pytest.approx(lead + 14)
    assert phase.segment.phase is Phase.INHALE
    assert [e.cue.text for e in cues(batch)] == ["Breathe in"]
    assert all(e.due >= lead + 14 - 1e-9 for e in batch)
    assert session.next_deadline() == pytest.approx(lead + 18)


def test_stall_to_the_end_delivers_only_the_end(clock: FakeClock) -> None:
    session = Session(breathing_only(), clock)
    session.start()
    session.take_due()
    clock.advance(3600)
    batch = session.take_due()
    assert phases(batch) == []
    assert [e.cue.sound for e in cues(batch)] == [Sound.END]
    assert isinstance(batch[-1], EndEvent)
    assert state_of(session) is State.FINISHED
    assert session.take_due() == []


def test_stall_within_one_phase_keeps_its_cues(clock: FakeClock) -> None:
    session = Session(breathing_only(), clock)
    lead = session.timeline.segments[1].start
    session.start()
    advance_to(clock, session, lead + 1)
    session.take_due()
    clock.advance(4)  # only the boundary at L+4 passed
    batch = session.take_due()
    assert [e.index for e in phases(batch)] == [2]
    assert [e.cue.text for e in cues(batch)] == ["Hold gently"]


# -- actions in the wrong state --------------------------------------------------------


def test_start_twice_raises(session: Session) -> None:
    session.start()
    with pytest.raises(SessionError):
        session.start()


def test_start_after_finishing_raises(clock: FakeClock) -> None:
    session = Session(breathing_only(), clock)
    session.start()
    clock.advance(3600)
    session.take_due()
    assert state_of(session) is State.FINISHED
    with pytest.raises(SessionError):
        session.start()


def test_actions_before_start_are_no_ops(session: Session, clock: FakeClock) -> None:
    session.pause()
    session.resume()
    session.toggle_pause()
    session.next_step()
    session.back()
    session.seek(100)
    clock.advance(50)
    assert state_of(session) is State.READY
    assert session.position() == 0
    assert session.active_seconds() == 0
    assert session.take_due() == []
    assert session.next_deadline() is None


def test_resume_while_running_is_a_no_op(session: Session, clock: FakeClock) -> None:
    session.start()
    clock.advance(10)
    session.resume()
    assert session.position() == 10
    assert state_of(session) is State.RUNNING


def test_meditation_only_session_cues_match_timeline(clock: FakeClock) -> None:
    step = MeditationStep(title="Sit", duration=60, bell_every=15)
    session = Session(compile_timeline(Routine(name="Sit", steps=(step,))), clock)
    session.start()
    sounds = []
    while (deadline := session.next_deadline()) is not None:
        advance_to(clock, session, deadline)
        sounds += [e.cue.sound for e in cues(session.take_due()) if e.cue.sound]
    assert sounds == [Sound.START, Sound.BELL, Sound.BELL, Sound.BELL, Sound.END]


def test_a_long_stall_inside_one_phase_drops_its_stale_cues(clock: FakeClock) -> None:
    """A meditation's bells and guidance far behind their time are not played late;
    the phase's opening cue still is."""
    routine = parse_routine(
        'name = "Sit"\n[[steps]]\nkind = "meditation"\ntitle = "Sit"\nduration = "5m"\n'
        'bell_every = "1m"\n[[steps.guidance]]\nat = 30\ntext = "Notice the breath."\n'
    )
    timeline = compile_timeline(routine)
    session = Session(timeline, clock)
    start = timeline.step_starts[0]
    session.start()
    clock.advance(start + 150.0)  # one stall over the guidance line and two bells
    due = session.take_due()
    cues = [e.cue for e in due if isinstance(e, CueEvent)]
    opening = timeline.segment_at(start + 150.0).start
    # Only what opens the phase (its first words) is still played, nothing stale.
    assert cues and all(abs(c.offset - opening) < 1e-6 for c in cues)
    assert all(c.sound is not Sound.BELL for c in cues)
    clock.advance(30.0)  # back on time: the bell at 3 minutes plays as usual
    (bell,) = [e for e in session.take_due() if isinstance(e, CueEvent)]
    assert bell.cue.offset == pytest.approx(start + 180.0)
