"""`facewell voices`: every voice, which one speaks by default, and its licence.

No Qt. The system voices come from the speech process (eSpeak NG through pyttsx3), so
this takes about a second; the natural voices are read from disk.
"""

from __future__ import annotations

import json
import locale
from pathlib import Path

from app.paths import voices_dir
from app.speech.engines import VoiceRouter
from app.speech.settings import VoiceSettings
from app.speech.voices import NATURAL, VoiceInfo, language_first

__all__ = ["cmd_voices"]


def _locale() -> str:
    name = locale.getlocale(locale.LC_MESSAGES)[0] if hasattr(locale, "LC_MESSAGES") else None
    return name or "en_US"


def listing(router: VoiceRouter, where: str) -> tuple[list[VoiceInfo], str | None]:
    """The voices, natural first and the person's language first in each group, and
    the id of the voice that speaks when none is chosen (None: the system default)."""
    voices = router.voices()
    ordered = [
        *language_first([v for v in voices if v.engine == NATURAL], where),
        *language_first([v for v in voices if v.engine != NATURAL], where),
    ]
    return ordered, router.resolve(VoiceSettings()).voice


def cmd_voices(data_dir: Path, *, as_json: bool) -> int:
    router = VoiceRouter(voices_dir(data_dir))
    try:
        voices, default = listing(router, _locale())
    finally:
        router.close()
    if as_json:
        rows = [{**v.as_json(), "default": v.id == default} for v in voices]
        print(json.dumps({"voices": rows, "folder": str(voices_dir(data_dir))}, indent=2))
        return 0
    if not voices:
        print("No voices: install espeak-ng, or 'facewell[natural-voice]' for a natural one.")
        return 1
    for voice in voices:
        mark = "*" if voice.id == default else " "
        kind = "natural" if voice.engine == NATURAL else "system"
        print(f"{mark} {voice.id:32} {kind:8} {voice.language:8} {voice.name}")
        print(f"  {'':32} licence: {voice.licence}")
    print(f"\n* speaks by default. Add Piper voices to {voices_dir(data_dir)}")
    return 0
