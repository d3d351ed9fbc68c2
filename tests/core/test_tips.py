"""The tips content follows the health rules in DESIGN.md."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app.core import tips
from app.core.seek_help import URGENT_ADVICE
from app.core.tips import DISCLAIMER, SEEK_HELP, TIPS, TipSection, all_sections

SUPPLEMENT_TITLES = ("Chamomile", "Magnesium", "Valerian root")


def _section(title: str) -> TipSection:
    return next(section for section in TIPS if section.title == title)


def test_module_has_no_qt_import() -> None:
    source = Path(tips.__file__).read_text(encoding="utf-8")
    assert "PySide6" not in source


def test_disclaimer_is_short_and_says_not_medical_advice() -> None:
    assert "not medical advice" in DISCLAIMER
    assert 0 < len(DISCLAIMER) <= 250


def test_seek_help_title() -> None:
    assert SEEK_HELP.title == "When to seek professional help"


@pytest.mark.parametrize("sign", ["vision", "balance", "numbness"])
def test_seek_help_names_warning_signs(sign: str) -> None:
    assert sign in SEEK_HELP.text().lower()


def test_seek_help_says_the_urgent_tier_first() -> None:
    first, second = SEEK_HELP.paragraphs[:2]
    assert (first, second) == URGENT_ADVICE
    assert first.startswith("Call your emergency number now (such as 999, 112 or 911)")
    assert "stroke" in first
    assert "botulinum toxin" in second and "at once" in second
    calm = SEEK_HELP.paragraphs[2]
    assert "soon" in calm and "emergency" not in calm


def test_seek_help_never_says_it_is_not_an_emergency() -> None:
    for section in all_sections():
        assert "not an emergency" not in section.text().lower()


@pytest.mark.parametrize(
    "words",
    [
        "weakness or drooping of the face or eyelid",
        "double vision or loss of vision while your eyes are open",
        "lids that clamp shut",
        "twitching that spreads",
        "hearing loss or ringing in the ear on the side of the spasms",
        "more than two weeks",
        "a red or painful eye, or an eye that won't close",
        "don't stop a prescribed medicine without advice",
    ],
)
def test_seek_help_lists_the_calm_signs(words: str) -> None:
    assert words in SEEK_HELP.text().lower()


def test_seek_help_covers_recurring_or_worsening() -> None:
    text = SEEK_HELP.text().lower()
    assert "coming back" in text
    assert "worse" in text


@pytest.mark.parametrize("title", SUPPLEMENT_TITLES)
def test_supplements_say_ask_doctor_or_pharmacist(title: str) -> None:
    text = _section(title).text().lower()
    assert "doctor or pharmacist" in text
    assert "interact" in text


def test_supplements_say_what_to_watch_for() -> None:
    chamomile = _section("Chamomile").text().lower()
    for warning in ("daisy", "ragweed", "drowsy", "don't put tea bags on your eyes"):
        assert warning in chamomile
    valerian = _section("Valerian root").text().lower()
    for warning in ("some people use to relax", "alcohol", "sedatives", "driving"):
        assert warning in valerian
    magnesium = _section("Magnesium").text().lower()
    for warning in ("may ease", "stomach", "interact", "kidney"):
        assert warning in magnesium


def test_what_patients_most_need_to_know() -> None:
    text = " ".join(section.text() for section in TIPS)
    assert "Botulinum toxin injections are the usual first treatment" in text
    assert "about every three months" in text
    assert "scan" in text
    for eyes in ("Dry, gritty eyes", "sensitivity to light", "FL-41", "breaks from screens"):
        assert eyes in text
    for group in ("BEBRF", "DMRF"):
        assert group in text


def test_movements_do_not_promise_to_treat() -> None:
    text = _section("Gentle facial movements").text()
    assert "may help you feel relaxed" in text
    assert "don't treat blepharospasm or hemifacial spasm" in text
    assert "Skip any movement that sets off a spasm" in text
    assert "coordination" not in text


def test_compress_times_follow_the_article() -> None:
    text = _section("Cold and warm compresses").text()
    assert "10 to 15 minutes" in text
    assert "15 to 20 minutes" in text
    assert "cloth" in text
    for check in ("pink and cool", "white, grey or blotchy", "blisters", "stings", "numb"):
        assert check in text
    for who in ("poor circulation", "fall asleep with a heating pad", "over your eyes"):
        assert who in text
    assert "injection sites" in text


@pytest.mark.parametrize("section", all_sections(), ids=lambda s: s.title)
def test_no_cure_or_guarantee(section: TipSection) -> None:
    text = section.text().lower()
    for word in ("cure", "guarantee", "swift", "heal quickly"):
        assert word not in text
    assert "cure" not in DISCLAIMER.lower()


@pytest.mark.parametrize("section", all_sections(), ids=lambda s: s.title)
def test_every_section_non_empty(section: TipSection) -> None:
    assert section.title.strip()
    assert section.paragraphs
    assert all(paragraph.strip() for paragraph in section.paragraphs)
    assert all(bullet.strip() for bullet in section.bullets)


def test_titles_unique_and_seek_help_last() -> None:
    sections = all_sections()
    titles = [section.title for section in sections]
    assert len(titles) == len(set(titles))
    assert sections[-1] is SEEK_HELP
    assert SEEK_HELP not in TIPS


def test_sections_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        SEEK_HELP.title = "changed"  # type: ignore[misc]


def test_article_topics_present() -> None:
    titles = " ".join(section.title.lower() for section in TIPS)
    for topic in ("understanding", "rest", "movements", "food", "compress"):
        assert topic in titles
    triggers = " ".join(_section("Understanding facial spasms").bullets).lower()
    for trigger in ("stress", "fatigue", "nerve", "medicine"):
        assert trigger in triggers
    food = _section("Food and water").text().lower()
    for item in ("omega-3", "antioxidant", "leafy greens", "fatty fish", "nuts", "water"):
        assert item in food
    assert "physiotherapist" in _section("Gentle facial movements").text()
