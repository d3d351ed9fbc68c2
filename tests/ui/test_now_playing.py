"""A routine that is playing is never lost (issue 15): leave the player and every page
shows "Now playing" with Return and Stop; Esc stops it from any page; Start on another
routine asks first; the player starts clean; closing without a tray asks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.clock import FakeClock
from app.core.session import State
from app.services.settings import Settings
from app.ui import questions
from app.ui.context import AppContext
from app.ui.feedback_dialog import FeedbackDialog
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(FeedbackDialog, "ask", classmethod(lambda cls, parent, title: None))
    settings = Settings(data_dir)
    settings.lead_in = False
    context = AppContext(data_dir, settings, None, mute=True, clock=FakeClock())
    widget = MainWindow(context)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.first_frame_shown, timeout=5000):  # its keys with it
        widget.show()
    widget.reload_routines()
    yield widget


def start(window: MainWindow, qtbot: QtBot, name: str) -> None:
    assert window.routines.select(name)
    window.routines.list.setFocus()
    qtbot.keyClick(window.routines.list, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            window.player.driver is not None and window.player.driver.session.state is State.RUNNING
        )
    )


def test_the_bar_returns_to_the_routine_and_esc_stops_it_from_history(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot, "Box breathing")
    assert not window.now_playing.isVisible()  # on the player itself, no bar
    window.nav.setCurrentRow(window.PAGES.index("History"))
    qtbot.waitUntil(window.now_playing.isVisible)
    assert window.now_playing.label.text().startswith("Now playing: Box breathing · ")
    assert window.now_playing.label.text().endswith(" left")

    window.now_playing.return_button.click()
    assert window.stack.currentWidget() is window.player
    assert not window.now_playing.isVisible()
    assert window.player.driver is not None
    assert window.player.driver.session.state is State.RUNNING  # it never stopped

    window.nav.setCurrentRow(window.PAGES.index("History"))
    qtbot.waitUntil(window.now_playing.isVisible)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.player.driver.session.state is State.STOPPED
    assert not window.now_playing.isVisible()
    assert window.stack.currentWidget() is window.history_page  # stays where it was


def test_start_on_another_routine_asks_first(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []
    answer = [False]

    def ask(cls: object, parent: object, playing: str, wanted: str) -> bool:
        asked.append((playing, wanted))
        return answer[0]

    monkeypatch.setattr(questions.ReplaceRoutineQuestion, "ask", classmethod(ask))
    start(window, qtbot, "Box breathing")
    first = window.player.driver
    window.nav.setCurrentRow(0)
    assert window.routines.select("Deep breathing")
    window.routines.start_button.click()
    assert asked == [("Box breathing", "Deep breathing")]
    assert window.player.driver is first  # "go back": nothing restarted
    assert window.stack.currentWidget() is window.player
    assert first is not None and first.session.state is State.RUNNING

    answer[0] = True
    window.nav.setCurrentRow(0)
    assert window.routines.select("Deep breathing")
    window.routines.start_button.click()
    assert first.session.state is State.STOPPED
    assert window.player.routine is not None and window.player.routine.name == "Deep breathing"


def test_the_player_starts_clean(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "Gentle face")
    for _ in range(3):  # to the brow lift, with its picture
        window.player.next_step()
    assert window.player.step_count.text() != "Step 1 of 10"
    window.player.stop()
    assert window.routines.select("Box breathing")
    window.routines.start_button.click()
    player = window.player
    assert player.step_count.text() == "Step 1 of 3"
    assert player.progress.value() == 0
    assert player.visual.currentIndex() == 0  # the circle, not the last step's picture
    assert player.rep.text() == ""


def test_closing_without_a_tray_asks_before_stopping_a_routine(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False]
    names: list[str] = []

    def ask(cls: object, parent: object, what: str) -> bool:
        names.append(what)
        return answers[0]

    monkeypatch.setattr(questions.StopAndQuitQuestion, "ask", classmethod(ask))
    window.tray = None
    start(window, qtbot, "Box breathing")
    window.close()
    assert names == ["“Box breathing”"]
    assert window.isVisible()  # kept: the routine goes on
    assert window.player.driver is not None
    assert window.player.driver.session.state is State.RUNNING
