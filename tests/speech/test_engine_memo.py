"""The engines' versions, voices and model digests, remembered beside the cache."""

from __future__ import annotations

from pathlib import Path

from app.speech.engine_memo import DigestMemo, EngineMemo
from app.speech.voices import model_digest


def test_a_changed_engine_file_is_asked_again(tmp_path: Path) -> None:
    engine = tmp_path / "libengine.so"
    engine.write_bytes(b"one")
    memo = EngineMemo(tmp_path, "fake")
    memo.remember("fake-1", [str(engine)])
    memo.remember_voices([("v", "Voice", "en")])
    recalled = memo.recall()
    assert recalled is not None
    assert (recalled.version, recalled.voices) == ("fake-1", [("v", "Voice", "en")])
    engine.write_bytes(b"an upgrade")
    assert memo.recall() is None
    engine.unlink()
    assert memo.recall() is None


def test_two_engines_share_the_file(tmp_path: Path) -> None:
    engine = tmp_path / "engine"
    engine.write_bytes(b"x")
    EngineMemo(tmp_path, "one").remember("one-1", [str(engine)])
    EngineMemo(tmp_path, "two").remember("two-1", [str(engine)])
    first, second = EngineMemo(tmp_path, "one").recall(), EngineMemo(tmp_path, "two").recall()
    assert first is not None and first.version == "one-1" and first.voices is None
    assert second is not None and second.version == "two-1"


def test_a_broken_memo_file_is_asked_again(tmp_path: Path) -> None:
    (tmp_path / "engines.json").write_text("{not json")
    assert EngineMemo(tmp_path, "pyttsx3").recall() is None


def test_a_model_is_hashed_once_until_it_changes(tmp_path: Path) -> None:
    model = tmp_path / "voice.onnx"
    model.write_bytes(b"model one")
    hashed: list[Path] = []

    def compute(path: Path) -> str:
        hashed.append(path)
        return model_digest(path)

    first = DigestMemo(tmp_path).digest(model, compute)
    assert DigestMemo(tmp_path).digest(model, compute) == first  # a later run of the app
    assert hashed == [model]
    model.write_bytes(b"model two, replaced")
    assert DigestMemo(tmp_path).digest(model, compute) != first
    assert len(hashed) == 2
