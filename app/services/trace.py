"""JSON Lines trace of a session: what was due when, and when it really happened.

Both `due` and `t` are seconds of session time on the same monotonic clock, so
`t - due` is the lateness of each event, pauses and skips notwithstanding.

The trace is a diagnostic the user asked for, never a reason to stop a routine: a file
that can't be opened is refused before the routine starts (`trace_problem`), and one
that stops taking writes (a full disk) ends the trace with one line on stderr while the
routine goes on. No Qt here: `facewell run` checks the file before loading Qt.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from app.paths import private_file


def _to_stderr(message: str) -> None:
    print(f"facewell: {message}", file=sys.stderr)


def open_trace(path: Path) -> IO[str]:
    """`path` emptied for writing: created 0600, an existing file only loses group and
    other bits. Raises OSError."""
    private_file(path)
    return path.open("w", encoding="utf-8", buffering=1)


def trace_problem(path: Path) -> str | None:
    """Why `path` can't take a trace, in one plain sentence; None when it can."""
    try:
        open_trace(path).close()
    except OSError as exc:
        return f"can't write the trace file {path}: {exc.strerror or exc}."
    return None


class TraceWriter:
    """Writes the trace; never raises. The first failure is told through `report`
    (stderr by default) and ends the trace."""

    def __init__(self, path: Path, report: Callable[[str], None] = _to_stderr) -> None:
        self._path = path
        self._report = report
        self._file: IO[str] | None = None
        try:
            self._file = open_trace(path)
        except OSError as exc:
            self._fail(exc)

    def write(self, event: str, due: float, t: float, **fields: Any) -> None:
        if self._file is None:
            return
        record = {"event": event, "due": round(due, 6), "t": round(t, 6), **fields}
        try:
            self._file.write(json.dumps(record) + "\n")
        except OSError as exc:
            self._fail(exc)

    def close(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except OSError as exc:
                self._fail(exc)
            self._file = None

    def _fail(self, exc: OSError) -> None:
        file, self._file = self._file, None
        if file is not None:
            with contextlib.suppress(OSError):  # the unwritten line is lost either way
                file.close()
        self._report(
            f"the trace file {self._path} can't be written ({exc.strerror or exc}); "
            "the routine goes on without it."
        )
