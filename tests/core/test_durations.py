"""Durations as people write them: 90, 4.5, "90s", "1m30s", "2m", "1h", "1h15m"."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.durations import (
    DurationError,
    format_about,
    format_clock,
    format_duration,
    parse_duration,
)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (90, 90.0),
        (0, 0.0),
        (4.5, 4.5),
        ("90s", 90.0),
        ("1m30s", 90.0),
        ("2m", 120.0),
        ("1h", 3600.0),
        ("1h15m", 4500.0),
        ("1h0m5s", 3605.0),
        ("90", 90.0),
        (" 2m ", 120.0),
        ("2.5s", 2.5),
        ("1M", 60.0),
    ],
)
def test_parse_duration_examples(value: object, seconds: float) -> None:
    result = parse_duration(value)
    assert result == seconds
    assert isinstance(result, float)


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        -1,
        -0.5,
        "abc",
        "1x",
        "",
        "   ",
        "m",
        "h",
        "s",
        "-5s",
        "1s2m",
        "5 minutes",
        None,
        [1],
        {"s": 1},
        math.nan,
        math.inf,
        -math.inf,
    ],
)
def test_parse_duration_rejects(value: object) -> None:
    with pytest.raises(DurationError):
        parse_duration(value)


def test_duration_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="1x"):
        parse_duration("1x")


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (45, "45 s"),
        (44.6, "45 s"),
        (60, "1 min"),
        (240, "4 min"),
        (750, "12 min 30 s"),
        (3600, "1 h"),
        (3900, "1 h 5 min"),
        (-3, "0 s"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00"),
        (0.2, "0:01"),
        (5, "0:05"),
        (59.5, "1:00"),
        (60, "1:00"),
        (61, "1:01"),
        (600, "10:00"),
        (3600, "1:00:00"),
        (3725, "1:02:05"),
        (-4, "0:00"),
    ],
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


_PART = st.integers(min_value=0, max_value=500)


@given(_PART, _PART, _PART)
def test_property_full_hms_string(h: int, m: int, s: int) -> None:
    assert parse_duration(f"{h}h{m}m{s}s") == h * 3600 + m * 60 + s


@given(_PART, _PART, _PART, st.booleans(), st.booleans())
def test_property_hms_string_omitting_zero_parts(
    h: int, m: int, s: int, spaced: bool, bare_seconds: bool
) -> None:
    parts = [f"{value}{unit}" for value, unit in ((h, "h"), (m, "m"), (s, "s")) if value]
    if not parts:
        parts = ["0s"]
    if bare_seconds and parts[-1].endswith("s"):
        parts[-1] = parts[-1][:-1]
    text = (" " if spaced else "").join(parts)
    assert parse_duration(text) == h * 3600 + m * 60 + s


@given(st.integers(min_value=0, max_value=10**9))
def test_property_integers_round_trip(value: int) -> None:
    assert parse_duration(value) == value
    assert parse_duration(str(value)) == value


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_property_floats_round_trip(value: float) -> None:
    assert parse_duration(value) == value


@given(st.text())
def test_property_arbitrary_text_only_raises_duration_error(text: str) -> None:
    try:
        seconds = parse_duration(text)
    except DurationError:
        return
    assert math.isfinite(seconds)
    assert seconds >= 0


@given(st.floats(max_value=-1e-300, allow_nan=False))
def test_property_negative_numbers_rejected(value: float) -> None:
    with pytest.raises(DurationError):
        parse_duration(value)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (3, "about 10 s"),
        (57, "about 1 min"),
        (64, "about 1 min"),
        (119, "about 2 min"),
        (946.5, "about 16 min"),
        (3725, "about 1 h 2 min"),
    ],
)
def test_about_a_length(seconds: float, shown: str) -> None:
    assert format_about(seconds) == shown
