"""Who owns a history: one process records, and only it may recover. No Qt, no sqlite3.

A Facewell process that may record sessions (the window, ``facewell run --no-gui``)
holds an exclusive ``flock`` on DATA_DIR/history.lock for as long as it may record.
Holding it is what allows a process to mark rows left "running" as "interrupted": a
row is only left running by a process that died, because the living recorder holds
the lock. Every other process (``facewell history``, ``report``, ``import``) leaves
rows it did not write alone.

The lock is a separate file, never the database itself: SQLite keeps POSIX locks on
history.sqlite3, and closing any other descriptor of that file would drop them all
(SQLite's "How to corrupt", section 2.2). ``flock`` locks belong to the open file
description, so they are independent of SQLite's. The holder writes who it is into the
file, so that a refused process can say who holds it.

Threads: a lock is taken and released on one thread; holding it needs no thread.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from app.paths import HISTORY_LOCK

__all__ = ["LOCK_FILE", "HistoryInUse", "HistoryLock", "Holder", "read_holder"]

LOCK_FILE = HISTORY_LOCK
_MODE = 0o600
_POLL_SECONDS = 0.05


class Holder(NamedTuple):
    """What the lock's holder wrote about itself (all fields may be unknown). A named
    tuple, not a dataclass: the window claims the lock before its first frame, and
    importing dataclasses would cost that frame some 5 ms (docs/architecture.md)."""

    pid: int | None
    role: str
    """"window", "terminal", "import" or "" when unknown."""
    since: str


class HistoryInUse(Exception):
    """Another process holds the history's lock; ``holder`` says which, if it said."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(f"history.lock is held by {holder.role or 'a process'} {holder.pid}")
        self.holder = holder


def read_holder(data_dir: Path) -> Holder:
    """Who wrote the lock file last; unknown fields when it cannot be read."""
    try:
        data = json.loads((data_dir / LOCK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Holder(None, "", "")
    if not isinstance(data, dict):
        return Holder(None, "", "")
    pid = data.get("pid")
    role = data.get("role")
    since = data.get("since")
    return Holder(
        pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
        role if isinstance(role, str) else "",
        since if isinstance(since, str) else "",
    )


class HistoryLock:
    """An exclusive lock on DATA_DIR/history.lock. Create it with :meth:`acquire`."""

    def __init__(self, data_dir: Path, fd: int, role: str) -> None:
        self.data_dir = data_dir
        self.role = role
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, data_dir: Path, role: str, *, wait: float = 0.0) -> HistoryLock:
        """Take the lock, trying for up to ``wait`` seconds.

        Raises :class:`HistoryInUse` when another process keeps it, and OSError when
        the lock file cannot be made (a read-only folder, say): such a process cannot
        record either.
        """
        path = data_dir / LOCK_FILE
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, _MODE)
        deadline = time.monotonic() + wait
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise HistoryInUse(read_holder(data_dir)) from None
                    time.sleep(_POLL_SECONDS)
        except BaseException:
            os.close(fd)
            raise
        lock = cls(data_dir, fd, role)
        lock._describe()
        return lock

    def _describe(self) -> None:
        """Write who holds the lock. Best effort: a full disk must not stop a routine."""
        if self._fd is None:
            return
        text = json.dumps(
            {
                "pid": os.getpid(),
                "role": self.role,
                "since": datetime.now().astimezone().isoformat(),
            }
        )
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, text.encode("utf-8"), 0)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Give the lock up (closing the descriptor releases the flock)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)

    def __enter__(self) -> HistoryLock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
