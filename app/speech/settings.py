"""How cues are spoken: the voice and its speed.

Loudness is not here: every render is brought to one loudness (app/speech/loudness.py)
and the person's volume is applied once, when a cue plays.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.speech.defaults import DEFAULT_RATE


@dataclass(frozen=True)
class VoiceSettings:
    """Calm defaults: a little slower than the engine's own 200 wpm."""

    voice: str | None = None  # engine voice id; None = the engine's default voice
    rate: int = DEFAULT_RATE  # words per minute
