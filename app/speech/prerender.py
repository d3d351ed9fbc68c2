"""Render every cue text of a routine before it starts, reusing the cache."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from app.paths import ensure_private_dir
from app.speech.cache import SpeechCache, is_valid_wav
from app.speech.settings import VoiceSettings

log = logging.getLogger(__name__)


class Renderer(Protocol):
    """Renders one text to a WAV file (SpeechWorker, or a fake in tests).

    A renderer may also have `available() -> bool`, telling whether its engine could
    start at all; prerender uses it to stop early instead of failing every text.
    """

    def render(
        self, text: str, settings: VoiceSettings, out_path: Path, timeout: float = ...
    ) -> bool: ...

    def engine_version(self) -> str: ...


def engine_available(renderer: object) -> bool:
    """The renderer's own `available()`, or True when it has none."""
    available = getattr(renderer, "available", None)
    return bool(available()) if callable(available) else True


def prerender(
    texts: Sequence[str],
    settings: VoiceSettings,
    cache: SpeechCache,
    renderer: Renderer,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    timeout: float = 5.0,
) -> dict[str, Path]:
    """Map each distinct, non-blank text to a valid WAV; texts that failed are left out.

    `progress(done, total)` is called with (0, total) first, then after each text
    (cached or rendered). `cancelled()` is checked before each text; a cancelled run
    returns what it has so far. Blocks: call it from a background thread.
    """
    unique = list(dict.fromkeys(t for t in texts if t.strip()))
    total = len(unique)
    if progress is not None:
        progress(0, total)
    if total == 0:
        return {}
    version = renderer.engine_version()
    result: dict[str, Path] = {}
    attempted = 0
    for done, text in enumerate(unique, start=1):
        if cancelled is not None and cancelled():
            break
        path = cache.get(text, settings, version)
        if path is None:
            path = cache.path_for(text, settings, version)
            ensure_private_dir(path.parent)
            ok = renderer.render(text, settings, path, timeout=timeout)
            attempted += 1
            if not ok or not is_valid_wav(path):
                log.warning("could not render speech for %r", text)
                if attempted == 1 and not engine_available(renderer):
                    break  # no engine at all: do not try every text
                path = None
        if path is not None:
            result[text] = path
        if progress is not None:
            progress(done, total)
    return result
