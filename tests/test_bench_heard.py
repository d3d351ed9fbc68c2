"""The recorded-sound bench (bench/heard.py) finds what was played, and notices what
was not: a synthetic recording of A mindful minute, mixed from the plan."""

from __future__ import annotations

import array
import math
import random
from typing import Any

import pytest

from app.catalog import library_for
from app.core.routine import Routine
from app.core.timeline import CueKind, compile_timeline
from app.speech.cache import RenderedSpeech
from app.speech.loudness import normalise_wav, write_pcm
from bench.heard import RATE, _analyse, _chime, _read

LEAD = 1.3  # the recording starts this long before the start chime


@pytest.fixture(scope="module")
def routine(tmp_path_factory: pytest.TempPathFactory) -> Routine:
    found = library_for(tmp_path_factory.mktemp("data")).find("mindful-minute")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def rendered(routine: Routine, tmp_path_factory: pytest.TempPathFactory) -> RenderedSpeech:
    """Each line as a burst of syllable-like noise, a little longer the longer the line,
    at -20 LUFS like a real render."""
    folder = tmp_path_factory.mktemp("speech")
    speech = RenderedSpeech()
    plan = compile_timeline(routine, lambda _text: 1.0)
    for index, text in enumerate(sorted({c.text for c in plan.cues if c.text})):
        noise = random.Random(index)
        seconds = 1.5 + len(text) / 100
        pcm = array.array(
            "h",
            [
                round(8000 * noise.uniform(-1, 1) * abs(math.sin(math.pi * 4 * i / RATE)))
                for i in range(round(seconds * RATE))
            ],
        )
        raw = folder / f"{index}-raw.wav"
        write_pcm(raw, pcm, RATE)
        normalise_wav(raw, folder / f"{index}.wav", trim=False)
        speech.add(text, folder / f"{index}.wav")
    return speech


def mixed(
    routine: Routine,
    rendered: RenderedSpeech,
    *,
    skip: int = -1,
    shift: dict[int, float] | None = None,
    cut_end: float = 0.0,
) -> array.array[int]:
    """The sink as it would record the plan, with cue ``skip`` left out, cues moved by
    ``shift`` seconds, and the last ``cut_end`` seconds of the recording gone."""
    plan = compile_timeline(routine, rendered.seconds.__getitem__)
    total = LEAD + plan.cues[-1].offset + 3.0
    out = [0] * round(total * RATE)
    for index, cue in enumerate(plan.cues):
        if index == skip:
            continue
        path = rendered[cue.text] if cue.kind is CueKind.SPEECH else _chime(str(cue.sound))
        samples, rate = _read(path)
        assert rate == RATE
        start = round((LEAD + cue.offset + (shift or {}).get(index, 0.0)) * RATE)
        for i, value in enumerate(samples):
            out[start + i] += value
    end = len(out) - round(cut_end * RATE)
    return array.array("h", [max(-32768, min(32767, v)) for v in out[:end]])


def analyse(routine: Routine, rendered: RenderedSpeech, **kwargs: Any) -> dict[str, Any]:
    return _analyse(routine, rendered, mixed(routine, rendered, **kwargs), exited=999.0)


def test_a_faithful_recording_is_heard_as_promised(
    routine: Routine, rendered: RenderedSpeech
) -> None:
    report = analyse(routine, rendered)
    assert report["cues_heard"] == report["cues"] == 5
    assert report["onset_error_ms"]["max_abs"] <= 5.0
    assert report["broken_promises"] == []
    assert report["heard_as_promised"] is True
    assert abs(report["speech_minus_chimes_lu"]) < 0.5
    assert report["loudness_within_1_lu"] is True
    assert report["last_sound"] == "end"
    assert report["rang_out"] is True


def test_a_cue_that_never_played_is_missed(routine: Routine, rendered: RenderedSpeech) -> None:
    report = analyse(routine, rendered, skip=2)
    assert report["cues_heard"] == 4
    assert [u["offset"] for u in report["unheard"]] == [20.0]
    assert report["heard_as_promised"] is False


def test_a_late_cue_is_measured_where_it_was_heard(
    routine: Routine, rendered: RenderedSpeech
) -> None:
    report = analyse(routine, rendered, shift={3: 0.3})
    assert report["onset_error_ms"]["max_abs"] == pytest.approx(300, abs=5)


def test_an_end_chime_cut_off_by_the_exit_is_noticed(
    routine: Routine, rendered: RenderedSpeech
) -> None:
    # The recording ends 1 s into the 1.8 s end chime: the process had gone.
    report = analyse(routine, rendered, cut_end=3.0 + 0.8)
    assert report["rang_out"] is False
