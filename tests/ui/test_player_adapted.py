"""Issue 13's done-when, in the window: with the profile set to hemifacial spasm,
Gentle face plays no lip pucker, shows why before it starts and says why near the
start; the history records Gentle face, with the length that was played."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.clock import FakeClock
from app.core.condition import Condition
from app.core.durations import format_clock
from app.core.session import State
from app.core.timeline import Cue, CueKind, Segment, compile_timeline
from app.gui import _Services
from app.services.settings import Settings
from app.ui import player_page
from app.ui.context import AppContext
from app.ui.feedback_dialog import FeedbackDialog
from app.ui.main_window import MainWindow

WHY = "Left out for hemifacial spasm: Lip pucker — lip movements can set off a spasm"
SAID = "Lip pucker is left out, because lip movements can set off a spasm."


@pytest.fixture
def services(qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Services]:
    """The real window with its history, the profile saying hemifacial spasm."""
    monkeypatch.setattr(FeedbackDialog, "ask", classmethod(lambda cls, parent, title: None))
    monkeypatch.setattr(player_page, "LEAD_IN_SECONDS", 1)  # a second to look before Start
    settings = Settings(data_dir)
    settings.condition = Condition.HEMIFACIAL_SPASM
    settings.lead_in = True
    context = AppContext(data_dir, settings, None, mute=True, clock=FakeClock())
    widget = MainWindow(context)
    qtbot.addWidget(widget)
    services = _Services(context, widget, None)
    widget.first_frame_shown.connect(services.start)
    widget.show()
    qtbot.waitUntil(lambda: services.history is not None, timeout=5000)
    yield services
    services.close()


def test_gentle_face_for_hemifacial_spasm_plays_no_lip_pucker_and_says_why(
    qtbot: QtBot, services: _Services
) -> None:
    window = services.window
    clock = window.context.clock
    assert isinstance(clock, FakeClock)
    assert window.routines.select("Gentle face")
    chosen = window.routines.routine_at(window.routines.list.currentRow())
    assert chosen is not None and "Lip pucker" in [s.title for s in chosen.steps]
    window.routines.list.setFocus()
    qtbot.keyClick(window.routines.list, Qt.Key.Key_Return)
    player = window.player
    assert player.runner is not None and player.driver is not None
    # On screen before it starts, during the count-in.
    assert player.driver.session.state is State.READY
    assert player.phase.text() == "Starting in"
    assert player.adapted.isVisible()
    assert player.adapted.text() == "Adapted for hemifacial spasm: Lip pucker left out."
    assert player.adapted.toolTip() == WHY  # the reason, also spoken

    runner = player.runner
    phases: list[Segment] = []
    said: list[Cue] = []
    runner.phase_changed.connect(phases.append)
    runner.cue_played.connect(lambda cue, _played: said.append(cue))
    with qtbot.waitSignal(player.session_started, timeout=3000):
        pass
    # The total shown is the adapted one.
    player.refresh()
    session = player.driver.session
    assert session.total == runner.timeline.total < compile_timeline(chosen).total
    assert player.total_left.text() == f"{format_clock(session.total - session.position())} left"
    assert player.adapted.isVisible()  # and it stays on screen while the routine plays

    with qtbot.waitSignal(player.session_ended, timeout=5000):
        while not session.is_over:
            clock.advance(0.5)  # under the stall limit: every second is played
            player.driver.poll()
    assert session.state is State.FINISHED

    titles = {runner.routine.steps[s.step].title for s in phases}
    assert "Lip pucker" not in titles and {"Settle in", "Jaw release"} <= titles
    speech = [c.text for c in said if c.kind is CueKind.SPEECH]
    about_pucker = [line for line in speech if "pucker" in line.lower()]
    assert len(about_pucker) == 1 and SAID in about_pucker[0]  # said once, with why
    assert speech.index(about_pucker[0]) == 1  # right after the welcome
    assert not any("Lips softly forward" in line for line in speech)

    history = services.history
    assert history is not None
    qtbot.waitUntil(lambda: [r.status for r in history.sessions.page()] == ["completed"])
    (row,) = history.sessions.page()
    assert (row.routine, row.slug) == ("Gentle face", "gentle-face")
    assert row.planned_s == pytest.approx(session.total)


def test_not_sure_plays_gentle_face_as_written(qtbot: QtBot, context: AppContext) -> None:
    context.settings.condition = Condition.NOT_SURE
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.routines.list.count() > 0, timeout=2000)
    routine = window.library.find("gentle-face")
    assert routine is not None
    with qtbot.waitSignal(window.player.session_started, timeout=2000):
        window.start_routine(routine)
    runner = window.player.runner
    assert runner is not None
    assert runner.routine is routine
    assert not window.player.adapted.isVisible()
    assert not any("adapted" in c.text for c in runner.timeline.cues)
    window.player.stop()
