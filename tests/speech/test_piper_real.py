"""The real natural voice (Piper, en_US-joe-medium) in its speech process: two short lines.

`make test` installs the natural-voice extra, so these run there; where the extra is
missing they are skipped with that reason (and the fallback tests below still run).
Each test starts one process and loads the model once (~2 s); lines are short.
"""

from __future__ import annotations

import json
import sys
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from app.speech import offline
from app.speech.cache import SpeechCache, is_valid_wav, wav_seconds
from app.speech.engines import VoiceRouter, prepare_voice
from app.speech.piper_backend import (
    PiperBackend,
    length_scale,
    piper_child_main,
    remove_empty_leftovers,
)
from app.speech.settings import VoiceSettings
from app.speech.voices import piper_voices
from app.speech.worker import SpeechWorker, serve

JOE = "piper:en_US-joe-medium"
needs_piper = pytest.mark.skipif(
    not piper_voices(None),
    reason="the natural-voice extra is not installed (make test installs it)",
)


class _CountsRefusals(PiperBackend):
    """The real backend, with the network closed and its refusals reported as a voice."""

    def voices(self) -> list[tuple[str, str, str]]:
        return [("refused", json.dumps(offline.refused), ""), *super().voices()]


def guarded_target(conn: Connection) -> None:
    """As piper_child_main, counting what the audit hook refused."""
    offline.forbid_network()
    serve(conn, _CountsRefusals)


def hidden_piper_target(conn: Connection) -> None:
    """The natural voice's process on a machine without the extra."""
    sys.modules["piper"] = None  # type: ignore[assignment]  # import piper -> ImportError
    sys.modules["piper.voice"] = None  # type: ignore[assignment]
    piper_child_main(conn)


@needs_piper
def test_a_real_render_takes_the_rate_keeps_its_length_and_opens_no_socket(
    tmp_path: Path,
) -> None:
    with SpeechWorker(guarded_target, start_timeout=30) as worker:
        slow, fast, again = tmp_path / "slow.wav", tmp_path / "fast.wav", tmp_path / "again.wav"
        assert worker.render("Breathe in slowly.", VoiceSettings(JOE, 100), slow, timeout=30)
        assert worker.render("Breathe in slowly.", VoiceSettings(JOE, 200), fast, timeout=30)
        assert worker.render("Breathe in slowly.", VoiceSettings(JOE, 100), again, timeout=30)
        voices = worker.voices()
        assert worker.engine_version().startswith("piper-tts-1.8")
    for wav in (slow, fast, again):
        assert is_valid_wav(wav)
    # Rate 100 is length scale 2.1, rate 200 is 1.05: about twice as long, words only.
    assert 1.6 < wav_seconds(slow) / wav_seconds(fast) < 2.4
    assert 0.6 < wav_seconds(fast) < 2.0
    # The same length again: phoneme-length noise is off. Trimming the silent ends at
    # -45 dBFS still moves it: the voice's timbre noise is kept, it sounds better. Twelve
    # renders of this line spread over 18 ms and a pair in CI came 22 ms apart, while with
    # the phoneme-length noise on (0.8) eight untrimmed renders spread over 127 ms.
    assert wav_seconds(again) == pytest.approx(wav_seconds(slow), abs=0.05)
    assert voices[0] == ("refused", "[]", "")  # the hook saw no socket at all
    assert (JOE, "Joe, English (US)", "en_US") in voices


GUARD_CHECK = """
import socket
from app.speech import offline
offline.forbid_network()
for attempt in (
    lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM),
    lambda: socket.create_connection(("127.0.0.1", 9)),
    lambda: socket.getaddrinfo("example.org", 443),
):
    try:
        attempt()
    except offline.NetworkRefused:
        pass
    else:
        raise SystemExit("not refused")
left, right = socket.socketpair()  # local, as the app's pipes: allowed
print(len(offline.refused))
"""


def test_the_guard_refuses_internet_sockets_and_keeps_local_ones(repo: Path) -> None:
    """In a process of its own: the audit hook can't be removed again."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", GUARD_CHECK], cwd=repo, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"


def test_rate_maps_to_length_scale() -> None:
    assert length_scale(150) == 1.4
    assert length_scale(100) == pytest.approx(2.1)
    assert length_scale(220) == pytest.approx(0.9545, abs=1e-4)
    assert length_scale(1) == 3.0 and length_scale(10_000) == 0.5


def test_without_the_extra_the_system_voice_speaks_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACEWELL_NATURAL_VOICE", raising=False)
    from app.speech.voices import NATURAL, VoiceInfo

    model = tmp_path / "en_US-joe-medium.onnx"
    model.write_bytes(b"not consulted")
    joe = VoiceInfo(JOE, "Joe", NATURAL, "en_US", "CC0", model)
    router = VoiceRouter(None, natural=lambda: SpeechWorker(hidden_piper_target), catalogue=[joe])
    try:
        prepared = prepare_voice(
            ["Breathe out."], VoiceSettings(None), SpeechCache(tmp_path / "c"), router
        )
    finally:
        router.close()
    assert prepared.fell_back is not None and "could not start" in prepared.fell_back
    assert prepared.settings.voice is None  # eSpeak NG
    assert is_valid_wav(prepared.files["Breathe out."])


@needs_piper
def test_a_broken_voice_file_falls_back_to_the_system_voice(tmp_path: Path) -> None:
    folder = tmp_path / "voices"
    folder.mkdir()
    (folder / "en_GB-broken-medium.onnx").write_bytes(b"\x00 this is not a model")
    packaged = piper_voices(None)[0]
    assert packaged.config is not None
    (folder / "en_GB-broken-medium.onnx.json").write_text(
        packaged.config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    router = VoiceRouter(folder)
    try:
        assert "piper:en_GB-broken-medium" in [v.id for v in router.natural_voices()]
        prepared = prepare_voice(
            ["Breathe out.", "Rest."],
            VoiceSettings("piper:en_GB-broken-medium"),
            SpeechCache(tmp_path / "c"),
            router,
        )
    finally:
        router.close()
    assert prepared.fell_back is not None and "en_GB-broken-medium.onnx" in prepared.fell_back
    assert prepared.settings.voice is None
    assert sorted(prepared.files) == ["Breathe out.", "Rest."]


@needs_piper
def test_loading_a_voice_leaves_no_folder_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each voice loaded made an empty /tmp/facewell-piper-* folder that nothing removed."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    backend = PiperBackend()
    wav = tmp_path / "line.wav"
    backend.render("Rest.", VoiceSettings(JOE, 150), wav)
    assert is_valid_wav(wav)
    assert list(temp.iterdir()) == []


def test_the_empty_folders_earlier_versions_left_are_removed_and_nothing_else(
    tmp_path: Path,
) -> None:
    for name in ("facewell-piper-a1", "facewell-piper-b2"):
        (tmp_path / name).mkdir()
    kept = tmp_path / "facewell-piper-full"
    kept.mkdir()
    (kept / "file").write_text("someone's")
    other = tmp_path / "facewell-theme-x"
    other.mkdir()
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "facewell-piper-link").symlink_to(target)
    assert remove_empty_leftovers(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "elsewhere",
        "facewell-piper-full",
        "facewell-piper-link",
        "facewell-theme-x",
    ]
    assert (kept / "file").read_text() == "someone's"
    assert remove_empty_leftovers(tmp_path / "missing") == 0
