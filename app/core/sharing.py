"""Share routines: import a routine file someone gave you, export one of yours.

An imported file is checked first, exactly as `facewell check` would check it in your
routines folder, and it never replaces anything you already have: a file of the same
name gets a new name ("plan-2.toml"), and a routine of the same name is refused unless
you ask to import it renamed ("Plan (imported)").
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.core.files import UnreadableFileError, read_bounded_text
from app.core.loader import MAX_FILE_BYTES, Problem, RoutineError, parse_routine
from app.core.routine_doc import RoutineDocument, atomic_write, unique_path
from app.core.toml_guard import TomlError, load_toml

__all__ = ["export_routine", "import_routine", "routine_names"]

IMPORTED_SUFFIX = " (imported)"


def routine_names(folder: Path) -> set[str]:
    """Names (case-folded) of the routines in `folder`, broken files skipped."""
    names: set[str] = set()
    if not folder.is_dir():
        return names
    for path in folder.glob("*.toml"):
        try:
            data = load_toml(read_bounded_text(path, MAX_FILE_BYTES))
        except (UnreadableFileError, TomlError):
            continue
        name = data.get("name")
        if isinstance(name, str) and name.strip():
            names.add(name.strip().casefold())
    return names


def import_routine(
    src: Path,
    dest_folder: Path,
    *,
    rename: bool = False,
    image_dirs: tuple[Path, ...] = (),
    taken_names: Iterable[str] = (),
) -> Path:
    """Copy a valid routine file into `dest_folder`; return the new file's path.

    Raises RoutineError (with every problem) for a file that is not a valid routine, and
    ValueError with a plain sentence when a routine of that name exists already in
    `dest_folder` (or in `taken_names`, such as the built-ins) and `rename` is False.
    With `rename`, the copy is named "NAME (imported)" (then "NAME (imported 2)"...).
    Comments in the file are kept; no existing file is ever overwritten.
    """
    label = str(src)
    try:
        text = read_bounded_text(src, MAX_FILE_BYTES)  # verbatim: no newline translation
    except UnreadableFileError as exc:
        raise RoutineError([Problem(label, 1, exc.reason)]) from None
    # Checked where it will live: pictures must be found from the routines folder.
    routine = parse_routine(text, label, image_dirs=(dest_folder, *image_dirs))
    taken = routine_names(dest_folder) | {name.strip().casefold() for name in taken_names}
    name = routine.name
    if name.casefold() in taken:
        if not rename:
            raise ValueError(
                f'You already have a routine called "{name}". '
                f'Import it as "{name}{IMPORTED_SUFFIX}" to keep both.'
            )
        number = 1
        while True:
            suffix = IMPORTED_SUFFIX if number == 1 else f" (imported {number})"
            name = f"{routine.name}{suffix}"
            if name.casefold() not in taken:
                break
            number += 1
        document = RoutineDocument.from_text(text, label)
        document.name = name
        text = document.text()
    dest = unique_path(dest_folder, name)
    atomic_write(dest, text, mode=0o600)
    return dest


def export_routine(src: Path, dest: Path) -> Path:
    """Copy a routine file's text verbatim to `dest` (a file, or a folder to put it in)."""
    if dest.is_dir():
        dest = dest / src.name
    text = src.read_bytes().decode("utf-8")  # verbatim: no newline translation
    atomic_write(dest, text, mode=0o644)
    return dest
