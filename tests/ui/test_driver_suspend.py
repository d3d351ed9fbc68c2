"""A compress timer on a clock that counts through suspend notices the missed time on
wake, within max_sleep, and plays only the current phase's cue."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.clock import FakeClock
from app.core.compress import COLD
from app.core.session import Session, State
from app.core.timeline import CueKind, Phase, Segment, compile_timeline
from app.services.driver import SessionDriver
from app.services.player import SilentPlayer


def test_wake_from_suspend_plays_only_the_current_phase(qtbot: QtBot, clock: FakeClock) -> None:
    timeline = compile_timeline(COLD.routine())
    player = SilentPlayer()
    driver = SessionDriver(Session(timeline, clock), player, clock=clock, max_sleep=0.01)
    phases: list[Segment] = []
    driver.phase_changed.connect(phases.append)

    first_round = next(s for s in timeline.segments if s.phase is Phase.APPLY)
    driver.start()
    clock.advance(first_round.start)  # the lead-in, as it plays
    with qtbot.waitSignal(driver.phase_changed, timeout=2000):
        pass
    assert [s.phase for s in phases] == [Phase.LEAD_IN, Phase.APPLY]
    played_at_start = len(player.played)
    # The next deadline is minutes away ("One minute left"), yet the driver sleeps at
    # most 10 ms.
    assert 0 < driver.sleeps_for_ms() <= 10

    # The laptop sleeps through round 1, the skin break and into round 2 (30 s in).
    second_round = [s for s in timeline.segments if s.phase is Phase.APPLY][1]
    clock.advance(second_round.start + 30 - first_round.start)
    with qtbot.waitSignal(driver.phase_changed, timeout=2000) as blocker:
        pass
    segment = blocker.args[0]
    assert (segment.phase, segment.rep) == (Phase.APPLY, 2)
    assert len(phases) == 3
    woke = player.played[played_at_start:]
    assert [c.text for c in woke if c.kind is CueKind.SPEECH] == ["Round 2 of 3. Compress on."]
    assert driver.session.state is State.RUNNING
    driver.stop()


def test_sleeping_past_the_end_finishes_at_once(qtbot: QtBot, clock: FakeClock) -> None:
    timeline = compile_timeline(COLD.routine())
    player = SilentPlayer()
    driver = SessionDriver(Session(timeline, clock), player, clock=clock, max_sleep=0.01)
    phases: list[Segment] = []
    driver.phase_changed.connect(phases.append)
    driver.start()
    played_at_start = len(player.played)

    clock.advance(3600)
    with qtbot.waitSignal(driver.finished, timeout=2000):
        pass
    assert len(phases) == 1  # no stale phases replayed
    woke = player.played[played_at_start:]
    assert [c.label for c in woke] == ["end"]  # the words long past are not said late
    assert driver.session.state is State.FINISHED


def test_without_max_sleep_the_driver_waits_for_the_deadline(clock: FakeClock) -> None:
    timeline = compile_timeline(COLD.routine())
    driver = SessionDriver(Session(timeline, clock), SilentPlayer(), clock)
    driver.start()
    clock.advance(next(s for s in timeline.segments if s.phase is Phase.APPLY).start)
    driver.poll()  # round 1 begins; its next words ("One minute left") are 3 minutes away
    assert driver.sleeps_for_ms() > 170_000
    driver.stop()
