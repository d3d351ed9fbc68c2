"""On-disk cache of rendered cues: one WAV per (text, voice, rate, engine).

The volume is not part of the key: renders are all at one loudness, and the volume
setting is applied when a cue plays.
"""

from __future__ import annotations

import contextlib
import json
import time
import wave
from pathlib import Path

from app.digest import sha256
from app.paths import ensure_private_dir
from app.speech.settings import VoiceSettings

_KEY_FORMAT = 2  # bump when the key or the processing changes, to orphan old entries
# 2: no volume in the key; renders trimmed to their words and brought to -20 LUFS.

#: A render's temporary file older than this was left by a worker that was killed.
LEFTOVER_AGE_SECONDS = 600.0


def is_valid_wav(path: Path) -> bool:
    """True when `path` is a complete, readable WAV with at least one audio frame."""
    try:
        if not path.is_file():
            return False
        size = path.stat().st_size
        with wave.open(str(path), "rb") as wav:
            frames = wav.getnframes()
            frame_bytes = wav.getsampwidth() * wav.getnchannels()
    except (OSError, EOFError, wave.Error):
        return False
    # The header can be written before the data: a file cut short is not valid.
    return frames > 0 and size >= 44 + frames * frame_bytes


def wav_seconds(path: Path) -> float:
    """How long a WAV plays, from its header; 0.0 when it can't be read."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() / wav.getframerate()
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        return 0.0


class RenderedSpeech(dict[str, Path]):
    """Text -> its WAV, and in ``seconds`` how long each one plays: the timeline is
    compiled with these (app/core/timeline.py), so it knows how long the words take."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds: dict[str, float] = {}

    def add(self, text: str, path: Path) -> None:
        self[text] = path
        self.seconds[text] = wav_seconds(path)


def cache_key(text: str, settings: VoiceSettings, engine_version: str) -> str:
    canonical = json.dumps(
        {
            "format": _KEY_FORMAT,
            "text": text,
            "voice": settings.voice,
            "rate": settings.rate,
            "engine": engine_version,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return sha256(canonical.encode("utf-8")).hexdigest()


class SpeechCache:
    """Files live at folder/ab/abcdef….wav; the folder is private to the user (0700)."""

    def __init__(self, folder: Path) -> None:
        self.folder = ensure_private_dir(folder)

    def path_for(self, text: str, settings: VoiceSettings, engine_version: str) -> Path:
        key = cache_key(text, settings, engine_version)
        return self.folder / key[:2] / f"{key}.wav"

    def get(self, text: str, settings: VoiceSettings, engine_version: str) -> Path | None:
        path = self.path_for(text, settings, engine_version)
        return path if is_valid_wav(path) else None

    def sweep_leftovers(self, now: float | None = None) -> int:
        """Delete the hidden `.tmp` files of renders that never finished; return how many.

        A worker killed mid-render (it hung, or the app was) leaves one behind. Files
        younger than LEFTOVER_AGE_SECONDS may belong to a render under way, perhaps in
        a second copy of the app, and are kept. Rendered cues are never touched.
        """
        cutoff = (time.time() if now is None else now) - LEFTOVER_AGE_SECONDS
        removed = 0
        for leftover in self.folder.glob("*/.*.tmp"):
            with contextlib.suppress(OSError):  # gone already, or not ours to delete
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()
                    removed += 1
        return removed
