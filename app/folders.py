"""Which XDG folder holds what, and the one-time move of an older install. No Qt here.

With the default data folder, Facewell follows the XDG Base Directory spec:
settings.ini under XDG_CONFIG_HOME/facewell, the rendered speech under
XDG_CACHE_HOME/facewell/speech (safe to delete), and the history, own routines, plan and
reminders stay under XDG_DATA_HOME/facewell. With --data-dir everything stays inside
that one folder, as before, so a test or a second person's folder stays isolated.

Before this, settings and the speech cache lived in the data folder: they are moved
once, never over a file already at the new place, so nothing is overwritten and nothing
is lost (docs/desktop.md, "XDG folders").
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

import platformdirs

from app.paths import APP_NAME, SETTINGS_FILE, SPEECH_CACHE, default_data_dir, make_private_dirs

CARDS_CACHE = "routine-cards.json"

__all__ = [
    "cache_dir",
    "cards_file",
    "config_dir",
    "is_default",
    "move_once",
    "settings_file",
    "speech_dir",
    "theme_pictures_dir",
]


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=True))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def is_default(data_dir: Path) -> bool:
    """True for the platform's data folder (no --data-dir, or --data-dir naming it)."""
    try:
        return data_dir.resolve() == default_data_dir().resolve()
    except OSError:
        return False


def settings_file(data_dir: Path) -> Path:
    """settings.ini: in XDG_CONFIG_HOME for the default data folder (the old place while
    a move could not be made yet), inside ``data_dir`` otherwise."""
    old = data_dir / SETTINGS_FILE
    if not is_default(data_dir):
        return old
    new = config_dir() / SETTINGS_FILE
    if not new.exists() and old.exists():
        return old  # not moved (a read-only folder, say): keep using it, lose nothing
    return new


def _cache_of(data_dir: Path) -> Path:
    """Where the caches of ``data_dir`` go: XDG_CACHE_HOME/facewell for the default data
    folder, ``data_dir``/cache otherwise."""
    return cache_dir() if is_default(data_dir) else data_dir / SPEECH_CACHE[0]


def speech_dir(data_dir: Path) -> Path:
    """The rendered speech."""
    return _cache_of(data_dir) / SPEECH_CACHE[1]


def cards_file(data_dir: Path) -> Path:
    """The words of the routine cards, cached for the first frame (app/core/card_words.py)."""
    return _cache_of(data_dir) / CARDS_CACHE


def theme_pictures_dir(data_dir: Path) -> Path:
    """The style sheet's arrow and check-box pictures (app/ui/theme.py)."""
    return _cache_of(data_dir) / "theme"


def move_once(data_dir: Path) -> list[str]:
    """Move an older install's settings and speech cache to their XDG folders; return
    what could not be moved, in plain words (nothing was lost: the old files stay)."""
    if not is_default(data_dir):
        return []
    problems = []
    moves = [
        (data_dir / SETTINGS_FILE, config_dir() / SETTINGS_FILE),
        (data_dir.joinpath(*SPEECH_CACHE), cache_dir() / "speech"),
    ]
    for old, new in moves:
        if not old.exists() or new.exists():
            continue  # nothing to move, or moved already: the new one is never replaced
        try:
            _move(old, new)
        except OSError as exc:
            why = exc.strerror or exc
            problems.append(f"{old} stays where it is: it could not be moved to {new} ({why}).")
    old_cache = data_dir / SPEECH_CACHE[0]
    with contextlib.suppress(OSError):
        if old_cache.is_dir() and not any(old_cache.iterdir()):
            old_cache.rmdir()
    return problems


def _move(old: Path, new: Path) -> None:
    """``old`` to ``new``, never over something at ``new``: a rename on one file system,
    else a copy beside ``new`` that is renamed into place before ``old`` goes."""
    make_private_dirs(new.parent)
    if old.is_file():
        try:
            os.link(old, new)  # fails if new exists: two Facewells at once can't clash
        except OSError as exc:
            if exc.errno != errno.EXDEV:  # another file system
                raise
            temp = Path(tempfile.mkdtemp(dir=new.parent)) / new.name
            shutil.copy2(old, temp)
            os.link(temp, new)
            shutil.rmtree(temp.parent)
        old.unlink()
        return
    try:
        old.rename(new)  # a folder: rename refuses a non-empty one in the way
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        temp = Path(tempfile.mkdtemp(dir=new.parent))
        shutil.copytree(old, temp / "copy")
        (temp / "copy").rename(new)
        temp.rmdir()
        shutil.rmtree(old)
