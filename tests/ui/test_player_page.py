"""The player's wiring: keys, display and the end, on a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.clock import FakeClock
from app.core.loader import parse_routine
from app.core.routine import Routine
from app.core.session import State
from app.ui.context import AppContext
from app.ui.player_page import PlayerPage

ROUTINE = """
name = "Two steps"
[[steps]]
kind = "breathing"
title = "Breathe"
instruction = "Slowly."
inhale = 4
exhale = 4
cycles = 2
[[steps]]
kind = "exercise"
title = "Brow lift"
instruction = "Gently."
hold = 3
rest = 2
reps = 2
image = "brow-lift.svg"
"""


@pytest.fixture
def routine(repo: Path) -> Routine:
    return parse_routine(ROUTINE, image_dirs=(repo / "assets" / "images",))


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, clock: FakeClock) -> PlayerPage:
    widget = PlayerPage(context, clock=clock, stall_limit=None)  # the clock jumps
    qtbot.addWidget(widget)
    widget.show()
    return widget


def started(qtbot: QtBot, page: PlayerPage, routine: Routine) -> None:
    with qtbot.waitSignal(page.session_started, timeout=2000):
        page.play(routine)


def past_lead_in(page: PlayerPage, clock: FakeClock) -> None:
    """Past the step's lead-in (its words, spoken): its first timed phase has begun."""
    assert page.driver is not None
    session = page.driver.session
    segment = session.segment()
    clock.advance(segment.end - session.position() + 1e-6)
    page.driver.poll()
    page.refresh()


def test_start_shows_the_first_step(
    qtbot: QtBot, page: PlayerPage, routine: Routine, clock: FakeClock
) -> None:
    started(qtbot, page, routine)
    assert page.step_title.text() == "Breathe"
    assert page.phase.text() == "Get ready"  # while the step's words are said
    past_lead_in(page, clock)
    assert page.phase.text() == "Breathe in"
    assert page.countdown.text() == "0:04"
    assert page.step_count.text() == "Step 1 of 2"
    assert page.next_label.text() == "Next: Brow lift"


def test_keys_pause_next_back_and_stop(
    qtbot: QtBot, page: PlayerPage, routine: Routine, clock: FakeClock
) -> None:
    started(qtbot, page, routine)
    assert page.driver is not None
    session = page.driver.session
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert session.state is State.PAUSED
    assert page.pause_button.text() == "Resume"
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert session.state is State.RUNNING
    qtbot.keyClick(page, Qt.Key.Key_Right)
    assert session.step_index() == 1
    assert page.step_title.text() == "Brow lift"
    past_lead_in(page, clock)
    assert page.rep.text() == "1 of 2"
    assert page.visual.currentIndex() == 1  # the exercise picture
    page.back()  # restarts the step: its lead-in again
    qtbot.keyClick(page, Qt.Key.Key_Left)  # within 2 s of the step's start: previous step
    assert session.step_index() == 0
    with qtbot.waitSignal(page.closed, timeout=1000):
        qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert session.state is State.STOPPED


def _with_sound(monkeypatch: pytest.MonkeyPatch, context: AppContext, device: bool) -> None:
    """The player gets a sound player that has (or lacks) an output device."""
    from app.resources import audio_dir
    from app.services.player import SoundPlayer

    def made(settings: object, parent: object = None) -> SoundPlayer:
        sound = SoundPlayer(audio_dir())
        sound.has_device = device
        return sound

    monkeypatch.setattr("app.ui.player_page.sound_player", made)
    context.mute = False


def test_mute_key_toggles_sound(
    qtbot: QtBot,
    page: PlayerPage,
    routine: Routine,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_sound(monkeypatch, context, device=True)
    started(qtbot, page, routine)
    assert page.mute_button.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_M)
    assert page.mute_button.isChecked()
    assert page.mute_button.text() == "Unmute"
    page.stop(leave=False)


@pytest.mark.parametrize("device", [False, None], ids=["no output device", "--mute"])
def test_with_no_sound_there_is_nothing_to_mute(
    qtbot: QtBot,
    page: PlayerPage,
    routine: Routine,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    device: bool | None,
) -> None:
    """Mute toggled a sound no one could hear; it now says there is none."""
    if device is not None:
        _with_sound(monkeypatch, context, device=device)
    started(qtbot, page, routine)
    assert not page.mute_button.isEnabled()
    assert "on screen only" in page.mute_button.toolTip()
    qtbot.keyClick(page, Qt.Key.Key_M)
    assert not page.mute_button.isChecked()
    page.stop(leave=False)


def test_runs_to_the_end_on_a_fake_clock(
    qtbot: QtBot, page: PlayerPage, routine: Routine, clock: FakeClock
) -> None:
    started(qtbot, page, routine)
    assert page.driver is not None
    session = page.driver.session
    with qtbot.waitSignal(page.session_ended, timeout=2000):
        while not session.is_over:
            deadline = session.next_deadline()
            assert deadline is not None
            clock.now = session.clock_time_of(deadline)
            page.driver.poll()
    assert session.state is State.FINISHED
    assert page.step_title.text() == "Well done"
    assert page.done_button.isVisible()


def test_breathing_circle_follows_the_session(
    qtbot: QtBot, page: PlayerPage, routine: Routine, clock: FakeClock
) -> None:
    started(qtbot, page, routine)
    past_lead_in(page, clock)
    clock.advance(2.0)  # halfway through the first inhale
    page.refresh()
    assert page.circle.level() == pytest.approx(0.5, abs=0.01)
    clock.advance(4.0)  # halfway through the exhale
    page.refresh()
    assert page.circle.level() == pytest.approx(0.5, abs=0.01)
    assert page.phase.text() == "Breathe out"


def test_tooltips_name_the_keys(page: PlayerPage) -> None:
    tips = {
        b.text(): b.toolTip()
        for b in (
            page.pause_button,
            page.next_button,
            page.back_button,
            page.stop_button,
            page.mute_button,
        )
    }
    assert "(Space)" in tips["Pause"]
    assert "(Right)" in tips["Next"]
    assert "(Left)" in tips["Back"]
    assert "(Esc)" in tips["Stop"]
    assert "(M)" in tips["Mute"]


def test_feedback_before_and_after_is_recorded(
    qtbot: QtBot,
    context: AppContext,
    clock: FakeClock,
    routine: Routine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.storage.history import open_history
    from app.storage.recorder import SessionRecorder
    from app.ui.feedback_dialog import FeedbackDialog

    opened = open_history(context.data_dir)
    assert opened.history is not None
    opened.history.close()
    problems: list[str] = []
    context.recorder = SessionRecorder(context.data_dir, problems.append)
    context.settings.ask_severity_before = True
    monkeypatch.setattr(FeedbackDialog, "ask_before", classmethod(lambda cls, parent, title="": 6))
    asked: list[str] = []

    def ask(cls: object, parent: object, title: str) -> tuple[int, str, str]:
        asked.append(title)
        return (3, "better", "easier")

    monkeypatch.setattr(FeedbackDialog, "ask", classmethod(ask))
    page = PlayerPage(context, clock=clock, stall_limit=None)  # the clock jumps
    qtbot.addWidget(page)
    page.show()
    started(qtbot, page, routine)
    assert page.driver is not None
    session = page.driver.session
    while not session.is_over:
        deadline = session.next_deadline()
        assert deadline is not None
        clock.now = session.clock_time_of(deadline)
        page.driver.poll()
    qtbot.waitUntil(lambda: asked == ["How do you feel after Two steps?"])
    assert context.recorder.close()
    opened = open_history(context.data_dir)
    assert opened.history is not None
    (record,) = opened.history.sessions.page()
    opened.history.close()
    assert record.status == "completed"
    assert (record.severity_before, record.severity_after) == (6, 3)
    assert (record.feeling, record.note) == ("better", "easier")
    assert problems == []


def test_preparing_the_voice_shows_a_bar_and_cancel(
    qtbot: QtBot, page: PlayerPage, routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.runner import SessionRunner

    monkeypatch.setattr(SessionRunner, "prepare", lambda self: None)  # still rendering
    page.play(routine)
    assert page.stop_button.text() == "Cancel"  # nothing has started: Cancel
    page._on_progress(3, 12)  # as the runner reports a first render of the voice
    assert page.phase.text() == "Preparing the voice… 3 of 12"
    assert page.progress.value() == 250
    assert page.progress.accessibleName() == "Voice preparation progress"
    assert page.runner is not None
    page.runner._prepared()  # the voice is ready
    qtbot.waitUntil(lambda: page.is_running, timeout=2000)
    assert page.stop_button.text() == "Stop"
    assert page.progress.accessibleName() == "Routine progress"


def test_cancel_while_preparing_leaves_nothing_running(
    qtbot: QtBot, page: PlayerPage, routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.runner import SessionRunner

    monkeypatch.setattr(SessionRunner, "prepare", lambda self: None)
    page.play(routine)
    with qtbot.waitSignal(page.closed, timeout=1000):
        page.stop_button.click()
    assert page.runner is None and not page.is_running
