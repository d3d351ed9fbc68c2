"""The speech process starts when needed, exits when idle, and what it said is remembered.

Real eSpeak NG processes (each start costs about 0.3 s).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.speech.cache import is_valid_wav
from app.speech.engine_memo import EngineMemo
from app.speech.settings import VoiceSettings
from app.speech.worker import SpeechWorker

SETTINGS = VoiceSettings()


def wait_until(condition: object, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.02)
    return False


def children_of(pid: int) -> dict[int, str]:
    """The command lines of ``pid``'s child processes (from /proc), by pid."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found[int(entry.name)] = cmdline
    return found


def test_an_idle_process_exits_and_the_next_render_starts_a_new_one(tmp_path: Path) -> None:
    with SpeechWorker(idle_exit=0.3) as worker:
        assert not worker.running  # nothing asked yet: no process
        assert worker.render("Breathe in.", SETTINGS, tmp_path / "one.wav")
        pid = worker.pid
        assert worker.running and pid is not None
        assert wait_until(lambda: worker.idle_exits == 1 and not Path(f"/proc/{pid}").exists())
        assert not worker.running
        assert not Path(f"/proc/{pid}").exists()  # ended and reaped
        assert worker.render("Breathe out.", SETTINGS, tmp_path / "two.wav")
        assert is_valid_wav(tmp_path / "two.wav")
        assert worker.starts == 2


def test_a_busy_process_does_not_exit(tmp_path: Path) -> None:
    with SpeechWorker(idle_exit=0.4) as worker:
        for i in range(6):  # one render every 0.15 s: never idle for 0.4 s
            assert worker.render(f"Line {i}.", SETTINGS, tmp_path / f"{i}.wav")
            time.sleep(0.15)
        assert worker.starts == 1
        assert worker.idle_exits == 0


def test_version_and_voices_are_remembered_without_a_process(tmp_path: Path) -> None:
    with SpeechWorker(memo=EngineMemo(tmp_path, "pyttsx3")) as first:
        version = first.engine_version()
        voices = first.voices()
    assert version.startswith("pyttsx3-") and voices
    assert (tmp_path / "engines.json").stat().st_mode & 0o777 == 0o600
    with SpeechWorker(memo=EngineMemo(tmp_path, "pyttsx3")) as second:
        assert second.engine_version() == version
        assert second.voices() == voices
        assert second.starts == 0
        assert not second.running


def test_no_multiprocessing_helper_process_is_started(tmp_path: Path) -> None:
    with SpeechWorker() as worker:
        assert worker.render("Rest.", SETTINGS, tmp_path / "rest.wav")
        children = children_of(os.getpid())
        assert worker.pid in children
        helpers = [c for c in children.values() if "resource_tracker" in c or "forkserver" in c]
        assert helpers == []
