"""Longest GUI event-loop stall while speech renders, then while a routine plays.

`render_natural`: "Gentle face" prepared with the natural voice (Piper) into a cold
cache, as a first start does: how long it takes, and the GUI's longest stall meanwhile.

Run as a child process (`python -m bench.gui_stall DIR`) with an offscreen QApplication.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import Audio, base_env, breathing_toml, child_result, run_python

TICK_MS = 5
PLAY_SECONDS = 10
TEXTS = 40


def gui_stall(audio: Audio) -> dict[str, Any]:
    result: dict[str, Any] = {"device": audio.device, "target": "max_stall_ms < 50"}
    for part in ("render", "play", "render_natural"):
        try:
            with tempfile.TemporaryDirectory(prefix="facewell-bench-") as tmp:
                args = ["-m", "bench.gui_stall", part, tmp]
                # render and play keep the system voice, as measured before; the
                # natural voice has its own part.
                env = base_env({**audio.env, "FACEWELL_NATURAL_VOICE": "0"})
                proc = run_python(args, env=env, timeout=300)
                result[part] = child_result(proc)
        except Exception as exc:
            result[part] = {"error": f"{type(exc).__name__}: {exc}"[:600]}
    return result


class GapMeter:
    """A 5 ms precise timer; records the gaps between its ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self.ends: list[float] = []  # when each gap ended, seconds after start()
        self._last = self._start = time.perf_counter()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps, self.ends = [], []
        self._last = self._start = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self.ends.append(now - self._start)
        self._last = now

    def report(self) -> dict[str, Any]:
        from bench.common import percentile

        ms = [g * 1000 for g in self.gaps] or [0.0]
        worst = sorted(range(len(self.gaps)), key=lambda i: -self.gaps[i])[:3]
        return {
            "ticks": len(self.gaps),
            "max_stall_ms": round(max(ms), 3),
            "p99_gap_ms": round(percentile(ms, 99), 3),
            "worst_ms_at_s": [[round(ms[i], 1), round(self.ends[i], 2)] for i in worst],
        }


def _render(folder: Path, *, natural: bool = False) -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.services.speech_service import SpeechService
    from app.speech.settings import VoiceSettings

    app = QApplication.instance() or QApplication([])
    meter = GapMeter()
    result: dict[str, Any] = {}
    speech = SpeechService(folder / "cache", voices_dir=folder / "voices")
    texts = [f"Cue number {i}: breathe in slowly and let your jaw soften." for i in range(TEXTS)]
    voice = VoiceSettings()
    if natural:
        from app.core.loader import load_routine
        from app.core.timeline import spoken_lines
        from app.resources import exercises_dir, images_dir

        path = exercises_dir() / "gentle-face.toml"
        texts = spoken_lines(load_routine(path, image_dirs=(images_dir(),)))
        voices = speech.router.natural_voices()
        if not voices:
            return {"error": "the natural-voice extra is not installed"}
        voice = VoiceSettings(voices[0].id)
        result["voice"] = voices[0].id
    started = 0.0

    def on_ready(files: dict[str, Path]) -> None:
        meter.timer.stop()
        result.update(meter.report())
        # Other work on the machine stalls the loop too: say how busy it was.
        result["load_average_1min"] = round(os.getloadavg()[0], 2)
        result["texts"] = len(texts)
        result["rendered"] = len(files)
        result["seconds"] = round(time.perf_counter() - started, 3)
        result["spoken_seconds"] = round(sum(getattr(files, "seconds", {}).values()), 3)
        QTimer.singleShot(0, app.quit)

    def start() -> None:
        nonlocal started
        meter.start()
        started = time.perf_counter()
        speech.prepare(texts, voice)

    speech.ready.connect(on_ready)
    speech.unavailable.connect(lambda message: result.setdefault("notice", message))
    QTimer.singleShot(100, start)
    QTimer.singleShot(240_000 if natural else 60_000, app.quit)  # safety net
    app.exec()
    speech.shutdown()
    return result


def _play(folder: Path) -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.clock import monotonic
    from app.core.loader import parse_routine
    from app.core.session import Session
    from app.core.timeline import compile_timeline, estimate_seconds, spoken_lines
    from app.resources import audio_dir
    from app.services.driver import SessionDriver
    from app.services.player import SoundPlayer
    from app.services.preparation import Preparation
    from app.services.speech_service import SpeechService
    from app.speech.settings import VoiceSettings

    app = QApplication.instance() or QApplication([])
    meter = GapMeter()
    result: dict[str, Any] = {}
    routine = parse_routine(breathing_toml("Stall", 1, 1, PLAY_SECONDS // 2))
    player = SoundPlayer(audio_dir())
    speech = SpeechService(folder / "cache")
    preparation = Preparation(player, speech)
    cues: dict[str, int] = {}
    drivers: list[SessionDriver] = []

    def count(_cue: object, played: str) -> None:
        cues[played] = cues.get(played, 0) + 1

    def begin() -> None:
        # As the runner does: compiled once the rendered lengths are known.
        seconds = preparation.seconds
        timeline = compile_timeline(
            routine, lambda text: seconds.get(text) or estimate_seconds(text)
        )
        driver = SessionDriver(Session(timeline, monotonic), player)
        drivers.append(driver)
        driver.cue_played.connect(count)
        driver.finished.connect(lambda: finished(timeline.total))
        meter.start()
        driver.start()

    def finished(total: float) -> None:
        meter.timer.stop()
        result.update(meter.report())
        result.update(seconds=total, has_device=player.has_device, cues=cues)
        QTimer.singleShot(200, app.quit)

    preparation.ready.connect(begin)
    preparation.notice.connect(lambda text: result.setdefault("notice", text))
    texts = spoken_lines(routine)
    QTimer.singleShot(0, lambda: preparation.prepare(texts, VoiceSettings()))
    QTimer.singleShot(60_000, app.quit)  # safety net
    app.exec()
    speech.shutdown()
    if "ticks" not in result:
        raise SystemExit("routine did not finish within 60 s")
    return result


if __name__ == "__main__":
    part, folder = sys.argv[1], Path(sys.argv[2])
    if part == "play":
        print(json.dumps(_play(folder)))
    else:
        print(json.dumps(_render(folder, natural=part == "render_natural")))
