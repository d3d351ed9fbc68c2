"""The `facewell` command's first step: pause Python's cyclic collector while it starts.

Starting the window allocates some hundred thousand objects (modules, PySide6's types
and enums, the widgets) and frees almost none, so the collector's passes over them
during start-up find nothing to collect; they cost the first full draw about 4 %
(docs/benchmarks.md, issue 18). The collector resumes once the window's first frame is
drawn (app/gui.py), or at once for a command that opens no window (app/cli.py): a long
`facewell run --no-gui` or a large import collects as usual.

Nothing else is imported here, so the pause covers every import that follows.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence

__all__ = ["main", "resume_collector"]

_paused = False


def main(argv: Sequence[str] | None = None) -> int:
    """The command line (app/cli.py), with the collector paused until it is wanted."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True
    try:
        from app.cli import main as run

        return run(argv)
    finally:
        resume_collector()


def resume_collector() -> None:
    """Collect again, if :func:`main` paused it; otherwise nothing changes."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
