"""A notice floats over the page and pushes nothing down (issue 15, point 11).

The first release put the notice above the page: when a reminder or a save message
arrived, every line and button on the page jumped down by its height, under the
person's eyes and mouse. Now it floats, never over the Routines page's Start or the
player's words and buttons, as tall as its words at every text size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from tests.ui.layout_check import cut_off, small_window

LONG = (
    "Your history was damaged, so Facewell opened the copy it saved this morning. "
    "Nothing you did today is lost."
)


@pytest.fixture(params=[1.0, 2.0], ids=["100%", "200%"])
def window(
    request: pytest.FixtureRequest, qtbot: QtBot, context: AppContext
) -> Iterator[MainWindow]:
    with small_window(qtbot, context, request.param) as widget:
        yield widget


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _where(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _places(page: QWidget, window: QWidget) -> dict[int, QRect]:
    return {
        id(child): _where(child, window)
        for child in page.findChildren(QWidget)
        if child.isVisibleTo(window)
    }


def _show(window: MainWindow) -> QRect:
    window.show_banner(LONG, "Open the folder", lambda: None)
    _settle()
    assert window.notice.isVisible() and window.notice.action.isVisible()
    return _where(window.notice, window)


def test_a_notice_on_the_routines_page_moves_nothing_and_leaves_start_free(
    window: MainWindow,
) -> None:
    _settle()
    before = _places(window.routines, window)
    notice = _show(window)
    assert _places(window.routines, window) == before
    assert not notice.intersects(_where(window.routines.start_button, window))
    assert QRect(QPoint(0, 0), window.size()).contains(notice)
    assert cut_off(window) == []  # its words wrap whole, its buttons keep theirs


def test_a_notice_over_the_player_covers_neither_its_words_nor_its_buttons(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert window.routines.select("Gentle face")
    window.routines.start_button.click()
    qtbot.waitUntil(window.player.isVisible)
    _settle()
    player = window.player
    before = _places(player, window)
    notice = _show(window)
    assert _places(player, window) == before
    # At 200 % on 600 px the page is taller than the window and no part can spare a
    # notice's 190 px: it covers the top of the words for its few seconds (the voice
    # says them), never the buttons. With room, it covers neither.
    spared = [player.pause_button, player.stop_button]
    if QApplication.font().pointSizeF() < 20:
        spared.append(player.instruction)
    for widget in spared:
        assert not notice.intersects(_where(widget, window)), widget.accessibleName()
    player.stop(leave=False)


def test_the_notice_follows_the_page_and_the_window(window: MainWindow) -> None:
    notice = _show(window)
    window.nav.setCurrentRow(window.PAGES.index("History"))
    _settle()
    history = _where(window.history_page, window)
    assert history.contains(_where(window.notice, window))
    window.resize(900, 560)
    _settle()
    moved = _where(window.notice, window)
    assert moved != notice and QRect(QPoint(0, 0), window.size()).contains(moved)


def test_dismiss_hides_it_at_once_and_its_action_runs_once(window: MainWindow) -> None:
    ran: list[bool] = []
    window.show_banner("Time for a mindful minute.", "Start", lambda: ran.append(True))
    _settle()
    window.notice.dismiss.click()
    assert window.notice.isHidden() and ran == []
    window.show_banner("Time for a mindful minute.", "Start", lambda: ran.append(True))
    window.notice.action.click()
    assert window.notice.isHidden() and ran == [True]


def test_the_players_notices_reach_the_window(window: MainWindow) -> None:
    window.player.notice.emit("No sound device: the routine plays on, silently.")
    _settle()
    assert window.notice.isVisible()
    assert window.notice.label.text() == "No sound device: the routine plays on, silently."
