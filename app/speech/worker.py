"""The speech engine in its own process, one request at a time.

pyttsx3 2.99 with the espeak-ng driver has traps (the design brief's "Known pitfalls"):
two engines in one process break each other, two queued saves write only the last
file, the first `runAndWait` may return before the file exists, saving to an
unwritable path loops forever, and every save prints "Audio saved to ..." on stdout.
So the only engine lives in a child process that answers one request at a time;
the child confirms each WAV and moves it into place atomically, and the parent kills
and (lazily) respawns the child when a request takes too long.

The child starts on the first render (or question) and exits after IDLE_EXIT_SECONDS
without one; the next request starts a fresh one. Its version and voices are
remembered (app/speech/engine_memo.py), so a lookup in the cache needs no process.

The parent-side calls block: use them from a background thread, never the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
import wave
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from app.paths import PRIVATE_FILE
from app.speech.cache import is_valid_wav
from app.speech.child_process import ChildProcess, launch
from app.speech.engine_memo import EngineMemo
from app.speech.loudness import normalise_wav
from app.speech.settings import VoiceSettings

log = logging.getLogger(__name__)

ChildTarget = Callable[[Connection], None]

# How long the child waits for the engine's file to appear after runAndWait returns.
FILE_WAIT_SECONDS = 2.0
# pyttsx3 2.99 wrote a WAV with zero frames for 1-2.5 % of renders: eSpeak NG runs the
# voice, rate and volume each render sets as commands on its own thread, and while they
# ran pyttsx3's runAndWait saw eSpeak "playing", cancelled it, and the cancel took the
# new utterance too. The backend now waits for eSpeak to be idle first (0 empty renders
# in 4,000, where 1.5 % were); a render that is still empty is tried again.
RENDER_ATTEMPTS = 3
# How long the backend waits for eSpeak NG's queued settings (about 1 ms, measured).
IDLE_WAIT_SECONDS = 1.0
# Renders are made at full volume and brought to TARGET_LUFS: the person's volume is
# applied once, at playback (before, it was applied twice: in the render and again).
RENDER_VOLUME = 1.0
IDLE_EXIT_SECONDS = 60.0
"""A speech process with no request for this long exits (its renders are cached, and
they play without it); the next render starts a new one, which costs about 0.3 s for
eSpeak NG and 1-2 s for Piper (its model loads again)."""


# --------------------------------------------------------------------------- child side


class Backend(Protocol):
    """What the child needs from an engine (Pyttsx3Backend; fakes in tests)."""

    def version(self) -> str: ...

    def voices(self) -> list[tuple[str, str, str]]:
        """(id, name, language) of each voice; language may be ""."""
        ...

    def render(self, text: str, settings: VoiceSettings, path: Path) -> None: ...


def loaded_libraries(*names: str) -> list[str]:
    """Paths of this process's mapped files whose name contains one of ``names``."""
    found: dict[str, None] = {}
    with contextlib.suppress(OSError), Path("/proc/self/maps").open(encoding="utf-8") as maps:
        for line in maps:
            path = line.split(maxsplit=5)[-1].strip() if line.count(" ") >= 5 else ""
            if path.startswith("/") and any(n in Path(path).name for n in names):
                found.setdefault(path, None)
    return list(found)


class Pyttsx3Backend:
    """The child's one pyttsx3 engine. Created once per child process."""

    def __init__(self) -> None:
        import pyttsx3  # imported here: only the child ever loads the engine

        self._errors: list[str] = []
        self._engine: Any = pyttsx3.init()
        self._engine.connect("error", self._on_error)
        self._default_voice: str | None = self._engine.getProperty("voice")
        self._driver = str(getattr(self._engine, "driver_name", "unknown"))

    def _wait_until_idle(self) -> None:
        """Until eSpeak NG has run the settings just given (see RENDER_ATTEMPTS)."""
        if self._driver != "espeak":
            return
        from pyttsx3.drivers import _espeak

        deadline = time.monotonic() + IDLE_WAIT_SECONDS
        while _espeak.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.001)

    def _on_error(self, exception: BaseException | None = None, **_: object) -> None:
        self._errors.append(f"{type(exception).__name__}: {exception}")

    def version(self) -> str:
        from importlib import metadata  # the speech process only: it weighs some 3 MiB

        try:
            package = metadata.version("pyttsx3")
        except metadata.PackageNotFoundError:
            package = "unknown"
        driver = self._driver
        if driver == "espeak":
            with contextlib.suppress(Exception):
                from pyttsx3.drivers import _espeak

                info = _espeak.Info(None)
                if isinstance(info, bytes):
                    driver = f"espeak-ng-{info.decode('utf-8', 'replace')}"
        return f"pyttsx3-{package}-{driver}"

    def sources(self) -> list[str]:
        """The files the version depends on: pyttsx3 and the espeak library it loaded."""
        import pyttsx3

        return [str(pyttsx3.__file__), *loaded_libraries("espeak")]

    def voices(self) -> list[tuple[str, str, str]]:
        found = []
        for voice in self._engine.getProperty("voices"):
            languages = getattr(voice, "languages", None) or [""]
            language = languages[0]
            if isinstance(language, bytes):
                language = language.decode("utf-8", "replace")
            found.append((str(voice.id), str(voice.name), str(language)))
        return found

    def render(self, text: str, settings: VoiceSettings, path: Path) -> None:
        """Write `text` to `path` (a WAV). May return before the file exists."""
        self._errors.clear()
        engine = self._engine
        voice = settings.voice or self._default_voice
        if voice:
            engine.setProperty("voice", voice)
        engine.setProperty("rate", settings.rate)
        engine.setProperty("volume", RENDER_VOLUME)
        self._wait_until_idle()
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        if self._errors:
            raise RuntimeError(self._errors[0])


def _silence_stdio() -> None:
    """pyttsx3 prints on stdout and espeak-ng may write to stderr: send both to devnull."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    finally:
        os.close(devnull)


def _is_empty_wav(path: Path) -> bool:
    """A complete WAV header that promises no audio at all."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() == 0
    except (OSError, EOFError, wave.Error):
        return False


def _wait_for_audio(path: Path) -> str:
    """'ok' (valid WAV), 'empty' (the engine wrote silence) or 'missing' (gave up)."""
    deadline = time.monotonic() + FILE_WAIT_SECONDS
    while True:
        if is_valid_wav(path):
            return "ok"
        if _is_empty_wav(path):
            return "empty"
        if time.monotonic() > deadline:
            return "missing"
        time.sleep(0.005)


def _render_request(backend: Backend, text: str, settings: VoiceSettings, out: Path) -> str | None:
    """Render into a temp file beside `out`, check it, move it into place. None = ok."""
    if not text.strip():
        return "nothing to say"
    if not os.access(out.parent, os.W_OK | os.X_OK):
        return f"folder not writable: {out.parent}"
    tmp = out.with_name(f".{out.stem}.{os.getpid()}.tmp")
    try:
        for _ in range(RENDER_ATTEMPTS):
            tmp.unlink(missing_ok=True)
            backend.render(text, settings, tmp)
            state = _wait_for_audio(tmp)
            if state == "ok":
                # The words only, at the one loudness every sound has; the volume
                # setting is applied when it plays (app/speech/loudness.py).
                normalise_wav(tmp, tmp)
                if os.name == "posix":
                    tmp.chmod(PRIVATE_FILE)  # the engine made it with the umask's mode
                tmp.replace(out)  # atomic: os.replace
                return None
            if state == "missing":
                return "the engine wrote no audio"
            # "empty": pyttsx3 sometimes cancels its own new utterance; try again.
        return "the engine wrote only silence"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def serve(conn: Connection, backend_factory: Callable[[], Backend] = Pyttsx3Backend) -> None:
    """The child's main loop: say hello, then answer requests until told to quit."""
    _silence_stdio()
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the parent
    try:
        backend = backend_factory()
        sources = getattr(backend, "sources", None)
        files = list(sources()) if callable(sources) else []
        hello: tuple[Any, ...] = ("hello", True, backend.version(), files)
    except Exception as exc:
        with contextlib.suppress(OSError):
            conn.send(("hello", False, f"{type(exc).__name__}: {exc}"))
        conn.close()
        return
    try:
        conn.send(hello)
        while True:
            try:
                request = conn.recv()
            except EOFError:
                return
            kind = request[0]
            if kind == "quit":
                return
            if kind == "render":
                _, text, settings, out = request
                error = _render_request(backend, text, settings, Path(out))
                conn.send(("ok", None) if error is None else ("error", error))
            elif kind == "voices":
                try:
                    conn.send(("ok", backend.voices()))
                except Exception as exc:
                    conn.send(("error", f"{type(exc).__name__}: {exc}"))
            else:
                conn.send(("error", f"unknown request {kind!r}"))
    except OSError:
        return  # the parent went away
    finally:
        conn.close()


def child_main(conn: Connection) -> None:
    """Default child target: the real pyttsx3 engine."""
    serve(conn, Pyttsx3Backend)


# -------------------------------------------------------------------------- parent side


def _writable_dir(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


class SpeechWorker:
    """Parent-side handle on the speech process. Thread-safe; every call may block.

    The child starts on first use and exits after ``idle_exit`` seconds without a
    request (None: it stays). A request that takes longer than its timeout gets the
    child killed; the next request starts a fresh one. If the engine cannot start at
    all (no espeak-ng, broken driver), the worker says so through `available()` and
    every render returns False at once — nothing raises. With a ``memo``, the version
    and voices a child once gave are answered without starting one while the engine's
    files are unchanged.
    """

    def __init__(
        self,
        target: ChildTarget = child_main,
        *,
        start_timeout: float = 10.0,
        memo: EngineMemo | None = None,
        idle_exit: float | None = IDLE_EXIT_SECONDS,
    ) -> None:
        self._target = target
        self._start_timeout = start_timeout
        self._memo = memo
        self._idle_exit = idle_exit
        self._lock = threading.Lock()
        self._proc: ChildProcess | None = None
        self._conn: Connection | None = None
        self._version: str | None = None
        self._closed = threading.Event()  # set by close(), from any thread
        self._last_used = 0.0
        self._idle_timer: threading.Timer | None = None
        self.unavailable_reason: str | None = None
        self.last_error: str | None = None
        self.starts = 0  # how many child processes were started (for tests and logs)
        self.idle_exits = 0  # how many of them exited for want of work

    @property
    def running(self) -> bool:
        """A speech process is up (it may be rendering)."""
        return self._conn is not None

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return None if proc is None else proc.pid

    # -- public API

    def render(
        self, text: str, settings: VoiceSettings, out_path: Path, timeout: float = 5.0
    ) -> bool:
        """Render `text` to `out_path` (atomically). True when a valid WAV is there."""
        if not text.strip():
            self.last_error = "nothing to say"
            return False
        if not _writable_dir(out_path.parent):
            self.last_error = f"folder not writable: {out_path.parent}"
            return False
        reply = self._request(("render", text, settings, str(out_path)), timeout)
        if reply is None:
            return False
        if reply[0] != "ok":
            self.last_error = str(reply[1])
            log.warning("speech render failed: %s", self.last_error)
            return False
        return is_valid_wav(out_path)

    def engine_version(self) -> str:
        with self._lock:
            if self._conn is None and self._memo is not None:
                facts = self._memo.recall()
                if facts is not None and self.unavailable_reason is None:
                    return facts.version
            self._start()
            self._touch()
            return self._version or "unavailable"

    def voices(self) -> list[tuple[str, str, str]]:
        """(id, name, language) of each voice; language is "" when the engine didn't say."""
        if self._conn is None and self._memo is not None:
            facts = self._memo.recall()
            if facts is not None and facts.voices is not None:
                return list(facts.voices)
        reply = self._request(("voices",), 5.0)
        if reply is None or reply[0] != "ok":
            return []
        found = [(str(v[0]), str(v[1]), str(v[2]) if len(v) > 2 else "") for v in reply[1]]
        if self._memo is not None:
            self._memo.remember_voices(found)
        return found

    def available(self) -> bool:
        with self._lock:
            started = self._start() is not None
            self._touch()
            return started

    def close(self) -> None:
        """Stop the child. Returns within about a second even if a render is running."""
        self._closed.set()
        timer = self._idle_timer
        if timer is not None:
            timer.cancel()
        if self._lock.acquire(blocking=False):
            try:
                self._stop_child(graceful=True)
            finally:
                self._lock.release()
            return
        # Another thread is waiting on the child: end it, so that thread returns now.
        proc = self._proc
        if proc is not None:
            with contextlib.suppress(ValueError, OSError, AttributeError):
                proc.kill()
        if self._lock.acquire(timeout=1.0):
            try:
                self._stop_child(graceful=False)
            finally:
                self._lock.release()

    def __enter__(self) -> SpeechWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals (call with self._lock held)

    def _request(self, message: tuple[Any, ...], timeout: float) -> tuple[Any, ...] | None:
        with self._lock:
            conn = self._start()
            if conn is None:
                self.last_error = self.unavailable_reason or "speech worker closed"
                return None
            try:
                conn.send(message)
                if conn.poll(timeout):
                    reply: tuple[Any, ...] = conn.recv()
                    self._touch()
                    return reply
                self.last_error = f"no answer within {timeout:g} s: speech process restarted"
            except (EOFError, OSError) as exc:
                self.last_error = f"speech process ended ({type(exc).__name__})"
            if not self._closed.is_set():
                log.warning("%s", self.last_error)
            self._stop_child(graceful=False)
            return None

    def _start(self) -> Connection | None:
        if self._closed.is_set() or self.unavailable_reason is not None:
            return None
        if self._conn is not None:
            return self._conn
        try:
            proc, parent_conn = launch(self._target)
        except Exception as exc:
            self.unavailable_reason = f"could not start the speech process: {exc}"
            return None
        self.starts += 1
        self._proc, self._conn = proc, parent_conn
        hello: tuple[Any, ...] | None = None
        try:
            if parent_conn.poll(self._start_timeout):
                hello = parent_conn.recv()
        except (EOFError, OSError):
            hello = None
        if self._closed.is_set():
            self._stop_child(graceful=False)
            return None
        if hello is None or hello[0] != "hello":
            self._stop_child(graceful=False)
            self.unavailable_reason = "the speech process did not start"
        elif not hello[1]:
            self._stop_child(graceful=True)
            self.unavailable_reason = f"the speech engine could not start: {hello[2]}"
        else:
            self._version = str(hello[2])
            if self._memo is not None and len(hello) > 3:
                self._memo.remember(self._version, [str(f) for f in hello[3]])
            return parent_conn
        log.warning("%s", self.unavailable_reason)
        return None

    def _touch(self) -> None:
        """A request was answered: the idle countdown starts again."""
        self._last_used = time.monotonic()
        if self._idle_exit is not None and self._conn is not None and self._idle_timer is None:
            self._arm_idle(self._idle_exit)

    def _arm_idle(self, seconds: float) -> None:
        timer = threading.Timer(seconds, self._idle_check)
        timer.name = "facewell-speech-idle"
        timer.daemon = True
        self._idle_timer = timer
        timer.start()

    def _idle_check(self) -> None:
        """Stop the child if nothing asked for it for ``idle_exit`` seconds."""
        assert self._idle_exit is not None
        if not self._lock.acquire(blocking=False):  # a request is running: look again
            self._idle_timer = None
            if not self._closed.is_set():
                self._arm_idle(self._idle_exit)
            return
        try:
            self._idle_timer = None
            if self._conn is None or self._closed.is_set():
                return
            left = self._last_used + self._idle_exit - time.monotonic()
            if left > 0:
                self._arm_idle(left)
                return
            self.idle_exits += 1
            self._stop_child(graceful=True)
        finally:
            self._lock.release()

    def _stop_child(self, *, graceful: bool) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            if graceful and proc is not None:
                with contextlib.suppress(OSError, ValueError):
                    conn.send(("quit",))
            conn.close()
        if proc is None:
            return
        with contextlib.suppress(ValueError):
            if graceful:
                proc.join(0.5)
            if proc.is_alive():
                proc.terminate()
                proc.join(0.5)
            if proc.is_alive():
                proc.kill()
                proc.join(1.0)
            if not proc.is_alive():
                proc.close()
