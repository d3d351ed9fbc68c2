"""`facewell voices`: every voice with its engine, language and licence; the default marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.speech.voices import piper_voices
from tests.test_cli import run_cli


@pytest.fixture
def natural_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACEWELL_NATURAL_VOICE", raising=False)


@pytest.mark.usefixtures("natural_default")
def test_voices_json_lists_the_natural_and_the_system_voices(repo: Path, tmp_path: Path) -> None:
    done = run_cli(repo, tmp_path, "voices", "--json")
    assert done.returncode == 0, done.stderr
    listing = json.loads(done.stdout)
    voices = listing["voices"]
    assert Path(listing["folder"]).parts[-2:] == ("facewell", "voices")
    system = [v for v in voices if v["engine"] == "espeak-ng"]
    assert system and all(v["licence"] == "GPL-3.0-or-later (eSpeak NG)" for v in system)
    assert all(v["language"] for v in system)
    if not piper_voices(None):  # the extra is missing: the system voice is all there is
        assert not any(v["default"] for v in voices)
        return
    joe = voices[0]
    assert joe["id"] == "piper:en_US-joe-medium"
    assert (joe["engine"], joe["language"], joe["default"]) == ("piper", "en_US", True)
    assert "CC0" in joe["licence"] and "lessac" in joe["licence"]
    assert sum(v["default"] for v in voices) == 1


def test_voices_says_which_voices_and_their_licences(repo: Path, tmp_path: Path) -> None:
    done = run_cli(repo, tmp_path, "voices")
    assert done.returncode == 0, done.stderr
    assert "licence: GPL-3.0-or-later (eSpeak NG)" in done.stdout
    assert "Add Piper voices to" in done.stdout
