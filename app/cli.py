"""Command line: the GUI by default, plus list, check, run, history, import, report, voices.

Qt is imported only by the commands that need it, so `facewell check`, `facewell list`,
`facewell history` and `facewell import` stay quick and work on a machine without a
display; `facewell report` draws its PDF with Qt, offscreen.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.core.words import counted
from app.launch import resume_collector
from app.paths import default_data_dir

# The routine parser and its dependencies are imported by the commands that use them:
# opening the window must not wait for them (see docs/benchmarks.md, start-up).

if TYPE_CHECKING:
    from app.core.library import Entry
    from app.core.routine import Routine
    from app.storage.history import History


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The parser; without ``commands``, only the options that open the window.

    --data-dir is accepted before or after the command; SUPPRESS keeps a command's
    parser from overwriting a value given before the command.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=str,  # Path("") would be the current folder: main() refuses an empty name
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
    from app.desktop.options import add_desktop_options

    add_desktop_options(parser)
    if not commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = subparsers.add_parser(
        "list", parents=[common], help="list built-in and your own routines"
    )
    listing.add_argument("--json", action="store_true", help="print JSON")

    check = subparsers.add_parser(
        "check", parents=[common], help="validate routine files (FILE:LINE: message on errors)"
    )
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")

    run = subparsers.add_parser(
        "run", parents=[common], help="run a routine: its name, slug or a .toml file"
    )
    run.add_argument("routine", metavar="ROUTINE")
    run.add_argument("--no-gui", action="store_true", help="run in this terminal")
    run.add_argument("--mute", action="store_true", help="no voice and no chimes")
    run.add_argument(
        "--trace", type=Path, metavar="FILE", help="write each event as JSON Lines to FILE"
    )

    timeline = subparsers.add_parser(
        "timeline",
        parents=[common],
        help="print a routine's timeline as it will play (its speech rendered)",
        description="Render the routine's speech with the real voice and print the "
        "timeline it plays: when each phase starts and each line is said, and how long.",
    )
    timeline.add_argument("routine", metavar="ROUTINE")
    timeline.add_argument(
        "--rate", type=_speaking_rate, default=None, metavar="WPM", help="words per minute"
    )
    timeline.add_argument("--json", action="store_true", help="print JSON")

    history = subparsers.add_parser(
        "history",
        parents=[common],
        help="export your history: --json, --csv [PATH] or --stats [--json]",
        description="Print or export all your sessions and journal entries. Without an "
        "option, prints a short summary.",
    )
    history.add_argument(
        "--json", action="store_true", help="print everything as JSON (the import format)"
    )
    history.add_argument(
        "--csv",
        nargs="?",
        const="-",
        metavar="PATH",
        help="CSV of sessions and journal: one table on stdout (no PATH or -) or in the "
        "file PATH; sessions.csv and journal.csv when PATH is a folder",
    )
    history.add_argument(
        "--stats", action="store_true", help="totals, this week, this month and streaks"
    )

    importing = subparsers.add_parser(
        "import",
        parents=[common],
        help="add sessions and journal entries from a `history --json` file",
    )
    importing.add_argument("file", type=Path, metavar="FILE.json")

    from app.cli_cycles import add_parsers

    add_parsers(subparsers, common)
    report = subparsers.add_parser(
        "report", parents=[common], help="write a PDF report for your doctor"
    )
    report.add_argument("--pdf", type=Path, required=True, metavar="FILE", help="the PDF to write")
    report.add_argument(
        "--days",
        type=_positive_days,
        default=90,
        metavar="N",
        help="the period: the last N days, today included (default: 90)",
    )
    voices = subparsers.add_parser(
        "voices", parents=[common], help="list the voices: natural (Piper) and system"
    )
    voices.add_argument("--json", action="store_true", help="print JSON")
    return parser


def window_defaults() -> argparse.Namespace:
    """``build_parser(commands=False).parse_args([])``, without building the parser
    (some 3 ms of the window's first frame; tests/test_cli.py keeps the two alike)."""
    return argparse.Namespace(
        command=None, install_desktop=False, uninstall_desktop=False, hidden=False, open=None
    )


def _may_name_a_command(arguments: Sequence[str]) -> bool:
    """False for the everyday launch, `facewell` or `facewell --data-dir DIR`.

    That opens the window, and the window should not wait for the command parsers:
    argparse looks up a translation of every help text, several milliseconds in all.
    """
    rest = list(arguments)
    if rest[:1] == ["--data-dir"]:
        rest = rest[2:]
    elif rest and rest[0].startswith("--data-dir="):
        rest = rest[1:]
    return bool(rest)


def _speaking_rate(text: str) -> int:
    try:
        rate = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of words") from None
    if not 80 <= rate <= 260:
        raise argparse.ArgumentTypeError("the rate must be from 80 to 260 words a minute")
    return rate


def _positive_days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if not 1 <= days <= 36600:
        raise argparse.ArgumentTypeError("the number of days must be from 1 to 36600")
    return days


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # `facewell history | head`: the reader left; no traceback, and none at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments:
        parser = build_parser(commands=_may_name_a_command(arguments))
        args = parser.parse_args(arguments)
    else:  # a launch from the menu: what the parser would make of no arguments
        args = window_defaults()
    named: str | None = getattr(args, "data_dir", None)
    if named is not None and not named.strip():
        _say("--data-dir needs a folder name")
        return 2
    data_dir = Path(named) if named is not None else default_data_dir()
    if args.install_desktop or args.uninstall_desktop:
        from app.desktop.options import cmd_desktop

        return cmd_desktop(args, None if named is None else data_dir)
    opens_window = args.command is None or (args.command == "run" and not args.no_gui)
    if opens_window:  # fontconfig loads on the other core while Qt imports
        from app.font_warmup import warm_fonts

        warm_fonts()
    if args.command != "check":
        problem = _data_dir_problem(data_dir, create=args.command != "list")
        if problem is not None:
            _say(problem)
            return 1
        from app.folders import move_once

        for note in move_once(data_dir):  # an older install's settings and speech cache
            _say(note)
    if not opens_window:  # a window resumes it after its first frame (app/launch.py)
        resume_collector()
    match args.command:
        case "list":
            return cmd_list(data_dir, as_json=args.json)
        case "check":
            return cmd_check(args.files)
        case "run":
            return cmd_run(
                data_dir, args.routine, no_gui=args.no_gui, mute=args.mute, trace=args.trace
            )
        case "timeline":
            return cmd_timeline(data_dir, args.routine, rate=args.rate, as_json=args.json)
        case "history":
            if args.csv is not None and (args.json or args.stats):
                parser.error("history: --csv can't be combined with --json or --stats")
            return cmd_history(data_dir, as_json=args.json, csv_to=args.csv, stats=args.stats)
        case "import":
            return cmd_import(data_dir, args.file)
        case "report":
            return cmd_report(data_dir, args.pdf, days=args.days)
        case "log":
            from app.cli_cycles import cmd_log

            return cmd_log(data_dir, args.words, day=args.day, note=args.note)
        case "injection":
            from app.cli_cycles import cmd_injection

            return cmd_injection(data_dir, args)
        case "voices":
            from app.voices_cli import cmd_voices

            return cmd_voices(data_dir, as_json=args.json)
        case _:
            from app.gui import run_gui

            return run_gui(data_dir, hidden=args.hidden, page=args.open)


def _data_dir_problem(data_dir: Path, *, create: bool) -> str | None:
    """Why `data_dir` can't be used at all, in one plain sentence; None when it can.

    A file in its place, or a folder this user can't enter or read (another user's,
    say), stops the command here, before any traceback can. A folder that can be read
    but not written still works: the history says once that nothing can be saved.
    `list` only reads, so it does not create the folder.
    """
    from app.paths import ensure_private_dir

    try:
        if create:
            ensure_private_dir(data_dir)
        elif not data_dir.exists():
            return None
    except (FileExistsError, NotADirectoryError):
        if data_dir.is_file():
            return f"the data folder {data_dir} is a file, not a folder."
        return f"the data folder {data_dir} can't be made: a file is in the way."
    except PermissionError:
        done = "made" if create else "opened"
        return f"the data folder {data_dir} can't be {done}: permission denied."
    except OSError as exc:
        return f"the data folder {data_dir} can't be used: {exc.strerror or exc}."
    if not data_dir.is_dir():
        return f"the data folder {data_dir} is a file, not a folder."
    if not os.access(data_dir, os.R_OK | os.X_OK):
        return (
            f"the data folder {data_dir} can't be opened: it belongs to another user, "
            "or its permissions keep you out."
        )
    return None


def _entry_json(entry: Entry) -> dict[str, Any]:
    from app.core.durations import format_about, format_duration
    from app.core.timeline import compile_timeline

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
        # As it plays, words included, at 150 words a minute (the player shows the rest).
        "plays_seconds": round(compile_timeline(routine).total, 1),
        "plays": format_about(compile_timeline(routine).total),
        "steps": len(routine.steps),
        "summary": routine.summary,
        "tags": list(routine.tags),
        "builtin": entry.builtin,
        "path": str(entry.path),
    }


def cmd_list(data_dir: Path, *, as_json: bool) -> int:
    from app.catalog import library_for
    from app.core.durations import format_about
    from app.core.timeline import compile_timeline

    library = library_for(data_dir)
    if as_json:
        print(json.dumps([_entry_json(e) for e in library.entries], indent=2))
        return 0
    rows = [
        (
            e.routine.name,
            str(e.routine.category),
            format_about(compile_timeline(e.routine).total),  # as it plays, words included
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
    """Problems refuse a file (exit 1); cautions (app/core/effort.py) only warn."""
    from app.core.effort import located_cautions
    from app.core.loader import Problem, RoutineError, load_routine, read_routine_text
    from app.resources import images_dir

    problems: list[Problem] = []
    warnings = 0
    for path in files:
        try:
            routine = load_routine(path, image_dirs=(images_dir(),))
        except RoutineError as exc:
            problems.extend(exc.problems)
            continue
        for line, message in located_cautions(routine, read_routine_text(path)):
            print(f"{path}:{line}: warning: {message}", file=sys.stderr)
            warnings += 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        count = len(files)
        cautions = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
        print(f"{count} routine file{'s' if count != 1 else ''} OK{cautions}")
    return 1 if problems else 0


def resolve_routine(data_dir: Path, query: str) -> Routine:
    """A built-in or user routine by name or slug, or a routine file by path."""
    from app.catalog import library_for
    from app.core.loader import load_routine
    from app.resources import images_dir

    path = Path(query)
    if path.suffix == ".toml" or path.is_file():
        return load_routine(path, image_dirs=(images_dir(),))
    library = library_for(data_dir)
    routine = library.find(query)
    if routine is None:
        near = library.closest(query)
        hint = f'did you mean "{near.name}"? ' if near is not None else ""
        raise LookupError(f"no routine called {query!r}; {hint}`facewell list` shows them all")
    return routine


def cmd_timeline(data_dir: Path, query: str, *, rate: int | None, as_json: bool) -> int:
    from app.core.loader import RoutineError
    from app.timeline_report import dump, measured_timeline, print_timeline

    try:
        routine = resolve_routine(data_dir, query)
    except RoutineError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except LookupError as exc:
        _say(exc.args[0])
        return 2
    if rate is None:
        from app.speech.defaults import DEFAULT_RATE

        rate = _settings_rate(data_dir) or DEFAULT_RATE
    timeline, source = measured_timeline(routine, data_dir, rate)
    if source != "rendered":
        _say("no speech engine: the lengths of the spoken lines are estimated")
    if as_json:
        dump(timeline)
    else:
        print(f"{routine.name} at {rate} words a minute ({source} speech)")
        print_timeline(timeline)
    return 0


def _settings_rate(data_dir: Path) -> int | None:
    """The speaking rate saved in the person's settings, without loading Qt."""
    import configparser

    from app.folders import settings_file

    parser = configparser.ConfigParser()
    try:
        parser.read(settings_file(data_dir), encoding="utf-8")
        return int(parser.get("sound", "rate"))
    except (configparser.Error, ValueError, OSError):
        return None


def cmd_run(data_dir: Path, query: str, *, no_gui: bool, mute: bool, trace: Path | None) -> int:
    from app.core.loader import RoutineError

    try:
        routine = resolve_routine(data_dir, query)
    except RoutineError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except LookupError as exc:
        print(f"facewell: {exc.args[0]}", file=sys.stderr)
        return 2
    if trace is not None:
        from app.services.trace import trace_problem

        refusal = trace_problem(trace)
        if refusal is not None:  # refused now: nothing has started, nothing is lost
            _say(refusal)
            return 1
    if no_gui:
        from app.terminal import run_terminal

        return run_terminal(routine, data_dir, mute=mute, trace=trace)
    from app.gui import run_gui

    return run_gui(data_dir, routine=routine, mute=mute, trace=trace, query=query)


# -- history, import, report -----------------------------------------------------------


def _say(message: str) -> None:
    print(f"facewell: {message}", file=sys.stderr)


def open_history_for_cli(data_dir: Path, *, write: bool = False) -> History | None:
    """Open the history, printing every notice to stderr; None (after saying why) when
    it can't be used, e.g. a history from a newer Facewell, which is left untouched.

    Reading never writes and never touches the rows of a Facewell that is recording;
    ``write`` (for import) opens it read-write, and repairs it only if nobody else is
    using it (see app.storage.owner).
    """
    from app.messages import notices
    from app.storage.history import open_history, open_read_only

    result = open_history(data_dir) if write else open_read_only(data_dir)
    for text in notices(result.notices):
        _say(text)
    if write and result.history is not None and not result.writable:
        result.history.close()
        return None
    return result.history


def cmd_history(data_dir: Path, *, as_json: bool, csv_to: str | None, stats: bool) -> int:
    from app.messages import problem
    from app.storage.errors import StorageError
    from app.storage.history import exchange as history_exchange

    history = open_history_for_cli(data_dir)
    if history is None:
        return 1
    try:
        with history:
            if stats or not (as_json or csv_to):
                from app.cli_cycles import print_stats_with_cycles

                print_stats_with_cycles(history, date.today(), as_json=as_json)
            elif as_json:
                document = history_exchange.export_json(history)
                json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
                sys.stdout.write("\n")
            elif csv_to is not None:
                return _write_csv(history, csv_to)
    except StorageError as error:
        _say(problem(error))
        return 1
    return 0


def _write_csv(history: History, target: str) -> int:
    from app.core.files import write_all_or_none
    from app.storage.history import exchange as history_exchange

    if target == "-":
        history_exchange.export_csv_single(history, sys.stdout)
        return 0
    path = Path(target)
    try:
        if path.is_dir():
            sessions, journal = path / "sessions.csv", path / "journal.csv"
            s_out, j_out = io.StringIO(newline=""), io.StringIO(newline="")
            history_exchange.export_csv(history, s_out, j_out)
            write_all_or_none([(sessions, s_out.getvalue()), (journal, j_out.getvalue())])
            print(f"Wrote {sessions} and {journal}.")
        else:
            out = io.StringIO(newline="")
            history_exchange.export_csv_single(history, out)
            write_all_or_none([(path, out.getvalue())])
            print(f"Wrote {path}.")
    except OSError as exc:
        name = exc.filename2 or exc.filename or path
        _say(f"couldn't write {name}: {exc.strerror or exc}")
        return 1
    return 0


def cmd_import(data_dir: Path, file: Path) -> int:
    from app.core.export_format import ImportFileError, parse_export, read_export_file
    from app.messages import problem
    from app.storage.errors import StorageError
    from app.storage.history import exchange as history_exchange

    try:
        # Every item is checked before the history is even opened.
        parsed = parse_export(read_export_file(file))
    except ImportFileError as error:
        _say(f"{file} can't be imported, nothing was added: {error}")
        return 1
    history = open_history_for_cli(data_dir, write=True)
    if history is None:
        return 1
    try:
        with history:
            result = history_exchange.import_parsed(history, parsed)
    except StorageError as error:
        _say(f"nothing was imported: {problem(error)}")
        return 1
    cycles = ""
    if result.injections or result.ratings:
        cycles = (
            f", {counted(result.injections, 'injection')} and "
            f"{counted(result.ratings, 'daily rating')}"
        )
    print(
        f"Imported {counted(result.sessions, 'session')} and "
        f"{counted(result.entries, 'journal entry', 'journal entries')}{cycles} "
        f"({result.skipped} already present)."
    )
    return 0


def cmd_report(data_dir: Path, pdf: Path, *, days: int) -> int:
    from app.messages import problem
    from app.storage.errors import StorageError

    history = open_history_for_cli(data_dir)
    if history is None:
        return 1
    # The PDF is drawn offscreen: no window, and it works without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from app.services.report import write_report_pdf

    app = QGuiApplication.instance() or QGuiApplication(["facewell"])
    try:
        with history:
            write_report_pdf(history, pdf, days=days)
    except StorageError as error:
        _say(problem(error))
        return 1
    except OSError as exc:
        _say(f"couldn't write {pdf}: {exc.strerror or exc}")
        return 1
    finally:
        del app
    print(f"Wrote {pdf}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
