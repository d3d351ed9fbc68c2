"""Claim the history for a process that records, and say plainly when another has it.

The window and ``facewell run --no-gui`` record sessions, so each holds the history's
lock (app.storage.owner) for its whole life. A second one on the same data folder is
refused with a sentence naming who has it. No Qt here.
"""

from __future__ import annotations

from pathlib import Path

from app.storage.owner import HistoryInUse, HistoryLock, Holder

__all__ = ["CLAIM_WAIT_SECONDS", "AlreadyInUse", "claim_history", "in_use_message"]

CLAIM_WAIT_SECONDS = 3.0
"""A command such as ``facewell history`` holds the lock for a moment while it repairs
the history; a window opening meanwhile waits this long before giving up."""


class AlreadyInUse(Exception):
    """Another Facewell records on this data folder; ``message`` says so for the user."""

    def __init__(self, message: str, holder: Holder) -> None:
        super().__init__(message)
        self.message = message
        self.holder = holder


def in_use_message(holder: Holder, *, wanted: str) -> str:
    """Why this process can't record, for ``wanted`` ("open the window", "run it")."""
    process = f" (process {holder.pid})" if holder.pid else ""
    if holder.role == "window":
        return (
            f"Facewell is already open{process} and keeps your history, so it can't "
            f"{wanted} here as well. Use the open window, or close it first."
        )
    if holder.role == "terminal":
        return (
            f"Facewell is running a routine in a terminal{process} and is recording it, "
            f"so it can't {wanted} now. Try again when that routine has finished."
        )
    return (
        f"Another Facewell program{process} is using your history, so Facewell can't "
        f"{wanted} right now. Try again in a moment."
    )


def _acquire(data_dir: Path, role: str) -> HistoryLock:
    """The lock at once if it is free or a window holds it (a window keeps it while it
    is open: waiting would only delay a second launch that hands its wish over,
    app/gui.py); else within CLAIM_WAIT_SECONDS."""
    try:
        return HistoryLock.acquire(data_dir, role)
    except HistoryInUse as busy:
        if busy.holder.role == "window":
            raise
    return HistoryLock.acquire(data_dir, role, wait=CLAIM_WAIT_SECONDS)


def claim_history(data_dir: Path, role: str, *, wanted: str) -> HistoryLock | None:
    """The history's lock for a process that records, or None when no lock can be made
    (a read-only data folder: nothing can be recorded there anyway).

    Raises :class:`AlreadyInUse` when another process records on ``data_dir``.
    """
    try:
        return _acquire(data_dir, role)
    except HistoryInUse as busy:
        raise AlreadyInUse(in_use_message(busy.holder, wanted=wanted), busy.holder) from None
    except OSError:
        return None
