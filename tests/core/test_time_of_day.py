"""A time of day as people type it (app/core/time_of_day.py)."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.time_of_day import TimeOfDayError, format_time_of_day, parse_time_of_day


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("7:30", time(7, 30)),
        ("730", time(7, 30)),
        ("0730", time(7, 30)),
        ("7.30", time(7, 30)),
        ("7 30", time(7, 30)),
        ("7h30", time(7, 30)),
        ("19:45", time(19, 45)),
        ("1945", time(19, 45)),
        ("1230", time(12, 30)),
        ("7", time(7, 0)),
        ("  9 ", time(9, 0)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("7pm", time(19, 0)),
        ("7 PM", time(19, 0)),
        ("7:30 am", time(7, 30)),
        ("7:30 p.m.", time(19, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
    ],
)
def test_a_time_is_read_as_people_type_it(typed: str, meant: time) -> None:
    assert parse_time_of_day(typed) == meant


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("25", "There is no hour 25: hours go from 0 to 23."),
        ("2530", "There is no hour 25: hours go from 0 to 23."),
        ("7:75", "There is no minute 75: minutes go from 0 to 59."),
        ("13pm", "With am or pm, the hour goes from 1 to 12, not 13."),
        ("abc", "“abc” isn't a time: type one such as 7:30 or 19:45."),
        ("7:30:15", "“7:30:15” isn't a time: type one such as 7:30 or 19:45."),
        ("", "Type a time, such as 7:30 or 19:45."),
    ],
)
def test_what_is_not_a_time_is_said_plainly(typed: str, said: str) -> None:
    with pytest.raises(TimeOfDayError) as raised:
        parse_time_of_day(typed)
    assert str(raised.value) == said


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_every_time_shown_reads_back_as_itself(value: time) -> None:
    shown = format_time_of_day(value)
    assert len(shown) == 5 and parse_time_of_day(shown) == value
