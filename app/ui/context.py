"""What every page needs from the application, passed in rather than looked up globally."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.services.settings import Settings
from app.services.speech_service import SpeechService
from app.storage.recorder import SessionRecorder


@dataclass
class AppContext:
    data_dir: Path
    settings: Settings
    speech: SpeechService | None
    mute: bool = False
    recorder: SessionRecorder | None = None
