"""The user's data folder: history, own routines, speech cache. No Qt here.

Default: the platform's app-data folder (XDG_DATA_HOME/facewell on Linux); every
command takes --data-dir to use another. Folders are created readable by the user only.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "facewell"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) as 0700; tighten it if we created it looser."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def routines_dir(data_dir: Path) -> Path:
    return data_dir / "routines"
