"""Where the editor puts each problem: by field, over the step, or in the summary."""

from __future__ import annotations

from app.core.loader import Problem
from app.ui.problem_places import TOP, place_problems, problem_target

FIELDS = {(TOP, "name"): "name field", (1, "hold"): "hold field", (1, "image"): "hidden field"}


def _field(index: int, key: str) -> str | None:
    return FIELDS.get((index, key))


def _shown(field: str) -> bool:
    return field != "hidden field"


def _problem(message: str, step: int | None = None, key: str | None = None) -> Problem:
    return Problem("mine.toml", 3, message, step, key, message.split(": ", 1)[-1])


def test_problem_target_reads_step_key_and_detail() -> None:
    assert problem_target(_problem("step 2 (exercise): too short", 1, "hold")) == (
        1,
        "hold",
        "too short",
    )
    assert problem_target(_problem("name is missing", None, "name"))[0] == TOP


def test_each_problem_in_its_place() -> None:
    problems = [
        _problem("name: must not be empty", None, "name"),
        _problem("step 2 (exercise): hold: expected a duration", 1, "hold"),
        _problem("step 2 (exercise): image: not found", 1, "image"),  # its field is hidden
        _problem("step 2 (exercise): something about the step", 1, None),
        _problem("step 1 (rest): duration: soon?", 0, "duration"),
        _problem("step 4 (rest): title: empty", 3, "title"),
        _problem("the routine lasts too long", None, None),
        _problem("no steps", None, "steps"),  # the empty panel says it in its own words
    ]
    places = place_problems(problems, 1, _field, _shown)
    assert places.fields == [
        ("name field", "must not be empty", "name"),
        ("hold field", "hold: expected a duration", "hold"),
    ]
    assert places.step == "Image: not found\nSomething about the step"
    assert places.summary == "The routine lasts too long\nSteps 1, 4 need a look."


def test_one_other_step_reads_as_one() -> None:
    places = place_problems([_problem("step 3 (rest): x", 2, None)], 0, _field, _shown)
    assert (places.fields, places.step, places.summary) == ([], "", "Step 3 needs a look.")
