"""Start a speech process: a fresh Python interpreter talking over a socket pair.

`multiprocessing`'s "spawn" start method did the same, plus one thing Facewell never
used: on its first start it launched multiprocessing's *resource tracker*, a third
Python process (~7 MB PSS) that lived as long as the app, to clean up named semaphores
and shared memory that nothing here makes. The speech process needs only a pipe to
the parent, so it is started with `subprocess` instead, and the tracker never runs.

The child runs `_BOOT`: it wraps the inherited socket in a
`multiprocessing.connection.Connection` (the same framing and pickling as before),
takes the parent's `sys.path`, then the pickled target, and calls ``target(conn)``.
Targets must be importable module-level callables (or `functools.partial` of one).
When the parent goes away the socket closes and the child's `recv` ends it; the
parent also kills any child still running when it exits (`atexit`).
"""

from __future__ import annotations

import atexit
import contextlib
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection

__all__ = ["ChildProcess", "launch"]

_BOOT = (
    "import sys\n"
    "from multiprocessing.connection import Connection\n"
    "conn = Connection(int(sys.argv[1]))\n"
    "sys.path[:] = conn.recv()\n"
    "target = conn.recv()\n"
    "target(conn)\n"
)

_live: set[ChildProcess] = set()
_live_lock = threading.Lock()


class ChildProcess:
    """The few calls the worker needs, on top of `subprocess.Popen`."""

    def __init__(self, popen: subprocess.Popen[bytes]) -> None:
        self._popen = popen
        self.pid = popen.pid

    def is_alive(self) -> bool:
        return self._popen.poll() is None

    def join(self, timeout: float | None = None) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._popen.wait(timeout)
        if not self.is_alive():
            self.close()

    def terminate(self) -> None:
        with contextlib.suppress(OSError):
            self._popen.terminate()

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self._popen.kill()

    def close(self) -> None:
        with _live_lock:
            _live.discard(self)

    @property
    def exitcode(self) -> int | None:
        return self._popen.poll()


def launch(target: Callable[[Connection], None]) -> tuple[ChildProcess, Connection]:
    """Start ``target(conn)`` in a new interpreter; return it and the parent's end.

    Raises OSError (or a pickling error) when it can't be started."""
    parent_sock, child_sock = socket.socketpair()
    try:
        popen = subprocess.Popen(
            [sys.executable, "-c", _BOOT, str(child_sock.fileno())],
            pass_fds=(child_sock.fileno(),),
            stdin=subprocess.DEVNULL,
        )
    except BaseException:
        parent_sock.close()
        raise
    finally:
        child_sock.close()
    conn = Connection(parent_sock.detach())
    child = ChildProcess(popen)
    with _live_lock:
        _live.add(child)
    try:
        conn.send(list(sys.path))
        conn.send(target)
    except BaseException:
        child.kill()
        child.join(1.0)
        conn.close()
        raise
    return child, conn


@atexit.register
def _kill_leftovers() -> None:
    """A render that hangs would keep its child alive after the app: end it."""
    with _live_lock:
        children = list(_live)
    for child in children:
        child.kill()
        child.join(1.0)
