"""When a routine that reached its end counts as "completed" (docs/history.md).

Next skips to the following step, and from the last one to the end. A routine skipped
through to its end in a few seconds used to be recorded as "completed" with its full
plan, which fills the history, the streaks and the plan's ticks with sessions that were
never done. The rule: a routine that reached its end is completed when at least half
of it was played, not skipped; otherwise it is "stopped", like one ended with Stop. The
steps skipped are recorded either way.
"""

from __future__ import annotations

from app.core.vocabulary import SessionStatus

__all__ = ["MOST_DONE", "end_status"]

MOST_DONE = 0.5
"""The share of a routine that must be played, not skipped, for it to be completed."""


def end_status(*, finished: bool, skipped_s: float, planned_s: float) -> SessionStatus:
    """How a session that is over is recorded: ``finished`` when it reached its end."""
    if not finished:
        return SessionStatus.STOPPED
    if planned_s <= 0:
        return SessionStatus.COMPLETED
    done = max(0.0, planned_s - skipped_s) / planned_s
    return SessionStatus.COMPLETED if done >= MOST_DONE else SessionStatus.STOPPED
