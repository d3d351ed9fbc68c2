"""When the journal gives a reason to see a doctor, and what to say about it.

The rules and their sentences, in one place, tested without a database
(tests/core/test_seek_help.py): the history hands over the recent episodes, the
episodes per week and the prompts already shown; this says which prompts are due.
No Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.core.dates import human_date
from app.core.records import JournalEntry
from app.core.vocabulary import Symptom

__all__ = [
    "RISING_LOOKBACK_WEEKS",
    "SYMPTOM_WINDOW_DAYS",
    "HelpPrompt",
    "help_prompts",
    "rising_run",
    "symptom_window",
]

SYMPTOM_WINDOW_DAYS = 30
"""Symptoms logged this many days back (today included) raise a prompt; an imported
old journal does not raise old alarms."""
RISING_LOOKBACK_WEEKS = 12
"""Weeks of episode counts the rising-trend rule looks at."""


@dataclass(frozen=True)
class HelpPrompt:
    """A reason to show the "when to seek professional help" advice, once."""

    key: str
    """Remember it once shown: "symptom:<uid>" or "rising:<Monday of the third rise>"."""
    message: str


def symptom_window(today: date) -> tuple[date, date]:
    """The first and last day whose episodes the symptom rule looks at."""
    return today - timedelta(days=SYMPTOM_WINDOW_DAYS - 1), today


def help_prompts(
    today: date,
    episodes: Iterable[JournalEntry],
    weekly: Sequence[tuple[date, int]],
    shown: set[str],
) -> list[HelpPrompt]:
    """The prompts due and not shown yet.

    - An episode within :func:`symptom_window` that noted one of the Symptom signs:
      key "symptom:<uid>".
    - Episodes per week (``weekly``: (Monday, count), oldest first, ending with this
      week) that went up three weeks in a row, while the rise is still going on: key
      "rising:<Monday of the week of the third rise>".
    """
    first, last = symptom_window(today)
    signs = set(Symptom)
    prompts: list[HelpPrompt] = []
    for entry in episodes:
        day = entry.at.date()
        flags = [s for s in entry.symptoms if s in signs]
        key = f"symptom:{entry.uid}"
        if flags and first <= day <= last and key not in shown:
            prompts.append(HelpPrompt(key, _symptom_message(day, flags)))
    rising = rising_run(list(weekly))
    if rising is not None:
        key = f"rising:{rising[0].isoformat()}"
        if key not in shown:
            prompts.append(HelpPrompt(key, _rising_message(rising[1])))
    return prompts


def rising_run(weekly: list[tuple[date, int]]) -> tuple[date, list[int]] | None:
    """The still-going rise of three or more weeks: (Monday of its third rise, counts).

    "Still going" means it reaches the current week, or last week (the current week may
    not have caught up yet).
    """
    counts = [count for _, count in weekly]
    run = [0] * len(counts)
    for i in range(1, len(counts)):
        run[i] = run[i - 1] + 1 if counts[i] > counts[i - 1] else 0
    for end in (len(counts) - 1, len(counts) - 2):
        if end >= 0 and run[end] >= 3:
            start = end - run[end]  # the week before the first rise
            return weekly[start + 3][0], counts[start : end + 1]
    return None


def _symptom_message(day: date, flags: list[str]) -> str:
    noted = " and ".join(flags) if len(flags) <= 2 else ", ".join(flags[:-1]) + " and " + flags[-1]
    return (
        f"On {human_date(day)} you noted {noted}. Spasms that come with vision changes, "
        "balance problems or numbness are worth showing to a doctor soon."
    )


def _rising_message(counts: list[int]) -> str:
    shown = ", ".join(str(count) for count in counts)
    return (
        f"Your spasm episodes have gone up three weeks in a row ({shown} a week). When "
        "spasms keep coming back or get worse, it is a good time to talk to a doctor."
    )
