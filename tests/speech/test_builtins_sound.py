"""Every built-in routine, rendered by the real voice at 100, 150 and 220 words a
minute, keeps its promises to the ear (app/core/listening.py): no line over another,
no words over a chime's first second, every timed phase opening with its cue, breath
words inside their phases, holds free of instructions, compress rounds that open fast.

This is what `facewell timeline ROUTINE --rate WPM --json` shows; here for all of them,
and for each built-in as it is adapted to a condition (app/core/adapt.py): its note said
after the welcome, its gentler variants in place of the steps they replace.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.catalog import library_for
from app.core.adapt import adapt_routine
from app.core.condition import Condition
from app.core.listening import broken_promises
from app.core.routine import Routine
from app.core.timeline import CueKind, compile_timeline, spoken_lines
from app.speech.cache import SpeechCache
from app.speech.prerender import prerender
from app.speech.settings import VoiceSettings
from app.speech.worker import SpeechWorker

RATES = (100, 150, 220)


@pytest.fixture(scope="module")
def builtins(tmp_path_factory: pytest.TempPathFactory) -> list[Routine]:
    """Every built-in, then every adapted variant of one (slugged "NAME for CONDITION")."""
    routines = [r for r in library_for(tmp_path_factory.mktemp("data")).routines if r.builtin]
    adapted = [
        replace(a.routine, slug=f"{r.slug} for {c}")
        for r in routines
        for c in Condition
        if (a := adapt_routine(r, c)).changed
    ]
    assert adapted  # Gentle face and Morning calm change for blepharospasm, at least
    return routines + adapted


@pytest.fixture(scope="module")
def worker() -> Iterator[SpeechWorker]:
    with SpeechWorker() as speech:
        assert speech.available(), speech.unavailable_reason  # .ci/run installs espeak-ng
        yield speech


@pytest.mark.slow
@pytest.mark.parametrize("rate", RATES)
def test_every_builtin_sounds_as_promised(
    rate: int, builtins: list[Routine], worker: SpeechWorker, tmp_path: Path
) -> None:
    texts = list(dict.fromkeys(t for routine in builtins for t in spoken_lines(routine)))
    rendered = prerender(texts, VoiceSettings(rate=rate), SpeechCache(tmp_path), worker)
    assert set(rendered.seconds) == set(texts), "every line rendered"
    assert all(seconds > 0 for seconds in rendered.seconds.values())
    broken = {}
    for routine in builtins:
        timeline = compile_timeline(routine, rendered.seconds.__getitem__)
        broken[routine.slug] = broken_promises(timeline)
        # The total it will play is at least what it plans, and shown before it starts.
        assert timeline.total >= routine.total_seconds
        assert any(c.kind is CueKind.SPEECH for c in timeline.cues)
    assert broken == {routine.slug: [] for routine in builtins}
