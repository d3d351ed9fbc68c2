"""A notice floats over the page and pushes nothing down (issue 15, point 11).

The first release put the notice above the page: when a reminder or a save message
arrived, every line and button on the page jumped down by its height, under the
person's eyes and mouse. Now it floats, never over the Routines page's Start or the
player's words and buttons, as tall as its words at every text size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from app.resources import audio_dir
from app.services.player import SoundPlayer
from app.services.preparation import NO_DEVICE_NOTICE
from app.services.speech_service import FELL_BACK_MESSAGE
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


@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["100%", "200%"])
def test_no_sound_is_said_in_the_player_above_its_buttons_covering_nothing(
    scale: float, qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no sound output the words on screen are the whole guide: the line that
    says so takes its own room in the player, for the whole routine, and no floating
    notice covers a word (at 200 % on 600 px no part of the page could spare one)."""

    def deviceless(settings: object, parent: object = None) -> SoundPlayer:
        sound = SoundPlayer(audio_dir())
        sound.has_device = False  # what QMediaDevices reports with no sound card
        return sound

    monkeypatch.setattr("app.ui.player_page.sound_player", deviceless)
    context.mute = False
    with small_window(qtbot, context, scale) as window:
        assert window.routines.select("Gentle face")
        window.routines.start_button.click()
        player = window.player
        qtbot.waitUntil(player.sound_note.isVisible)
        assert player.sound_note.text() == NO_DEVICE_NOTICE
        _settle()
        assert window._notice is None or window.notice.isHidden()  # no floating copy
        scroll = player.findChild(QScrollArea)
        assert scroll is not None
        view = scroll.viewport()
        seen = QRect(view.mapTo(window, QPoint(0, 0)), view.size())
        for widget in (player.instruction, player.sound_note, player.pause_button):
            assert seen.contains(_where(widget, window)), widget.accessibleName()
        assert cut_off(window) == []
        runner = player.runner
        assert runner is not None
        runner.notice.emit(NO_DEVICE_NOTICE)  # told again: said once
        runner.notice.emit(FELL_BACK_MESSAGE)
        assert player.sound_note.text() == f"{NO_DEVICE_NOTICE}\n{FELL_BACK_MESSAGE}"
        player.stop(leave=False)
        window.routines.start_button.click()  # the next routine's sound is its own
        qtbot.waitUntil(lambda: player.runner is not runner)
        assert player.sound_note.text() == NO_DEVICE_NOTICE
        player.stop(leave=False)
