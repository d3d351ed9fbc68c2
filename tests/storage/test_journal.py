"""The symptom journal and the "when to seek professional help" prompts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from storage_helpers import at

from app.core.records import Injection
from app.storage.history import History, JournalEntry


def test_log_an_episode_and_a_treatment(history: History) -> None:
    episode = JournalEntry.new_episode(
        at=at("2026-05-01", "08:15"),
        area="around the eye",
        side="right",
        severity=4,
        duration_s=90.0,
        triggers=["stress", "screen time"],
        symptoms=["dry eye"],
        note="after a long call",
    )
    treatment = JournalEntry.new_treatment(
        at=at("2026-04-20"), treatment="medication change", note="Dr. K"
    )
    episode_id = history.journal.add(episode)
    treatment_id = history.journal.add(treatment)
    assert history.journal.entries() == [
        replace(episode, id=episode_id),
        replace(treatment, id=treatment_id),
    ]
    assert history.journal.entries("treatment") == [replace(treatment, id=treatment_id)]
    (stored,) = history.journal.entries("episode")
    assert stored.triggers == ("stress", "screen time")
    assert stored.at.utcoffset() == timedelta(hours=2)
    # The same entry (same uid) is never stored twice.
    assert history.journal.add(episode) == episode_id
    assert len(history.journal.entries()) == 2


def test_delete_and_undo_an_entry(history: History) -> None:
    entry = JournalEntry.new_episode(at=at("2026-05-01"), area="cheek", severity=2)
    entry_id = history.journal.add(entry)
    history.journal.add(JournalEntry.new_episode(at=at("2026-05-01", "10:00"), area="jaw"))
    deleted = history.journal.delete(entry_id)
    assert deleted == replace(entry, id=entry_id)
    assert [e.area for e in history.journal.entries()] == ["jaw"]
    history.journal.restore(deleted)
    assert history.journal.get(entry_id) == deleted
    with pytest.raises(KeyError):
        history.journal.delete(4242)


def test_severity_on_the_0_to_10_scale_or_unrated(history: History) -> None:
    none = JournalEntry.new_episode(at=at("2026-05-01"), area="eyelid", severity=0)
    worst = JournalEntry.new_episode(at=at("2026-05-01", "10:00"), area="eyelid", severity=10)
    unrated = JournalEntry.new_episode(at=at("2026-05-01", "11:00"), area="cheek")
    for entry in (none, worst, unrated):
        history.journal.add(entry)
    stored = {e.uid: e for e in history.journal.entries()}
    assert stored[none.uid].severity == 0
    assert stored[worst.uid].severity == 10
    assert (stored[unrated.uid].severity, stored[unrated.uid].side) == (None, "")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (JournalEntry.new_episode(at=datetime(2026, 5, 1), area="eyelid"), "time zone"),
        (JournalEntry.new_episode(at=at("2026-05-01"), area="nose"), "area must be one of"),
        (
            JournalEntry.new_episode(at=at("2026-05-01"), area="eyelid", side="up"),
            "side must be",
        ),
        (
            JournalEntry.new_episode(at=at("2026-05-01"), area="eyelid", severity=-1),
            "0 to 10",
        ),
        (
            JournalEntry.new_episode(at=at("2026-05-01"), area="eyelid", severity=11),
            "0 to 10",
        ),
        (
            JournalEntry.new_episode(at=at("2026-05-01"), area="eyelid", triggers=["cats"]),
            "each trigger must be one of",
        ),
        (
            JournalEntry.new_episode(at=at("2026-05-01"), area="eyelid", duration_s=-5),
            "from 0 to",
        ),
        (
            JournalEntry.new_episode(at=at("2026-05-01"), area="eyelid", symptoms=["  "]),
            "each symptom",
        ),
        (JournalEntry.new_treatment(at=at("2026-05-01"), treatment="surgery"), "treatment must"),
        (
            replace(
                JournalEntry.new_treatment(at=at("2026-05-01"), treatment="doctor visit"),
                severity=5,
            ),
            "a treatment has no",
        ),
        (replace(JournalEntry.new_episode(at=at("2026-05-01"), area="jaw"), kind="dream"), "kind"),
    ],
)
def test_bad_entries_are_refused(history: History, entry: JournalEntry, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        history.journal.add(entry)
    assert history.journal.entries() == []


# -- seek-help prompts ---------------------------------------------------------------

TODAY = date(2026, 5, 1)  # a Friday; its week began on Monday 27 April


def _episode(history: History, when: datetime, *symptoms: str) -> JournalEntry:
    entry = JournalEntry.new_episode(at=when, area="eyelid", symptoms=symptoms)
    history.journal.add(entry)
    return entry


def test_a_red_flag_symptom_prompts_once(history: History) -> None:
    assert history.help_prompts(TODAY) == []
    _episode(history, at("2026-04-30"), "tired eyes")
    assert history.help_prompts(TODAY) == []
    flagged = _episode(history, at("2026-04-30", "20:00"), "numbness", "tired eyes")

    (prompt,) = history.help_prompts(TODAY)
    assert prompt.key == f"symptom:{flagged.uid}"
    assert prompt.message.startswith("On 30 April 2026 you noted numbness.")
    assert "doctor" in prompt.message

    history.prompts.mark_shown(prompt.key)
    history.prompts.mark_shown(prompt.key)  # twice is fine
    assert history.help_prompts(TODAY) == []
    # A new occurrence is a new prompt.
    again = _episode(history, at("2026-05-01"), "vision changes", "balance problems")
    (prompt,) = history.help_prompts(TODAY)
    assert prompt.key == f"symptom:{again.uid}"
    assert "vision changes and balance problems" in prompt.message


def test_a_sudden_sign_prompts_urgently_and_names_the_injection(history: History) -> None:
    history.injections.add(Injection.new(date(2026, 4, 20)))
    entry = _episode(
        history, at("2026-05-01"), "trouble swallowing, speaking or breathing", "numbness"
    )
    urgent, calm = history.help_prompts(TODAY)
    assert (urgent.key, urgent.tier) == (f"urgent:{entry.uid}", "urgent")
    assert urgent.message.startswith("Call your emergency number now")
    assert "botulinum toxin injection on 20 April 2026" in urgent.message
    assert (calm.key, calm.tier) == (f"symptom:{entry.uid}", "soon")
    history.prompts.mark_shown(urgent.key)
    assert history.help_prompts(TODAY) == [calm]


def test_old_red_flags_do_not_prompt(history: History) -> None:
    _episode(history, at("2026-03-01"), "numbness")  # e.g. imported from an old file
    assert history.help_prompts(TODAY) == []


def _weekly(history: History, counts: list[int]) -> None:
    """``counts`` episodes per week, the last number being the current week."""
    monday = date(2026, 4, 27) - timedelta(weeks=len(counts) - 1)
    for week, count in enumerate(counts):
        day = monday + timedelta(weeks=week)
        for i in range(count):
            when = at(day.isoformat(), f"{8 + i:02d}:00")
            history.journal.add(JournalEntry.new_episode(at=when, area="eyelid"))


def test_episodes_rising_three_weeks_in_a_row_prompt_once(history: History) -> None:
    _weekly(history, [2, 2, 3, 4, 5])
    (prompt,) = history.help_prompts(TODAY)
    assert prompt.key == "rising:2026-04-27"
    assert "three weeks in a row (2, 3, 4, 5 a week)" in prompt.message
    history.prompts.mark_shown(prompt.key)
    assert history.help_prompts(TODAY) == []
    # The rise goes on next week: the same occurrence, no second prompt.
    history.journal.add(JournalEntry.new_episode(at=at("2026-05-04"), area="eyelid"))
    for hour in range(10, 16):
        history.journal.add(
            JournalEntry.new_episode(at=at("2026-05-05", f"{hour}:00"), area="eyelid")
        )
    assert history.help_prompts(date(2026, 5, 6)) == []
