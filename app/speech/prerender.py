"""Render every cue text of a routine before it starts, reusing the cache."""

from __future__ import annotations

import errno
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from app.paths import ensure_private_dir
from app.speech.cache import RenderedSpeech, SpeechCache, is_valid_wav
from app.speech.settings import VoiceSettings

log = logging.getLogger(__name__)

FAILURES_IN_A_ROW = 3
"""After this many failed renders in a row (each may have waited for its timeout and
cost a new speech process), the other texts are not tried: the routine starts on
chimes instead of waiting for an engine that keeps failing."""

ROOM_PROBE_BYTES = 256 * 1024
"""Written and removed after a failed render to tell a full disk: about six seconds
of speech, so a disk with less room than one cue needs counts as full too."""

NO_ROOM = "there is no room left on the disk for the voice files"
NOT_ALLOWED = "Facewell isn't allowed to write the voice files"
KEEPS_FAILING = "the speech engine failed on several cues in a row"
CANT_USE = "the folder for the voice files can't be used"

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


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


def _lasting(exc: OSError) -> str | None:
    """The reason behind `exc` when every later render would share it."""
    if exc.errno in _FULL:
        return NO_ROOM
    if exc.errno in _DENIED:
        return NOT_ALLOWED
    return None


def room_problem(folder: Path) -> str | None:
    """Why `folder` can't take a voice file when no render there could succeed (a full
    disk, no permission); None when it can. A probe file is written and removed: the
    engine's own failure to save is not reported to us (it hangs instead)."""
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(bytes(ROOM_PROBE_BYTES))
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        return _lasting(exc)
    return None


def prerender(
    texts: Sequence[str],
    settings: VoiceSettings,
    cache: SpeechCache,
    renderer: Renderer,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    gave_up: Callable[[str], None] | None = None,
    timeout: float = 5.0,
    identity: str | None = None,
    each: Callable[[str, Path, float], None] | None = None,
) -> RenderedSpeech:
    """Map each distinct, non-blank text to a valid WAV (and its length in seconds);
    texts that failed are left out.

    `progress(done, total)` is called with (0, total) first, then after each text
    (cached or rendered). `cancelled()` is checked before each text; a cancelled run
    returns what it has so far. A failure every other text would share (a full disk,
    no permission, FAILURES_IN_A_ROW failures) stops the run at once, after telling
    `gave_up` the reason (a phrase such as NO_ROOM). `identity` names the engine in
    the cache key (default: the renderer's engine_version(); a natural voice adds its
    model's digest). `each(text, path, seconds)` is called as each text is ready (cached
    or rendered), in order. Blocks: call it from a background thread.
    """
    unique = list(dict.fromkeys(t for t in texts if t.strip()))
    total = len(unique)
    if progress is not None:
        progress(0, total)
    result = RenderedSpeech()
    if total == 0:
        return result
    version = identity if identity is not None else renderer.engine_version()
    attempted = failures = 0
    reason: str | None = None
    for done, text in enumerate(unique, start=1):
        if cancelled is not None and cancelled():
            break
        path = cache.get(text, settings, version)
        if path is None:
            path = cache.path_for(text, settings, version)
            try:
                ensure_private_dir(path.parent)
            except OSError as exc:
                reason = _lasting(exc) or CANT_USE
                break
            ok = renderer.render(text, settings, path, timeout=timeout)
            attempted += 1
            if not ok or not is_valid_wav(path):
                log.warning("could not render speech for %r", text)
                failures += 1
                reason = room_problem(path.parent)
                if reason is None and failures >= FAILURES_IN_A_ROW:
                    reason = KEEPS_FAILING
                if reason is not None:
                    break
                if attempted == 1 and not engine_available(renderer):
                    break  # no engine at all: do not try every text
                path = None
            else:
                failures = 0
        if path is not None:
            result.add(text, path)
            if each is not None:
                each(text, path, result.seconds[text])
        if progress is not None:
            progress(done, total)
    if reason is not None:
        log.warning("speech rendering stopped: %s", reason)
        if gave_up is not None:
            gave_up(reason)
    return result
