"""How often the player redraws: no more often than what it shows can change.

A playing routine shows two kinds of change. The countdowns ("0:04", "3:12 left") step
once a second; the breathing circle grows and shrinks smoothly while a breath goes in
or out, and rests during holds. Redrawing the whole page 30 times a second for that
cost a tenth of a core (issue 18): the raster engine hands every large antialiased fill
to Qt's pooled threads, thousands of wake-ups a second. So the page asks here when it
next has something new to show, and the circle asks whether its drawn edge moved enough
to be worth a repaint. Pure arithmetic, no Qt.
"""

from __future__ import annotations

import math

from app.core.session import State
from app.core.snapshot import Snapshot
from app.core.timeline import Phase

__all__ = [
    "FASTEST_FRAME_SECONDS",
    "MIN_FRACTION",
    "REPAINT_STEP_PX",
    "SLOWEST_FRAME_SECONDS",
    "circle_radius",
    "moved_enough",
    "next_frame_ms",
    "next_frame_seconds",
    "until_circle_moves",
    "until_countdown_steps",
]

MIN_FRACTION = 0.42
"""The circle's radius with empty lungs, as a fraction of its full radius."""

REPAINT_STEP_PX = 0.5
"""A radius change smaller than this is not drawn: the eye cannot tell it."""

FASTEST_FRAME_SECONDS = 1 / 30
"""The circle moves at most some 40 px a second: 30 frames a second are smooth."""

SLOWEST_FRAME_SECONDS = 1.0
"""The countdowns step once a second: nothing on the page waits longer than that."""

_COUNTDOWN_MARGIN = 0.005
"""Wake this much after a second flips, never just before it (the clock shows ceil)."""


def circle_radius(full: float, level: float) -> float:
    """The drawn radius for a breath level (0 empty to 1 full) in a circle of ``full``."""
    level = min(1.0, max(0.0, level))
    return full * (MIN_FRACTION + (1 - MIN_FRACTION) * level)


def moved_enough(drawn: float | None, radius: float, step: float = REPAINT_STEP_PX) -> bool:
    """Whether ``radius`` differs enough from the one on screen (None: nothing drawn
    yet) to repaint."""
    return drawn is None or abs(radius - drawn) >= step


def until_countdown_steps(seconds_left: float) -> float:
    """Seconds until a countdown showing ``seconds_left`` rounded up shows the next
    second: in (0, 1], plus a few milliseconds so the new second is the one read."""
    left = max(0.0, seconds_left)
    shown = math.ceil(left - 1e-6)
    if shown <= 0:
        return SLOWEST_FRAME_SECONDS  # "0:00": nothing left to count
    return left - (shown - 1) + _COUNTDOWN_MARGIN


def until_circle_moves(snap: Snapshot, full_radius: float) -> float:
    """Seconds until the circle's edge has moved ``REPAINT_STEP_PX`` from where it is
    in ``snap`` (infinite while it rests: a hold, a picture, no room to draw).

    The level follows breath_level's easing, (1 - cos(pi f)) / 2 of the phase's
    fraction f, so the moment it has moved one step on is solved for exactly: slow at
    the turn of a breath, quickest halfway.
    """
    moving = snap.phase in (Phase.INHALE, Phase.EXHALE) and snap.image is None
    if not moving or snap.phase_seconds <= 0 or full_radius <= 0:
        return math.inf
    step = REPAINT_STEP_PX / (full_radius * (1 - MIN_FRACTION))  # in level units
    fraction = min(1.0, max(0.0, 1 - snap.phase_left / snap.phase_seconds))
    target = math.cos(math.pi * fraction) - 2 * step
    if target <= -1:
        return snap.phase_left  # the phase ends first; its change redraws the page
    return (math.acos(target) / math.pi - fraction) * snap.phase_seconds


def next_frame_seconds(snap: Snapshot, full_radius: float) -> float:
    """How long the page may wait before it next redraws.

    Until the next countdown step, or sooner while the circle moves: until its edge
    has moved ``REPAINT_STEP_PX``, at most 30 times a second. Phase changes, pauses and
    key presses redraw on their own signals.
    """
    if snap.state is not State.RUNNING:
        return SLOWEST_FRAME_SECONDS
    wait = min(
        until_countdown_steps(snap.phase_left),
        until_countdown_steps(snap.total_left),
        until_circle_moves(snap, full_radius),
    )
    return min(SLOWEST_FRAME_SECONDS, max(FASTEST_FRAME_SECONDS, wait))


def next_frame_ms(snap: Snapshot, full_radius: float) -> int:
    """next_frame_seconds in whole milliseconds for a timer, rounded up (never early)."""
    return math.ceil(next_frame_seconds(snap, full_radius) * 1000)
