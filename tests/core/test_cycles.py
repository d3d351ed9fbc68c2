"""Injection cycles: weeks of benefit derived (marks first, then ratings, then the next
injection), the predicted wear-off window and the booking reminder."""

from __future__ import annotations

from datetime import date, timedelta

from app.core.cycles import (
    DEFAULT_WEAR_OFF_WINDOW,
    appointment_note,
    cycle_view,
    cycles,
    wear_off_window,
)
from app.core.export_format import parse_export
from app.core.records import Injection
from app.core.sample_cycles import BENEFIT_DAYS, INJECTION_OFFSETS, cycle_year

START = date(2025, 5, 1)
TODAY = START + timedelta(days=364)


def _year() -> tuple[list[Injection], list[tuple[date, int]]]:
    parsed = parse_export(cycle_year(START))
    return [i for i, _ in parsed.injections], [(r.day, r.rating) for r in parsed.ratings]


def test_a_year_of_ratings_gives_four_cycles_with_their_weeks_of_benefit() -> None:
    injections, ratings = _year()
    found = cycles(injections, ratings, TODAY)
    assert [c.injection.day for c in found] == [
        START + timedelta(days=o) for o in INJECTION_OFFSETS
    ]
    finished = found[:3]
    assert [c.how for c in finished] == ["ratings"] * 3
    for cycle, benefit in zip(finished, BENEFIT_DAYS, strict=False):
        assert cycle.days_of_benefit is not None
        # Derived from the ratings: the return to the baseline, within about a week.
        assert benefit <= cycle.days_of_benefit <= benefit + 9, (cycle, benefit)
        assert cycle.started_working is not None
        assert 4 <= (cycle.started_working - cycle.injection.day).days <= 7
    current = found[3]
    assert (current.next_day, current.wore_off, current.how) == (None, None, "")


def test_a_mark_wins_over_the_ratings_and_the_next_injection_is_at_least() -> None:
    injections, ratings = _year()
    first = injections[0]
    marked = Injection(id=1, day=first.day, wearing_off=first.day + timedelta(days=60), uid="m")
    found = cycles([marked, *injections[1:]], ratings, TODAY)
    assert (found[0].how, found[0].days_of_benefit) == ("marked", 60)
    # No ratings at all: the cycle lasted at least until the next injection.
    bare = cycles(
        [Injection(id=1, day=date(2026, 1, 1)), Injection(id=2, day=date(2026, 4, 1))], [], TODAY
    )
    assert bare[0].until_next and bare[0].weeks_of_benefit == 90 / 7
    assert bare[1].weeks_of_benefit is None


def test_two_injections_on_one_day_are_one_cycle() -> None:
    day = date(2026, 1, 5)
    found = cycles([Injection(id=1, day=day), Injection(id=2, day=day)], [], TODAY)
    assert len(found) == 1


def test_the_wear_off_window_comes_from_the_persons_own_cycles() -> None:
    assert (wear_off_window([]).first, wear_off_window([]).last) == DEFAULT_WEAR_OFF_WINDOW
    assert wear_off_window([]).typical is None
    injections, ratings = _year()
    view = cycle_view(injections, ratings, TODAY)
    typical = sorted(c.days_of_benefit or 0 for c in view.cycles[:3])[1]
    assert view.window.typical == typical
    assert view.window.first == typical - 14 and view.window.last == typical + 21
    assert view.today_offset == 364 - INJECTION_OFFSETS[-1]
    assert len(view.curves) == 4
    assert view.curves[0][0][0] == 0 and all(d >= 0 for d, _ in view.curves[3])


def test_the_booking_reminder_is_date_based() -> None:
    injections, ratings = _year()
    found = cycles(injections, ratings, TODAY)
    last = found[-1].injection.day
    assert appointment_note(last + timedelta(days=30), found) is None
    note = appointment_note(last + timedelta(days=70), found)
    assert note is not None and "about 13 weeks" in note and "call the clinic" in note
    assert appointment_note(TODAY, []) is None
