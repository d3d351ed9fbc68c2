"""Routine files: every class of mistake is reported as FILE:LINE: message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.core.loader import Problem, RoutineError, load_routine, parse_routine
from app.core.routine import (
    BreathingStep,
    Category,
    CompressStep,
    ExerciseStep,
    Guidance,
    MeditationStep,
    RestStep,
    Routine,
    Side,
    Temperature,
)
from app.resources import exercises_dir, images_dir

REPO = Path(__file__).resolve().parents[2]
BUILTINS = sorted((REPO / "exercises").glob("*.toml"))


def write_routine(tmp_path: Path, text: str, name: str = "routine.toml") -> Path:
    """Write `text` as a routine file in `tmp_path` and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str, *, image_dirs: tuple[Path, ...] = ()) -> Routine:
    return load_routine(write_routine(tmp_path, text), image_dirs=image_dirs)


def problems_of(tmp_path: Path, text: str, *, image_dirs: tuple[Path, ...] = ()) -> list[Problem]:
    """The problems loading `text` reports; fails the test if it loads."""
    with pytest.raises(RoutineError) as info:
        load_text(tmp_path, text, image_dirs=image_dirs)
    return list(info.value.problems)


def only_problem(tmp_path: Path, text: str, **kwargs: tuple[Path, ...]) -> Problem:
    problems = problems_of(tmp_path, text, **kwargs)
    assert len(problems) == 1, problems
    return problems[0]


def assert_problem(problem: Problem, path: Path, line: int, *words: str) -> None:
    assert problem.file == str(path)
    assert problem.line == line, str(problem)
    assert str(problem).startswith(f"{path}:{line}: ")
    for word in words:
        assert word in problem.message, (word, problem.message)


# -- one test per class of mistake --------------------------------------------------------


def test_toml_syntax_error_uses_the_parsers_line(tmp_path: Path) -> None:
    text = 'name = "Broken"\n\n[[steps]]\nkind = "rest"\ntitle = \n'
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 5, "TOML syntax error")
    assert "at line" not in problem.message  # the line is given once, in front


def test_missing_name(tmp_path: Path) -> None:
    text = 'summary = "No name"\n\n[[steps]]\nkind = "rest"\ntitle = "Rest"\nduration = 5\n'
    assert_problem(only_problem(tmp_path, text), tmp_path / "routine.toml", 1, "missing", "name")


def test_empty_name(tmp_path: Path) -> None:
    text = 'summary = "s"\nname = "  "\n\n[[steps]]\nkind = "rest"\ntitle = "R"\nduration = 5\n'
    assert_problem(only_problem(tmp_path, text), tmp_path / "routine.toml", 2, '"name"', "string")


def test_missing_steps(tmp_path: Path) -> None:
    text = 'name = "No steps"\nsummary = "Nothing to do"\n'
    assert_problem(only_problem(tmp_path, text), tmp_path / "routine.toml", 1, "[[steps]]")


def test_unknown_kind_points_at_the_kind_line(tmp_path: Path) -> None:
    text = 'name = "x"\n\n[[steps]]\ntitle = "Dance"\nkind = "dance"\nduration = 5\n'
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 5, "step 1", "unknown kind", "'dance'")
    assert "breathing" in problem.message and "rest" in problem.message


def test_missing_kind_points_at_the_step(tmp_path: Path) -> None:
    text = 'name = "x"\n\n[[steps]]\ntitle = "What"\nduration = 5\n'
    assert_problem(only_problem(tmp_path, text), tmp_path / "routine.toml", 3, "missing", "kind")


def test_missing_required_field_points_at_the_steps_header(tmp_path: Path) -> None:
    text = (
        'name = "x"\n\n'
        '[[steps]]\nkind = "rest"\ntitle = "First"\nduration = 5\n\n'
        '[[steps]]\nkind = "rest"\ntitle = "Second"\n'
    )
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 8, "step 2", "missing", '"duration"')


def test_missing_title(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "rest"\nduration = 5\n'
    assert_problem(only_problem(tmp_path, text), tmp_path / "routine.toml", 2, "missing", "title")


def test_wrong_typed_reps(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "exercise"\ntitle = "Lift"\nhold = 5\nreps = "three"\n'
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 6, "step 1", '"reps"', "whole number")


def test_wrong_typed_title(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "rest"\ntitle = 5\nduration = 5\n'
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 4, '"title"', "string")


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('voice_phases = "yes"', ("voice_phases", "true or false")),
        ("cycles = 2.5", ("cycles", "whole number")),
        ("cycles = 0", ("cycles", "at least 1")),
        ("hold = true", ("hold", "duration")),
    ],
)
def test_other_wrong_types(tmp_path: Path, line: str, words: tuple[str, ...]) -> None:
    text = (
        f'name = "x"\n[[steps]]\nkind = "breathing"\ntitle = "B"\ninhale = 4\nexhale = 4\n{line}\n'
    )
    if "cycles" not in line:
        text += "cycles = 2\n"
    assert_problem(only_problem(tmp_path, text), tmp_path / "routine.toml", 7, *words)


def test_negative_timing(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "rest"\ntitle = "R"\nduration = -5\n'
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 5, '"duration"', "0 or more", "-5")


def test_zero_breathing_is_refused(tmp_path: Path) -> None:
    text = (
        'name = "x"\n[[steps]]\nkind = "breathing"\ntitle = "B"\n'
        "inhale = 0\nexhale = 0\ncycles = 3\n"
    )
    first, second = problems_of(tmp_path, text)
    path = tmp_path / "routine.toml"
    assert_problem(first, path, 5, '"inhale"', "more than 0")
    assert_problem(second, path, 6, '"exhale"', "more than 0")


def test_zero_duration_is_refused(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "meditation"\ntitle = "M"\nduration = "0s"\n'
    assert_problem(only_problem(tmp_path, text), tmp_path / "routine.toml", 5, "more than 0")


def test_malformed_duration(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "rest"\ntitle = "R"\nduration = "1x"\n'
    problem = only_problem(tmp_path, text)
    assert_problem(
        problem, tmp_path / "routine.toml", 5, '"duration"', "malformed", "'1x'", "1m30s"
    )


def test_unknown_side(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "exercise"\ntitle = "E"\nhold = 5\nside = "middle"\n'
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 6, "step 1", "unknown side", "'middle'")
    assert "left" in problem.message and "right" in problem.message


def test_unknown_temperature(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "compress"\ntitle = "C"\ntemperature = "hot"\non = "5m"\n'
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 5, "unknown temperature", "'hot'", "cold")


def test_missing_temperature(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "compress"\ntitle = "C"\non = "5m"\n'
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 2, "missing", '"temperature"')


def test_unknown_category(tmp_path: Path) -> None:
    text = 'name = "x"\ncategory = "yoga"\n[[steps]]\nkind = "rest"\ntitle = "R"\nduration = 5\n'
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 2, "unknown category", "'yoga'")


def test_cycles_and_duration_both_given(tmp_path: Path) -> None:
    text = (
        'name = "x"\n[[steps]]\nkind = "breathing"\ntitle = "B"\ninhale = 4\nexhale = 4\n'
        'cycles = 3\nduration = "1m"\n'
    )
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 8, '"cycles"', '"duration"', "not both")


def test_breathing_needs_cycles_or_duration(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "breathing"\ntitle = "B"\ninhale = 4\nexhale = 4\n'
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 2, '"cycles"', '"duration"')


def test_routine_longer_than_four_hours(tmp_path: Path) -> None:
    text = (
        'summary = "Too long"\nname = "Marathon"\n'
        '[[steps]]\nkind = "rest"\ntitle = "R"\nduration = "3h"\n'
        '[[steps]]\nkind = "meditation"\ntitle = "M"\nduration = "1h30m"\n'
    )
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 2, "4 h 30 min", "longest", "4 h")


def test_routine_of_exactly_four_hours_is_accepted(tmp_path: Path) -> None:
    text = (
        'name = "Long"\n'
        '[[steps]]\nkind = "rest"\ntitle = "R"\nduration = "3h"\n'
        '[[steps]]\nkind = "meditation"\ntitle = "M"\nduration = "1h"\n'
    )
    assert load_text(tmp_path, text).total_seconds == 4 * 3600


def _compress(temperature: str, on: str, extra: str = "") -> str:
    return (
        f'name = "x"\n[[steps]]\nkind = "compress"\ntitle = "C"\n'
        f'temperature = "{temperature}"\non = "{on}"\n{extra}'
    )


@pytest.mark.parametrize(("temperature", "on", "limit"), [("cold", "16m", 15), ("warm", "21m", 20)])
def test_compress_on_longer_than_the_safety_limit(
    tmp_path: Path, temperature: str, on: str, limit: int
) -> None:
    problem = only_problem(tmp_path, _compress(temperature, on))
    assert_problem(
        problem, tmp_path / "routine.toml", 6, temperature, f"at most {limit} min", on[:2] + " min"
    )


@pytest.mark.parametrize(("temperature", "on"), [("cold", "15m"), ("warm", "20m")])
def test_compress_on_exactly_at_the_safety_limit(tmp_path: Path, temperature: str, on: str) -> None:
    routine = load_text(tmp_path, _compress(temperature, on))
    step = routine.steps[0]
    assert isinstance(step, CompressStep)
    assert step.on == int(on[:-1]) * 60
    assert step.temperature is Temperature(temperature)


def test_rounds_without_off(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, _compress("warm", "2m", "rounds = 2\n"))
    assert_problem(problem, tmp_path / "routine.toml", 7, '"off"', "at least 1 min", "round")


def test_rounds_with_off_zero_points_at_off(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, _compress("cold", "2m", "rounds = 3\noff = 0\n"))
    assert_problem(problem, tmp_path / "routine.toml", 8, '"off"', "at least 1 min")


def test_a_break_under_a_minute_is_no_skin_break(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, _compress("cold", "2m", "rounds = 3\noff = 30\n"))
    assert_problem(problem, tmp_path / "routine.toml", 8, '"off"', "at least 1 min", "30 s")


def test_cold_over_its_total_is_refused_at_the_step_that_goes_over(tmp_path: Path) -> None:
    # The first release took 8 rounds of 15 minutes of cold.
    problem = only_problem(tmp_path, _compress("cold", "15m", 'rounds = 8\noff = "1m"\n'))
    assert_problem(problem, tmp_path / "routine.toml", 7, "at most 15 min in one routine", "2 h")


def test_the_total_counts_every_compress_step_of_a_temperature(tmp_path: Path) -> None:
    two = _compress("warm", "10m", "") + (
        '\n[[steps]]\nkind = "compress"\ntitle = "More"\ntemperature = "warm"\non = "11m"\n'
    )
    problem = only_problem(tmp_path, two)
    assert problem.step == 1
    assert "at most 20 min in one routine" in problem.message
    assert "21 min" in problem.message


def test_cold_and_warm_totals_are_apart(tmp_path: Path) -> None:
    text = _compress("warm", "20m", "") + (
        '\n[[steps]]\nkind = "compress"\ntitle = "Cold"\ntemperature = "cold"\non = "15m"\n'
    )
    path = tmp_path / "routine.toml"
    path.write_text(text)
    assert len(load_routine(path).steps) == 2


def test_guidance_beyond_the_duration_points_at_its_own_line(tmp_path: Path) -> None:
    text = (
        'name = "x"\n'
        '[[steps]]\nkind = "meditation"\ntitle = "M"\nduration = "1m"\n\n'
        '[[steps.guidance]]\nat = "30s"\ntext = "Fine."\n\n'
        '[[steps.guidance]]\ntext = "Too late."\nat = "2m"\n'
    )
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 13, "guidance 2", '"at"', "2 min", "1 min")


def test_guidance_at_exactly_the_duration_is_refused(tmp_path: Path) -> None:
    text = (
        'name = "x"\n[[steps]]\nkind = "meditation"\ntitle = "M"\nduration = "1m"\n'
        '[[steps.guidance]]\nat = 60\ntext = "End."\n'
    )
    assert_problem(only_problem(tmp_path, text), tmp_path / "routine.toml", 7, "guidance 1")


def test_guidance_without_text(tmp_path: Path) -> None:
    text = (
        'name = "x"\n[[steps]]\nkind = "meditation"\ntitle = "M"\nduration = "1m"\n'
        "[[steps.guidance]]\nat = 10\n"
    )
    problem = only_problem(tmp_path, text)
    assert_problem(problem, tmp_path / "routine.toml", 6, "guidance 1", '"text"')


def test_image_not_found(tmp_path: Path) -> None:
    text = 'name = "x"\n[[steps]]\nkind = "exercise"\ntitle = "E"\nhold = 5\nimage = "nope.svg"\n'
    problem = only_problem(tmp_path, text, image_dirs=(images_dir(),))
    assert_problem(problem, tmp_path / "routine.toml", 6, "image", "'nope.svg'", "not found")


def test_image_found_next_to_the_routine_or_among_builtins(tmp_path: Path) -> None:
    (tmp_path / "mine.svg").write_text("<svg/>", encoding="utf-8")
    text = (
        'name = "x"\n'
        '[[steps]]\nkind = "exercise"\ntitle = "A"\nhold = 5\nimage = "mine.svg"\n'
        '[[steps]]\nkind = "exercise"\ntitle = "B"\nhold = 5\nimage = "brow-lift.svg"\n'
    )
    routine = load_text(tmp_path, text, image_dirs=(images_dir(),))
    mine, builtin = routine.steps
    assert isinstance(mine, ExerciseStep) and isinstance(builtin, ExerciseStep)
    assert mine.image == (tmp_path / "mine.svg").resolve()
    assert builtin.image == (images_dir() / "brow-lift.svg").resolve()


def test_several_problems_reported_at_once_in_line_order(tmp_path: Path) -> None:
    text = (
        'name = "x"\n'  # 1
        "[[steps]]\n"  # 2
        'kind = "compress"\n'  # 3
        "title = 3\n"  # 4
        'temperature = "hot"\n'  # 5
        "on = -1\n"  # 6
        "[[steps]]\n"  # 7
        'kind = "dance"\n'  # 8
        "[[steps]]\n"  # 9
        'kind = "rest"\n'  # 10
        'title = "R"\n'  # 11
        'duration = "1x"\n'  # 12
    )
    problems = problems_of(tmp_path, text)
    assert [p.line for p in problems] == [4, 5, 6, 8, 12]
    assert "title" in problems[0].message
    assert "temperature" in problems[1].message
    assert '"on"' in problems[2].message
    assert "step 2" in problems[3].message and "dance" in problems[3].message
    assert "step 3" in problems[4].message and "1x" in problems[4].message


def test_routine_error_text_is_one_line_per_problem(tmp_path: Path) -> None:
    path = write_routine(tmp_path, 'name = "x"\n[[steps]]\nkind = "dance"\n[[steps]]\nkind = "x"\n')
    with pytest.raises(RoutineError) as info:
        load_routine(path)
    lines = str(info.value).splitlines()
    assert lines == [str(p) for p in info.value.problems]
    assert all(re.match(rf"^{re.escape(str(path))}:\d+: ", line) for line in lines)


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Détente"\n'.encode("latin-1"))
    with pytest.raises(RoutineError) as info:
        load_routine(path)
    (problem,) = info.value.problems
    assert_problem(problem, path, 1, "UTF-8")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(RoutineError) as info:
        load_routine(path)
    (problem,) = info.value.problems
    assert_problem(problem, path, 1, "cannot read")


def test_parse_routine_names_the_file_it_is_given() -> None:
    with pytest.raises(RoutineError) as info:
        parse_routine('name = "x"\n', "inline.toml")
    assert str(info.value).startswith("inline.toml:1: ")


# -- what loads -------------------------------------------------------------------------


def test_there_are_at_least_ten_builtin_routines() -> None:
    assert len(BUILTINS) >= 10
    assert exercises_dir() == REPO / "exercises"


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_builtin_routine_loads(path: Path) -> None:
    routine = load_routine(path, builtin=True, image_dirs=(images_dir(),))
    assert routine.name
    assert routine.builtin
    assert routine.slug == path.stem
    assert routine.source == path
    assert routine.steps
    assert 0 < routine.total_seconds <= 4 * 3600
    for step in routine.steps:
        if isinstance(step, ExerciseStep) and step.image is not None:
            assert step.image.is_file()


def test_documented_example_with_every_field_loads(repo: Path) -> None:
    doc = (repo / "docs" / "routine-format.md").read_text(encoding="utf-8")
    match = re.search(r"## Example with every field\s+```toml\n(.*?)```", doc, re.DOTALL)
    assert match is not None
    routine = parse_routine(match.group(1), "example.toml", image_dirs=(images_dir(),))
    assert routine.name == "Every field"
    kinds = [type(step) for step in routine.steps]
    assert kinds == [
        BreathingStep,
        MeditationStep,
        ExerciseStep,
        ExerciseStep,  # the one that says what it may not suit, with its gentler variant
        CompressStep,
        RestStep,
    ]
    marked = routine.steps[3]
    assert isinstance(marked, ExerciseStep) and marked.unsuitable_for and marked.reason
    assert marked.gentler is not None and marked.gentler.hold == 4


HAND_WRITTEN = """\
name = "  Small example  "
summary = "A short tour."
category = "breathing"
tags = ["morning", "calm"]

[[steps]]
kind = "breathing"
title = "Calm breaths"
inhale = "4s"
hold = 2
exhale = 6
duration = "1m"
voice_phases = false

[[steps]]
kind = "meditation"
title = "Sit"
instruction = "Notice the breath."
duration = "2m"
bell_every = "1m"

[[steps.guidance]]
at = "1m30s"
text = "  Come back to the breath.  "

[[steps.guidance]]
at = 20
text = "Let the jaw soften."

[[steps]]
kind = "exercise"
title = "Brow lift"
hold = 5

[[steps]]
kind = "compress"
title = "Warm"
cue = "Warm compress now."
temperature = "warm"
on = "1m30s"
off = "1m"
rounds = 2

[[steps]]
kind = "rest"
title = "Rest"
duration = "1m"
"""


def test_loaded_model_matches_a_hand_written_example(tmp_path: Path) -> None:
    path = write_routine(tmp_path, HAND_WRITTEN, "small-example.toml")
    routine = load_routine(path)
    assert routine == Routine(
        name="Small example",
        summary="A short tour.",
        category=Category.BREATHING,
        tags=("morning", "calm"),
        source=path,
        builtin=False,
        slug="small-example",
        steps=(
            BreathingStep(
                title="Calm breaths",
                inhale=4.0,
                hold=2.0,
                exhale=6.0,
                hold_after=0.0,
                cycles=5,  # 60 s / 12 s a breath
                voice_phases=False,
            ),
            MeditationStep(
                title="Sit",
                instruction="Notice the breath.",
                duration=120.0,
                bell_every=60.0,
                guidance=(
                    Guidance(at=20.0, text="Let the jaw soften."),
                    Guidance(at=90.0, text="Come back to the breath."),
                ),
            ),
            ExerciseStep(title="Brow lift", hold=5.0, rest=5.0, reps=1, side=Side.BOTH),
            CompressStep(
                title="Warm",
                cue="Warm compress now.",
                temperature=Temperature.WARM,
                on=90.0,
                off=60.0,
                rounds=2,
            ),
            RestStep(title="Rest", duration=60.0),
        ),
    )
    assert routine.total_seconds == 60 + 120 + 10 + 240 + 60


def test_breathing_duration_rounds_up_to_whole_breaths(tmp_path: Path) -> None:
    text = (
        'name = "x"\n[[steps]]\nkind = "breathing"\ntitle = "B"\n'
        'inhale = 4\nexhale = 6\nduration = "45s"\n'
    )
    step = load_text(tmp_path, text).steps[0]
    assert isinstance(step, BreathingStep)
    assert step.cycles == 5


def test_defaults_when_optional_fields_are_left_out(tmp_path: Path) -> None:
    text = 'name = "Plain"\n[[steps]]\nkind = "rest"\ntitle = "R"\nduration = 30\n'
    routine = load_text(tmp_path, text)
    assert routine.category is Category.MIXED
    assert routine.summary == ""
    assert routine.tags == ()
    assert routine.slug == "routine"  # the file's stem
    assert parse_routine(text).slug == "plain"  # no file: from the name


# -- structured problems: where each one belongs, for the editor -------------------------

_EXERCISE = '[[steps]]\nkind = "exercise"\ntitle = "Brow lift"\n'


@pytest.mark.parametrize(
    ("text", "step", "key"),
    [
        ('name = "R"\ncategory = "yoga"\n' + _EXERCISE + "hold = 5\n", None, "category"),
        ('name = ""\n' + _EXERCISE + "hold = 5\n", None, "name"),
        ('name = "R"\n', None, "steps"),
        ('name = "R"\n' + _EXERCISE + 'hold = "soon"\n', 0, "hold"),
        ('name = "R"\n' + _EXERCISE, 0, "hold"),  # missing: no line of its own
        ('name = "R"\n' + _EXERCISE + 'hold = 5\nside = "up"\n', 0, "side"),
        ('name = "R"\n' + _EXERCISE + "hold = 5\n" + _EXERCISE + "hold = 5\nreps = 0\n", 1, "reps"),
        (
            'name = "R"\n[[steps]]\nkind = "breathing"\ntitle = "B"\ninhale = 4\nexhale = 4\n'
            "cycles = 2\nduration = 60\n",
            0,
            "duration",
        ),
        ('name = "R"\n[[steps]]\ntitle = "No kind"\n', 0, "kind"),
    ],
)
def test_each_problem_says_its_step_and_field(
    tmp_path: Path, text: str, step: int | None, key: str
) -> None:
    problem = only_problem(tmp_path, text)
    assert (problem.step, problem.key) == (step, key)
    assert problem.detail and problem.message.endswith(problem.detail)
    if step is not None:
        assert problem.message.startswith(f"step {step + 1}")
        assert not problem.detail.startswith("step ")
