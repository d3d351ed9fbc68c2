"""The names people see for routine categories and step kinds, said once.

Plain dictionaries keyed by the stored value, with no imports at all: the routine list
shows them in the first frame, before the routine model (and `dataclasses`) load.
"""

from __future__ import annotations

__all__ = ["CATEGORY_LABELS", "STEP_KINDS", "STEP_KIND_LABELS"]

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
