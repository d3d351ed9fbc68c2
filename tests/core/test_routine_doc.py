"""The editable routine document: round trips that keep comments, steps, presets, saving."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.core.loader import RoutineError, load_routine, parse_routine
from app.core.routine import BreathingStep, ExerciseStep
from app.core.routine_doc import RoutineDocument, unique_path

HAND_EDITED = """\
# My plan, from Dr. Lee (hand-written)
name = "Dr. Lee's plan"  # keep this name
summary = "Small movements, then breathing."
mood = "calm"   # a key the app does not know

# Warm up the brows
[[steps]]
kind = "exercise"
title = "Brow lift"
hold = 5   # seconds, as prescribed
rest = 8
reps = 3
therapist_note = "go slowly"

# Breathe out longer than in
[[steps]]
kind = "breathing"
title = "Four six"
inhale = 4
exhale = 6
cycles = 4          # or: duration = "2m"

[[steps]]
kind = "meditation"
title = "Sit"
duration = "2m"

[[steps.guidance]]
at = "30s"
text = "Let the breath be easy."
"""


def test_unchanged_document_is_the_same_text() -> None:
    assert RoutineDocument.from_text(HAND_EDITED).text() == HAND_EDITED


def test_edit_and_reorder_keep_comments_and_unknown_keys() -> None:
    doc = RoutineDocument.from_text(HAND_EDITED)
    doc.set_field(0, "hold", 7)
    doc.move_step(0, 2)
    doc.name = "Dr. Lee's plan, v2"
    text = doc.text()

    for kept in (
        "# My plan, from Dr. Lee (hand-written)",
        "# keep this name",
        'mood = "calm"   # a key the app does not know',
        "hold = 7   # seconds, as prescribed",
        'therapist_note = "go slowly"',
        'cycles = 4          # or: duration = "2m"',
        "[[steps.guidance]]",
    ):
        assert kept in text
    # A comment right above a step travels with it.
    assert '# Warm up the brows\n[[steps]]\nkind = "exercise"' in text
    assert '# Breathe out longer than in\n[[steps]]\nkind = "breathing"' in text
    routine = parse_routine(text)
    assert [type(s).__name__ for s in routine.steps] == [
        "BreathingStep",
        "MeditationStep",
        "ExerciseStep",
    ]
    exercise = routine.steps[2]
    assert isinstance(exercise, ExerciseStep) and exercise.hold == 7
    assert routine.name == "Dr. Lee's plan, v2"
    assert len(routine.steps[1].guidance) == 1  # type: ignore[union-attr]


def test_added_field_goes_next_to_its_neighbours() -> None:
    doc = RoutineDocument.from_text(HAND_EDITED)
    doc.set_field(1, "hold", 2)
    assert "inhale = 4\nhold = 2\nexhale = 6" in doc.text()
    doc.remove_field(1, "hold")
    assert "inhale = 4\nexhale = 6" in doc.text()
    doc.set_field(2, "bell_every", "1m")
    text = doc.text()
    assert text.index("bell_every") < text.index("[[steps.guidance]]")


def test_add_remove_move_steps_with_gentle_defaults() -> None:
    doc = RoutineDocument.new("Mine")
    assert doc.validate()  # no steps yet
    for kind in ("breathing", "exercise", "meditation", "compress", "rest"):
        doc.add_step(kind)
    assert [s["kind"] for s in doc.steps()] == [
        "breathing",
        "exercise",
        "meditation",
        "compress",
        "rest",
    ]
    routine = doc.parse()
    breathing, exercise = routine.steps[0], routine.steps[1]
    assert isinstance(breathing, BreathingStep)
    assert (breathing.inhale, breathing.hold, breathing.exhale, breathing.cycles) == (4, 0, 6, 6)
    assert isinstance(exercise, ExerciseStep)
    assert (exercise.hold, exercise.rest, exercise.reps, exercise.side) == (5, 8, 3, "both")
    # 60 + 39 + 120 + (3*240 + 2*60) + 30
    assert doc.total_seconds() == 60 + 39 + 120 + 840 + 30

    assert doc.add_step("rest", 0) == 0
    doc.remove_step(0)
    doc.move_step(4, 0)
    doc.move_step(1, 3)
    assert [s["kind"] for s in doc.steps()] == [
        "rest",
        "exercise",
        "meditation",
        "breathing",
        "compress",
    ]
    with pytest.raises(IndexError):
        doc.remove_step(9)
    with pytest.raises(ValueError):
        doc.add_step("dance")
    assert "\n\n\n" not in doc.text()


@pytest.mark.parametrize(
    ("preset", "phases"),
    [("box", (4, 4, 4, 4)), ("4-7-8", (4, 7, 8, 0)), ("coherent", (5, 0, 5, 0))],
)
def test_breathing_presets(preset: str, phases: tuple[int, ...]) -> None:
    doc = RoutineDocument.new("Breaths")
    doc.add_step("breathing")
    doc.apply_breathing_preset(0, preset)
    step = doc.parse().steps[0]
    assert isinstance(step, BreathingStep)
    assert (step.inhale, step.hold, step.exhale, step.hold_after) == phases
    assert doc.breathing_preset(0) == preset
    doc.set_field(0, "exhale", 9)
    assert doc.breathing_preset(0) == "custom"
    doc.apply_breathing_preset(0, "custom")
    assert doc.step(0)["exhale"] == 9


def test_validate_reports_what_parse_routine_reports() -> None:
    doc = RoutineDocument.from_text(HAND_EDITED)
    doc.set_field(0, "hold", -1)
    doc.set_field(1, "cycles", 0)
    doc.remove_field(2, "title")
    with pytest.raises(RoutineError) as caught:
        parse_routine(doc.text(), "plan.toml")
    problems = doc.validate("plan.toml")
    assert problems == list(caught.value.problems)
    messages = [p.message for p in problems]
    assert any(m.startswith('step 1 (exercise): "hold"') for m in messages)
    assert any(m.startswith('step 2 (breathing): "cycles"') for m in messages)
    assert doc.total_seconds() is None
    assert doc.step_seconds(1) is None


def test_syntax_error_is_a_routine_error_with_a_line() -> None:
    with pytest.raises(RoutineError) as caught:
        RoutineDocument.from_text('name = "x"\n[[steps]\n', "bad.toml")
    assert caught.value.problems[0].line == 2


def test_a_renamed_copy_of_a_builtin_keeps_its_text(repo: Path) -> None:
    """What the editor's duplicate does: load a built-in, give it a new name."""
    source = repo / "exercises" / "gentle-face.toml"
    doc = RoutineDocument.load(source)
    doc.name = "My gentle face"
    original = source.read_text(encoding="utf-8")
    assert doc.text() == original.replace('name = "Gentle face"', 'name = "My gentle face"')
    assert doc.parse(image_dirs=(repo / "assets" / "images",)).name == "My gentle face"


def test_unique_path_never_reuses_a_name(tmp_path: Path) -> None:
    first = unique_path(tmp_path, "My plan!")
    assert first == tmp_path / "my-plan.toml"
    first.write_text("x")
    second = unique_path(tmp_path, "my plan")
    assert second == tmp_path / "my-plan-2.toml"
    second.write_text("x")
    assert unique_path(tmp_path, "My Plan").name == "my-plan-3.toml"
    assert unique_path(tmp_path, "???").name == "routine.toml"


def test_save_is_atomic_and_private(tmp_path: Path) -> None:
    doc = RoutineDocument.new("Saved")
    doc.add_step("rest")
    path = tmp_path / "routines" / "saved.toml"
    doc.save(path)
    assert load_routine(path).name == "Saved"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    doc.set_field(0, "duration", 45)
    doc.save(path)
    assert load_routine(path).total_seconds == 45
    assert [p.name for p in path.parent.iterdir()] == ["saved.toml"]  # no temp file left


def test_insert_key_places_a_key_and_keeps_comments() -> None:
    """The one place that uses tomlkit's private insertion (pinned to 0.15)."""
    import tomlkit

    from app.core.routine_doc import insert_key

    document = tomlkit.parse('name = "R"  # mine\n\n# about steps\n[[steps]]\nkind = "rest"\n')
    insert_key(document, "name", "summary", "Short")
    insert_key(document, None, "category", "breathing")
    text = tomlkit.dumps(document)
    assert (
        text.index("category")
        < text.index("name")
        < text.index("summary")
        < text.index("[[steps]]")
    )
    assert "# mine" in text and "# about steps" in text


def test_insert_key_after_the_last_key_and_after_a_missing_one() -> None:
    import tomlkit

    from app.core.routine_doc import insert_key

    document = tomlkit.parse('name = "R"\nsummary = "S"  # last\n')
    insert_key(document, "summary", "category", "breathing")
    text = tomlkit.dumps(document)
    assert text.index("summary") < text.index("category") and "# last" in text
    assert tomlkit.parse(text)["category"] == "breathing"
    with pytest.raises(KeyError):
        insert_key(document, "no-such-key", "x", 1)


UNSUITABLE = """\
name = "Face"

[[steps]]
kind = "exercise"
title = "Nose wrinkle"
hold = 4
reps = 3
unsuitable_for = ["blepharospasm"]  # from the clinical review
reason = "it works the muscles that spasm"

[steps.gentler]
title = "Smooth brow"  # release only
instruction = "Let it soften."

[[steps]]
kind = "rest"
title = "Rest"
duration = 30
"""


def test_a_gentler_variant_and_its_conditions_survive_every_edit() -> None:
    doc = RoutineDocument.from_text(UNSUITABLE)
    assert doc.text() == UNSUITABLE
    doc.set_field(0, "rest", 9)  # among the step's keys, above its [steps.gentler] table
    doc.set_field(0, "side", "left")
    doc.move_step(0, 1)
    doc.move_step(1, 0)
    text = doc.text()
    assert 'unsuitable_for = ["blepharospasm"]  # from the clinical review' in text
    assert '[steps.gentler]\ntitle = "Smooth brow"  # release only' in text
    assert text.index("rest = 9") < text.index("unsuitable_for") < text.index("[steps.gentler]")
    step = doc.parse().steps[0]
    assert isinstance(step, ExerciseStep)
    assert (step.rest, step.side, step.reason) == (9, "left", "it works the muscles that spasm")
    assert step.gentler is not None
    assert (step.gentler.title, step.gentler.rest, step.gentler.side) == ("Smooth brow", 9, "left")
    assert doc.step(0)["gentler"] == {"title": "Smooth brow", "instruction": "Let it soften."}
    assert doc.step_seconds(0) == (4 + 9) * 3
    # Without conditions, the reason and the gentler variant are refused, each at its line.
    doc.remove_field(0, "unsuitable_for")
    lines = doc.text().splitlines()
    problems = {p.key: lines[p.line - 1] for p in doc.validate("face.toml")}
    assert problems == {
        "reason": 'reason = "it works the muscles that spasm"',
        "gentler": "[steps.gentler]",
    }


def test_the_editor_adds_suitability_keys_in_their_place() -> None:
    doc = RoutineDocument.from_text(
        UNSUITABLE.replace('unsuitable_for = ["blepharospasm"]  # from the clinical review\n', "")
    )
    doc.remove_field(0, "reason")
    doc.set_field(0, "reason", "it works the muscles that spasm")
    doc.set_field(0, "unsuitable_for", ["blepharospasm"])
    lines = doc.text().splitlines()
    assert (
        lines.index('unsuitable_for = ["blepharospasm"]')
        < lines.index('reason = "it works the muscles that spasm"')
        < lines.index("[steps.gentler]")
    )
    assert doc.validate() == []
