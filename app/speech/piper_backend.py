"""The natural voice: Piper (ONNX Runtime) behind the same backend protocol as pyttsx3.

It runs in a speech process of its own (app.speech.worker.serve), never beside the
pyttsx3 engine: a model takes ~1 s and ~100 MB to load, and a failure there must not
take the system voice with it. Inference uses one thread, and the process runs at a
lower priority, so a core stays free for the window. The network is closed to the
process before Piper is imported (app.speech.offline).

Renders are deterministic in length: the phoneme-length noise (noise_w) is fixed at
0, so a cached render's length is the length of any later render of the same text
(measured: 3.204 s on every render, against 3.30-3.32 s with Piper's default noise).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import wave
from importlib import metadata
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from app.speech.defaults import DEFAULT_RATE
from app.speech.offline import forbid_network
from app.speech.settings import VoiceSettings
from app.speech.voices import VoiceInfo, find_voice, piper_voices

__all__ = [
    "LENGTH_AT_DEFAULT_RATE",
    "PiperBackend",
    "length_scale",
    "piper_child_main",
    "remove_empty_leftovers",
]

LENGTH_AT_DEFAULT_RATE = 1.4
"""Piper's length scale that matches eSpeak NG at DEFAULT_RATE: measured on a 23-word
cue, eSpeak NG at 150 wpm took 7.49 s, Joe at length 1.0 5.91 s and at 1.4 7.46 s. So
a rate means the same pace in either voice, and routines timed for one suit the other."""
NOISE_W = 0.0
"""Phoneme-length noise off: the same text always takes the same time."""
NICENESS = 10
_LEFTOVER = "facewell-piper-*"


def length_scale(rate: int) -> float:
    """Words per minute -> Piper's length scale (longer is slower), kept sane."""
    scale = LENGTH_AT_DEFAULT_RATE * DEFAULT_RATE / max(1, rate)
    return round(min(3.0, max(0.5, scale)), 4)


class PiperBackend:
    """The child's Piper engine: voices are loaded on first use and kept."""

    def __init__(self, voices_dir: Path | None = None) -> None:
        # Imported here: only this child loads ONNX Runtime; a missing extra or a broken
        # install fails the hello, and the parent falls back to the system voice.
        import onnxruntime  # noqa: F401
        from piper.voice import PiperVoice  # noqa: F401

        self._voices_dir = voices_dir
        self._catalogue = piper_voices(voices_dir)
        self._loaded: dict[str, Any] = {}
        self._broken: dict[str, str] = {}

    def version(self) -> str:
        try:
            return f"piper-tts-{metadata.version('piper-tts')}"
        except metadata.PackageNotFoundError:
            return "piper-tts-unknown"

    def voices(self) -> list[tuple[str, str, str]]:
        return [(v.id, v.name, v.language) for v in self._catalogue]

    def sources(self) -> list[str]:
        """The files the version depends on (app/speech/engine_memo.py)."""
        import onnxruntime
        import piper

        return [str(piper.__file__), str(onnxruntime.__file__)]

    def _voice(self, voice_id: str | None) -> Any:
        info = find_voice(self._catalogue, voice_id) if voice_id else None
        if info is None and not voice_id and self._catalogue:
            info = self._catalogue[0]
        if info is None or info.model is None:
            raise LookupError(f"no natural voice {voice_id!r}")
        if info.id in self._broken:  # said once: don't load a broken model again
            raise RuntimeError(self._broken[info.id])
        if info.id not in self._loaded:
            try:
                self._loaded[info.id] = _load(info)
            except Exception as exc:
                self._broken[info.id] = f"the voice file {info.model.name} can't be used: {exc}"
                raise RuntimeError(self._broken[info.id]) from exc
        return self._loaded[info.id]

    def render(self, text: str, settings: VoiceSettings, path: Path) -> None:
        """Write ``text`` to ``path`` as a mono 16-bit WAV (synchronously)."""
        from piper.config import SynthesisConfig

        voice = self._voice(settings.voice)
        config = SynthesisConfig(length_scale=length_scale(settings.rate), noise_w_scale=NOISE_W)
        with wave.open(str(path), "wb") as wav:
            voice.synthesize_wav(text, wav, syn_config=config)


def _load(info: VoiceInfo) -> Any:
    """The model in a one-thread ONNX Runtime session (PiperVoice.load can't be told)."""
    import onnxruntime
    from piper.config import PiperConfig
    from piper.voice import PiperVoice

    assert info.model is not None and info.config is not None
    config = json.loads(info.config.read_text(encoding="utf-8"))
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(info.model), sess_options=options, providers=["CPUExecutionProvider"]
    )
    # download_dir is where Piper would fetch extra resources for some languages (the
    # g2pW model of Chinese voices). The network is closed, so nothing is ever fetched:
    # the voice's own folder, which exists already. (It was a new empty folder in /tmp
    # for each voice loaded, never removed: hundreds of them after a few weeks.)
    return PiperVoice(
        config=PiperConfig.from_dict(config), session=session, download_dir=info.model.parent
    )


def remove_empty_leftovers(folder: Path | None = None) -> int:
    """Remove the empty ``facewell-piper-*`` folders earlier versions left in the
    temporary folder; only the user's own and only empty ones (rmdir refuses any other).
    Returns how many went."""
    where = Path(folder or tempfile.gettempdir())
    uid = os.getuid() if hasattr(os, "getuid") else None  # a per-user folder elsewhere
    removed = 0
    try:
        found = list(where.glob(_LEFTOVER))
    except OSError:
        return 0
    for path in found:
        try:
            if path.is_symlink() or (uid is not None and path.lstat().st_uid != uid):
                continue
            path.rmdir()
        except OSError:
            continue  # not empty, not ours, or gone already: left as it is
        removed += 1
    return removed


def piper_child_main(conn: Connection, voices_dir: str | None = None) -> None:
    """The natural voice's speech process."""
    from app.speech.worker import serve

    forbid_network()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(NICENESS)
    folder = Path(voices_dir) if voices_dir else None
    remove_empty_leftovers()  # in the background process, at its low priority
    serve(conn, lambda: PiperBackend(folder))
