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
from app.core.seek_help import (
    CALL_NOW,
    INJECTION_ADVICE,
    SOON_SIGNS,
    SOON_TITLE,
    STROKE_ADVICE,
    STROKE_SIGNS,
    SYMPTOM_WINDOW_DAYS,
    URGENT_SIGNS,
    URGENT_TITLE,
    HelpPrompt,
    Tier,
    help_notice,
    help_prompts,
    offered_signs,
    rising_run,
    tier_of,
)
from app.core.vocabulary import LEGACY_SYMPTOMS, Symptom, Treatment

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


# -- the two tiers -------------------------------------------------------------------


def _treatment(day: date, treatment: str = Treatment.BOTULINUM_TOXIN) -> JournalEntry:
    when = datetime(day.year, day.month, day.day, 12, tzinfo=CEST)
    return JournalEntry.new_treatment(at=when, treatment=treatment)


def test_every_sign_has_one_tier_and_the_old_ones_are_calm() -> None:
    assert set(URGENT_SIGNS) | set(SOON_SIGNS) == set(Symptom)
    assert not set(URGENT_SIGNS) & set(SOON_SIGNS)
    for sign in LEGACY_SYMPTOMS:
        assert tier_of(sign) is Tier.SOON
        assert sign not in offered_signs(Tier.SOON)
    assert tier_of("tired eyes") is None
    assert len(offered_signs(Tier.URGENT)) + len(offered_signs(Tier.SOON)) == len(Symptom) - 3


@pytest.mark.parametrize("sign", STROKE_SIGNS)
def test_a_sudden_sign_says_call_the_emergency_number_first(sign: Symptom) -> None:
    entry = _episode(TODAY, sign)
    (prompt,) = help_prompts(TODAY, [entry], [], set())
    assert prompt.tier is Tier.URGENT
    assert prompt.key == f"urgent:{entry.uid}"
    assert prompt.message.startswith(CALL_NOW)
    assert "(such as 999, 112 or 911)" in prompt.message
    assert "stroke" in prompt.message
    assert "even if it has passed" in prompt.message
    assert "not an emergency" not in prompt.message


def test_trouble_swallowing_is_urgent_and_names_the_last_injection() -> None:
    entry = _episode(TODAY, Symptom.SWALLOWING_SPEAKING_BREATHING)
    treatments = [
        _treatment(date(2026, 1, 5)),  # more than 90 days before: not named
        _treatment(date(2026, 4, 20)),
        _treatment(date(2026, 4, 25), Treatment.DOCTOR_VISIT),
        _treatment(date(2026, 5, 2)),  # after the episode: not named
    ]
    (prompt,) = help_prompts(TODAY, [entry], [], set(), treatments)
    assert prompt.tier is Tier.URGENT
    assert prompt.message.startswith(CALL_NOW)
    assert (
        "Your journal notes a botulinum toxin injection on 20 April 2026: tell them."
        in prompt.message
    )
    assert "hours to weeks" in prompt.message
    assert "stroke" not in prompt.message


def test_trouble_swallowing_without_a_logged_injection_is_still_urgent() -> None:
    (prompt,) = help_prompts(
        TODAY, [_episode(TODAY, Symptom.SWALLOWING_SPEAKING_BREATHING)], [], set()
    )
    assert prompt.tier is Tier.URGENT
    assert "above all after a botulinum toxin injection" in prompt.message
    assert prompt.message.endswith("If you had one, tell them.")
    assert "Your journal notes" not in prompt.message


def test_a_calm_sign_says_soon_and_asks_about_sudden_onset() -> None:
    entry = _episode(TODAY, Symptom.FACE_OR_EYELID_WEAKNESS)
    (prompt,) = help_prompts(TODAY, [entry], [], set())
    assert prompt.tier is Tier.SOON
    assert prompt.key == f"symptom:{entry.uid}"
    assert "doctor soon" in prompt.message
    assert prompt.message.endswith(
        "If any of it came on suddenly, call your emergency number now (such as 999, 112 or 911)."
    )


def test_calm_signs_with_words_of_their_own() -> None:
    entry = _episode(
        TODAY,
        Symptom.RED_OR_PAINFUL_EYE,
        Symptom.MEDICINE_MAY_BE_THE_CAUSE,
        Symptom.LONG_EYELID_TWITCH,
    )
    (prompt,) = help_prompts(TODAY, [entry], [], set())
    assert prompt.tier is Tier.SOON
    assert "checked today if it hurts or your sight changes" in prompt.message
    assert "Don't stop a prescribed medicine without advice" in prompt.message
    assert "came on suddenly" not in prompt.message  # none of these is a stroke sign
    # A sign with a comma of its own is kept whole: the list is joined with semicolons.
    assert (
        "you noted a red or painful eye, or one that won't close; a medicine may be the "
        "cause; and an eyelid twitch for over two weeks." in prompt.message
    )


def test_one_entry_with_both_tiers_gives_two_prompts_urgent_first() -> None:
    entry = _episode(TODAY, Symptom.HEARING_ON_SPASM_SIDE, Symptom.SUDDEN_FACE_DROOPING)
    rising = _weekly([0, 1, 2, 3])
    urgent, calm, trend = help_prompts(TODAY, [entry], rising, set())
    assert [p.tier for p in (urgent, calm, trend)] == [Tier.URGENT, Tier.SOON, Tier.SOON]
    assert urgent.message.startswith(f"{CALL_NOW} On 1 May 2026 you noted sudden face drooping.")
    assert "hearing loss or ringing on the spasm side" in calm.message
    # Once the urgent one was shown, the calm one is still due, and the other way round.
    assert help_prompts(TODAY, [entry], rising, {urgent.key, trend.key}) == [calm]


def test_the_notice_puts_urgent_text_first_under_its_own_title() -> None:
    calm_entry = _episode(TODAY, "numbness", hour=8)
    urgent_entry = _episode(TODAY, Symptom.SLURRED_SPEECH, hour=10)
    prompts = help_prompts(TODAY, [calm_entry, urgent_entry], _weekly([0, 1, 2, 3]), set())
    notice = help_notice(prompts)
    assert notice.tier is Tier.URGENT
    assert notice.title == URGENT_TITLE == "Get medical help now"
    assert notice.text.startswith(CALL_NOW)
    assert "numbness" not in notice.text  # the calm reasons come after, in the details
    assert notice.details.index("you noted numbness") < notice.details.index("three weeks")
    assert notice.details.endswith("it is always one click away (F1).")
    assert "not an emergency" not in f"{notice.text} {notice.details}"


def test_a_rising_trend_alone_gives_the_calm_notice() -> None:
    notice = help_notice(help_prompts(TODAY, [], _weekly([2, 2, 3, 4, 5]), set()))
    assert notice.tier is Tier.SOON
    assert notice.title == SOON_TITLE == "A gentle note"
    assert notice.text.startswith("Your spasm episodes have gone up three weeks in a row")
    assert "emergency" not in notice.text
    assert "not an emergency" not in notice.details


def test_the_advice_names_every_urgent_sign_and_the_call() -> None:
    stroke = STROKE_ADVICE.lower()
    assert stroke.startswith("call your emergency number now (such as 999, 112 or 911)")
    for words in ("numbness", "weakness", "droops", "slurred", "double vision", "unsteadiness"):
        assert words in stroke
    assert "suddenly" in stroke
    assert "botulinum toxin" in INJECTION_ADVICE
    for words in ("swallowing", "speaking", "breathing", "hours to weeks", "emergency number"):
        assert words in INJECTION_ADVICE
