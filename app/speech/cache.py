"""On-disk cache of rendered cues: one WAV per (text, voice, rate, volume, engine)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
import wave
from pathlib import Path

from app.paths import ensure_private_dir
from app.speech.settings import VoiceSettings

_KEY_FORMAT = 1  # bump when the key layout changes, to orphan old entries

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


def cache_key(text: str, settings: VoiceSettings, engine_version: str) -> str:
    canonical = json.dumps(
        {
            "format": _KEY_FORMAT,
            "text": text,
            "voice": settings.voice,
            "rate": settings.rate,
            "volume": settings.volume,
            "engine": engine_version,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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
