"""The seek-help rules on plain records: no database, no Qt.

(The history's own test, tests/storage/test_journal.py, checks that it hands these
rules the right episodes and remembers which prompts were shown.)
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.core.records import JournalEntry
from app.core.seek_help import SYMPTOM_WINDOW_DAYS, HelpPrompt, help_prompts, rising_run

CEST = timezone(timedelta(hours=2))
TODAY = date(2026, 5, 1)  # a Friday; this week began on Monday 27 April


def _episode(day: date, *symptoms: str, hour: int = 9) -> JournalEntry:
    when = datetime(day.year, day.month, day.day, hour, tzinfo=CEST)
    return JournalEntry.new_episode(at=when, area="eyelid", symptoms=symptoms)


def _weekly(counts: list[int], this_week: date = date(2026, 4, 27)) -> list[tuple[date, int]]:
    """(Monday, count) with the last count for this week."""
    monday = this_week - timedelta(weeks=len(counts) - 1)
    return [(monday + timedelta(weeks=i), count) for i, count in enumerate(counts)]


def test_the_rules_load_without_sqlite() -> None:
    probe = "import sys, app.core.seek_help; print('sqlite3' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert done.stdout.strip() == "False"


def test_a_red_flag_prompts_once_per_entry() -> None:
    quiet = _episode(date(2026, 4, 30), "tired eyes")
    flagged = _episode(date(2026, 4, 30), "numbness", "tired eyes", hour=20)
    (prompt,) = help_prompts(TODAY, [quiet, flagged], _weekly([0]), set())
    assert prompt.key == f"symptom:{flagged.uid}"
    assert prompt.message.startswith("On 30 April 2026 you noted numbness.")
    assert "doctor" in prompt.message
    assert help_prompts(TODAY, [quiet, flagged], _weekly([0]), {prompt.key}) == []


def test_several_flags_are_named_in_one_sentence() -> None:
    entry = _episode(TODAY, "vision changes", "balance problems", "numbness")
    (prompt,) = help_prompts(TODAY, [entry], [], set())
    assert "vision changes, balance problems and numbness" in prompt.message


def test_old_red_flags_do_not_prompt() -> None:
    old = _episode(TODAY - timedelta(days=SYMPTOM_WINDOW_DAYS), "numbness")
    edge = _episode(TODAY - timedelta(days=SYMPTOM_WINDOW_DAYS - 1), "numbness")
    assert [p.key for p in help_prompts(TODAY, [old, edge], [], set())] == [f"symptom:{edge.uid}"]


def test_episodes_rising_three_weeks_in_a_row_prompt_once() -> None:
    (prompt,) = help_prompts(TODAY, [], _weekly([2, 2, 3, 4, 5]), set())
    assert prompt == HelpPrompt(
        "rising:2026-04-27",
        "Your spasm episodes have gone up three weeks in a row (2, 3, 4, 5 a week). When "
        "spasms keep coming back or get worse, it is a good time to talk to a doctor.",
    )
    # The rise goes on next week: the same occurrence (same key), no second prompt.
    next_week = _weekly([2, 2, 3, 4, 5, 9], this_week=date(2026, 5, 4))
    assert rising_run(next_week) == (date(2026, 4, 27), [2, 3, 4, 5, 9])
    assert help_prompts(date(2026, 5, 6), [], next_week, {"rising:2026-04-27"}) == []


def test_a_rise_seen_while_this_week_is_still_young() -> None:
    (prompt,) = help_prompts(TODAY, [], _weekly([0, 1, 2, 3, 4, 1]), set())
    assert prompt.key == "rising:2026-04-13"
    assert "(0, 1, 2, 3, 4 a week)" in prompt.message


@pytest.mark.parametrize(
    "counts",
    [
        [5, 5, 5, 5],
        [1, 1, 2, 3],  # two rises
        [3, 2, 3, 4],  # only two rises after the dip
        [2, 2, 3, 4],
        [1, 2, 3, 4, 4, 4],  # rose, but that is over
    ],
)
def test_no_rising_prompt(counts: list[int]) -> None:
    assert help_prompts(TODAY, [], _weekly(counts), set()) == []
