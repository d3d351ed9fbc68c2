"""The Routines page with hostile files in the routines folder: everything else still shows."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.paths import routines_dir
from app.resources import exercises_dir
from app.ui.context import AppContext
from app.ui.main_window import MainWindow

GOOD = 'name = "My quiet minute"\n[[steps]]\nkind = "rest"\ntitle = "Rest"\nduration = 60\n'
STEP = 'name = "Hostile"\n[[steps]]\nkind = "breathing"\ntitle = "B"\n'
HOSTILE = {
    "kind-list.toml": 'name = "Hostile"\n[[steps]]\nkind = ["rest"]\ntitle = "R"\nduration = 5\n',
    "deep.toml": 'name = "Hostile"\nx = ' + "[" * 5000 + "]" * 5000 + "\n",
    "digits.toml": STEP + "inhale = 1" + "0" * 5000 + "\nexhale = 4\ncycles = 2\n",
    "overflow.toml": STEP + "inhale = 4\nexhale = 4\ncycles = 1" + "0" * 400 + "\n",
    "tiny.toml": STEP + "inhale = 0.000001\nexhale = 0.000001\ncycles = 1000\n",
    "many.toml": 'name = "Hostile"\n' + '[[steps]]\nkind = "dance"\ntitle = "T"\n' * 180,
}


class DeadlinePassed(BaseException):
    """Not an OSError (as TimeoutError is), nor any Exception: no `except` swallows it."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging. The widgets live on this thread, so a timer interrupts it
    with a signal sent to this very thread (Qt's own threads could take a plain alarm)."""
    if not hasattr(signal, "pthread_kill"):
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise DeadlinePassed(f"still working after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    timer = threading.Timer(seconds, signal.pthread_kill, (threading.get_ident(), signal.SIGALRM))
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()
        signal.signal(signal.SIGALRM, previous)


def test_hostile_files_leave_the_other_routines_on_the_page(
    qtbot: QtBot, context: AppContext
) -> None:
    folder = routines_dir(context.data_dir)
    folder.mkdir(parents=True)
    for name, text in HOSTILE.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "folder.toml").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.toml")
    (folder / "quiet.toml").write_text(GOOD, encoding="utf-8")
    window = MainWindow(context)
    qtbot.addWidget(window)

    with deadline(30):
        window.reload_routines()

    page = window.routines
    rows = range(page.list.count())
    names = [r.name for r in map(page.routine_at, rows) if r is not None]
    assert len(names) == len(list(exercises_dir().glob("*.toml"))) + 1
    assert "My quiet minute" in names
    assert page.select("Box breathing")
    broken = {
        str(page.list.item(row).data(Qt.ItemDataRole.AccessibleTextRole))
        for row in rows
        if page.routine_at(row) is None
    }
    hostile = sorted(path.name for path in folder.glob("*.toml") if path.name != "quiet.toml")
    assert broken == {f"{name} (cannot be used)" for name in hostile}
    library = window.library
    assert all(1 <= len(entry.problems) <= 51 for entry in library.broken)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_editing_a_named_pipe_says_why_instead_of_hanging(
    qtbot: QtBot, context: AppContext
) -> None:
    folder = routines_dir(context.data_dir)
    folder.mkdir(parents=True)
    os.mkfifo(folder / "fifo.toml")
    window = MainWindow(context)
    qtbot.addWidget(window)
    with deadline(30):
        window.reload_routines()
        (entry,) = window.library.broken
        window.edit_routine(entry)
    assert "not a regular file (a named pipe)" in window.notice.label.text()
