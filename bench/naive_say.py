"""The naive approach: pyttsx3 say() + runAndWait() at each cue boundary."""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from bench.common import base_env, child_result, run_python

CUES = 10


def naive_say() -> dict[str, Any]:
    proc = run_python(["-m", "bench.naive_say"], env=base_env(), timeout=120)
    blocks = child_result(proc)["blocks_s"]
    ms = [b * 1000 for b in blocks]
    return {
        "cues": len(ms),
        "mean_block_ms": round(statistics.mean(ms), 3),
        "max_block_ms": round(max(ms), 3),
        "lateness_caused_ms": {
            "each_cue_blocks_timer_by_mean": round(statistics.mean(ms), 3),
            "accumulated_if_counting_ms": round(sum(ms), 3),
        },
        "note": "say() plays through aplay, which may be absent here (silent, no error): "
        "this measures only the blocking cost of the call, not audio playback time",
    }


def _child() -> dict[str, Any]:
    import pyttsx3

    engine = pyttsx3.init()
    blocks: list[float] = []
    for i in range(CUES):
        start = time.perf_counter()
        engine.say("Breathe in" if i % 2 == 0 else "Breathe out")
        engine.runAndWait()
        blocks.append(time.perf_counter() - start)
    return {"blocks_s": blocks}


if __name__ == "__main__":
    print(json.dumps(_child()))
