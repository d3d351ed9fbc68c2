"""Run every benchmark, print one JSON object and save it to bench/results/."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import audio_device
from bench.compress_cpu import compress_cpu_minimized
from bench.cue_lateness import cue_lateness
from bench.cycles import cycles_100k
from bench.drift import drift_60min_simulated
from bench.gui_stall import gui_stall
from bench.heard import heard
from bench.history import history_100k
from bench.naive_say import naive_say
from bench.power import power
from bench.soak import soak
from bench.startup import startup
from bench.startup_work import startup_work
from bench.targets import check

RESULTS = Path(__file__).resolve().parent / "results"


def _run(name: str, fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    print(f"bench: {name}…", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        result = fn()
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        result = {"error": f"{type(exc).__name__}: {exc}"[:1000]}
    result["bench_seconds"] = round(time.perf_counter() - start, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20 s cue run instead of 2 min")
    args = parser.parse_args(argv)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    report: dict[str, Any] = {
        "timestamp": stamp,
        "quick": args.quick,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    with audio_device() as audio:
        report["audio"] = {"device": audio.device, "note": audio.note}
        seconds = 20 if args.quick else 120
        report["cue_lateness"] = _run("cue_lateness", lambda: cue_lateness(audio, seconds))
        report["drift_60min_simulated"] = _run("drift", drift_60min_simulated)
        report["gui_stall"] = _run("gui_stall", lambda: gui_stall(audio))
        report["power"] = _run("power", lambda: power(audio, quick=args.quick))
        if not args.quick:
            report["soak_gentle_face"] = _run("soak", lambda: soak(audio))
            report["heard_gentle_face"] = _run("heard", lambda: heard(audio))
    report["naive_say"] = _run("naive_say", naive_say)
    report["startup"] = _run("startup", startup)
    report["startup_work"] = _run("startup_work", startup_work)
    report["compress_cpu_minimized"] = _run("compress_cpu_minimized", compress_cpu_minimized)
    report["history_100k"] = _run("history_100k", history_100k)
    report["cycles_100k"] = _run("cycles_100k", cycles_100k)
    report["targets"] = check(report, quick=args.quick)
    missed = [t["name"] for t in report["targets"] if not t["met"]]
    report["all_targets_met"] = not missed
    text = json.dumps(report, indent=2)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{stamp}.json").write_text(text + "\n", encoding="utf-8")
    print(text)
    if missed:
        print(f"bench: targets missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
