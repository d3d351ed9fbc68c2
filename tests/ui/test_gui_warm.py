"""Built-in routines are rendered ahead only while the app is idle, until one run ends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from app.gui import WARM_AGAIN_MS, _Services
from app.services.settings import Settings
from app.ui.context import AppContext


class FakeSpeech:
    def __init__(self) -> None:
        self.warmed = False
        self.warming = False
        self.asked: list[Any] = []

    def warm(self, texts: Any, settings: Any) -> None:
        self.asked.append((texts, settings))


class FakeWindow:
    busy = False


def _services(data_dir: Path) -> tuple[_Services, FakeSpeech, FakeWindow]:
    speech, window = FakeSpeech(), FakeWindow()
    context = AppContext(data_dir=data_dir, settings=Settings(data_dir), speech=None, mute=False)
    context.speech = speech  # type: ignore[assignment]
    return _Services(context, window, None), speech, window  # type: ignore[arg-type]


def test_warms_when_idle_with_the_built_in_lines(data_dir: Path, qtbot: QtBot) -> None:
    services, speech, _window = _services(data_dir)
    services._warm_timer.start(1)
    services._warm()
    assert len(speech.asked) == 1
    lines, voice = speech.asked[0]
    texts = lines()  # called on the speech thread in the app
    assert len(texts) > 50 and len(set(texts)) == len(texts)
    assert voice == services.context.settings.voice_settings()
    assert services._warm_timer.interval() == WARM_AGAIN_MS


def test_waits_while_busy_and_stops_once_warmed(data_dir: Path, qtbot: QtBot) -> None:
    services, speech, window = _services(data_dir)
    services._warm_timer.start(WARM_AGAIN_MS)
    window.busy = True
    services._warm()
    assert speech.asked == [] and services._warm_timer.isActive()  # tried again later
    window.busy = False
    speech.warming = True
    services._warm()
    assert speech.asked == []  # one at a time
    speech.warming, speech.warmed = False, True
    services._warm()
    assert speech.asked == [] and not services._warm_timer.isActive()


def test_no_warming_with_the_voice_off(data_dir: Path, qtbot: QtBot) -> None:
    services, speech, _window = _services(data_dir)
    services.context.settings.voice_enabled = False
    services._warm_timer.start(WARM_AGAIN_MS)
    services._warm()
    assert speech.asked == [] and not services._warm_timer.isActive()
