"""Cue lateness of a real routine run by `facewell run --no-gui --trace`."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from bench.common import Audio, base_env, breathing_toml, run_python, summary_ms


def cue_lateness(audio: Audio, seconds: int = 120) -> dict[str, Any]:
    cycles = max(1, seconds // 2)
    with tempfile.TemporaryDirectory(prefix="facewell-bench-") as tmp:
        folder = Path(tmp)
        routine = folder / "bench-breathing.toml"
        routine.write_text(breathing_toml("Bench breathing", 1, 1, cycles), encoding="utf-8")
        trace = folder / "trace.jsonl"
        data_dir = folder / "data"
        data_dir.mkdir()
        args = ["-m", "app.cli", "run", str(routine), "--no-gui"]
        args += ["--trace", str(trace), "--data-dir", str(data_dir)]
        proc = run_python(args, env=base_env(audio.env), timeout=seconds + 120)
        if not trace.exists():
            raise RuntimeError(f"no trace written (exit {proc.returncode}): {proc.stderr[-500:]}")
        events = [json.loads(line) for line in trace.read_text().splitlines() if line.strip()]
    cues = [e for e in events if e["event"] == "cue"]
    if not cues:
        raise RuntimeError("trace has no cue events")
    lateness = [e["t"] - e["due"] for e in cues]
    kinds: dict[str, int] = {}
    for e in cues:
        kinds[e.get("kind", "?")] = kinds.get(e.get("kind", "?"), 0) + 1
    return {
        "routine_seconds": cycles * 2,
        "device": audio.device,
        "exit_code": proc.returncode,
        "cue_kinds": kinds,
        "never_early": min(lateness) >= 0,
        **summary_ms(lateness),
        "target": "p99 <= 15 ms, min >= 0",
    }
