"""60 simulated minutes on a FakeClock with a late, sometimes stalling timer."""

from __future__ import annotations

import random
from typing import Any

from app.core.clock import FakeClock
from app.core.loader import parse_routine
from app.core.session import Session, State
from app.core.timeline import compile_timeline
from bench.common import breathing_toml, summary_ms

STALL_SECONDS = 0.2
STALL_EVERY = 100
MEAN_LATENESS = 0.002


def drift_60min_simulated(minutes: int = 60) -> dict[str, Any]:
    cycles = minutes * 60 // 10  # 4 s in, 6 s out
    routine = parse_routine(breathing_toml("Drift", 4, 6, cycles))
    timeline = compile_timeline(routine)
    clock = FakeClock()
    session = Session(timeline, clock)
    rng = random.Random(1)
    session.start()
    start = clock()
    lateness: list[float] = []
    wakeups = 0
    counted_error = 0.0  # what a timer that counts ticks would have lost
    while session.state is State.RUNNING:
        deadline = session.next_deadline()
        if deadline is None:
            break
        late = rng.expovariate(1 / MEAN_LATENESS)
        wakeups += 1
        if wakeups % STALL_EVERY == 0:
            late += STALL_SECONDS
        counted_error += late
        target = session.clock_time_of(deadline) + late
        clock.advance(max(0.0, target - clock()))
        t = clock() - session.clock_time_of(0.0)
        for event in session.take_due():
            lateness.append(t - event.due)
    elapsed = clock() - start
    return {
        "routine_seconds": timeline.total,
        "state": str(session.state),
        "wakeups": wakeups,
        "events": len(lateness),
        "position_at_end_s": session.position(),
        "drift_position_s": round(session.position() - timeline.total, 9),
        "clock_elapsed_minus_total_s": round(elapsed - timeline.total, 6),
        "last_event_lateness_ms": round(lateness[-1] * 1000, 3),
        "lateness": summary_ms(lateness),
        "tick_counting_would_drift_s": round(counted_error, 3),
        "target": "drift 0: last event lateness is that wake-up's own delay, not accumulated",
    }
