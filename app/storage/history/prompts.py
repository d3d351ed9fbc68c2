"""Which seek-help prompts a person has already seen (so none is shown twice).

Threads: a store belongs to the thread that opened its connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from app.core import entries
from app.storage.history.rows import Table

__all__ = ["PromptStore"]


class PromptStore(Table):
    def __init__(self, conn: sqlite3.Connection, now: Callable[[], datetime]) -> None:
        super().__init__(conn)
        self._now = now

    def shown(self) -> set[str]:
        return {row[0] for row in self._read("SELECT key FROM prompts_shown")}

    def mark_shown(self, key: str) -> None:
        """Remember that a prompt was shown, so it is not shown again."""
        self._write(
            "INSERT OR IGNORE INTO prompts_shown (key, shown_at) VALUES (?, ?)",
            (entries.text(key, "key", entries.MAX_NAME_CHARS), self._now().isoformat()),
        )
