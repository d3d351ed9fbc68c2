"""Record sessions on a writer thread, so nobody waits for the disk and nothing is lost.

The window and the terminal runner call :meth:`SessionRecorder.begin`, ``checkpoint``,
``finish`` and ``feedback``: each only updates the session's latest state in memory and
wakes the writer. The writer thread owns its SQLite connection and brings the row up to
that state (:meth:`History.save_state`, one transaction, the same however often it is
repeated). When a write can't land (another process holds the history for a long
import, the disk is full, the file is read-only), the state stays in memory and the
writer tries again with back-off; the user is told once, and again once it has landed.
On close, whatever still could not be written is kept in DATA_DIR/pending/ for the
next opening of the history (app.storage.pending), so a session's end is never lost.

Storage writes no sentence for the person: the recorder reports :class:`RecorderEvent`
values, and app.messages says them.

Threads: the public methods are for one thread (the GUI or terminal thread) and never
block, except :meth:`close` and :meth:`flush`, which wait a bounded time.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from app.storage.errors import BusyError, StorageError
from app.storage.history import History
from app.storage.pending import PendingSession, write_pending


class News(StrEnum):
    """What the recorder tells the app about its sessions (app.messages says it)."""

    LOST = "lost"
    """Sessions can't be saved at all: no history (``error`` None) or a refused value."""
    WAITING = "waiting"
    """The history can't be written now (``error``); sessions are kept and retried."""
    SAVED = "saved"
    """After a wait, everything has landed."""
    KEPT = "kept"
    """Closing before it could land: kept in DATA_DIR/pending/ for the next opening."""


@dataclass(frozen=True)
class RecorderEvent:
    news: News
    error: StorageError | None = None
    refused: str = ""
    """For LOST by a refused value: what was refused (a bug in the caller)."""


FIRST_RETRY_SECONDS = 0.05
LONGEST_RETRY_SECONDS = 2.0
TELL_AFTER_SECONDS = 5.0
"""A busy history is told about only if it stays busy this long (imports are short)."""


class _Tracked:
    """One session: its latest state, and which version of it has landed."""

    def __init__(self, state: PendingSession) -> None:
        self.state = state
        self.version = 1
        self.landed = 0


class SessionRecorder:
    def __init__(
        self,
        data_dir: Path | None,
        on_problem: Callable[[RecorderEvent], None],
        *,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        quiet: bool = False,
        on_saved: Callable[[], None] | None = None,
    ) -> None:
        """``data_dir`` None: no history (refused or unopenable at start); sessions are
        then not saved, which is told once unless ``quiet`` (the caller already said).
        ``on_saved`` is called on the writer thread after a finished session landed."""
        self._data_dir = data_dir
        self._on_problem = on_problem
        self._on_saved = on_saved
        self._now = now
        self._quiet = quiet
        self._tokens = itertools.count(1)
        self._sessions: dict[int, _Tracked] = {}
        self._wake = threading.Condition()
        self._closing = False
        self._told_waiting = False
        self._told_lost = False
        self._thread: threading.Thread | None = None

    # -- called from the GUI (or terminal) thread; never blocks ----------------------

    def begin(
        self,
        routine: str,
        slug: str,
        category: str,
        planned_s: float,
        started_at: datetime,
        severity_before: int | None = None,
    ) -> int:
        """Record a new running session; returns a token for the later calls."""
        token = next(self._tokens)
        state = PendingSession(
            uid=str(uuid.uuid4()),
            routine=routine,
            slug=slug,
            category=category,
            planned_s=planned_s,
            started_at=started_at,
            severity_before=severity_before,
            checkpoint_at=started_at,
        )
        with self._wake:
            self._sessions[token] = _Tracked(state)
        self._kick()
        return token

    def checkpoint(self, token: int, elapsed_s: float, step_index: int, at: datetime) -> None:
        self._change(
            token,
            lambda s: (
                replace(s, elapsed_s=elapsed_s, step_index=step_index, checkpoint_at=at)
                if s.status == "running"
                else s
            ),
        )

    def finish(
        self,
        token: int,
        status: str,
        elapsed_s: float,
        ended_at: datetime,
        skipped: tuple[str, ...] = (),
    ) -> None:
        self._change(
            token,
            lambda s: replace(
                s,
                status=status,
                elapsed_s=elapsed_s,
                ended_at=ended_at,
                checkpoint_at=ended_at,
                skipped=skipped,
            ),
        )

    def feedback(self, token: int, severity_after: int | None, feeling: str, note: str) -> None:
        self._change(token, lambda s: replace(s, feedback=(severity_after, feeling, note)))

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every change so far has landed (or is given up); True if landed."""
        deadline = time.monotonic() + timeout
        with self._wake:
            while self._unsaved() and self._thread is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._wake.wait(min(left, 0.05))
            return not self._unsaved()

    def close(self, timeout: float = 5.0) -> bool:
        """Land pending writes (bounded), keep what could not land on disk for the next
        opening, and stop the thread; True if everything reached the history."""
        landed = self.flush(timeout) if self._thread is not None else not self._unsaved()
        with self._wake:
            self._closing = True
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=LONGEST_RETRY_SECONDS + 1.0)
            self._thread = None
        if not landed:
            self._keep_for_later()
        return landed

    # -- internals -------------------------------------------------------------------

    def _change(self, token: int, change: Callable[[PendingSession], PendingSession]) -> None:
        with self._wake:
            tracked = self._sessions.get(token)
            if tracked is None:
                return
            tracked.state = change(tracked.state)
            tracked.version += 1
        self._kick()

    def _kick(self) -> None:
        with self._wake:
            if self._thread is None and not self._closing:
                self._thread = threading.Thread(
                    target=self._run, name="facewell-history-writer", daemon=True
                )
                self._thread.start()
            self._wake.notify_all()

    def _unsaved(self) -> list[tuple[_Tracked, int, PendingSession]]:
        """(session, version, state) of every session with changes still to land."""
        return [(t, t.version, t.state) for t in self._sessions.values() if t.landed < t.version]

    def _run(self) -> None:
        history: History | None = None
        delay = FIRST_RETRY_SECONDS
        failing_since: float | None = None
        try:
            while True:
                with self._wake:
                    while not self._unsaved() and not self._closing:
                        self._wake.wait()
                    if self._closing:
                        return
                    work = self._unsaved()
                if self._data_dir is None:
                    self._give_up(work, RecorderEvent(News.LOST))
                    continue
                try:
                    if history is None:
                        history = History.attach(self._data_dir, now=self._now)
                    for tracked, version, state in work:
                        self._land(history, tracked, version, state)
                except StorageError as error:
                    if failing_since is None:
                        failing_since = time.monotonic()
                    # Busy usually clears within seconds: told only if it lasts.
                    waited = time.monotonic() - failing_since
                    if waited >= TELL_AFTER_SECONDS or not isinstance(error, BusyError):
                        self._tell_waiting(error)
                    with self._wake:
                        if not self._closing:
                            self._wake.wait(delay)
                    delay = min(delay * 2, LONGEST_RETRY_SECONDS)
                    continue
                if failing_since is not None and self._told_waiting:
                    self._tell(RecorderEvent(News.SAVED))
                    self._told_waiting = False
                failing_since = None
                delay = FIRST_RETRY_SECONDS
        finally:
            if history is not None:
                history.close()

    def _land(
        self, history: History, tracked: _Tracked, version: int, state: PendingSession
    ) -> None:
        try:
            history.sessions.save_state(state)
        except ValueError as error:
            # A value the history refuses (a bug in the caller): retrying can't help.
            self._give_up([(tracked, version, state)], RecorderEvent(News.LOST, refused=str(error)))
            return
        with self._wake:
            tracked.landed = max(tracked.landed, version)
            self._wake.notify_all()
        if state.status != "running" and self._on_saved is not None:
            with contextlib.suppress(Exception):
                self._on_saved()

    def _give_up(
        self, work: list[tuple[_Tracked, int, PendingSession]], event: RecorderEvent
    ) -> None:
        with self._wake:
            for tracked, version, _state in work:
                tracked.landed = max(tracked.landed, version)
            self._wake.notify_all()
        if not self._quiet and not self._told_lost:
            self._told_lost = True
            self._tell(event)

    def _tell_waiting(self, error: StorageError) -> None:
        if not self._told_waiting and not self._quiet:
            self._told_waiting = True
            self._tell(RecorderEvent(News.WAITING, error))

    def _keep_for_later(self) -> None:
        """Write the states that never landed to DATA_DIR/pending/ (best effort)."""
        if self._data_dir is None:
            return
        unsaved = [state for _tracked, _version, state in self._unsaved()]
        kept = 0
        for state in unsaved:
            with contextlib.suppress(OSError):
                write_pending(self._data_dir, state)
                kept += 1
        if kept and not self._quiet:
            self._tell(RecorderEvent(News.KEPT))

    def _tell(self, event: RecorderEvent) -> None:
        with contextlib.suppress(Exception):
            self._on_problem(event)
