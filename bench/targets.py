"""The benchmarks' targets, as data: what each measures, and the bar it must meet.

``python -m bench`` checks every target against the report it just made, adds a
``targets`` list to the JSON and exits 1 when any is missed (or its benchmark failed
to produce the number). The bars are DESIGN.md's quality bars.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["TARGETS", "Target", "check"]

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
}


@dataclass(frozen=True)
class Target:
    name: str
    path: tuple[str, ...]
    """Keys into the report, e.g. ("cue_lateness", "p99_ms")."""
    op: str
    limit: float | bool
    why: str
    quick: bool = True
    """Also checked by ``python -m bench --quick`` (the soak is not run there)."""
    floor: tuple[str, ...] | None = None
    """Or met within ``factor`` times this other figure of the same run (a bare
    window measured beside it, on the same machine at the same moment)."""
    factor: float = 1.0


TARGETS: tuple[Target, ...] = (
    Target("cue p99", ("cue_lateness", "p99_ms"), "<=", 15.0, "every cue within 15 ms (p99)"),
    Target("cue never early", ("cue_lateness", "never_early"), "==", True, "no cue early"),
    Target("drift", ("drift_60min_simulated", "drift_position_s"), "==", 0.0, "no drift"),
    Target("stall rendering", ("gui_stall", "render", "max_stall_ms"), "<", 50.0, "GUI < 50 ms"),
    Target("stall playing", ("gui_stall", "play", "max_stall_ms"), "<", 50.0, "GUI < 50 ms"),
    Target(
        "stall natural voice",
        ("gui_stall", "render_natural", "max_stall_ms"),
        "<",
        50.0,
        "GUI < 50 ms while Piper renders Gentle face (cold cache)",
    ),
    Target("start-up", ("startup", "ratio"), "<=", 1.5, "routines drawn within 1.5x bare Qt"),
    Target("compress CPU", ("compress_cpu_minimized", "cpu_percent"), "<", 1.0, "< 1 % minimised"),
    Target("history stats", ("history_100k", "stats_ms"), "<", 150.0, "100,000 sessions"),
    Target("history page", ("history_100k", "page_ms"), "<", 150.0, "100,000 sessions"),
    Target("cycle view", ("cycles_100k", "view_ms"), "<", 150.0, "100,000 daily ratings"),
    Target("cycle stats", ("cycles_100k", "stats_ms"), "<", 150.0, "100,000 daily ratings"),
    Target("cycles page", ("cycles_100k", "page_ms"), "<", 150.0, "100,000 daily ratings"),
    Target(
        "breathing CPU",
        ("power", "breathing", "cpu_percent"),
        "<=",
        2.0,
        "a breathing routine playing: <= 2 % of a core for the tree, or 1.5x a bare "
        "Qt window animating a circle at 30 fps",
        floor=("power", "bare_circle", "cpu_percent"),
        factor=1.5,
    ),
    Target(
        "breathing wake-ups",
        ("power", "breathing", "wakeups_per_s"),
        "<=",
        150.0,
        "a breathing routine playing: <= 150 context switches a second (all threads), "
        "or 1.5x the bare animating window",
        floor=("power", "bare_circle", "wakeups_per_s"),
        factor=1.5,
    ),
    Target("idle RSS", ("power", "idle", "rss_mib"), "<=", 90.0, "idle tree <= 90 MiB"),
    Target(
        "minimised compress",
        ("power", "compress_minimised", "cpu_percent"),
        "<",
        1.0,
        "< 1 % in a real minimised window, sound on",
    ),
    Target(
        "soak",
        ("soak_gentle_face", "survived"),
        "==",
        True,
        "Gentle face plays to its end in the real window",
        quick=False,
    ),
    Target(
        "heard as promised",
        ("heard_gentle_face", "heard_as_promised"),
        "==",
        True,
        "recorded from the sink: every cue heard, no line over another or a chime, "
        "every phase opened by its cue within 50 ms",
        quick=False,
    ),
    Target(
        "one loudness",
        ("heard_gentle_face", "loudness_within_1_lu"),
        "==",
        True,
        "speech and chimes within 1 LU of each other, as recorded",
        quick=False,
    ),
    Target(
        "rings out",
        ("heard_gentle_face", "rang_out"),
        "==",
        True,
        "the terminal run's last sound plays to its end before the process exits",
        quick=False,
    ),
)


def _value(report: dict[str, Any], path: tuple[str, ...]) -> object:
    value: object = report
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def check(report: dict[str, Any], *, quick: bool) -> list[dict[str, Any]]:
    """Each target with its measured value and whether it was met."""
    results = []
    for target in TARGETS:
        if quick and not target.quick:
            continue
        value = _value(report, target.path)
        met = _holds(value, target.op, target.limit)
        row: dict[str, Any] = {
            "name": target.name,
            "value": value,
            "bar": f"{target.op} {target.limit}",
            "met": met,
            "why": target.why,
        }
        if target.floor is not None:
            floor = _value(report, target.floor)
            if _holds(floor, ">=", 0.0):
                assert isinstance(floor, int | float)
                within = target.factor * floor
                row["bar"] += f" or {target.op} {target.factor}x floor ({round(within, 3)})"
                row["met"] = met or _holds(value, target.op, within)
        results.append(row)
    return results


def _holds(value: object, op: str, limit: float | bool) -> bool:
    return (
        value is not None
        and not isinstance(value, dict)
        and not isinstance(value, str)
        and bool(_OPS[op](value, limit))
    )
