"""What every page needs from the application, passed in rather than looked up globally."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.services.settings import Settings

if TYPE_CHECKING:  # kept out of start-up: these load multiprocessing and sqlite3
    from app.services.speech_service import SpeechService
    from app.storage.recorder import SessionRecorder


@dataclass
class AppContext:
    data_dir: Path
    settings: Settings
    speech: SpeechService | None
    mute: bool = False
    recorder: SessionRecorder | None = None
