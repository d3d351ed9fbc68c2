"""What every page needs from the application, passed in rather than looked up globally."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.clock import Clock, boottime, monotonic
from app.services.settings import Settings

if TYPE_CHECKING:  # kept out of start-up: these load multiprocessing and sqlite3
    from app.services.speech_service import SpeechService
    from app.storage.recorder import SessionRecorder


class AppContext:
    """A plain class, not a dataclass: the first frame does not wait for `dataclasses`.

    The speech service and the recorder are filled in once the window is on screen.
    """

    def __init__(
        self,
        data_dir: Path,
        settings: Settings,
        speech: SpeechService | None,
        mute: bool = False,
        recorder: SessionRecorder | None = None,
        clock: Clock = monotonic,
        boot_clock: Clock = boottime,
    ) -> None:
        self.data_dir = data_dir
        self.settings = settings
        self.speech = speech
        self.mute = mute
        self.recorder = recorder
        self.clock = clock
        """Routines run on this clock (it pauses while the machine sleeps)."""
        self.boot_clock = boot_clock
        """Compress timers run on this one (it counts through a suspend)."""
