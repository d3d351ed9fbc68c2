"""Qt side of speech: pre-render a routine's cues off the GUI thread, report by signals.

The speech engine runs in its own process (app.speech.worker); the blocking calls to
it run on a Python worker thread; results come back to the GUI thread as signals.
Nothing here ever waits for the engine on the GUI thread.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app.paths import ensure_private_dir
from app.speech.cache import RenderedSpeech, SpeechCache
from app.speech.engines import VoiceRouter, prepare_voice
from app.speech.prerender import Renderer, engine_available
from app.speech.settings import VoiceSettings
from app.speech.voices import VoiceInfo

UNAVAILABLE_MESSAGE = (
    "Spoken cues are off: the speech engine (espeak-ng) could not be started. "
    "Chimes and on-screen text will guide you."
)
GAVE_UP_MESSAGE = "Spoken cues are off: {reason}. Chimes and on-screen text will guide you."
FELL_BACK_MESSAGE = (
    "The natural voice couldn't be used, so the system voice (eSpeak NG) speaks instead."
)
CACHE_UNUSABLE_MESSAGE = (
    "Spoken cues are off: the folder for the voice files, {folder}, can't be made "
    "({reason}). Chimes and on-screen text will guide you."
)


def open_speech(
    cache_dir: Path, parent: QObject | None = None, voices_dir: Path | None = None
) -> tuple[SpeechService | None, str | None]:
    """The speech service, or None and one plain sentence when its cache folder can't
    be made (a file in its place, no permission): routines then run without speech."""
    try:
        ensure_private_dir(cache_dir)
    except OSError as exc:
        if isinstance(exc, FileExistsError | NotADirectoryError):
            reason = "a file is in the way"
        else:
            reason = (exc.strerror or str(exc)).lower()
        return None, CACHE_UNUSABLE_MESSAGE.format(folder=cache_dir, reason=reason)
    return SpeechService(cache_dir, parent=parent, voices_dir=voices_dir), None


class _Relay(QObject):
    """Signals emitted from worker threads; queued over to the service's GUI thread."""

    progress = Signal(int, int, int)  # generation, done, total
    finished = Signal(int, object)  # generation, dict[str, Path]
    line = Signal(int, str, object, float, bool)  # generation, text, Path, seconds, stand-in
    unavailable = Signal(str)  # the sentence for the user
    voices = Signal(list)
    sample = Signal(object)  # Path | None


class SpeechService(QObject):
    """Prepares spoken cues for a routine. Use from the GUI thread only."""

    progress = Signal(int, int)  # done, total
    ready = Signal(object)  # dict[str, Path]: text -> WAV
    line_ready = Signal(str, object, float, bool)  # text, Path, seconds, stand-in
    unavailable = Signal(str)  # one plain sentence for the user
    voices_ready = Signal(list)  # list[VoiceInfo]
    sample_ready = Signal(object)  # Path of a "Hear it" sample, or None

    def __init__(
        self,
        cache_dir: Path,
        worker: Renderer | None = None,
        parent: QObject | None = None,
        *,
        voices_dir: Path | None = None,
        router: VoiceRouter | None = None,
    ) -> None:
        """``worker`` alone (tests): that engine only, no natural voice."""
        super().__init__(parent)
        self._cache = SpeechCache(cache_dir)
        if router is None:
            router = (
                VoiceRouter(voices_dir, memo_dir=self._cache.folder)
                if worker is None
                else VoiceRouter(voices_dir, system=worker, catalogue=[])
            )
        self._router = router
        self._worker: Renderer = router.system
        self._generation = 0
        self._cancel = threading.Event()
        self._warm_cancel = threading.Event()
        self._threads: list[threading.Thread] = []
        self._told: set[str] = set()
        self._voices: list[VoiceInfo] | None = None
        self._warm_thread: threading.Thread | None = None
        self.warmed = False  # a warm() run got to its end
        self._shut = False
        # No parent: threads keep it alive; queued connections deliver on our thread.
        self._relay = _Relay()
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.progress.connect(self._on_progress, queued)
        self._relay.finished.connect(self._on_finished, queued)
        self._relay.line.connect(self._on_line, queued)
        self._relay.unavailable.connect(self._on_unavailable, queued)
        self._relay.voices.connect(self._on_voices, queued)
        self._relay.sample.connect(self.sample_ready, queued)
        self._spawn(self._cache.sweep_leftovers)  # reads the disk: not on this thread

    @property
    def cache(self) -> SpeechCache:
        return self._cache

    @property
    def router(self) -> VoiceRouter:
        return self._router

    def prepare(self, texts: list[str], settings: VoiceSettings, *, lines: bool = False) -> None:
        """Render `texts` in the background; emits progress, then ready (maybe unavailable).

        With ``lines``, line_ready also tells of each line as it is ready, a natural
        voice's stand-ins first (app.speech.engines.prepare_voice), so that a routine
        can start before the last one (app/core/early_start.py).
        A new call cancels the previous one: only the latest call's results are emitted.
        """
        if self._shut:
            return
        self._warm_cancel.set()  # the routine the person chose comes first
        self._cancel.set()
        self._cancel = cancel = threading.Event()
        self._generation += 1
        self._spawn(self._run_prepare, self._generation, list(texts), settings, cancel, lines)

    def warm(self, texts: list[str] | Callable[[], list[str]], settings: VoiceSettings) -> None:
        """Render ``texts`` (or what the callable returns, called on the worker thread)
        into the cache in the background, quietly: no signal, no notice, no fallback.
        The next `prepare` or `hear` stops it; `warmed` tells when a run got to its end."""
        if self._shut or self.warming:
            return
        self._warm_cancel.set()
        self._warm_cancel = cancel = threading.Event()
        self._spawn(self._run_warm, texts, settings, cancel)
        self._warm_thread = self._threads[-1]

    @property
    def warming(self) -> bool:
        return self._warm_thread is not None and self._warm_thread.is_alive()

    def cancel(self) -> None:
        """Stop preparing: the latest `prepare` emits nothing more."""
        self._cancel.set()
        self._generation += 1

    def hear(self, settings: VoiceSettings, text: str) -> None:
        """Render ``text`` in ``settings``' voice; sample_ready follows with its WAV
        (or None). For the Settings' "Hear it"."""
        if self._shut:
            return
        self._warm_cancel.set()
        self._spawn(self._run_hear, settings, text)

    def request_voices(self) -> None:
        """Emit voices_ready with the engine's voices (asked once, then remembered)."""
        if self._shut:
            return
        if self._voices is not None:
            voices = list(self._voices)
            QTimer.singleShot(0, self, lambda: self.voices_ready.emit(voices))
            return
        self._spawn(self._run_voices)

    def shutdown(self) -> None:
        """Cancel work and stop the engine process; blocks the caller about 1 s at most."""
        if self._shut:
            return
        self._shut = True
        self._cancel.set()
        self._warm_cancel.set()
        deadline = time.monotonic() + 1.0
        self._router.close()
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads = [t for t in self._threads if t.is_alive()]

    # -- worker threads

    def _spawn(self, target: Any, *args: object) -> None:
        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(target=target, args=args, name="facewell-speech", daemon=True)
        self._threads.append(thread)
        thread.start()

    def _run_prepare(
        self,
        generation: int,
        texts: list[str],
        settings: VoiceSettings,
        cancel: threading.Event,
        lines: bool = False,
    ) -> None:
        relay = self._relay

        def report(done: int, total: int) -> None:
            if not cancel.is_set():
                with contextlib.suppress(RuntimeError):
                    relay.progress.emit(generation, done, total)

        def each(text: str, path: Path, seconds: float, stand_in: bool) -> None:
            if not cancel.is_set():
                with contextlib.suppress(RuntimeError):
                    relay.line.emit(generation, text, path, seconds, stand_in)

        notices: list[str] = []
        try:
            prepared = prepare_voice(
                texts,
                settings,
                self._cache,
                self._router,
                progress=report,
                cancelled=cancel.is_set,
                each=each if lines else None,
            )
            result = prepared.files
            if prepared.fell_back is not None:
                notices.append(FELL_BACK_MESSAGE)
            missing = len(result) < len({t for t in texts if t.strip()})
            if prepared.gave_up:  # known already: asking the engine again could respawn it
                notices.append(GAVE_UP_MESSAGE.format(reason=prepared.gave_up[0]))
            elif missing and not cancel.is_set() and not engine_available(self._worker):
                notices.append(UNAVAILABLE_MESSAGE)
        except Exception:
            # A bug must not leave the caller waiting: go on without speech.
            result = RenderedSpeech()
        if cancel.is_set():
            return
        with contextlib.suppress(RuntimeError):
            for notice in notices:
                relay.unavailable.emit(notice)
            relay.finished.emit(generation, result)

    def _run_warm(
        self,
        texts: list[str] | Callable[[], list[str]],
        settings: VoiceSettings,
        cancel: threading.Event,
    ) -> None:
        with contextlib.suppress(Exception):  # quiet by design: prepare() tells
            lines = texts() if callable(texts) else texts
            prepared = prepare_voice(
                lines,
                settings,
                self._cache,
                self._router,
                cancelled=cancel.is_set,
                fall_back=False,
            )
            if not cancel.is_set() and prepared.fell_back is None:
                self.warmed = True

    def _run_hear(self, settings: VoiceSettings, text: str) -> None:
        path: Path | None = None
        notice: str | None = None
        try:
            prepared = prepare_voice([text], settings, self._cache, self._router)
            path = prepared.files.get(text)
            if prepared.fell_back is not None:
                notice = FELL_BACK_MESSAGE
        except Exception:
            path = None
        with contextlib.suppress(RuntimeError):
            if notice is not None:
                self._relay.unavailable.emit(notice)
            self._relay.sample.emit(path)

    def _run_voices(self) -> None:
        voices: list[VoiceInfo] = []
        with contextlib.suppress(Exception):
            voices = self._router.voices()
        with contextlib.suppress(RuntimeError):
            self._relay.voices.emit(voices)

    # -- back on the GUI thread

    @Slot(int, int, int)
    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation and not self._shut:
            self.progress.emit(done, total)

    @Slot(int, object)
    def _on_finished(self, generation: int, result: dict[str, Path]) -> None:
        if generation == self._generation and not self._shut:
            self.ready.emit(result)

    @Slot(int, str, object, float, bool)
    def _on_line(
        self, generation: int, text: str, path: Path, seconds: float, stand_in: bool
    ) -> None:
        if generation == self._generation and not self._shut:
            self.line_ready.emit(text, path, seconds, stand_in)

    @Slot(str)
    def _on_unavailable(self, message: str) -> None:
        if message not in self._told and not self._shut:  # each problem told once
            self._told.add(message)
            self.unavailable.emit(message)

    @Slot(list)
    def _on_voices(self, voices: list[VoiceInfo]) -> None:
        if voices:
            self._voices = list(voices)
        if not self._shut:
            self.voices_ready.emit(list(voices))
