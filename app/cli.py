"""Command line: the GUI by default, plus list, check and run.

Qt is imported only by the commands that need it, so `facewell check` and
`facewell list` stay quick and work on a machine without a display.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.core.durations import format_duration
from app.core.library import Entry, Library, load_library
from app.core.loader import Problem, RoutineError, load_routine
from app.core.routine import Routine
from app.paths import default_data_dir, routines_dir
from app.resources import exercises_dir, images_dir


def build_parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before or after the command; SUPPRESS keeps a command's
    # parser from overwriting a value given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="folder for history, settings and your own routines (default: the app-data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="facewell",
        description="Guided self-care for facial spasms. Without a command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"facewell {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser(
        "list", parents=[common], help="list built-in and your own routines"
    )
    listing.add_argument("--json", action="store_true", help="print JSON")

    check = commands.add_parser(
        "check", parents=[common], help="validate routine files (FILE:LINE: message on errors)"
    )
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")

    run = commands.add_parser(
        "run", parents=[common], help="run a routine: its name, slug or a .toml file"
    )
    run.add_argument("routine", metavar="ROUTINE")
    run.add_argument("--no-gui", action="store_true", help="run in this terminal")
    run.add_argument("--mute", action="store_true", help="no voice and no chimes")
    run.add_argument(
        "--trace", type=Path, metavar="FILE", help="write each event as JSON Lines to FILE"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir: Path = getattr(args, "data_dir", None) or default_data_dir()
    match args.command:
        case "list":
            return cmd_list(data_dir, as_json=args.json)
        case "check":
            return cmd_check(args.files)
        case "run":
            code = cmd_run(
                data_dir, args.routine, no_gui=args.no_gui, mute=args.mute, trace=args.trace
            )
            return _exit_now(code) if code == 0 or code == 130 else code
        case _:
            from app.gui import run_gui

            return _exit_now(run_gui(data_dir))


def _exit_now(code: int) -> int:
    """Leave without interpreter finalization once a Qt event loop has run.

    WORKAROUND: PySide6 6.12 can abort in the garbage collector at exit ("bool_dealloc")
    after QtMultimedia has played sounds. Everything worth keeping (trace, settings,
    history) is closed and synced before this point, so nothing is lost by skipping it.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def library_for(data_dir: Path) -> Library:
    return load_library(exercises_dir(), routines_dir(data_dir), images_dir())


def _entry_json(entry: Entry) -> dict[str, Any]:
    if entry.routine is None:
        return {
            "valid": False,
            "path": str(entry.path),
            "builtin": entry.builtin,
            "name": entry.path.stem,
            "errors": [str(p) for p in entry.problems],
        }
    routine = entry.routine
    return {
        "valid": True,
        "name": routine.name,
        "slug": routine.slug,
        "category": str(routine.category),
        "seconds": routine.total_seconds,
        "length": format_duration(routine.total_seconds),
        "steps": len(routine.steps),
        "summary": routine.summary,
        "tags": list(routine.tags),
        "builtin": entry.builtin,
        "path": str(entry.path),
    }


def cmd_list(data_dir: Path, *, as_json: bool) -> int:
    library = library_for(data_dir)
    if as_json:
        print(json.dumps([_entry_json(e) for e in library.entries], indent=2))
        return 0
    rows = [
        (
            e.routine.name,
            str(e.routine.category),
            format_duration(e.routine.total_seconds),
            "built-in" if e.builtin else "yours",
        )
        for e in library.entries
        if e.routine is not None
    ]
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
    for entry in library.broken:
        print(f"\n{entry.path} cannot be used:")
        for problem in entry.problems:
            print(f"  line {problem.line}: {problem.message}")
    return 0


def cmd_check(files: Sequence[Path]) -> int:
    problems: list[Problem] = []
    for path in files:
        try:
            load_routine(path, image_dirs=(images_dir(),))
        except RoutineError as exc:
            problems.extend(exc.problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        count = len(files)
        print(f"{count} routine file{'s' if count != 1 else ''} OK")
    return 1 if problems else 0


def resolve_routine(data_dir: Path, query: str) -> Routine:
    """A built-in or user routine by name or slug, or a routine file by path."""
    path = Path(query)
    if path.suffix == ".toml" or path.is_file():
        return load_routine(path, image_dirs=(images_dir(),))
    routine = library_for(data_dir).find(query)
    if routine is None:
        raise LookupError(f"no routine called {query!r}; `facewell list` shows them all")
    return routine


def cmd_run(data_dir: Path, query: str, *, no_gui: bool, mute: bool, trace: Path | None) -> int:
    try:
        routine = resolve_routine(data_dir, query)
    except RoutineError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except LookupError as exc:
        print(f"facewell: {exc.args[0]}", file=sys.stderr)
        return 2
    if no_gui:
        from app.terminal import run_terminal

        return run_terminal(routine, data_dir, mute=mute, trace=trace)
    from app.gui import run_gui

    return run_gui(data_dir, routine=routine, mute=mute, trace=trace)


if __name__ == "__main__":
    sys.exit(main())
