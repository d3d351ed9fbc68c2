"""The names people see for routine categories and step kinds, said once.

Plain dictionaries keyed by the stored value, with no imports at all: the routine list
shows them in the first frame, before the routine model (and `dataclasses`) load.
"""

from __future__ import annotations

__all__ = ["CATEGORY_LABELS", "STEP_KINDS", "STEP_KIND_LABELS", "counted", "sentence_case"]

CATEGORY_LABELS: dict[str, str] = {
    "breathing": "Breathing",
    "meditation": "Meditation",
    "facial": "Facial exercises",
    "compress": "Compresses",
    "mixed": "Combined",
}
"""Category value -> label, in the order menus list them."""

STEP_KIND_LABELS: dict[str, str] = {
    "breathing": "Breathing",
    "exercise": "Facial exercise",
    "meditation": "Meditation",
    "compress": "Compress",
    "rest": "Rest",
}
"""Step kind -> label, in the order menus list them."""

STEP_KINDS: tuple[str, ...] = tuple(STEP_KIND_LABELS)


def counted(n: float, word: str, plural: str | None = None) -> str:
    """ "1 minute", "0 days", "12 sessions", "1 journal entry", "2 journal entries"."""
    shown = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{shown} {word if n == 1 else plural or word + 's'}"


def sentence_case(name: str) -> str:
    """A routine's name as it reads inside a sentence: "Time for a mindful minute", "after
    gentle face"; names that keep capitals (a 4-7-8, "My PT plan") are left alone."""
    first, _, rest = name.partition(" ")
    if not first or not first[0].isupper() or any(c.isupper() for c in first[1:]):
        return name
    return f"{first[0].lower()}{first[1:]}" + (f" {rest}" if rest else "")
