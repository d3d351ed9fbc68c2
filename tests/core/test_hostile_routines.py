"""Hostile routine files: a plain `FILE:LINE: message`, fast, and nothing else harmed.

Whatever a routine file holds (lists where text belongs, nesting thousands deep,
numbers thousands of digits long, phases of a microsecond, a named pipe or /dev/zero,
a hundred thousand mistakes), loading it raises RoutineError with short one-line
problems in bounded time and memory, and the other routines of the library still load.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from app.core.library import load_library
from app.core.loader import Problem, RoutineError, load_routine
from app.core.routine import MAX_COUNT, MAX_GUIDANCE, MAX_STEPS
from app.core.timeline import compile_timeline
from app.resources import exercises_dir, images_dir

T = TypeVar("T")
REPO = Path(__file__).resolve().parents[2]
HEADER = 'name = "Hostile"\n\n[[steps]]\n'  # a step's first field is on line 4
LONGEST_MESSAGE = 200

# One valid step of each kind, a field per line.
STEPS = {
    "breathing": ['kind = "breathing"', 'title = "B"', "inhale = 4", "exhale = 4", "cycles = 2"],
    "meditation": ['kind = "meditation"', 'title = "M"', "duration = 60"],
    "exercise": ['kind = "exercise"', 'title = "E"', "hold = 5"],
    "compress": ['kind = "compress"', 'title = "C"', 'temperature = "cold"', "on = 60"],
    "rest": ['kind = "rest"', 'title = "R"', "duration = 5"],
}


def step_with(kind: str, *fields: str) -> tuple[str, int]:
    """A routine of one valid `kind` step whose `fields` replace its own, written last;
    returns the text and the line of the first of `fields`."""
    keys = {field.split("=")[0].strip() for field in fields}
    lines = [line for line in STEPS[kind] if line.split("=")[0].strip() not in keys]
    return HEADER + "\n".join([*lines, *fields]) + "\n", 4 + len(lines)


def within(seconds: float, work: Callable[[], T]) -> T:
    """`work()`, run on a thread; the test fails if it takes longer than `seconds`."""
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(work())
        except BaseException as exc:  # handed to the test below
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"still working after {seconds} s")
    if errors:
        raise errors[0]
    return results[0]


def problems_of(path: Path, *, seconds: float = 10) -> list[Problem]:
    """The problems of the file at `path`, loaded within `seconds`; fails if it loads."""

    def load() -> list[Problem]:
        with pytest.raises(RoutineError) as info:
            load_routine(path, image_dirs=(images_dir(),))
        return list(info.value.problems)

    problems = within(seconds, load)
    assert problems
    for problem in problems:
        assert_plain(problem, path)
    return problems


def problems_in(tmp_path: Path, text: str) -> tuple[Path, list[Problem]]:
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path, problems_of(path)


def assert_plain(problem: Problem, path: Path) -> None:
    """One short line: FILE:LINE: message."""
    line = str(problem)
    assert re.fullmatch(rf"{re.escape(str(path))}:[1-9]\d*: [^\n]+", line), line[:300]
    assert len(problem.message) <= LONGEST_MESSAGE, problem.message[:300]


def only_problem(tmp_path: Path, text: str) -> Problem:
    _path, problems = problems_in(tmp_path, text)
    assert len(problems) == 1, problems
    return problems[0]


# -- 1. lists and tables where strings, numbers or booleans belong ---------------------------

TOP = 'name = "Hostile"\n'
REST = '\n[[steps]]\nkind = "rest"\ntitle = "R"\nduration = 5\n'

WRONG_SHAPES: list[tuple[str, int, str]] = [
    ("name = {}\n" + REST, 1, "name"),
    ("name = [1]\n" + REST, 1, "name"),
    (TOP + "summary = {}\n" + REST, 2, "summary"),
    (TOP + 'category = ["facial"]\n' + REST, 2, "category"),
    (TOP + "category = {}\n" + REST, 2, "category"),
    (TOP + 'tags = "x"\n' + REST, 2, "tags"),
    (TOP + "tags = [[1]]\n" + REST, 2, "tags"),
    (TOP + 'steps = {kind = "rest"}\n', 2, "steps"),
    (TOP + "steps = [1, 2]\n", 2, "steps"),
    (TOP + 'steps = "rest"\n', 2, "steps"),
]
for _kind, _field, _key in [
    ("rest", 'kind = ["rest"]', "kind"),
    ("rest", "kind = {a = 1}", "kind"),
    ("rest", "kind = 5", "kind"),
    ("rest", "title = [1]", "title"),
    ("rest", "instruction = []", "instruction"),
    ("rest", "cue = {}", "cue"),
    ("rest", "duration = [5]", "duration"),
    ("breathing", "inhale = {x = 1}", "inhale"),
    ("breathing", "hold = []", "hold"),
    ("breathing", "exhale = {}", "exhale"),
    ("breathing", "hold_after = [0]", "hold_after"),
    ("breathing", "cycles = [3]", "cycles"),
    ("breathing", "voice_phases = []", "voice_phases"),
    ("exercise", "side = []", "side"),
    ("exercise", "hold = {}", "hold"),
    ("exercise", "rest = []", "rest"),
    ("exercise", "reps = {}", "reps"),
    ("exercise", "image = {}", "image"),
    ("exercise", 'image = "a\\u0000b.svg"', "image"),
    ("compress", "temperature = {}", "temperature"),
    ("compress", 'temperature = ["cold"]', "temperature"),
    ("compress", "on = []", "on"),
    ("compress", "off = {}", "off"),
    ("compress", "rounds = []", "rounds"),
    ("meditation", "bell_every = []", "bell_every"),
    ("meditation", "guidance = {}", "guidance"),
    ("meditation", "guidance = [1]", "guidance"),
]:
    _text, _line = step_with(_kind, _field)
    WRONG_SHAPES.append((_text, _line, _key))
_GUIDED, _ = step_with("meditation")
WRONG_SHAPES += [
    (_GUIDED + '\n[[steps.guidance]]\nat = []\ntext = "Breathe."\n', 9, "at"),
    (_GUIDED + '\n[[steps.guidance]]\nat = {}\ntext = "Breathe."\n', 9, "at"),
    (_GUIDED + '\n[[steps.guidance]]\nat = 5\ntext = ["Breathe."]\n', 10, "text"),
]


@pytest.mark.parametrize(
    ("text", "line", "key"),
    WRONG_SHAPES,
    ids=[f"{k}-{i}" for i, (_, _, k) in enumerate(WRONG_SHAPES)],
)
def test_a_field_of_the_wrong_shape_is_one_plain_problem(
    tmp_path: Path, text: str, line: int, key: str
) -> None:
    problem = only_problem(tmp_path, text)
    assert problem.line == line, str(problem)
    assert key in problem.message, str(problem)


# -- 2. nesting thousands deep -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("x = " + "[" * 5000 + "]" * 5000, 2),
        ("x = " + "{a = " * 5000 + "1" + "}" * 5000, 2),
        ("x = " + "[{a = " * 3000 + "1" + "}]" * 3000, 2),
        ("x = " + "[" * 400_000, 2),
        ('kind = "rest"\ntitle = "R"\nduration = 5\nx = ' + "[" * 5000 + "]" * 5000, 7),
    ],
    ids=["arrays", "inline-tables", "mixed", "unclosed-400000", "in-a-step"],
)
def test_deep_nesting_is_one_plain_problem(tmp_path: Path, value: str, line: int) -> None:
    text = (TOP + value + "\n") if value.startswith("x") else (HEADER + value + "\n")
    problem = only_problem(tmp_path, text)
    assert problem.line == line, str(problem)
    assert "nested" in problem.message


# -- 3. integers of thousands of digits, counts of billions ---------------------------------

HUGE = "1" + "0" * 5000  # beyond Python's int-str limit: tomllib raises ValueError
BIG = "1" + "0" * 400  # within it, but no float holds it


@pytest.mark.parametrize(
    ("kind", "field", "words"),
    [
        ("breathing", f"inhale = {HUGE}", ('"inhale"', "5001 digits")),
        ("breathing", f"cycles = {HUGE}", ('"cycles"', "digits")),
        ("exercise", f"reps = {HUGE}", ('"reps"', "digits")),
        ("breathing", f"inhale = {BIG}", ('"inhale"', "401 digits")),
        ("breathing", f"inhale = -{BIG}", ('"inhale"', "digits")),
        ("breathing", "inhale = 0x" + "f" * 400, ("inhale", "longest")),
        ("breathing", "cycles = 0x" + "f" * 5000, ("cycles", "at most", "6021 digits")),
        ("exercise", "reps = 0o" + "7" * 400, ("reps", "at most")),
        ("meditation", "duration = 0b" + "1" * 2000, ("duration", "longest")),
        ("breathing", "cycles = 1_000_000_000_000", ("cycles", "at most", str(MAX_COUNT))),
        ("exercise", "reps = 1_000_000_000_000", ("reps", "at most")),
        ("compress", "rounds = 1_000_000_000_000\noff = 60", ("rounds", "at most")),
        ("breathing", 'cycles = 1000000000000\ninhale = "1s"', ("cycles", "at most")),
        ("rest", "duration = 1e308", ("duration", "longest")),
        ("rest", "duration = 1e999", ("duration", "longest")),
        ("rest", 'duration = "99999h"', ("duration", "longest")),
        ("rest", 'duration = "' + "9" * 400 + 'h"', ("duration",)),
    ],
)
def test_huge_numbers_are_one_plain_problem(
    tmp_path: Path, kind: str, field: str, words: tuple[str, ...]
) -> None:
    text, line = step_with(kind, *field.split("\n"))
    problem = only_problem(tmp_path, text)
    assert problem.line == line, str(problem)
    for word in words:
        assert word in problem.message, str(problem)


# -- 4. phases of a microsecond, too many steps ---------------------------------------------


@pytest.mark.parametrize(
    ("kind", "fields", "keys"),
    [
        ("breathing", ("inhale = 0.000001", "exhale = 0.000001", "cycles = 1000"), 2),
        ("breathing", ("hold = 1e-300",), 1),
        ("breathing", ("hold_after = 0.5",), 1),
        ("breathing", ('duration = "0.5s"', "inhale = 1", "exhale = 1"), 1),
        ("exercise", ("hold = 1e-300",), 1),
        ("exercise", ("rest = 0.5",), 1),
        ("meditation", ("duration = 0.001",), 1),
        ("meditation", ("bell_every = 0.001",), 1),
        ("rest", ("duration = 0.001",), 1),
        ("compress", ("on = 0.01", "off = 0.01", "rounds = 2"), 2),
    ],
)
def test_phases_shorter_than_a_second_are_refused(
    tmp_path: Path, kind: str, fields: tuple[str, ...], keys: int
) -> None:
    text, line = step_with(kind, *fields)
    if kind == "breathing" and fields[0].startswith("duration"):
        text = text.replace("cycles = 2\n", "")
        line -= 1
    _path, problems = problems_in(tmp_path, text)
    assert len(problems) == keys, problems
    assert problems[0].line == line, problems
    for problem in problems:
        assert "at least 1 second" in problem.message, str(problem)


def test_too_many_steps_are_refused_in_one_problem(tmp_path: Path) -> None:
    step = '[[steps]]\nkind = "rest"\ntitle = "R"\nduration = 1\n'
    problem = only_problem(tmp_path, TOP + step * (MAX_STEPS + 1))
    assert f"at most {MAX_STEPS}" in problem.message
    assert problem.line == 2 + 4 * MAX_STEPS  # the first step too many
    routine = load_routine(_write(tmp_path / "most.toml", TOP + step * MAX_STEPS))
    assert len(routine.steps) == MAX_STEPS


def test_too_much_guidance_is_refused_in_one_problem(tmp_path: Path) -> None:
    text, _line = step_with("meditation")
    guidance = '[[steps.guidance]]\nat = 1\ntext = "Breathe."\n'
    problem = only_problem(tmp_path, text + guidance * (MAX_GUIDANCE + 1))
    assert f"at most {MAX_GUIDANCE}" in problem.message
    assert "guidance" in problem.message


def test_the_largest_routine_the_limits_allow_compiles_quickly(tmp_path: Path) -> None:
    """At the limits (1-second phases, the longest routine) the timeline stays small."""
    breathing = (
        '[[steps]]\nkind = "breathing"\ntitle = "B"\ninhale = 1\nexhale = 1\n'
        f"hold = 1\nhold_after = 1\ncycles = {MAX_COUNT}\n"
    )
    bells = '[[steps]]\nkind = "meditation"\ntitle = "M"\nduration = "2h"\nbell_every = 1\n'
    routine = load_routine(_write(tmp_path / "big.toml", TOP + breathing + bells))
    timeline = within(10, lambda: compile_timeline(routine))
    assert len(timeline.segments) + len(timeline.cues) < 4 * 3600 * 3


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- 5. named pipes, devices, folders and huge files ----------------------------------------

_LOAD_IN_A_CHILD = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # /dev/zero may not eat the box
from app.core.loader import RoutineError, load_routine
try:
    load_routine(Path(sys.argv[1]))
except RoutineError as exc:
    print(json.dumps([str(p) for p in exc.problems]))
else:
    print("[]")
"""


def problems_in_a_child(path: Path) -> list[str]:
    """Load `path` in another process, so that a read that never ends can be stopped."""
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_IN_A_CHILD, str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    problems: list[str] = json.loads(result.stdout)
    return problems


needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev")


@needs_posix
@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda path: os.mkfifo(path), "not a regular file (a named pipe)"),
        (lambda path: path.symlink_to("/dev/zero"), "not a regular file (a device)"),
        (lambda path: path.symlink_to("/dev/urandom"), "not a regular file (a device)"),
    ],
    ids=["fifo", "dev-zero", "dev-urandom"],
)
def test_pipes_and_devices_are_refused_without_reading(
    tmp_path: Path, make: Callable[[Path], None], words: str
) -> None:
    path = tmp_path / "hostile.toml"
    make(path)
    assert problems_in_a_child(path) == [f"{path}:1: {words}"]


def test_a_folder_named_like_a_routine_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.mkdir()
    (problem,) = problems_of(path)
    assert str(problem) == f"{path}:1: not a regular file (a folder)"


def test_a_huge_file_is_refused_without_parsing_it(tmp_path: Path) -> None:
    good, _line = step_with("rest")
    path = _write(tmp_path / "huge.toml", good + ("# padding " * 100 + "\n") * 1100)
    assert path.stat().st_size > 1 << 20
    (problem,) = problems_of(path)
    assert problem.line == 1
    assert "larger than 1 MiB" in problem.message


@needs_posix
def test_a_hostile_folder_takes_no_other_routine_down(tmp_path: Path) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    good, _line = step_with("rest")
    _write(folder / "good.toml", good.replace("Hostile", "Mine"))
    os.mkfifo(folder / "fifo.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "folder.toml").mkdir()
    _write(folder / "kind.toml", step_with("rest", 'kind = ["rest"]')[0])
    _write(folder / "deep.toml", TOP + "x = " + "[" * 5000 + "]" * 5000 + "\n")
    _write(folder / "digits.toml", step_with("breathing", f"cycles = {HUGE}")[0])
    _write(folder / "tiny.toml", step_with("breathing", "inhale = 0.000001")[0])
    script = (
        "import json, sys\nfrom pathlib import Path\n"
        "from app.core.library import load_library\n"
        "library = load_library(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))\n"
        "print(json.dumps([[e.path.name, e.builtin, e.ok, [str(p) for p in e.problems]]"
        " for e in library.entries]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(exercises_dir()), str(folder), str(images_dir())],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    entries = json.loads(result.stdout)
    builtins = [name for name, builtin, ok, _ in entries if builtin and ok]
    assert len(builtins) == len(list(exercises_dir().glob("*.toml")))
    mine = {name: (ok, problems) for name, builtin, ok, problems in entries if not builtin}
    assert mine.pop("good.toml") == (True, [])
    hostile = ["fifo", "zero", "folder", "kind", "deep", "digits", "tiny"]
    assert set(mine) == {f"{name}.toml" for name in hostile}
    for name, (ok, problems) in mine.items():
        assert not ok
        assert problems, name
        for problem in problems:
            assert problem.startswith(f"{folder / name}:"), problem


def test_one_broken_file_in_process_leaves_the_rest_alone(tmp_path: Path) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    _write(folder / "a-kind.toml", step_with("rest", "kind = {a = 1}")[0])
    _write(folder / "b-good.toml", step_with("rest")[0])
    library = within(10, lambda: load_library(exercises_dir(), folder, images_dir()))
    assert len([e for e in library.entries if e.builtin and e.ok]) >= 10
    assert [e.path.name for e in library.broken] == ["a-kind.toml"]
    assert "Hostile" in [r.name for r in library.routines]


# -- 6. a hundred thousand mistakes, megabyte values ----------------------------------------


def test_a_hundred_thousand_mistakes_make_a_short_list(tmp_path: Path) -> None:
    _path, problems = problems_in(tmp_path, TOP + "steps = [" + "{kind = 1}, " * 100_000 + "]\n")
    assert len(problems) <= 51


def test_the_list_of_problems_stops_after_fifty(tmp_path: Path) -> None:
    step = '[[steps]]\nkind = "dance"\ntitle = "T"\n'
    _path, problems = problems_in(tmp_path, TOP + step * 180)
    assert len(problems) == 51
    assert all("dance" in p.message for p in problems[:50])
    assert problems[-1].message == "… and 130 more problems"
    assert problems[-1].line == 3 + 3 * 50  # the kind of step 51


LONG = "x" * 300_000


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("rest", f'kind = "{LONG}"'),
        ("exercise", f'side = "{LONG}"'),
        ("compress", f'temperature = "{LONG}"'),
        ("rest", f'duration = "{LONG}"'),
        ("rest", 'duration = "' + "1" * 300_000 + 'x"'),
        ("breathing", f'cycles = "{LONG}"'),
        ("breathing", f'voice_phases = "{LONG}"'),
        ("exercise", f'reps = "{LONG}"'),
        ("exercise", f'image = "{LONG}.svg"'),
        ("exercise", f'image = "{"a/" * 100_000}b.svg"'),
        ("meditation", f'bell_every = "{LONG}"'),
    ],
    ids=lambda value: value if len(value) < 20 else value[:12],
)
def test_a_megabyte_value_is_not_echoed_back(tmp_path: Path, kind: str, field: str) -> None:
    text, line = step_with(kind, field)
    problem = only_problem(tmp_path, text)
    assert problem.line == line
    assert "…" in problem.message


def test_a_long_category_is_not_echoed_back(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, TOP + f'category = "{LONG}"\n' + REST)
    assert problem.line == 2
    assert "…" in problem.message


def test_an_unexpected_error_on_one_file_still_leaves_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a check of ours ever crash on some file, that file alone is broken."""
    from app.core import library

    folder = tmp_path / "routines"
    folder.mkdir()
    _write(folder / "bug.toml", step_with("rest")[0])
    real = library.load_routine

    def load(path: Path, **kwargs: object) -> object:
        if path.name == "bug.toml":
            raise TypeError("unhashable type: 'list'")
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "load_routine", load)
    loaded = load_library(exercises_dir(), folder, images_dir())
    assert len(loaded.routines) == len(list(exercises_dir().glob("*.toml")))
    (broken,) = loaded.broken
    (problem,) = broken.problems
    assert str(problem) == f"{folder / 'bug.toml'}:1: cannot be read (TypeError): please report"
