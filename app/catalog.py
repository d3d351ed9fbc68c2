"""The routine library of this installation and this person: built-ins plus DATA_DIR/routines."""

from __future__ import annotations

from pathlib import Path

from app.core.library import Library, load_library
from app.paths import routines_dir
from app.resources import exercises_dir, images_dir


def library_for(data_dir: Path) -> Library:
    return load_library(exercises_dir(), routines_dir(data_dir), images_dir())
