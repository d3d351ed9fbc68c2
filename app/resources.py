"""Where the built-in routines, sounds and pictures are.

In a source checkout they sit at the top of the repository; in an installed wheel they
travel inside the package as app/_data/ (see pyproject.toml). No Qt here.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_folder(installed: str, checkout: str) -> Path:
    packaged = _PACKAGE / "_data" / installed
    return packaged if packaged.is_dir() else _PACKAGE.parent / checkout


def exercises_dir() -> Path:
    return _data_folder("exercises", "exercises")


def audio_dir() -> Path:
    return _data_folder("audio", "assets/audio")


def images_dir() -> Path:
    return _data_folder("images", "assets/images")


def desktop_dir() -> Path:
    """The launcher, metainfo and icons (freedesktop), for --install-desktop."""
    return _data_folder("desktop", "assets/desktop")
