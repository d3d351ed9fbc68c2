"""The quick log parser (tray, window, ``facewell log``), associations and tricks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.core.daily import (
    NOT_PROOF,
    association_sentence,
    associations,
    parse_quick_log,
    trick_summary,
)
from app.core.records import DailyRating


def test_one_line_holds_the_rating_the_exposures_and_the_tricks() -> None:
    log = parse_quick_log("6 light screens, coffee, my cat, +humming, -looking down")
    assert log.rating == 6
    assert log.exposures == ("bright light", "screens", "caffeine", "my cat")
    assert log.tricks == (("humming", True), ("looking down", False))
    assert parse_quick_log("0").exposures == ()
    assert parse_quick_log(" 10, wind").exposures == ("wind",)


@pytest.mark.parametrize("text", ["", "eleven", "11 light", "-1", "light 5"])
def test_no_rating_is_a_plain_sentence(text: str) -> None:
    with pytest.raises(ValueError, match="a number from 0 to 10"):
        parse_quick_log(text)


def test_associations_compare_days_with_and_without_and_say_it_is_not_proof() -> None:
    start = date(2026, 1, 1)
    ratings = [
        DailyRating(
            start + timedelta(days=i),
            6 if i % 4 == 0 else 4,
            ("bright light",) if i % 4 == 0 else (),
        )
        for i in range(40)
    ]
    (row,) = associations(ratings)
    assert (row.days_with, row.days_total) == (10, 40)
    assert row.difference == pytest.approx(2.0)
    assert (
        association_sentence(row)
        == "On days with bright light your rating was 2.0 higher (10 of 40 days)."
    )
    assert associations(ratings[:12]) == []  # too few days to compare
    assert "not proof" in NOT_PROOF


def test_tricks_count_how_often_they_helped() -> None:
    day = date(2026, 1, 1)
    ratings = [
        DailyRating(day, 5, tricks=(("humming", True), ("looking down", False))),
        DailyRating(day + timedelta(days=1), 5, tricks=(("humming", None),)),
    ]
    rows = trick_summary(ratings)
    assert [(r.trick, r.tried, r.helped, r.did_not_help) for r in rows] == [
        ("humming", 2, 1, 0),
        ("looking down", 1, 0, 1),
    ]
