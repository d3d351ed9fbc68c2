"""What to render while the app is idle: every line of the built-in routines.

A natural voice takes about a fifth of a line's length to render (one thread), so a
built-in routine's first start would wait tens of seconds with a cold cache. Rendered
ahead, in the background, it starts at once. No Qt; reads the routine files, so call
it off the GUI thread.
"""

from __future__ import annotations

from app.core.adapt import adapt_routine
from app.core.condition import Condition
from app.core.library import load_library
from app.core.timeline import spoken_lines
from app.resources import exercises_dir, images_dir

__all__ = ["builtin_lines"]


def builtin_lines(condition: Condition | None) -> list[str]:
    """Every distinct line the built-in routines speak, as played for ``condition``
    (adapted routines say other words), shortest routine first: the likeliest to be
    started soon is ready soonest."""
    library = load_library(exercises_dir(), None, images_dir())
    routines = [adapt_routine(r, condition).routine for r in library.routines if r.builtin]
    lines: dict[str, None] = {}
    for routine in sorted(routines, key=lambda r: len(spoken_lines(r))):
        lines.update(dict.fromkeys(spoken_lines(routine)))
    return list(lines)
