"""The compress page on a fake clock: countdown, title, notifications, limits, stop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from app.core.clock import FakeClock
from app.core.compress import compress_plan
from app.core.routine import Temperature
from app.core.timeline import Phase
from app.services.player import SilentPlayer
from app.services.settings import Settings
from app.ui.compress_page import CompressPage
from app.ui.context import AppContext
from app.ui.notify import Notifier


class RecordingNotifier(Notifier):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str]] = []

    def notify(self, title: str, message: str) -> None:
        self.sent.append((title, message))


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def page(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, notifier: RecordingNotifier
) -> CompressPage:
    context = AppContext(data_dir=data_dir, settings=Settings(data_dir), speech=None, mute=True)
    widget = CompressPage(context, notifier, clock=clock, max_sleep=0.01)
    qtbot.addWidget(widget)
    widget.resize(640, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def to_first_round(page: CompressPage, qtbot: QtBot, clock: FakeClock) -> None:
    """Past the lead-in (the how-to and the plan, spoken): round 1 has begun."""
    assert page.runner is not None and page.runner.session is not None
    first = next(s for s in page.runner.timeline.segments if s.phase is Phase.APPLY)
    clock.advance(first.start - page.runner.session.position() + 1e-6)
    qtbot.waitUntil(lambda: countdown(page).startswith("Compress on"), timeout=2000)


def countdown(page: CompressPage) -> str:
    """The phase and its big clock, as read together: "Compress on 3:59"."""
    phase = page.findChild(QLabel, "phase")
    clock = page.findChild(QLabel, "bigCountdown")
    assert phase is not None and clock is not None
    return f"{phase.text()} {clock.text()}"


def test_presets_are_offered_as_big_buttons(page: CompressPage) -> None:
    texts = {b.text() for b in page.findChildren(QPushButton, "primary")}
    assert "Cold compress, 12 min" in texts
    assert "Warm compress, 18 min" in texts
    assert not page.is_running


def test_each_preset_says_how_long_it_runs_in_all(page: CompressPage) -> None:
    """ "Cold compress, 12 min" counted down from 15 minutes: the card says why first."""
    words = [label.text() for label in page.findChildren(QLabel)]
    assert compress_plan("cold", 12) in words
    assert compress_plan("warm", 18) in words
    assert "about 15 min in all" in compress_plan("cold", 12)


def test_cold_preset_apply_then_skin_break(
    page: CompressPage, qtbot: QtBot, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    titles: list[str] = []
    running: list[bool] = []
    page.title_changed.connect(titles.append)
    page.running_changed.connect(running.append)

    page.start_preset("cold")
    assert page.is_running
    assert running == [True]
    assert page.runner is not None and isinstance(page.runner.player, SilentPlayer)
    assert countdown(page).startswith("Get the compress ready")
    assert notifier.sent == []  # the voice says how; the round has not begun
    to_first_round(page, qtbot, clock)
    assert notifier.sent == [("Facewell", "Apply the cold compress")]
    assert countdown(page) == "Compress on 4:00"
    assert titles[-1] == "Cold compress 4:00 — Facewell"
    assert page.refresh_active  # visible and running: the display ticks

    clock.advance(1)
    qtbot.waitUntil(lambda: countdown(page) == "Compress on 3:59", timeout=2000)
    qtbot.waitUntil(lambda: titles[-1] == "Cold compress 3:59 — Facewell", timeout=2000)
    label = page.findChild(QLabel, "round")
    assert label is not None and label.text() == "Round 1 of 3"

    clock.advance(239 + 15)  # 4:15 in: the first skin break, 45 s left of it
    qtbot.waitUntil(lambda: len(notifier.sent) == 2, timeout=2000)
    assert notifier.sent[1] == ("Facewell", "Remove it and check your skin")
    assert countdown(page) == "Skin break 0:45"
    assert titles[-1] == "Skin break 0:45 — Facewell"
    assert titles.count("Cold compress 3:59 — Facewell") == 1  # each title emitted once

    clock.advance(45)
    qtbot.waitUntil(lambda: len(notifier.sent) == 3, timeout=2000)
    assert notifier.sent[2] == ("Facewell", "Reapply the compress")
    assert label.text() == "Round 2 of 3"


def test_finishing_notifies_and_returns_to_idle(
    page: CompressPage, qtbot: QtBot, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    titles: list[str] = []
    page.title_changed.connect(titles.append)
    page.start_preset("warm", 8)  # one round, no breaks
    to_first_round(page, qtbot, clock)
    clock.advance(8 * 60 + 30)  # the round, and the closing words
    qtbot.waitUntil(lambda: not page.is_running, timeout=2000)
    assert notifier.sent == [
        ("Facewell", "Apply the warm compress"),
        ("Facewell", "Compress finished — check your skin"),
    ]
    assert titles[-1] == ""


def test_pause_freezes_the_countdown(page: CompressPage, qtbot: QtBot, clock: FakeClock) -> None:
    titles: list[str] = []
    page.title_changed.connect(titles.append)
    page.start_preset("cold")
    to_first_round(page, qtbot, clock)
    clock.advance(10)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert page.is_paused
    assert not page.refresh_active  # nothing changes while paused
    assert countdown(page) == "Compress on 3:50"
    assert titles[-1] == "Paused: Cold compress 3:50 — Facewell"
    clock.advance(100)
    page.toggle_pause()
    assert not page.is_paused
    assert countdown(page) == "Compress on 3:50"


def test_custom_minutes_outside_the_limits(page: CompressPage) -> None:
    with pytest.raises(ValueError, match="from 5 to 15 minutes"):
        page.start_preset("cold", 16)
    with pytest.raises(ValueError, match="from 5 to 20 minutes"):
        page.start_preset("warm", 4)
    with pytest.raises(ValueError, match='"cold" or "warm"'):
        page.start_preset("hot")
    assert not page.is_running

    spins = page.findChildren(QSpinBox)
    ranges = sorted((s.minimum(), s.maximum()) for s in spins)
    assert ranges == [(5, 15), (5, 20)]
    cold = page._spins[Temperature.COLD]
    cold.setValue(40)
    assert cold.value() == 15  # the spin box clamps


def test_custom_minutes_start(page: CompressPage, qtbot: QtBot, clock: FakeClock) -> None:
    page._spins[Temperature.WARM].setValue(20)
    starts = [b for b in page.findChildren(QPushButton) if b.text() == "Start"]
    warm_start = next(b for b in starts if "warm" in b.accessibleName())
    warm_start.click()
    assert page.is_running
    to_first_round(page, qtbot, clock)
    assert countdown(page) == "Compress on 10:00"


def test_stop_returns_to_idle(
    page: CompressPage, qtbot: QtBot, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    titles: list[str] = []
    running: list[bool] = []
    page.title_changed.connect(titles.append)
    page.running_changed.connect(running.append)
    page.start_preset("cold")
    to_first_round(page, qtbot, clock)
    clock.advance(30)
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert not page.is_running
    assert running == [True, False]
    assert titles[-1] == ""
    assert not page.refresh_active
    clock.advance(600)
    QApplication.processEvents()  # nothing may fire after a stop
    assert notifier.sent == [("Facewell", "Apply the cold compress")]
    page.stop()  # stopping twice is harmless


def test_hidden_page_runs_no_refresh_timer(page: CompressPage, clock: FakeClock) -> None:
    page.start_preset("cold")
    assert page.refresh_active
    page.hide()
    assert page.is_running
    assert not page.refresh_active
    assert page.title_active  # the title still counts, once a second
    page.show()
    assert page.refresh_active
    assert not page.title_active


def minimised_in_first_round(
    page: CompressPage, qtbot: QtBot, clock: FakeClock
) -> tuple[list[str], str]:
    """A cold compress in its first round, its window minimised: the titles it emits
    from now on, and the countdown the page showed when it went out of sight."""
    titles: list[str] = []
    page.title_changed.connect(titles.append)
    page.start_preset("cold")
    to_first_round(page, qtbot, clock)
    page.window().showMinimized()
    qtbot.waitUntil(lambda: page.title_active)
    return titles, page._countdown.text()


def test_the_title_counts_down_while_minimised_and_the_words_wait(
    page: CompressPage, clock: FakeClock, qtbot: QtBot
) -> None:
    """The title counts (the taskbar and the tray show it); the page's words wait until
    it is seen again (issue 18: they were laid out again every second for nobody)."""
    titles, shown = minimised_in_first_round(page, qtbot, clock)
    window = page.window()
    before = titles[-1]
    clock.advance(5)
    qtbot.waitUntil(lambda: titles[-1] != before, timeout=3000)
    assert titles[-1].startswith("Cold compress ")
    assert not page.refresh_active
    assert page._countdown.text() == shown
    window.showNormal()
    qtbot.waitUntil(lambda: page.refresh_active)
    assert page._countdown.text() != shown  # seen again: the time now, at once
    assert page._countdown.text() in titles[-1]


def test_paused_while_minimised_it_says_so_when_seen_again(
    page: CompressPage, clock: FakeClock, qtbot: QtBot
) -> None:
    """Found in review: restored while paused, the page showed the time and words of
    the moment it was minimised, and no "Paused"."""
    titles, shown = minimised_in_first_round(page, qtbot, clock)
    window = page.window()
    clock.advance(30)
    page.toggle_pause()  # from the tray, say
    window.showNormal()
    qtbot.waitUntil(lambda: page._status.text() != "", timeout=3000)
    assert page._status.text().startswith("Paused")
    assert page._countdown.text() != shown
    assert titles[-1].startswith("Paused: ") and page._countdown.text() in titles[-1]
    assert not page.refresh_active  # nothing ticks while paused


def test_buttons_say_their_keys(page: CompressPage) -> None:
    tips = {b.accessibleName(): b.toolTip() for b in page.findChildren(QPushButton)}
    assert "Space" in tips["Pause"]
    assert "Esc" in tips["Stop"]


def test_a_stopped_compress_is_recorded_as_stopped_not_interrupted(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """The page used to stop its driver with signals blocked, so the history never heard
    of the stop, and the session came back as "interrupted" (a word for crashes)."""
    from app.storage.history import open_history
    from app.storage.recorder import SessionRecorder

    open_history(data_dir).history.close()  # type: ignore[union-attr]
    recorder = SessionRecorder(data_dir, lambda event: None)
    context = AppContext(data_dir, Settings(data_dir), None, mute=True, recorder=recorder)
    page = CompressPage(context, notifier, clock=clock, max_sleep=0.01)
    qtbot.addWidget(page)
    page.start_preset("cold")
    clock.advance(90)
    page.poll()
    page.stop()
    assert recorder.close()
    opened = open_history(data_dir)
    assert opened.history is not None
    (session,) = opened.history.sessions.page()
    opened.history.close()
    assert (session.routine, session.status) == ("Cold compress", "stopped")
    assert session.elapsed_s == pytest.approx(90, abs=1)


def test_minutes_typed_out_of_range_are_told(qtbot: QtBot, page: CompressPage) -> None:
    page.show()
    spin = page._spins[Temperature.COLD]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "40")  # Qt's own field dropped the 0 without a word
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.value() == 15
    note = page._range_notes[Temperature.COLD]
    assert note.isVisibleTo(page)
    assert note.text() == "40 is more than 15, the most: it is now 15."
