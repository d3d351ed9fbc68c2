"""The rule for "completed" (docs/history.md): reached its end, at least half played."""

from __future__ import annotations

import pytest

from app.core.clock import FakeClock
from app.core.completion import MOST_DONE, end_status
from app.core.loader import parse_routine
from app.core.session import Session
from app.core.timeline import compile_timeline


@pytest.mark.parametrize(
    ("finished", "skipped", "status"),
    [
        (True, 0, "completed"),
        (True, 300, "completed"),  # half of it played: most of it done
        (True, 301, "stopped"),
        (True, 600, "stopped"),  # Next, Next, Next: nothing done
        (False, 0, "stopped"),  # Stop is always stopped
    ],
)
def test_end_status(finished: bool, skipped: float, status: str) -> None:
    assert MOST_DONE == 0.5
    assert end_status(finished=finished, skipped_s=skipped, planned_s=600) == status


def test_a_routine_of_no_length_that_ends_is_completed() -> None:
    assert end_status(finished=True, skipped_s=0, planned_s=0) == "completed"


ROUTINE = """
name = "Three"
[[steps]]
kind = "rest"
title = "One"
instruction = "Rest."
duration = 10
[[steps]]
kind = "rest"
title = "Two"
instruction = "Rest."
duration = 10
[[steps]]
kind = "rest"
title = "Three"
instruction = "Rest."
duration = 10
"""


def test_next_counts_what_it_skips_and_names_each_step_once() -> None:
    clock = FakeClock()
    timeline = compile_timeline(parse_routine(ROUTINE))
    session = Session(timeline, clock)
    session.start()
    clock.advance(timeline.step_starts[1] - 4)  # 4 s before the first step's end
    session.next_step()
    assert session.skipped_seconds == pytest.approx(4)
    session.back()  # at the start of step two: back to the start of step one
    session.back()
    clock.advance(timeline.step_starts[1] - 0.5)  # Next half a second before the end
    session.next_step()
    assert session.skipped_steps == [0]  # half a second is not worth recording
    clock.advance(2)
    session.next_step()
    assert session.skipped_titles() == ("One", "Two")
    assert session.skipped_seconds == pytest.approx(
        4 + timeline.step_end(1) - timeline.step_starts[1] - 2
    )
