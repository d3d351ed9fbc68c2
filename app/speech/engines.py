"""Two speech engines, one choice: the natural voice (Piper) and the system voice (eSpeak NG).

Each engine owns a speech process of its own (app.speech.worker). The router knows
the voices, turns the saved choice into the voice that will speak (the natural one by
default where it is installed), and `prepare_voice` renders a routine's lines with it;
when the natural voice can't start or render, the system voice takes over and the
reason is handed back once, to be told to the person. No Qt; every call may block.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from app.speech.cache import RenderedSpeech, SpeechCache
from app.speech.engine_memo import DigestMemo, EngineMemo
from app.speech.prerender import Renderer, prerender
from app.speech.settings import VoiceSettings
from app.speech.voices import (
    VoiceInfo,
    find_voice,
    is_piper,
    model_digest,
    natural_voice_wanted,
    piper_voices,
    system_voice,
)
from app.speech.worker import SpeechWorker

log = logging.getLogger(__name__)

__all__ = ["NATURAL_TIMEOUT", "Prepared", "VoiceRouter", "prepare_voice"]

NATURAL_TIMEOUT = 30.0
"""Seconds one natural render may take before its process is restarted: the first one
loads the model (about 1 s, several on a busy machine), and a long line takes ~2 s."""
NATURAL_START_TIMEOUT = 30.0


def _natural_worker(voices_dir: Path | None, memo_dir: Path | None = None) -> SpeechWorker:
    from app.speech.piper_backend import piper_child_main

    folder = None if voices_dir is None else str(voices_dir)
    return SpeechWorker(
        partial(piper_child_main, voices_dir=folder),
        start_timeout=NATURAL_START_TIMEOUT,
        memo=None if memo_dir is None else EngineMemo(memo_dir, "piper"),
    )


class VoiceRouter:
    """The system worker, the natural worker (started on first use) and the voices."""

    def __init__(
        self,
        voices_dir: Path | None = None,
        *,
        system: Renderer | None = None,
        natural: Callable[[], Renderer] | None = None,
        catalogue: Sequence[VoiceInfo] | None = None,
        memo_dir: Path | None = None,
    ) -> None:
        """``memo_dir``: where the engines' versions and voices are remembered (the
        speech cache), so that cached lines need no speech process."""
        self.voices_dir = voices_dir
        if system is None:
            memo = None if memo_dir is None else EngineMemo(memo_dir, "pyttsx3")
            system = SpeechWorker(memo=memo)
        self.system: Renderer = system
        self._natural_factory = natural or partial(_natural_worker, voices_dir, memo_dir)
        self._digests = None if memo_dir is None else DigestMemo(memo_dir)
        self._natural: Renderer | None = None
        self._catalogue = list(catalogue) if catalogue is not None else None
        self._failed: dict[str, str] = {}
        self._lock = threading.Lock()

    # -- the voices

    def natural_voices(self) -> list[VoiceInfo]:
        """The installed natural voices (read from disk once)."""
        with self._lock:
            if self._catalogue is None:
                self._catalogue = piper_voices(self.voices_dir)
            return list(self._catalogue)

    def voices(self) -> list[VoiceInfo]:
        """Every voice: natural ones first, then the system's."""
        found = self.natural_voices()
        listing = getattr(self.system, "voices", None)
        if callable(listing):
            for entry in listing():
                voice_id, name = str(entry[0]), str(entry[1])
                language = str(entry[2]) if len(entry) > 2 else ""
                found.append(system_voice(voice_id, name, language))
        return found

    def default_voice(self) -> VoiceInfo | None:
        """The natural voice that speaks when nothing was chosen, if any."""
        if not natural_voice_wanted():
            return None
        return next((v for v in self.natural_voices() if v.id not in self._failed), None)

    def resolve(self, settings: VoiceSettings) -> VoiceSettings:
        """The voice that will speak for ``settings``: the default natural voice for
        None, and the system default for a natural voice that is gone or has failed."""
        if settings.voice is None:
            default = self.default_voice()
            return settings if default is None else VoiceSettings(default.id, settings.rate)
        if is_piper(settings.voice):
            known = find_voice(self.natural_voices(), settings.voice)
            if known is None or settings.voice in self._failed:
                return VoiceSettings(None, settings.rate)
        return settings

    def mark_failed(self, voice_id: str, reason: str) -> None:
        """Don't try this natural voice again in this run of the app."""
        self._failed[voice_id] = reason

    # -- the engines

    @property
    def natural(self) -> Renderer:
        with self._lock:
            if self._natural is None:
                self._natural = self._natural_factory()
            return self._natural

    def engine_for(self, settings: VoiceSettings) -> Renderer:
        return self.natural if is_piper(settings.voice) else self.system

    def identity(self, settings: VoiceSettings) -> str:
        """What names the engine in the cache key: for a natural voice, Piper's version
        and the model file's digest (a replaced model never plays old renders)."""
        engine = self.engine_for(settings)
        version = engine.engine_version()
        if not is_piper(settings.voice):
            return version
        voice = find_voice(self.natural_voices(), settings.voice)
        if voice is None or voice.model is None:
            raise LookupError(f"no natural voice {settings.voice!r}")
        digests = self._digests
        digest = (
            model_digest(voice.model)
            if digests is None
            else digests.digest(voice.model, model_digest)
        )
        return f"{version}|sha256:{digest}"

    def close(self) -> None:
        for engine in (self.system, self._natural):
            close = getattr(engine, "close", None)
            if callable(close):
                close()


@dataclass
class Prepared:
    """What `prepare_voice` made: the files, the voice that spoke, and why the natural
    voice was given up on (None when it wasn't)."""

    files: RenderedSpeech
    settings: VoiceSettings
    fell_back: str | None = None
    gave_up: list[str] = field(default_factory=list)


def _natural_problem(engine: Renderer) -> str:
    reason = getattr(engine, "unavailable_reason", None) or getattr(engine, "last_error", None)
    return str(reason or "it did not answer")


def prepare_voice(
    texts: Sequence[str],
    settings: VoiceSettings,
    cache: SpeechCache,
    router: VoiceRouter,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    timeout: float = 5.0,
    fall_back: bool = True,
    each: Callable[[str, Path, float, bool], None] | None = None,
) -> Prepared:
    """Render ``texts`` with the voice ``settings`` resolve to; if that is a natural
    voice and any line failed, the whole routine is rendered again with the system
    voice (one voice a routine), and the natural voice is not tried again.

    ``each(text, path, seconds, stand_in)`` hears of every line as it is ready. With
    it, a natural voice's lines that are not cached yet are first rendered with the
    system voice as *stand-ins* (``stand_in`` True; fast, and cached), so a routine
    can start before the natural voice is done (app/core/early_start.py); then the
    natural lines follow, in order."""
    wanted = router.resolve(settings)
    reasons: list[str] = []
    if is_piper(wanted.voice):
        engine = router.natural
        try:
            identity = router.identity(wanted)
            if each is not None:
                _stand_ins(texts, wanted, identity, cache, router, each, cancelled, timeout)
            files = prerender(
                texts,
                wanted,
                cache,
                engine,
                progress=progress,
                cancelled=cancelled,
                gave_up=reasons.append,
                timeout=max(timeout, NATURAL_TIMEOUT),
                identity=identity,
                each=None if each is None else partial(_tell, each, False),
            )
            problem = None if len(files) >= len({t for t in texts if t.strip()}) else "failed"
        except Exception as exc:  # a model that vanished, a digest that can't be read
            files, problem = RenderedSpeech(), f"{type(exc).__name__}: {exc}"
        if problem is None or (cancelled is not None and cancelled()):
            return Prepared(files, wanted, None, reasons)
        reason = _natural_problem(engine) if problem == "failed" else problem
        log.warning("natural voice %s failed (%s): the system voice takes over", wanted, reason)
        assert wanted.voice is not None
        router.mark_failed(wanted.voice, reason)
        if not fall_back:
            return Prepared(files, wanted, reason, reasons)
        system = VoiceSettings(None, settings.rate)
        reasons.clear()
        files = prerender(
            texts,
            system,
            cache,
            router.system,
            progress=progress,
            cancelled=cancelled,
            gave_up=reasons.append,
            timeout=timeout,
        )
        return Prepared(files, system, reason, reasons)
    files = prerender(
        texts,
        wanted,
        cache,
        router.system,
        progress=progress,
        cancelled=cancelled,
        gave_up=reasons.append,
        timeout=timeout,
        each=None if each is None else partial(_tell, each, False),
    )
    return Prepared(files, wanted, None, reasons)


def _tell(
    each: Callable[[str, Path, float, bool], None],
    stand_in: bool,
    text: str,
    path: Path,
    seconds: float,
) -> None:
    each(text, path, seconds, stand_in)


def _stand_ins(
    texts: Sequence[str],
    natural: VoiceSettings,
    identity: str,
    cache: SpeechCache,
    router: VoiceRouter,
    each: Callable[[str, Path, float, bool], None],
    cancelled: Callable[[], bool] | None,
    timeout: float,
) -> None:
    """The system voice's renders of the natural lines not in the cache yet."""
    missing = [t for t in dict.fromkeys(texts) if t.strip() and not cache.get(t, natural, identity)]
    if missing:
        prerender(
            missing,
            VoiceSettings(None, natural.rate),
            cache,
            router.system,
            cancelled=cancelled,
            timeout=timeout,
            each=partial(_tell, each, True),
        )
