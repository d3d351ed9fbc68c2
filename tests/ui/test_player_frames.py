"""The player's frame timer: one shot armed for when the page next changes, only while
a routine runs on screen (issue 18: a 30 fps timer redrew the page even in holds)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.core.clock import FakeClock
from app.core.loader import parse_routine
from app.core.pacing import FASTEST_FRAME_SECONDS
from app.core.routine import Routine
from app.core.timeline import Phase
from app.ui.context import AppContext
from app.ui.player_page import PlayerPage

ROUTINE = """
name = "Breaths with a hold"
[[steps]]
kind = "breathing"
title = "Breathe"
instruction = "Slowly."
inhale = 4
hold = 3
exhale = 4
cycles = 2
"""

QUICKEST_MS = math.ceil(FASTEST_FRAME_SECONDS * 1000)


@pytest.fixture
def routine() -> Routine:
    return parse_routine(ROUTINE)


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, clock: FakeClock) -> QMainWindow:
    main = QMainWindow()
    main.setCentralWidget(PlayerPage(context, clock=clock, stall_limit=None))
    main.resize(900, 700)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def page_of(window: QMainWindow) -> PlayerPage:
    page = window.centralWidget()
    assert isinstance(page, PlayerPage)
    return page


def started_at(
    qtbot: QtBot, page: PlayerPage, routine: Routine, clock: FakeClock, phase: Phase, into: float
) -> None:
    """Play ``routine`` and move the clock ``into`` seconds into its first ``phase``."""
    with qtbot.waitSignal(page.session_started, timeout=2000):
        page.play(routine)
    assert page.driver is not None
    session = page.driver.session
    while session.segment().phase is not phase:
        clock.advance(session.segment().end - session.position())
        page.driver.poll()
    clock.advance(into)
    page.refresh()


def test_while_the_circle_moves_frames_come_30_a_second(
    qtbot: QtBot, window: QMainWindow, routine: Routine, clock: FakeClock
) -> None:
    page = page_of(window)
    started_at(qtbot, page, routine, clock, Phase.INHALE, 2.0)  # its quickest moment
    assert page._frame.isActive()
    assert page._frame.isSingleShot()
    assert page._frame.interval() == QUICKEST_MS


def test_in_a_hold_the_page_waits_for_the_countdowns_next_second(
    qtbot: QtBot, window: QMainWindow, routine: Routine, clock: FakeClock
) -> None:
    page = page_of(window)
    started_at(qtbot, page, routine, clock, Phase.HOLD, 0.4)
    assert page._frame.isActive()
    assert 500 <= page._frame.interval() <= 1010  # 0.6 s to "0:02", not 33 ms
    assert page.countdown.text() == "0:03"


def test_no_frames_while_the_page_is_hidden(
    qtbot: QtBot, window: QMainWindow, routine: Routine, clock: FakeClock
) -> None:
    page = page_of(window)
    started_at(qtbot, page, routine, clock, Phase.INHALE, 1.0)
    page.hide()
    assert not page._frame.isActive()
    page.refresh()  # as a phase change does while another page is shown
    assert not page._frame.isActive()
    page.show()
    assert page._frame.isActive()


def test_no_frames_while_the_window_is_minimised(
    qtbot: QtBot, window: QMainWindow, routine: Routine, clock: FakeClock
) -> None:
    page = page_of(window)
    started_at(qtbot, page, routine, clock, Phase.INHALE, 1.0)
    window.showMinimized()
    qtbot.waitUntil(lambda: not page._frame.isActive(), timeout=2000)
    assert page.driver is not None
    clock.advance(3.5)  # into the hold: the driver's phase change refreshes the page
    page.driver.poll()
    assert page.driver.session.segment().phase is Phase.HOLD
    assert not page._frame.isActive()
    window.showNormal()
    qtbot.waitUntil(page._frame.isActive, timeout=2000)


def test_no_frames_while_paused(
    qtbot: QtBot, window: QMainWindow, routine: Routine, clock: FakeClock
) -> None:
    page = page_of(window)
    started_at(qtbot, page, routine, clock, Phase.INHALE, 1.0)
    page.toggle_pause()
    assert not page._frame.isActive()
    page.toggle_pause()
    assert page._frame.isActive()
