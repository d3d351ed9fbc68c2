"""SpeechService: pre-rendering off the GUI thread, results and warnings by signal."""

from __future__ import annotations

import os
import threading
import time
import wave
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.services.speech_service import UNAVAILABLE_MESSAGE, SpeechService
from app.speech import prerender as prerender_module
from app.speech.cache import is_valid_wav
from app.speech.settings import VoiceSettings
from app.speech.worker import SpeechWorker, serve

SETTINGS = VoiceSettings()
TEXTS = ["Breathe in slowly.", "Breathe out."]


class _FullDisk:
    """pyttsx3 on a full disk: its save fails inside the engine, which then never ends."""

    def version(self) -> str:
        return "full-disk-1"

    def voices(self) -> list[tuple[str, str, str]]:
        return []

    def render(self, text: str, settings: VoiceSettings, path: Path) -> None:
        time.sleep(3600)


def full_disk_target(conn: Connection) -> None:
    """Module level: the speech process is spawned and imports it."""
    serve(conn, _FullDisk)


class FakeRenderer:
    """Writes a tiny WAV. With `gate`, each render waits for it (to hold a thread)."""

    def __init__(self, *, available: bool = True, gate: threading.Event | None = None) -> None:
        self.is_available = available
        self.gate = gate
        self.entered = threading.Event()
        self.calls: list[str] = []
        self.closed = False

    def engine_version(self) -> str:
        return "fake-1"

    def available(self) -> bool:
        return self.is_available

    def voices(self) -> list[tuple[str, str, str]]:
        return [("gmw/en", "English", "en"), ("roa/fr", "French", "fr")]

    def close(self) -> None:
        self.closed = True
        if self.gate is not None:
            self.gate.set()

    def render(
        self, text: str, settings: VoiceSettings, out_path: Path, timeout: float = 5.0
    ) -> bool:
        self.calls.append(text)
        self.entered.set()
        if self.gate is not None:
            self.gate.wait(10)
        if not self.is_available or self.closed:
            return False
        with wave.open(str(out_path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(22050)
            wav.writeframes(b"\x00\x01" * 50)
        return True


MakeService = Callable[..., SpeechService]


@pytest.fixture
def make_service(tmp_path: Path, qtbot: QtBot) -> Iterator[MakeService]:
    services: list[SpeechService] = []

    def make(worker: FakeRenderer | None = None) -> SpeechService:
        service = SpeechService(tmp_path / "cache" / "speech", worker)
        services.append(service)
        return service

    yield make
    for service in services:
        service.shutdown()


def test_prepare_emits_progress_then_ready(make_service: MakeService, qtbot: QtBot) -> None:
    renderer = FakeRenderer()
    service = make_service(renderer)
    progress: list[tuple[int, int]] = []
    service.progress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(service.ready, timeout=5000) as blocker:
        service.prepare(TEXTS, SETTINGS)
    result = blocker.args[0]
    assert list(result) == TEXTS
    assert all(is_valid_wav(path) for path in result.values())
    assert progress == [(0, 2), (1, 2), (2, 2)]


def test_prepare_does_not_block_the_gui_thread(make_service: MakeService, qtbot: QtBot) -> None:
    gate = threading.Event()
    renderer = FakeRenderer(gate=gate)
    service = make_service(renderer)
    with qtbot.waitSignal(service.ready, timeout=5000) as blocker:
        service.prepare(TEXTS, SETTINGS)  # returns while the render is held
        assert renderer.entered.wait(5)
        assert not gate.is_set()
        gate.set()
    assert list(blocker.args[0]) == TEXTS


def test_a_new_prepare_replaces_the_previous_one(make_service: MakeService, qtbot: QtBot) -> None:
    gate = threading.Event()
    renderer = FakeRenderer(gate=gate)
    service = make_service(renderer)
    readies: list[dict[str, Path]] = []
    service.ready.connect(readies.append)
    service.prepare(["Old cue."], SETTINGS)
    assert renderer.entered.wait(5)
    with qtbot.waitSignal(service.ready, timeout=5000) as blocker:
        service.prepare(TEXTS, SETTINGS)
        gate.set()
    assert list(blocker.args[0]) == TEXTS
    for thread in service._threads:  # let the old run finish, then deliver its signals
        thread.join(5)
    QCoreApplication.processEvents()
    assert readies == [blocker.args[0]]


def test_unavailable_is_emitted_once(make_service: MakeService, qtbot: QtBot) -> None:
    service = make_service(FakeRenderer(available=False))
    messages: list[str] = []
    service.unavailable.connect(messages.append)
    for _ in range(2):
        with qtbot.waitSignal(service.ready, timeout=5000) as blocker:
            service.prepare(TEXTS, SETTINGS)
        assert blocker.args[0] == {}
    assert messages == [UNAVAILABLE_MESSAGE]


def test_voices(make_service: MakeService, qtbot: QtBot) -> None:
    service = make_service(FakeRenderer())
    for _ in range(2):  # the second answer comes from memory, still by signal
        with qtbot.waitSignal(service.voices_ready, timeout=5000) as blocker:
            service.request_voices()
        assert [(v.id, v.name, v.engine, v.language) for v in blocker.args[0]] == [
            ("gmw/en", "English", "espeak-ng", "en"),
            ("roa/fr", "French", "espeak-ng", "fr"),
        ]


def test_shutdown_closes_the_worker_promptly(make_service: MakeService) -> None:
    gate = threading.Event()
    renderer = FakeRenderer(gate=gate)
    service = make_service(renderer)
    service.prepare(TEXTS, SETTINGS)
    assert renderer.entered.wait(5)
    service.shutdown()
    assert renderer.closed
    assert not service._threads  # the render thread ended within the shutdown


def test_real_engine_end_to_end(make_service: MakeService, qtbot: QtBot) -> None:
    service = make_service()  # the real SpeechWorker with espeak-ng
    with qtbot.waitSignal(service.ready, timeout=15000) as blocker:
        service.prepare(["Close your eyes and rest."], SETTINGS)
    (path,) = blocker.args[0].values()
    assert is_valid_wav(path)
    assert path.is_relative_to(service.cache.folder)


def test_starting_the_service_sweeps_old_leftovers(
    make_service: MakeService, qtbot: QtBot, tmp_path: Path
) -> None:
    leftover = tmp_path / "cache" / "speech" / "ab" / ".abcdef.4242.tmp"
    leftover.parent.mkdir(parents=True)
    leftover.touch()
    os.utime(leftover, (1.0, 1.0))  # from a render killed long ago
    make_service(FakeRenderer())
    qtbot.waitUntil(lambda: not leftover.exists(), timeout=2000)


@pytest.mark.slow
def test_a_full_disk_gives_up_on_the_voice_at_once_with_one_notice(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prerender_module, "room_problem", lambda folder: prerender_module.NO_ROOM)
    worker = SpeechWorker(target=full_disk_target)
    service = SpeechService(tmp_path / "cache" / "speech", worker)
    notices: list[str] = []
    service.unavailable.connect(notices.append)
    texts = [f"Cue number {n}." for n in range(1, 9)]
    try:
        # One render waits out its 5 s timeout; then the others are not tried.
        with qtbot.waitSignal(service.ready, timeout=15000) as ready:
            service.prepare(texts, SETTINGS)
    finally:
        service.shutdown()
    assert ready.args == [{}]
    assert notices == [
        "Spoken cues are off: there is no room left on the disk for the voice files. "
        "Chimes and on-screen text will guide you."
    ]
    assert worker.starts == 1  # not a new speech process for every cue
