"""How cues are spoken: voice, speed and loudness."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VoiceSettings:
    """Calm defaults: a little slower and softer than the engine's own (200 wpm, 1.0)."""

    voice: str | None = None  # engine voice id; None = the engine's default voice
    rate: int = 150  # words per minute
    volume: float = 0.9  # 0.0 .. 1.0
