"""Routine files in and out of the app: import one with its checks, export a copy.

An imported file is checked as `facewell check` would check it and copied into the
user's routines folder; a name that clashes with a built-in or an own routine is offered
a new one. The dialogs are the only Qt here; the work is app.core.sharing's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.core.loader import RoutineError
from app.core.routine_doc import RoutineDocument
from app.core.sharing import export_routine, import_routine
from app.paths import ensure_private_dir, routines_dir
from app.resources import exercises_dir, images_dir
from app.ui.context import AppContext

__all__ = ["export_routine_with_dialog", "import_routine_with_dialogs", "is_builtin"]


def import_routine_with_dialogs(
    context: AppContext, parent: QWidget | None = None, src: Path | None = None
) -> Path | None:
    """Ask for a file (unless `src`), check it and copy it in; return the new path or None."""
    if src is None:
        name, _ = QFileDialog.getOpenFileName(
            parent, "Import a routine", str(Path.home()), "Routine files (*.toml)"
        )
        if not name:
            return None
        src = Path(name)
    folder = ensure_private_dir(routines_dir(context.data_dir))
    builtins = _builtin_names()
    try:
        return import_routine(src, folder, image_dirs=(images_dir(),), taken_names=builtins)
    except RoutineError as error:
        lines = "\n".join(f"Line {p.line}: {p.message}" for p in error.problems[:8])
        QMessageBox.information(
            parent,
            "This routine can't be imported",
            f"{src.name} has problems, so nothing was imported:\n\n{lines}",
        )
        return None
    except ValueError as clash:
        answer = QMessageBox.question(
            parent,
            "A routine with this name exists",
            f"{clash}\n\nImport it under the new name?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return import_routine(
            src, folder, rename=True, image_dirs=(images_dir(),), taken_names=builtins
        )


def export_routine_with_dialog(source: Path, parent: QWidget | None = None) -> Path | None:
    """Ask where, then save a copy of ``source`` there; the copy's path, or None."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export a routine", str(Path.home() / source.name), "Routine files (*.toml)"
    )
    if not name:
        return None
    return export_routine(source, Path(name))


def _builtin_names() -> list[str]:
    names: list[str] = []
    for path in exercises_dir().glob("*.toml"):
        try:
            names.append(RoutineDocument.load(path).name)
        except (OSError, RoutineError, UnicodeDecodeError):
            continue
    return names


def is_builtin(path: Path | None) -> bool:
    """Whether ``path`` is one of the routines that ship with the app (opened read-only)."""
    if path is None:
        return False
    try:
        return path.resolve().parent == exercises_dir().resolve()
    except OSError:
        return False
