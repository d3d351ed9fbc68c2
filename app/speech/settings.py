"""How cues are spoken: voice, speed and loudness."""

from __future__ import annotations

from dataclasses import dataclass

from app.speech.defaults import DEFAULT_RATE, DEFAULT_VOLUME


@dataclass(frozen=True)
class VoiceSettings:
    """Calm defaults: a little slower and softer than the engine's own (200 wpm, 1.0)."""

    voice: str | None = None  # engine voice id; None = the engine's default voice
    rate: int = DEFAULT_RATE  # words per minute
    volume: float = DEFAULT_VOLUME  # 0.0 .. 1.0
