"""Where keys sit in a routine file's text, since tomllib does not say: the line
numbers of FILE:LINE problems. No Qt here."""

from __future__ import annotations

import re

__all__ = ["LineIndex"]


class LineIndex:
    """Where keys sit in the source text, since tomllib does not say.

    Good enough for hand-written files: `[[steps]]` headers, `[[steps.guidance]]`
    entries, `[steps.gentler]` tables and `key = value` lines, skipping the inside of
    multi-line strings.
    """

    _STEP = re.compile(r"^\s*\[\[\s*steps\s*\]\]")
    _GUIDANCE = re.compile(r"^\s*\[\[\s*steps\s*\.\s*guidance\s*\]\]")
    _GENTLER = re.compile(r"^\s*\[\s*steps\s*\.\s*gentler\s*\]")
    _TABLE = re.compile(r"^\s*\[")
    _KEY = re.compile(r"""^\s*(["']?)([A-Za-z0-9_-]+)\1\s*=""")

    def __init__(self, text: str) -> None:
        self.top: dict[str, int] = {}
        self.steps: list[tuple[int, dict[str, int]]] = []
        self.guidance: list[list[tuple[int, dict[str, int]]]] = []
        self.gentler: list[tuple[int, dict[str, int]] | None] = []
        current: dict[str, int] | None = self.top
        in_multiline = False
        for number, line in enumerate(text.splitlines(), start=1):
            quotes = line.count('"""') + line.count("'''")
            if in_multiline:
                in_multiline = quotes % 2 == 0
                continue
            if self._GUIDANCE.match(line) and self.steps:
                current = {}
                self.guidance[-1].append((number, current))
            elif self._GENTLER.match(line) and self.steps:
                self.steps[-1][1].setdefault("gentler", number)  # the step's "gentler" key
                current = {}
                self.gentler[-1] = (number, current)
            elif self._STEP.match(line):
                current = {}
                self.steps.append((number, current))
                self.guidance.append([])
                self.gentler.append(None)
            elif self._TABLE.match(line):
                current = None
            elif (match := self._KEY.match(line)) and current is not None:
                current.setdefault(match.group(2), number)
            in_multiline = quotes % 2 == 1

    def top_line(self, key: str) -> int:
        return self.top.get(key, 1)

    def step_line(self, index: int, key: str | None = None) -> int:
        if index >= len(self.steps):
            return self.top.get("steps", 1)
        header, keys = self.steps[index]
        return keys.get(key, header) if key else header

    def guidance_line(self, step: int, index: int, key: str | None = None) -> int:
        entries = self.guidance[step] if step < len(self.guidance) else []
        if index >= len(entries):
            return self.step_line(step, "guidance")
        header, keys = entries[index]
        return keys.get(key, header) if key else header

    def gentler_line(self, step: int, key: str | None = None) -> int:
        """A key of a step's [steps.gentler] table, else the table's header, else the
        step's "gentler" key (an inline table) or header."""
        entry = self.gentler[step] if step < len(self.gentler) else None
        if entry is None:
            return self.step_line(step, "gentler")
        header, keys = entry
        return keys.get(key, header) if key else header
