"""Exercise steps that say what they don't suit: `unsuitable_for`, `reason` and a
`[steps.gentler]` variant, read from files and refused with FILE:LINE when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.condition import Condition
from app.core.loader import Problem, RoutineError, load_routine
from app.core.routine import ExerciseStep, Side

HEAD = """\
name = "Face"

[[steps]]
kind = "exercise"
title = "Lip pucker"
hold = 5
rest = 9
reps = 4
"""
# lines:  1 name, 3 [[steps]], 4 kind, 5 title, 6 hold, 7 rest, 8 reps; 9 on is the test's


def load(tmp_path: Path, text: str) -> ExerciseStep:
    path = tmp_path / "face.toml"
    path.write_text(text, encoding="utf-8")
    step = load_routine(path).steps[0]
    assert isinstance(step, ExerciseStep)
    return step


def problems(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "face.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoutineError) as info:
        load_routine(path)
    for problem in info.value.problems:
        assert str(problem).startswith(f"{path}:{problem.line}: step 1 (exercise): ")
    return list(info.value.problems)


def one(tmp_path: Path, text: str) -> Problem:
    found = problems(tmp_path, text)
    assert len(found) == 1, found
    return found[0]


def test_a_step_without_the_fields_suits_everyone(tmp_path: Path) -> None:
    step = load(tmp_path, HEAD)
    assert (step.unsuitable_for, step.reason, step.gentler) == ((), "", None)


def test_conditions_and_reason_are_read_in_any_case_and_spacing(tmp_path: Path) -> None:
    step = load(
        tmp_path,
        HEAD + 'unsuitable_for = ["Hemifacial  Spasm", "blepharospasm", "hemifacial spasm"]\n'
        'reason = "  lip movements   can set off a spasm "\n',
    )
    assert step.unsuitable_for == (Condition.HEMIFACIAL_SPASM, Condition.BLEPHAROSPASM)
    assert step.reason == "lip movements can set off a spasm"
    assert step.gentler is None


def test_a_gentler_variant_has_its_own_words_and_picture_and_the_steps_timing(
    tmp_path: Path, repo: Path
) -> None:
    text = (
        HEAD
        + 'side = "left"\nimage = "nose-wrinkle.svg"\n'
        + 'unsuitable_for = ["blepharospasm"]\nreason = "it works the muscles that spasm"\n\n'
        + '[steps.gentler]\ntitle = "Smooth brow"\ninstruction = "Let it soften."\nreps = 2\n'
    )
    path = tmp_path / "face.toml"
    path.write_text(text, encoding="utf-8")
    step = load_routine(path, image_dirs=(repo / "assets" / "images",)).steps[0]
    assert isinstance(step, ExerciseStep)
    gentler = step.gentler
    assert gentler is not None
    assert (gentler.title, gentler.instruction, gentler.cue) == (
        "Smooth brow",
        "Let it soften.",
        "",
    )
    assert (gentler.hold, gentler.rest, gentler.reps, gentler.side) == (5, 9, 2, Side.LEFT)
    assert gentler.image is None  # the step's picture shows the movement left out
    assert (gentler.unsuitable_for, gentler.gentler) == ((), None)


def test_an_inline_gentler_table_works_too(tmp_path: Path) -> None:
    step = load(
        tmp_path,
        HEAD + 'unsuitable_for = ["blepharospasm"]\nreason = "why"\n'
        'gentler = { title = "Soft", hold = 3 }\n',
    )
    assert step.gentler is not None and step.gentler.hold == 3


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('unsuitable_for = ["hemifacial spasms"]', ("unknown condition 'hemifacial spasms'",)),
        ('unsuitable_for = ["not sure"]', ('"not sure" leaves every routine as it is',)),
        ("unsuitable_for = [3]", ("unknown condition 3", "blepharospasm, hemifacial spasm or")),
        ('unsuitable_for = "hemifacial spasm"', ('write ["hemifacial spasm"]',)),
        ("unsuitable_for = 1", ('"unsuitable_for" must be a list of conditions',)),
    ],
)
def test_bad_condition_names_are_refused_at_their_line(
    tmp_path: Path, line: str, words: tuple[str, ...]
) -> None:
    # A broken list says so once: no second problem about the reason it comes with.
    problem = one(tmp_path, HEAD + line + '\nreason = "lip movements can set off a spasm"\n')
    assert (problem.line, problem.key, problem.step) == (9, "unsuitable_for", 0)
    for word in words:
        assert word in problem.message


def test_a_reason_is_required_short_and_only_with_conditions(tmp_path: Path) -> None:
    missing = one(tmp_path, HEAD + 'unsuitable_for = ["hemifacial spasm"]\n')
    assert (missing.line, missing.key) == (3, "reason")  # the step's header: no line of its own
    assert 'missing "reason"' in missing.message
    empty = one(tmp_path, HEAD + 'unsuitable_for = ["hemifacial spasm"]\nreason = " "\n')
    assert (empty.line, empty.key) == (10, "reason")
    long = one(tmp_path, HEAD + f'unsuitable_for = ["blepharospasm"]\nreason = "{"x" * 151}"\n')
    assert "151 characters: keep it to 150 or fewer" in long.message
    alone = one(tmp_path, HEAD + 'reason = "lip movements can set off a spasm"\n')
    assert (alone.line, alone.key) == (9, "reason")
    assert 'add them, such as unsuitable_for = ["hemifacial spasm"]' in alone.message


def test_gentler_table_errors_name_their_own_lines(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        HEAD
        + 'unsuitable_for = ["blepharospasm"]\nreason = "why"\n\n'  # 9, 10, 11
        + '[steps.gentler]\nkind = "breathing"\ninstruction = "Look down."\n'  # 12, 13, 14
        + 'hold = 0.5\nunsuitable_for = ["hemifacial spasm"]\nside = "up"\n',  # 15, 16, 17
    )
    by_line = {p.line: p for p in found}
    assert sorted(by_line) == [12, 13, 15, 16, 17]
    assert 'gentler variant: missing "title"' in by_line[12].message  # at the table's header
    assert "always an exercise" in by_line[13].message
    assert '"hold" must be at least 1 second' in by_line[15].message
    assert '"unsuitable_for" can\'t be set here' in by_line[16].message
    assert "unknown side 'up'" in by_line[17].message
    # The editor shows them over the step: they are about its "gentler".
    assert {(p.step, p.key) for p in found} == {(0, "gentler")}
    assert all(p.detail.startswith("gentler variant: ") for p in found)


def test_a_gentler_variant_needs_conditions_and_a_table(tmp_path: Path) -> None:
    orphan = one(tmp_path, HEAD + '\n[steps.gentler]\ntitle = "Soft lips"\n')
    assert (orphan.line, orphan.key) == (10, "gentler")  # the table's header
    assert "played only for the conditions" in orphan.message
    scalar = one(
        tmp_path, HEAD + 'unsuitable_for = ["blepharospasm"]\nreason = "why"\ngentler = "soft"\n'
    )
    assert (scalar.line, scalar.key) == (11, "gentler")
    assert "[steps.gentler] table" in scalar.message


@pytest.mark.parametrize("key", ["unsuitable_for", "reason", "gentler"])
def test_only_exercise_steps_may_say_what_they_dont_suit(tmp_path: Path, key: str) -> None:
    value = {"unsuitable_for": '["blepharospasm"]', "reason": '"why"', "gentler": "{}"}[key]
    text = (
        'name = "R"\n[[steps]]\nkind = "breathing"\ntitle = "B"\n'
        f"inhale = 4\nexhale = 4\ncycles = 1\n{key} = {value}\n"
    )
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoutineError) as info:
        load_routine(path)
    (problem,) = info.value.problems
    assert str(problem) == f'{path}:8: step 1 (breathing): "{key}" belongs to exercise steps only'


def test_every_builtin_gentler_variant_and_reason_loads(repo: Path) -> None:
    marked = []
    for path in sorted((repo / "exercises").glob("*.toml")):
        routine = load_routine(path, builtin=True, image_dirs=(repo / "assets" / "images",))
        for step in routine.steps:
            if isinstance(step, ExerciseStep) and step.unsuitable_for:
                assert step.reason and len(step.reason) <= 150
                marked.append((routine.slug, step.title, step.gentler is not None))
    assert ("gentle-face", "Lip pucker", False) in marked  # left out for hemifacial spasm
    assert ("gentle-face", "Nose wrinkle", True) in marked
    assert ("morning-calm", "Soft eye close", True) in marked
