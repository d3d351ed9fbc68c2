"""The GUI thread's work to the first full draw, in instructions, against a bare window.

bench.startup times the launch, and on a shared 2-core VM the clock's spread from run
to run (a bare window's first paint anywhere from 150 to 240 ms) is larger than most
start-up changes. Instructions don't drift with the machine's state: valgrind's
callgrind counts every one the process executes, per thread, so the cost of a change
shows in a single pair of launches, and work moved to another thread shows as such.
The target stays the clock's (bench.startup); this says where the time goes.

Needs valgrind; without it the result says so and nothing else runs.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench.startup import APP, BARE, launch_ms

_SUMMARY = re.compile(r"^summary:\s+(\d+)", re.MULTILINE)


def _instructions(valgrind: str, code: str, data_home: str, out: Path, name: str) -> dict[str, int]:
    """Instructions per thread of one launch under callgrind: "main", then "thread 2"..."""
    launch_ms(
        code,
        data_home,
        under=(
            valgrind,
            "--tool=callgrind",
            "--separate-threads=yes",
            f"--callgrind-out-file={out}/{name}.%p",
        ),
        extra={"FACEWELL_BENCH_STOP": "listed"},
    )
    counts: dict[str, int] = {}
    for file in sorted(out.glob(f"{name}.*-*")):  # NAME.PID-01 is the main thread
        found = _SUMMARY.search(file.read_text(encoding="utf-8", errors="replace"))
        if found:
            number = int(file.name.rsplit("-", 1)[1])
            counts["main" if number == 1 else f"thread {number}"] = int(found.group(1))
    if "main" not in counts:
        raise RuntimeError(f"callgrind wrote no main-thread counts for {name}")
    return counts


def startup_work() -> dict[str, Any]:
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return {"skipped": "valgrind is not installed"}
    with tempfile.TemporaryDirectory(prefix="facewell-bench-") as tmp:
        launch_ms(APP, tmp)  # warm-up, as bench.startup: bytecode, the cards' cache
        out = Path(tmp) / "callgrind"
        out.mkdir()
        app = _instructions(valgrind, APP, tmp, out, "app")
        bare = _instructions(valgrind, BARE, tmp, out, "bare")
    return {
        "app_main_instructions": app["main"],
        "bare_main_instructions": bare["main"],
        "ratio_main": round(app["main"] / bare["main"], 3),
        "app_other_threads": {name: n for name, n in app.items() if name != "main"},
        "measured_from": "the interpreter's first instruction to the routines drawn "
        "(the app) or the first paint (a bare QMainWindow), callgrind, per thread",
    }


if __name__ == "__main__":
    import json

    print(json.dumps(startup_work(), indent=2))
