"""Finding voices: a folder of Piper voices, their model cards, the person's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.speech import voices as voices_module
from app.speech.voices import (
    NO_CARD,
    language_first,
    licence_from_card,
    model_digest,
    piper_voices,
    system_voice,
    user_voices,
)

JOE_CARD = """# Model card for joe (medium)

* Language: en_US (English, United States)

## Dataset

* URL: https://github.com/NabuCasa/voice-datasets
* License: CC0

## Training

Finetuned from U.S. English lessac voice (medium quality).
"""


def _voice(folder: Path, stem: str, *, card: str | None = None, language: str = "de_DE") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / f"{stem}.onnx"
    model.write_bytes(b"weights")
    config = {
        "dataset": stem.split("-")[1],
        "language": {"code": language, "name_english": "German", "region": "DE"},
    }
    (folder / f"{stem}.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    if card is not None:
        (folder / "MODEL_CARD").write_text(card, encoding="utf-8")
    return model


def test_the_licence_comes_from_the_model_card_and_warns_about_its_origin() -> None:
    assert licence_from_card(JOE_CARD) == (
        "CC0 for its recordings, but it was made by retraining the lessac voice, whose "
        "recordings come with unclear terms"
    )
    assert licence_from_card("* License: CC-BY 4.0\n") == "CC-BY 4.0"
    assert licence_from_card("no words about it") == "not stated in its model card"


def test_a_folder_of_voices(tmp_path: Path) -> None:
    folder = tmp_path / "voices"
    _voice(folder / "thorsten", "de_DE-thorsten-medium", card="* License: CC0\n")
    _voice(folder, "de_DE-karl-low")  # no card
    (folder / "lonely.onnx").write_bytes(b"no config beside it")
    (folder / "garbled.onnx").write_bytes(b"x")
    (folder / "garbled.onnx.json").write_text("{not json", encoding="utf-8")
    found = {v.id: v for v in user_voices(folder)}
    assert set(found) == {"piper:de_DE-thorsten-medium", "piper:de_DE-karl-low"}
    assert found["piper:de_DE-thorsten-medium"].name == "Thorsten, German (DE)"
    assert found["piper:de_DE-thorsten-medium"].licence == "CC0"
    assert found["piper:de_DE-karl-low"].licence == NO_CARD
    assert found["piper:de_DE-karl-low"].language == "de_DE"
    assert user_voices(tmp_path / "missing") == []


def test_without_piper_there_is_no_natural_voice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _voice(tmp_path / "voices", "de_DE-karl-low")
    monkeypatch.setattr(voices_module, "piper_installed", lambda: False)
    assert piper_voices(tmp_path / "voices") == []


def test_the_persons_language_then_region_first() -> None:
    listed = [
        system_voice("roa/fr", "French"),
        system_voice("gmw/en-US", "English (America)"),
        system_voice("gmw/en", "English (Great Britain)", "en-gb"),
        system_voice("gmw/de", "German"),
    ]
    # en-GB itself, then English elsewhere, then the rest by name.
    assert [v.id for v in language_first(listed, "en_GB")] == [
        "gmw/en",
        "gmw/en-US",
        "roa/fr",
        "gmw/de",
    ]
    assert next(v.id for v in language_first(listed, "de_AT")) == "gmw/de"


def test_the_digest_follows_the_file(tmp_path: Path) -> None:
    model = tmp_path / "m.onnx"
    model.write_bytes(b"one")
    first = model_digest(model)
    assert first == model_digest(model)
    model.write_bytes(b"other")
    assert model_digest(model) != first
