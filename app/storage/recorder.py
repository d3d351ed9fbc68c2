"""Record sessions on a writer thread, so nobody waits for the disk.

Every write of History commits with synchronous=FULL (an fsync). The window and the
terminal runner only put small requests on a queue; one thread owns its own SQLite
connection and performs them in order. A problem (read-only folder, full disk) is
reported once, in plain words, through `on_problem`; the routine keeps running.
"""

from __future__ import annotations

import contextlib
import itertools
import queue
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.storage.errors import StorageError
from app.storage.history import History

CANT_SAVE = "This session can't be saved to your history: {reason} The routine still works."


_Write = Callable[[History], None]


class SessionRecorder:
    def __init__(
        self,
        data_dir: Path | None,
        on_problem: Callable[[str], None],
        *,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        """`data_dir` None means history is unavailable (refused or unopenable at start)."""
        self._data_dir = data_dir
        self._on_problem = on_problem
        self._now = now
        self._queue: queue.Queue[_Write | None] = queue.Queue()
        self._tokens = itertools.count(1)
        self._ids: dict[int, int] = {}
        self._told = False
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

        def write(history: History) -> None:
            self._ids[token] = history.start_session(
                routine,
                slug,
                category,
                planned_s,
                started_at=started_at,
                severity_before=severity_before,
            )

        self._put(write)
        return token

    def checkpoint(self, token: int, elapsed_s: float, step_index: int, at: datetime) -> None:
        self._put(lambda h: h.checkpoint(self._ids[token], elapsed_s, step_index, at=at))

    def finish(self, token: int, status: str, elapsed_s: float, ended_at: datetime) -> None:
        self._put(
            lambda h: h.finish_session(self._ids[token], status, elapsed_s, ended_at=ended_at)
        )

    def feedback(self, token: int, severity_after: int | None, feeling: str, note: str) -> None:
        self._put(
            lambda h: h.set_feedback(
                self._ids[token], severity_after=severity_after, feeling=feeling, note=note
            )
        )

    def close(self, timeout: float = 5.0) -> bool:
        """Finish pending writes (bounded) and stop the thread; True if all were done."""
        if self._thread is None:
            return True
        self._queue.put(None)
        self._thread.join(timeout)
        done = not self._thread.is_alive()
        self._thread = None
        return done

    def _put(self, write: _Write) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="facewell-history-writer", daemon=True
            )
            self._thread.start()
        self._queue.put(write)

    # -- the writer thread -----------------------------------------------------------

    def _run(self) -> None:
        history = self._open()
        try:
            while (write := self._queue.get()) is not None:
                if history is None:
                    continue
                try:
                    write(history)
                except StorageError as error:
                    self._tell(error.message)
                except KeyError:
                    pass  # the session's start could not be saved; nothing to update
                except ValueError as error:
                    self._tell(f"a record was refused ({error}).")
        finally:
            if history is not None:
                history.close()

    def _open(self) -> History | None:
        if self._data_dir is None:
            self._tell("your history could not be opened.")
            return None
        try:
            return History.attach(self._data_dir, now=self._now)
        except StorageError as error:
            self._tell(error.message)
            return None

    def _tell(self, reason: str) -> None:
        if not self._told:
            self._told = True
            with contextlib.suppress(Exception):
                self._on_problem(CANT_SAVE.format(reason=reason.rstrip(".") + "."))
