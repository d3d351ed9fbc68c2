"""What a launch asks of the open window, and how the window grants it.

A launch's wish is a small dict sent over the single-instance socket
(app/services/single_instance.py): ``{"raise": true}`` for a plain ``facewell``, plus ``run`` (a
routine's name, slug or absolute .toml path), ``page`` (a launcher action) or
``hidden`` (autostart: no window wanted). The same dict drives the first window when it
was itself started with --open.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def launch_wish(
    *,
    query: str | None,
    hidden: bool,
    page: str | None,
    mute: bool = False,
    trace: Path | None = None,
) -> dict[str, Any]:
    wish: dict[str, Any] = {"raise": not hidden}
    if query is not None:
        path = Path(query)
        # A routine file is named relative to the launch's folder, not the window's.
        wish["run"] = str(path.resolve()) if path.suffix == ".toml" or path.is_file() else query
        # `facewell run NAME --mute` (or --trace) with a window open: for that routine.
        if mute:
            wish["mute"] = True
        if trace is not None:
            wish["trace"] = str(trace.resolve())
    if page is not None:
        wish["page"] = page
    token = os.environ.get("XDG_ACTIVATION_TOKEN") or os.environ.get("DESKTOP_STARTUP_ID")
    if token:
        wish["activation_token"] = token
    return wish


def handle_wish(window: MainWindow, data_dir: Path, wish: dict[str, Any]) -> None:
    """Raise the window and do what the launch asked; a bad routine name is said in the
    banner, never raised."""
    token = wish.get("activation_token")
    if isinstance(token, str) and token:
        # Wayland hands focus only to a window that shows the launch's token.
        os.environ["XDG_ACTIVATION_TOKEN"] = token
    query = wish.get("run")
    page = wish.get("page")
    if wish.get("raise") or isinstance(query, str) or isinstance(page, str):
        window.bring_to_front()
    if isinstance(query, str):
        trace = wish.get("trace")
        _run(
            window,
            data_dir,
            query,
            muted=wish.get("mute") is True,
            trace=Path(trace) if isinstance(trace, str) and trace else None,
        )
    elif page == "cold-compress":
        window.start_compress("cold")
    elif page == "journal":
        window.nav.setCurrentRow(window.PAGES.index("Journal"))


def _run(
    window: MainWindow, data_dir: Path, query: str, *, muted: bool, trace: Path | None
) -> None:
    from app.cli import resolve_routine
    from app.core.loader import RoutineError

    try:
        routine = resolve_routine(data_dir, query)
    except RoutineError as error:
        problem = error.problems[0]
        window.show_banner(f"{query} can't be started: line {problem.line}, {problem.message}.")
        return
    except LookupError as error:
        window.show_banner(f"{error.args[0][0].upper()}{error.args[0][1:]}.")
        return
    window.start_routine(routine, muted=muted, trace=trace)
