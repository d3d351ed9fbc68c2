"""Preferences, persisted with QSettings in settings.ini (XDG_CONFIG_HOME/facewell, or
DATA_DIR/settings.ini with --data-dir: app/folders.py).

Keeping the file in the data folder means --data-dir isolates everything, and tests
never touch the real user's preferences.
"""

from __future__ import annotations

import contextlib
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from app.core.condition import Condition, parse_condition
from app.folders import settings_file
from app.paths import create_private_file, kept_mode, make_private_dirs, tighten
from app.speech.defaults import DEFAULT_RATE, DEFAULT_VOLUME

if TYPE_CHECKING:  # the first frame needs the theme from here, not the voice
    from app.speech.settings import VoiceSettings

THEMES = ("dark", "light", "high-contrast", "system")


class Settings:
    def __init__(self, data_dir: Path) -> None:
        self._path = settings_file(data_dir)  # XDG_CONFIG_HOME, or inside a --data-dir
        with contextlib.suppress(OSError):  # a file someone made 0644: now the user's only
            tighten(self._path)
        self._qs = QSettings(str(self._path), QSettings.Format.IniFormat)

    def _get(self, key: str, default: object) -> object:
        return self._qs.value(key, default)

    def _bool(self, key: str, default: bool) -> bool:
        value = self._get(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _number(self, key: str, default: float, low: float, high: float) -> float:
        try:
            value = float(self._get(key, default))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return default
        return min(high, max(low, value))

    def _set(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)
        self._sync()

    def _sync(self) -> None:
        """Write the file, keeping it private.

        QSettings writes a temporary file and renames it over the old one; the new file
        takes the old one's mode, or the umask's 0644 when there was none, and turns a
        read-only 0400 into 0600. So the file is made 0600 first if missing, and its
        mode (less group and other bits) is put back after.
        """
        mode: int | None = None
        with contextlib.suppress(OSError):  # a folder we can't write: QSettings says so
            make_private_dirs(self._path.parent)
            create_private_file(self._path)
            mode = kept_mode(self._path.stat().st_mode)
        self._qs.sync()
        if mode is not None:
            with contextlib.suppress(OSError):
                if stat.S_IMODE(self._path.stat().st_mode) != mode:
                    self._path.chmod(mode)

    # -- sound -----------------------------------------------------------------------

    @property
    def voice_enabled(self) -> bool:
        return self._bool("sound/voice", True)

    @voice_enabled.setter
    def voice_enabled(self, value: bool) -> None:
        self._set("sound/voice", value)

    @property
    def chimes_enabled(self) -> bool:
        return self._bool("sound/chimes", True)

    @chimes_enabled.setter
    def chimes_enabled(self, value: bool) -> None:
        self._set("sound/chimes", value)

    @property
    def voice(self) -> str | None:
        value = self._get("sound/voice_id", "")
        return str(value) if value else None

    @voice.setter
    def voice(self, value: str | None) -> None:
        self._set("sound/voice_id", value or "")

    @property
    def rate(self) -> int:
        return int(self._number("sound/rate", DEFAULT_RATE, 80, 260))

    @rate.setter
    def rate(self, value: int) -> None:
        self._set("sound/rate", int(value))

    @property
    def volume(self) -> float:
        return self._number("sound/volume", DEFAULT_VOLUME, 0.0, 1.0)

    @volume.setter
    def volume(self, value: float) -> None:
        self._set("sound/volume", float(value))

    def voice_settings(self) -> VoiceSettings:
        from app.speech.settings import VoiceSettings

        return VoiceSettings(voice=self.voice, rate=self.rate)

    # -- look ------------------------------------------------------------------------

    @property
    def theme(self) -> str:
        value = str(self._get("look/theme", "dark"))
        return value if value in THEMES else "dark"

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("look/theme", value if value in THEMES else "dark")

    @property
    def text_scale(self) -> float:
        return self._number("look/text_scale", 1.0, 0.8, 2.0)

    @text_scale.setter
    def text_scale(self, value: float) -> None:
        self._set("look/text_scale", float(value))

    @property
    def lead_in(self) -> bool:
        return self._bool("routine/lead_in", True)

    @lead_in.setter
    def lead_in(self, value: bool) -> None:
        self._set("routine/lead_in", value)

    @property
    def ask_severity_before(self) -> bool:
        """Ask how strong the spasms are before each routine (off by default)."""
        return self._bool("routine/ask_before", False)

    @ask_severity_before.setter
    def ask_severity_before(self, value: bool) -> None:
        self._set("routine/ask_before", value)

    @property
    def disclaimer_seen(self) -> bool:
        return self._bool("app/disclaimer_seen", False)

    @disclaimer_seen.setter
    def disclaimer_seen(self, value: bool) -> None:
        self._set("app/disclaimer_seen", value)

    # -- profile -----------------------------------------------------------------------

    @property
    def condition(self) -> Condition | None:
        """The person's condition, or None: not told (skipped, or not asked yet)."""
        return parse_condition(self._get("profile/condition", ""))

    @condition.setter
    def condition(self, value: Condition | None) -> None:
        """Saving a condition, or None, also marks the question as answered."""
        self._qs.setValue("profile/condition", "" if value is None else str(value))
        self._set("profile/asked", True)

    @property
    def condition_asked(self) -> bool:
        """Whether the one-time question was answered or skipped: it is not asked again."""
        return self._bool("profile/asked", False)

    @condition_asked.setter
    def condition_asked(self, value: bool) -> None:
        self._set("profile/asked", value)
