"""Words that read right: counts and routine names inside sentences."""

from __future__ import annotations

import pytest

from app.core.words import counted, sentence_case


@pytest.mark.parametrize(
    ("n", "word", "plural", "said"),
    [
        (1, "minute", None, "1 minute"),
        (0, "day", None, "0 days"),
        (12, "session", None, "12 sessions"),
        (1, "journal entry", "journal entries", "1 journal entry"),
        (2, "journal entry", "journal entries", "2 journal entries"),
        (1.5, "minute", None, "1.5 minutes"),
    ],
)
def test_counted(n: float, word: str, plural: str | None, said: str) -> None:
    assert counted(n, word, plural) == said


@pytest.mark.parametrize(
    ("name", "inside"),
    [
        ("A mindful minute", "a mindful minute"),
        ("Gentle face", "gentle face"),
        ("4-7-8 for the evening", "4-7-8 for the evening"),
        ("PT plan", "PT plan"),
        ("", ""),
    ],
)
def test_sentence_case(name: str, inside: str) -> None:
    assert sentence_case(name) == inside
