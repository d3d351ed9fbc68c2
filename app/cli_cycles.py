"""The command line of the cycle companion: ``facewell log`` (a daily rating in one
command) and ``facewell injection`` (add, mark, side effects, list). No Qt.

``facewell log 6 bright light, screens, +humming`` reads the same line as the quick log
of the tray and the window (app.core.daily.parse_quick_log).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.cycle_vocabulary import URGENT_SIDE_EFFECTS, InjectionMark
from app.core.daily import QUICK_LOG_HELP, parse_quick_log

if TYPE_CHECKING:
    from app.storage.history import History

__all__ = ["add_parsers", "cmd_injection", "cmd_log", "print_stats_with_cycles"]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-05-01") from None


def add_parsers(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    log = subparsers.add_parser(
        "log",
        parents=[common],
        help="rate today 0-10 with what the day held: log 6 bright light, screens",
        description=QUICK_LOG_HELP,
    )
    log.add_argument("words", nargs="+", metavar="RATING [EXPOSURE, …]")
    log.add_argument("--day", type=_day, default=None, help="the day (default: today)")
    log.add_argument("--note", default="", help="a short note")

    injection = subparsers.add_parser(
        "injection",
        parents=[common],
        help="record a botulinum toxin injection, mark how it went, list the cycles",
    )
    actions = injection.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="an injection on a day")
    add.add_argument("day", type=_day, metavar="DAY")
    add.add_argument("--product", default="", help="e.g. Botox, Dysport, Xeomin")
    add.add_argument("--dose", default="", help="as the clinic said it")
    add.add_argument("--sites", default="", help="where it was given")
    mark = actions.add_parser(
        "mark",
        parents=[common],
        help="the last injection started working, was best, is wearing off",
    )
    mark.add_argument("mark", choices=["started", "best", "wearing-off"])
    mark.add_argument("--day", type=_day, default=None, help="the day (default: today)")
    effect = actions.add_parser(
        "side-effect", parents=[common], help="a side effect after the last injection"
    )
    effect.add_argument("effect", metavar="EFFECT", help="e.g. 'droopy lid', 'dry eye'")
    actions.add_parser("list", parents=[common], help="the cycles and their weeks of benefit")


def _say(message: str) -> None:
    print(f"facewell: {message}", file=sys.stderr)


def cmd_log(data_dir: Path, words: list[str], *, day: date | None, note: str) -> int:
    from app.cli import open_history_for_cli
    from app.core.cycle_words import rating_saved
    from app.core.records import DailyRating
    from app.messages import problem
    from app.storage.errors import StorageError

    today = date.today()
    try:
        parsed = parse_quick_log(" ".join(words))
        rating = DailyRating.new(
            day or today, parsed.rating, exposures=parsed.exposures, tricks=parsed.tricks, note=note
        )
    except ValueError as error:
        _say(str(error))
        return 1
    history = open_history_for_cli(data_dir, write=True)
    if history is None:
        return 1
    try:
        with history:
            saved = history.daily.log(rating)
    except ValueError as error:
        _say(str(error))
        return 1
    except StorageError as error:
        _say(problem(error))
        return 1
    print(rating_saved(saved, today))
    return 0


_MARKS = {
    "started": InjectionMark.STARTED_WORKING,
    "best": InjectionMark.BEST,
    "wearing-off": InjectionMark.WEARING_OFF,
}


def cmd_injection(data_dir: Path, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from app.cli import open_history_for_cli
    from app.core.cycle_words import cycle_lines, window_text
    from app.core.dates import human_date
    from app.core.records import Injection
    from app.core.seek_help import INJECTION_ADVICE
    from app.messages import problem
    from app.storage.errors import StorageError

    today = date.today()
    history = open_history_for_cli(data_dir, write=args.action != "list")
    if history is None:
        return 1
    try:
        with history:
            if args.action == "list":
                view = history.cycle_view(today, recent=history.injections.count())
                if not view.cycles:
                    print("No injections recorded yet.")
                    return 0
                for line in cycle_lines(view, today):
                    print(line)
                print(window_text(view.window))
                if view.appointment:
                    print(view.appointment)
                return 0
            if args.action == "add":
                injection = Injection.new(
                    args.day, product=args.product, dose=args.dose, sites=args.sites
                )
                history.injections.add(injection)
                print(f"Saved the injection of {human_date(args.day)}.")
                return 0
            latest = history.injections.latest()
            if latest is None:
                _say("there is no injection yet: add one with `facewell injection add DAY`")
                return 1
            if args.action == "mark":
                marked = history.injections.mark(latest.id, _MARKS[args.mark], args.day or today)
                print(
                    f"Marked the injection of {human_date(marked.day)}: {_MARKS[args.mark].value}."
                )
                return 0
            effect = " ".join(args.effect.split())
            if effect not in latest.side_effects:
                history.injections.update(
                    replace(latest, side_effects=(*latest.side_effects, effect))
                )
            print(f"Noted {effect} after the injection of {human_date(latest.day)}.")
            if effect in URGENT_SIDE_EFFECTS:
                print(INJECTION_ADVICE)
            return 0
    except ValueError as error:
        _say(str(error))
        return 1
    except StorageError as error:
        _say(problem(error))
        return 1


def print_stats_with_cycles(history: History, today: date, *, as_json: bool) -> None:
    """``facewell history --stats``: the totals, then the injection cycles with their
    weeks of benefit (``--json``: the Stats keys plus "cycles")."""
    import json

    from app.core.cycle_words import cycle_dict, cycle_lines
    from app.core.words import counted

    numbers = history.stats.summary(today).as_dict()
    view = history.cycle_view(today)
    if as_json:
        cycles = [cycle_dict(cycle, today) for cycle in view.cycles]
        document = {**numbers, "cycles": cycles, "earlier_cycles": view.earlier}
        print(json.dumps(document, indent=2))
        return
    rows = [
        ("Sessions", f"{numbers['sessions']}"),
        ("Total", counted(round(numbers["total_minutes"]), "minute")),
        ("This week", counted(round(numbers["minutes_this_week"]), "minute")),
        ("This month", counted(int(numbers["sessions_this_month"]), "session")),
        ("Current streak", counted(int(numbers["current_streak"]), "day")),
        ("Longest streak", counted(int(numbers["longest_streak"]), "day")),
    ]
    for label, value in rows:
        print(f"{label + ':':16}{value}")
    if view.cycles:
        print("Injection cycles (weeks of benefit, counted from the injection day):")
        for line in cycle_lines(view, today):
            print(f"  {line}")
        if view.earlier:
            print(f"  ({view.earlier} earlier cycles: facewell injection list)")
