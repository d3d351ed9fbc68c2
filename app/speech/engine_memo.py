"""What a speech process said about its engine, remembered on disk.

The cache key of a render names the engine's version (app/speech/cache.py), and
Settings lists the engine's voices: both used to come from a running speech process.
The process now starts only when something must be rendered and exits when idle
(app/speech/worker.py), so the version and the voices are remembered here, in
``engines.json`` beside the cached WAVs, with the files they came from (the engine's
package and the libraries it loaded). While every one of those files keeps its size
and modification time, the memo is trusted and no process is started to ask; an
upgraded engine changes a file, and the next lookup asks a fresh process.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.files import write_text_atomic

__all__ = ["DigestMemo", "EngineFacts", "EngineMemo", "source_stamps"]

MEMO_FILE = "engines.json"
_lock = threading.Lock()  # one for every memo file: engines share one and write it whole

Voice = tuple[str, str, str]


@dataclass(frozen=True)
class EngineFacts:
    version: str
    voices: list[Voice] | None  # None: not asked yet


def source_stamps(paths: list[str]) -> list[list[Any]] | None:
    """[path, size, mtime_ns] of each file; None when one can't be read."""
    stamps: list[list[Any]] = []
    for path in paths:
        try:
            stat = Path(path).stat()
        except OSError:
            return None
        stamps.append([path, stat.st_size, stat.st_mtime_ns])
    return stamps


class EngineMemo:
    """One engine's entry (``name``) in the folder's memo file. Thread-safe."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path = folder / MEMO_FILE
        self.name = name

    def recall(self) -> EngineFacts | None:
        """The remembered facts, if the files they came from are unchanged."""
        with _lock:
            entry = _read(self.path).get(self.name)
        if not isinstance(entry, dict) or not isinstance(entry.get("version"), str):
            return None
        sources = entry.get("sources")
        if not isinstance(sources, list) or not sources:
            return None  # nothing to check it by: ask the engine
        paths = [str(s[0]) for s in sources if isinstance(s, list) and s]
        if source_stamps(paths) != sources:
            return None
        voices = entry.get("voices")
        listed = None
        if isinstance(voices, list):
            listed = [(str(v[0]), str(v[1]), str(v[2])) for v in voices if len(v) == 3]
        return EngineFacts(entry["version"], listed)

    def remember(self, version: str, sources: list[str]) -> None:
        """The engine's version, from a process that just said hello."""
        stamps = source_stamps(sources)
        if stamps is None or not stamps:
            return
        with _lock:
            memo = _read(self.path)
            old = memo.get(self.name)
            entry: dict[str, Any] = {"version": version, "sources": stamps}
            if isinstance(old, dict) and (old.get("version"), old.get("sources")) == (
                version,
                stamps,
            ):
                entry["voices"] = old.get("voices")
            memo[self.name] = entry
            _write(self.path, memo)

    def remember_voices(self, voices: list[Voice]) -> None:
        with _lock:
            memo = _read(self.path)
            entry = memo.get(self.name)
            if isinstance(entry, dict):
                entry["voices"] = [list(v) for v in voices]
                _write(self.path, memo)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(path: Path, memo: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # a memo that can't be kept is asked again
        write_text_atomic(path, json.dumps(memo, indent=1, sort_keys=True))


class DigestMemo:
    """Models' SHA-256 digests (part of a natural voice's cache key), remembered in the
    folder's memo file by path, size and modification time: hashing a 60 MB model
    costs ~0.1 s of a core at every app start otherwise, while the window may be
    drawing. Thread-safe."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MEMO_FILE

    def digest(self, model: Path, compute: Callable[[Path], str]) -> str:
        stat = model.stat()
        stamp = [stat.st_size, stat.st_mtime_ns]
        with _lock:
            models = _read(self.path).get("models")
        known = models.get(str(model)) if isinstance(models, dict) else None
        if isinstance(known, list) and len(known) == 3 and known[:2] == stamp:
            return str(known[2])
        value = compute(model)
        with _lock:
            data = _read(self.path)
            table = data.get("models")
            table = table if isinstance(table, dict) else {}
            table[str(model)] = [*stamp, value]
            data["models"] = table
            _write(self.path, data)
        return value
