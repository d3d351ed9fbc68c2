"""When the player redraws: at the countdown's seconds, and while the circle's edge moves
by half a pixel, never faster than 30 times a second."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

from app.core.clock import FakeClock
from app.core.pacing import (
    FASTEST_FRAME_SECONDS,
    MIN_FRACTION,
    REPAINT_STEP_PX,
    SLOWEST_FRAME_SECONDS,
    circle_radius,
    moved_enough,
    next_frame_ms,
    next_frame_seconds,
    until_circle_moves,
    until_countdown_steps,
)
from app.core.routine import BreathingStep, RestStep, Routine
from app.core.session import Session
from app.core.snapshot import Snapshot, snapshot
from app.core.timeline import Phase, compile_timeline

FULL = 150.0  # px: a circle as large as the player's on a laptop


def running_breaths(clock: FakeClock) -> Session:
    """Inhale 4 s, hold 2 s, exhale 6 s, then a rest; started, at its first inhale."""
    steps = (
        BreathingStep(title="Breathe", inhale=4, hold=2, exhale=6, cycles=2),
        RestStep(title="Rest", duration=10),
    )
    session = Session(compile_timeline(Routine(name="Breaths", steps=steps)), clock)
    session.start()
    while session.segment().phase is not Phase.INHALE:
        clock.advance(session.segment().end - session.position())
    return session


def at(session: Session, clock: FakeClock, into_phase: float) -> Snapshot:
    clock.advance(max(0.0, session.segment().start + into_phase - session.position()))
    return snapshot(session)


def test_the_radius_runs_from_the_empty_fraction_to_full() -> None:
    assert circle_radius(FULL, 0.0) == pytest.approx(FULL * MIN_FRACTION)
    assert circle_radius(FULL, 1.0) == pytest.approx(FULL)
    assert circle_radius(FULL, 2.0) == pytest.approx(FULL)  # clamped
    assert circle_radius(FULL, -1.0) == pytest.approx(FULL * MIN_FRACTION)


def test_a_radius_is_redrawn_only_once_it_moved_half_a_pixel() -> None:
    assert moved_enough(None, 80.0)  # nothing drawn yet
    assert not moved_enough(80.0, 80.0)
    assert not moved_enough(80.0, 80.0 + REPAINT_STEP_PX * 0.9)
    assert moved_enough(80.0, 80.0 + REPAINT_STEP_PX)
    assert moved_enough(80.0, 80.0 - REPAINT_STEP_PX)


@pytest.mark.parametrize(
    ("left", "wait"),
    [(3.2, 0.2), (3.0, 1.0), (2.999, 0.999), (0.4, 0.4)],
)
def test_a_countdown_is_redrawn_just_after_its_next_second(left: float, wait: float) -> None:
    waited = until_countdown_steps(left)
    assert wait < waited < wait + 0.02
    shown = math.ceil(left - 1e-6)
    assert math.ceil(left - waited - 1e-6) == shown - 1  # the new second, not the old


def test_a_finished_countdown_waits_the_longest() -> None:
    assert until_countdown_steps(0.0) == SLOWEST_FRAME_SECONDS


@pytest.mark.parametrize("into", [0.0, 0.3, 1.0, 2.0, 3.5])
def test_the_circle_is_redrawn_once_its_edge_moved_half_a_pixel(
    clock: FakeClock, into: float
) -> None:
    session = running_breaths(clock)
    now = at(session, clock, into)
    wait = until_circle_moves(now, FULL)
    later = at(session, clock, into + wait)
    moved = circle_radius(FULL, later.breath) - circle_radius(FULL, now.breath)
    assert moved == pytest.approx(REPAINT_STEP_PX, abs=1e-6)


def test_the_circle_waits_longest_at_the_turn_of_a_breath(clock: FakeClock) -> None:
    session = running_breaths(clock)
    at_turn = until_circle_moves(at(session, clock, 0.0), FULL)
    halfway = until_circle_moves(at(session, clock, 2.0), FULL)
    assert at_turn > 5 * halfway


def test_a_resting_circle_or_a_picture_asks_for_no_frames(clock: FakeClock) -> None:
    session = running_breaths(clock)
    breathing = at(session, clock, 1.0)
    clock.advance(session.segment().end - session.position())  # into the hold
    hold = snapshot(session)
    assert hold.phase is Phase.HOLD
    assert until_circle_moves(hold, FULL) == math.inf
    assert until_circle_moves(breathing, FULL) < math.inf
    pictured = dataclasses.replace(breathing, image=Path("brow-lift.svg"))
    assert until_circle_moves(pictured, FULL) == math.inf
    assert until_circle_moves(breathing, 0.0) == math.inf  # no room to draw


def test_while_the_circle_moves_frames_come_at_most_30_a_second(clock: FakeClock) -> None:
    session = running_breaths(clock)
    halfway = at(session, clock, 2.0)  # the fastest moment of the inhale
    assert next_frame_seconds(halfway, FULL) == FASTEST_FRAME_SECONDS
    assert next_frame_ms(halfway, FULL) == math.ceil(FASTEST_FRAME_SECONDS * 1000)


def test_a_tiny_circle_is_redrawn_less_often_than_a_large_one(clock: FakeClock) -> None:
    session = running_breaths(clock)
    now = at(session, clock, 0.5)
    assert next_frame_seconds(now, 20.0) > next_frame_seconds(now, FULL)


def test_in_a_hold_the_page_waits_for_the_next_second(clock: FakeClock) -> None:
    session = running_breaths(clock)
    clock.advance(session.segment().end - session.position() + 0.25)  # 0.25 s into the hold
    hold = snapshot(session)
    assert hold.phase is Phase.HOLD
    wait = next_frame_seconds(hold, FULL)
    expected = min(until_countdown_steps(hold.phase_left), until_countdown_steps(hold.total_left))
    assert wait == pytest.approx(expected)
    assert FASTEST_FRAME_SECONDS < wait <= SLOWEST_FRAME_SECONDS


def test_a_paused_session_asks_for_no_quick_frames(clock: FakeClock) -> None:
    session = running_breaths(clock)
    clock.advance(2.0)
    session.pause()
    assert next_frame_seconds(snapshot(session), FULL) == SLOWEST_FRAME_SECONDS
