"""The player gives its words priority (issue 15, point 4): in a 1024x600 window the
step's words, the time and the buttons are in view, at every text size. At 200 % the
page is taller than the window; it scrolled from the top, so the words were below the
fold and only the routine's name, the circle and the time showed. And the player's
five buttons, once squeezed into one column, stayed one under another."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from tests.ui.layout_check import small_window


@pytest.fixture(params=[1.0, 1.5, 2.0], ids=["100%", "150%", "200%"])
def window(
    request: pytest.FixtureRequest, qtbot: QtBot, context: AppContext
) -> Iterator[MainWindow]:
    with small_window(qtbot, context, request.param) as widget:
        yield widget


def _in_view(widget: QWidget, area: QScrollArea) -> bool:
    viewport = area.viewport()
    where = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().contains(where)


def test_the_words_the_time_and_the_buttons_are_in_view(window: MainWindow, qtbot: QtBot) -> None:
    assert window.routines.select("Gentle face")
    window.routines.start_button.click()
    player = window.player
    qtbot.waitUntil(player.isVisible)
    for _ in range(5):
        QApplication.processEvents()
    area = player.findChild(QScrollArea)
    assert area is not None
    shown = {
        name: _in_view(widget, area)
        for name, widget in {
            "instruction": player.instruction,
            "countdown": player.countdown,
            "pause": player.pause_button,
            "stop": player.stop_button,
        }.items()
    }
    player.stop(leave=False)
    assert shown == dict.fromkeys(shown, True)


def test_the_buttons_take_a_row_where_one_fits(window: MainWindow, qtbot: QtBot) -> None:
    assert window.routines.select("Gentle face")
    window.routines.start_button.click()
    player = window.player
    qtbot.waitUntil(player.isVisible)
    player.resize(300, 600)  # squeezed: one under another
    QApplication.processEvents()
    window.resize(1024, 600)
    player.resize(window.stack.size())
    for _ in range(5):
        QApplication.processEvents()
    rows = {player.pause_button.y(), player.stop_button.y(), player.back_button.y()}
    player.stop(leave=False)
    assert len(rows) <= 2  # five buttons in one or two rows, not five
