"""JSON Lines trace of a session: what was due when, and when it really happened.

Both `due` and `t` are seconds of session time on the same monotonic clock, so
`t - due` is the lateness of each event, pauses and skips notwithstanding.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from app.paths import private_file


class TraceWriter:
    def __init__(self, path: Path) -> None:
        private_file(path)  # 0600; an existing file only loses group and other bits
        self._file: IO[str] | None = path.open("w", encoding="utf-8", buffering=1)

    def write(self, event: str, due: float, t: float, **fields: Any) -> None:
        if self._file is None:
            return
        record = {"event": event, "due": round(due, 6), "t": round(t, 6), **fields}
        self._file.write(json.dumps(record) + "\n")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
