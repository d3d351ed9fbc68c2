"""All routines a person can run: the built-ins and their own files, broken ones included.

A broken file is listed with its problems instead of being hidden, so that a person who
hand-edited a routine learns why it is missing, and it never takes the others with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.loader import Problem, RoutineError, load_routine, slugify
from app.core.routine import Routine


@dataclass(frozen=True)
class Entry:
    path: Path
    builtin: bool
    routine: Routine | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.routine is not None

    @property
    def slug(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class Library:
    entries: tuple[Entry, ...]

    @property
    def routines(self) -> list[Routine]:
        return [e.routine for e in self.entries if e.routine is not None]

    @property
    def broken(self) -> list[Entry]:
        return [e for e in self.entries if not e.ok]

    def find(self, query: str) -> Routine | None:
        """By name (any case) or slug; built-ins are looked at first."""
        wanted = query.strip().casefold()
        for routine in sorted(self.routines, key=lambda r: not r.builtin):
            if wanted in (routine.name.casefold(), routine.slug, slugify(routine.name)):
                return routine
        return None

    def closest(self, query: str) -> Routine | None:
        """The routine whose name is nearest ``query`` ("gentle fase" → Gentle face), for
        a "did you mean"; None when nothing is near."""
        import difflib  # only for a name not found: kept out of start-up

        names = {routine.name.casefold(): routine for routine in self.routines}
        near = difflib.get_close_matches(query.strip().casefold(), list(names), n=1, cutoff=0.6)
        return names[near[0]] if near else None


def _load_folder(folder: Path, *, builtin: bool, image_dirs: tuple[Path, ...]) -> list[Entry]:
    if not folder.is_dir():
        return []
    entries: list[Entry] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            routine = load_routine(path, builtin=builtin, image_dirs=image_dirs)
        except RoutineError as exc:
            entries.append(Entry(path, builtin, problems=exc.problems))
        except Exception as exc:  # a bug of ours: it must not hide every other routine
            problem = Problem(str(path), 1, f"cannot be read ({type(exc).__name__}): please report")
            entries.append(Entry(path, builtin, problems=(problem,)))
        else:
            entries.append(Entry(path, builtin, routine=routine))
    return entries


def load_library(builtin_dir: Path, user_dir: Path | None, images: Path) -> Library:
    entries = _load_folder(builtin_dir, builtin=True, image_dirs=(images,))
    if user_dir is not None:
        entries += _load_folder(user_dir, builtin=False, image_dirs=(images,))
    # One order wherever routines are listed (the list, the plan, the reminders): by
    # name, a built-in before a routine of yours with the same name; files that cannot
    # be used last, by file name.
    entries.sort(
        key=lambda e: (
            e.routine is None,
            (e.routine.name if e.routine else e.path.name).casefold(),
            not e.builtin,
        )
    )
    return Library(tuple(entries))
