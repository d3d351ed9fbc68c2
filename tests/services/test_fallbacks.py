"""Routines still run to the end, with one plain notice, when sound can't work.

Two cases from the issue: no speech engine (espeak-ng missing or pyttsx3 failing),
and no audio output device. Both are simulated; the session runs on a fake clock.
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.clock import FakeClock
from app.core.loader import parse_routine
from app.core.session import Session, State
from app.core.timeline import Timeline, compile_timeline
from app.resources import audio_dir
from app.services.driver import SessionDriver
from app.services.player import Played, SoundPlayer
from app.services.preparation import NO_DEVICE_NOTICE, Preparation
from app.services.speech_service import UNAVAILABLE_MESSAGE, SpeechService
from app.speech.settings import VoiceSettings
from app.speech.worker import SpeechWorker, serve

ROUTINE = """
name = "Fallback"
[[steps]]
kind = "breathing"
title = "Breathe"
cue = "Breathe slowly."
inhale = 2
exhale = 2
cycles = 2
[[steps]]
kind = "rest"
title = "Rest"
duration = 3
"""


class _NoEngine:
    """What pyttsx3 does when espeak-ng is not installed: init fails."""

    def __init__(self) -> None:
        raise RuntimeError("libespeak-ng.so.1: cannot open shared object file")


def no_engine_target(conn: Connection) -> None:
    serve(conn, _NoEngine)  # type: ignore[arg-type]


@pytest.fixture
def timeline() -> Timeline:
    return compile_timeline(parse_routine(ROUTINE))


def run_to_end(qtbot: QtBot, driver: SessionDriver, clock: FakeClock) -> list[str]:
    played: list[str] = []
    driver.cue_played.connect(lambda _cue, what: played.append(what))
    with qtbot.waitSignal(driver.finished, timeout=2000):
        driver.start()
        session = driver.session
        while not session.is_over:
            deadline = session.next_deadline()
            assert deadline is not None
            clock.now = session.clock_time_of(deadline)
            driver.poll()
    assert driver.session.state is State.FINISHED
    return played


def test_no_speech_engine_runs_on_chimes_with_one_notice(
    qtbot: QtBot, tmp_path: Path, timeline: Timeline, clock: FakeClock
) -> None:
    player = SoundPlayer(audio_dir())
    player.has_device = True  # as on a machine with speakers
    speech = SpeechService(tmp_path / "speech", worker=SpeechWorker(target=no_engine_target))
    preparation = Preparation(player, speech)
    notices: list[str] = []
    preparation.notice.connect(notices.append)
    try:
        with qtbot.waitSignal(preparation.ready, timeout=15000):
            preparation.prepare(timeline.speech_texts(), VoiceSettings())
    finally:
        speech.shutdown()
    assert notices == [UNAVAILABLE_MESSAGE]
    driver = SessionDriver(Session(timeline, clock), player, clock)
    played = run_to_end(qtbot, driver, clock)
    # Every spoken cue fell back to the soft tick; chimes still played.
    assert played and set(played) == {Played.SOUND}
    player.stop_all()


def test_no_audio_device_runs_on_screen_with_one_notice(
    qtbot: QtBot, tmp_path: Path, timeline: Timeline, clock: FakeClock
) -> None:
    player = SoundPlayer(audio_dir())
    player.has_device = False  # what QMediaDevices reports with no sound card
    speech = SpeechService(tmp_path / "speech")
    preparation = Preparation(player, speech)
    notices: list[str] = []
    preparation.notice.connect(notices.append)
    try:
        with qtbot.waitSignal(preparation.ready, timeout=5000):
            preparation.prepare(timeline.speech_texts(), VoiceSettings())
    finally:
        speech.shutdown()
    assert notices == [NO_DEVICE_NOTICE]
    assert not list((tmp_path / "speech").rglob("*.wav"))  # nothing rendered for nobody
    driver = SessionDriver(Session(timeline, clock), player, clock)
    phases: list[object] = []
    driver.phase_changed.connect(phases.append)
    run_to_end(qtbot, driver, clock)
    assert len(phases) == len(timeline.segments)
