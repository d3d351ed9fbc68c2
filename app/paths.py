"""The user's data folder: history, own routines, speech cache. No Qt here.

Default: the platform's app-data folder (XDG_DATA_HOME/facewell on Linux); every
command takes --data-dir to use another. Folders are created readable by the user only.

The mode rule (docs/architecture.md, "File modes"): a folder or file the app creates
gets 0700 or 0600; one that was already there may only lose its group and other bits,
never gain a bit, so a folder the user made read-only stays read-only.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "facewell"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def kept_mode(mode: int, wanted: int = PRIVATE_FILE) -> int:
    """What an existing file's permission bits become: the owner's as they are, group
    and other only where both `mode` and `wanted` have them."""
    bits = stat.S_IMODE(mode)
    return (bits & ~0o777) | (bits & 0o700) | (bits & wanted & 0o077)


def tighten(path: Path, wanted: int = PRIVATE_FILE) -> None:
    """Take off the group and other bits `wanted` lacks; never add a bit.

    By path, so a database is never opened here. Only regular files and folders of
    this user are touched: never a device (``--trace /dev/stdout``), never someone
    else's file. Raises OSError (FileNotFoundError when `path` is gone).
    """
    if os.name != "posix":
        return
    info = path.stat()
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        return
    if info.st_uid != os.geteuid():
        return
    mode = kept_mode(info.st_mode, wanted)
    if mode != stat.S_IMODE(info.st_mode):
        path.chmod(mode)


def create_private_file(path: Path) -> bool:
    """Create `path` empty as 0600 unless something is there; True if this call made it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(fd)
    if os.name == "posix":
        path.chmod(PRIVATE_FILE)  # the umask may have taken bits off
    return True


def private_file(path: Path) -> None:
    """`path` exists and is private: made empty as 0600, or an existing one tightened."""
    if not create_private_file(path):
        tighten(path)


def make_private_dirs(path: Path) -> list[Path]:
    """Create the missing folders of `path`, parents first, each 0700 whatever the
    umask; return them. Folders already there are left as they are. Raises OSError
    (FileExistsError or NotADirectoryError when a file is in the way)."""
    missing: list[Path] = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    made: list[Path] = []
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            if folder.is_dir():
                continue  # made meanwhile by someone else: theirs, not ours to set
            raise
        if os.name == "posix":
            folder.chmod(PRIVATE_DIR)
        made.append(folder)
    return made


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) as 0700; a folder already there only loses its
    group and other bits (a read-only folder stays read-only)."""
    if not make_private_dirs(path):
        tighten(path, PRIVATE_DIR)
    return path


# -- what lives in the data folder, named once ----------------------------------------

HISTORY_FILE = "history.sqlite3"
HISTORY_LOCK = "history.lock"
"""Held by the process that records (app/storage/owner.py)."""
BACKUPS_DIR = "backups"
PENDING_DIR = "pending"
"""Sessions that could not reach the history before their process ended."""
SETTINGS_FILE = "settings.ini"
PLAN_FILE = "plan.json"
REMINDERS_FILE = "reminders.json"
ROUTINES_DIR = "routines"
SPEECH_CACHE = ("cache", "speech")
VOICES_DIR = "voices"
"""Piper voices the person adds (NAME.onnx + NAME.onnx.json): docs/voices.md."""


def routines_dir(data_dir: Path) -> Path:
    """The person's own routines."""
    return data_dir / ROUTINES_DIR


def speech_cache_dir(data_dir: Path) -> Path:
    """Rendered spoken cues, kept so a routine is not rendered twice: XDG_CACHE_HOME
    for the default data folder, inside a --data-dir one (app/folders.py)."""
    from app.folders import speech_dir

    return speech_dir(data_dir)


def voices_dir(data_dir: Path) -> Path:
    """Natural (Piper) voices the person added; read only, never made by the app."""
    return data_dir / VOICES_DIR
