"""The command line, run as a real process: python -m app.cli ..."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

BROKEN = 'name = "Mine"\n\n[[steps]]\nkind = "dance"\ntitle = "Twirl"\n'


@pytest.fixture
def xdg(tmp_path: Path) -> Path:
    folder = tmp_path / "xdg"
    folder.mkdir()
    return folder


def run_cli(
    repo: Path,
    xdg: Path,
    *args: str | Path,
    timeout: float = 60,
    as_user: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """`python -m app.cli ARGS`; `as_user` is a prefix such as NOBODY (see as_nobody)."""
    env = {**os.environ, "XDG_DATA_HOME": str(xdg)}
    return subprocess.run(
        [*as_user, sys.executable, "-m", "app.cli", *map(str, args)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def user_routines(data_dir: Path) -> Path:
    folder = data_dir / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_version(repo: Path, xdg: Path) -> None:
    result = run_cli(repo, xdg, "--version")
    assert result.returncode == 0
    assert re.fullmatch(r"facewell \d+\.\d+\.\d+\S*\n", result.stdout)


def test_help(repo: Path, xdg: Path) -> None:
    result = run_cli(repo, xdg, "--help")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "--data-dir" in result.stdout


def test_list_shows_the_routine_names(repo: Path, xdg: Path) -> None:
    result = run_cli(repo, xdg, "list")
    assert result.returncode == 0, result.stderr
    for name in ("Body scan", "Box breathing", "Cold compress", "Warm compress"):
        assert name in result.stdout
    assert "cannot be used" not in result.stdout


def test_list_json(repo: Path, xdg: Path) -> None:
    result = run_cli(repo, xdg, "list", "--json")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    valid = [e for e in entries if e["valid"]]
    assert len(valid) >= 10
    assert len(valid) == len(entries)
    for entry in valid:
        assert isinstance(entry["name"], str) and entry["name"]
        assert entry["category"] in ("breathing", "meditation", "facial", "compress", "mixed")
        assert isinstance(entry["seconds"], int | float) and entry["seconds"] > 0
        assert entry["builtin"] is True


def test_broken_user_routine_is_listed_with_its_errors(repo: Path, xdg: Path) -> None:
    folder = user_routines(xdg / "facewell")
    (folder / "mine.toml").write_text(BROKEN, encoding="utf-8")

    result = run_cli(repo, xdg, "list", "--json")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    broken = [e for e in entries if not e["valid"]]
    assert len(broken) == 1
    (entry,) = broken
    assert entry["builtin"] is False
    assert entry["path"].endswith("mine.toml")
    assert entry["errors"]
    assert any(":4: " in error and "dance" in error for error in entry["errors"])
    assert sum(e["valid"] for e in entries) >= 10  # the others still load

    text = run_cli(repo, xdg, "list")
    assert text.returncode == 0, text.stderr
    assert "mine.toml cannot be used" in text.stdout
    assert "dance" in text.stdout
    assert "Body scan" in text.stdout


def test_valid_user_routine_is_listed_as_yours(repo: Path, xdg: Path) -> None:
    folder = user_routines(xdg / "facewell")
    (folder / "quiet.toml").write_text(
        'name = "My quiet minute"\n[[steps]]\nkind = "rest"\ntitle = "Rest"\nduration = 60\n',
        encoding="utf-8",
    )
    entries = json.loads(run_cli(repo, xdg, "list", "--json").stdout)
    mine = [e for e in entries if e["name"] == "My quiet minute"]
    assert len(mine) == 1
    assert mine[0]["valid"] is True and mine[0]["builtin"] is False
    assert mine[0]["seconds"] == 60


def test_check_all_builtin_routines(repo: Path, xdg: Path) -> None:
    files = sorted((repo / "exercises").glob("*.toml"))
    assert len(files) >= 10
    result = run_cli(repo, xdg, "check", *files)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_check_broken_files(repo: Path, xdg: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.toml"
    first.write_text(BROKEN, encoding="utf-8")
    second = tmp_path / "second.toml"
    second.write_text(
        'name = "Hot"\n[[steps]]\nkind = "compress"\ntitle = "C"\n'
        'temperature = "cold"\non = "16m"\n[[steps]]\nkind = "rest"\ntitle = 3\nduration = "1x"\n',
        encoding="utf-8",
    )
    result = run_cli(repo, xdg, "check", first, second)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) >= 4
    for line in lines:
        assert re.match(r"^.+:\d+: .+", line), line
    assert any(line.startswith(f"{first}:4: ") for line in lines)
    assert any(line.startswith(f"{second}:6: ") and "15 min" in line for line in lines)
    assert any(line.startswith(f"{second}:10: ") for line in lines)


def test_check_refuses_cold_over_its_total_and_breaks_under_a_minute(
    repo: Path, xdg: Path, tmp_path: Path
) -> None:
    cold = (
        'name = "Cold"\n[[steps]]\nkind = "compress"\ntitle = "C"\n'
        'temperature = "cold"\non = "{on}"\noff = "{off}"\nrounds = {rounds}\n'
    )
    total = tmp_path / "total.toml"  # the first release took 8 rounds of 15 minutes
    total.write_text(cold.format(on="15m", off="1m", rounds=8), encoding="utf-8")
    breaks = tmp_path / "breaks.toml"
    breaks.write_text(cold.format(on="5m", off="1s", rounds=3), encoding="utf-8")
    result = run_cli(repo, xdg, "check", total, breaks)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{total}:8: step 1 (compress): a cold compress may be on for at most 15 min in one "
        "routine, all rounds together (this makes 2 h): use fewer or shorter rounds",
        f'{breaks}:7: step 1 (compress): with more than one round, "off" must give the skin '
        "a break of at least 1 min to take the compress off and check it (got 1 s)",
    ]


def test_check_warns_on_force_and_long_holds_but_passes_the_file(
    repo: Path, xdg: Path, tmp_path: Path
) -> None:
    path = tmp_path / "squeeze.toml"
    path.write_text(
        'name = "Hard"\n[[steps]]\nkind = "exercise"\ntitle = "Eyes"\n'
        'instruction = "Squeeze your eyes tightly."\nhold = 60\nrest = 0\n',
        encoding="utf-8",
    )
    result = run_cli(repo, xdg, "check", path)
    assert result.returncode == 0
    assert result.stdout.strip() == "1 routine file OK, 3 warnings"
    lines = result.stderr.splitlines()
    assert [line.split(": warning: ")[0] for line in lines] == [
        f"{path}:5",
        f"{path}:6",
        f"{path}:7",
    ]
    assert '"squeeze" and "tightly" ask for force' in lines[0]
    assert "hold of 60 s" in lines[1]
    assert "rest (0 s) is shorter than the hold" in lines[2]


def test_check_a_missing_file(repo: Path, xdg: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    result = run_cli(repo, xdg, "check", missing)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{missing}:1: ")


def test_check_a_syntax_error(repo: Path, xdg: Path, tmp_path: Path) -> None:
    path = tmp_path / "syntax.toml"
    path.write_text('name = "x"\n[[steps]\nkind = "rest"\n', encoding="utf-8")
    result = run_cli(repo, xdg, "check", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:2: TOML syntax error")


@pytest.mark.parametrize("before", [True, False], ids=["before-command", "after-command"])
def test_data_dir_before_or_after_the_command(
    repo: Path, xdg: Path, tmp_path: Path, before: bool
) -> None:
    data_dir = tmp_path / "elsewhere"
    (user_routines(data_dir) / "mine.toml").write_text(BROKEN, encoding="utf-8")
    args = ["--data-dir", str(data_dir)]
    command = [*args, "list", "--json"] if before else ["list", "--json", *args]
    result = run_cli(repo, xdg, *command)
    assert result.returncode == 0, result.stderr
    broken = [e for e in json.loads(result.stdout) if not e["valid"]]
    assert [Path(e["path"]) for e in broken] == [data_dir / "routines" / "mine.toml"]


def test_data_dir_accepted_by_check(repo: Path, xdg: Path, tmp_path: Path) -> None:
    path = str(repo / "exercises" / "body-scan.toml")
    for args in (
        ["--data-dir", str(tmp_path), "check", path],
        ["check", "--data-dir", str(tmp_path), path],
    ):
        result = run_cli(repo, xdg, *args)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("arguments", "names_a_command"),
    [
        ([], False),
        (["--data-dir", "x"], False),
        (["--data-dir=x"], False),
        (["list"], True),
        (["--data-dir", "x", "list"], True),
        (["--help"], True),
        (["--version"], True),
        (["lst"], True),
    ],
)
def test_the_command_parsers_are_built_only_when_needed(
    arguments: list[str], names_a_command: bool
) -> None:
    from app.cli import _may_name_a_command, build_parser

    assert _may_name_a_command(arguments) is names_a_command
    if not names_a_command:
        args = build_parser(commands=False).parse_args(arguments)
        assert args.command is None


def test_a_mistyped_command_is_named_with_the_choices(repo: Path, xdg: Path) -> None:
    result = run_cli(repo, xdg, "lst")
    assert result.returncode == 2
    assert "invalid choice: 'lst'" in result.stderr
    assert "list" in result.stderr


# -- hostile files: plain one-line errors, fast, for the broken file only -------------------

GOOD = 'name = "My quiet minute"\n[[steps]]\nkind = "rest"\ntitle = "Rest"\nduration = 60\n'
STEP = 'name = "Hostile"\n[[steps]]\nkind = "breathing"\ntitle = "B"\n'
HOSTILE_TEXTS = {
    "kind-list.toml": 'name = "Hostile"\n[[steps]]\nkind = ["rest"]\ntitle = "R"\nduration = 5\n',
    "deep.toml": 'name = "Hostile"\nx = ' + "[" * 5000 + "]" * 5000 + "\n",
    "digits.toml": STEP + "inhale = 1" + "0" * 5000 + "\nexhale = 4\ncycles = 2\n",
    "counts.toml": STEP + "inhale = 1\nexhale = 1\ncycles = 1_000_000_000_000\n",
    "tiny.toml": STEP + "inhale = 0.000001\nexhale = 4\ncycles = 1000\n",
    "many.toml": 'name = "Hostile"\n' + '[[steps]]\nkind = "dance"\ntitle = "T"\n' * 180,
    "long.toml": STEP.replace("breathing", "x" * 300_000),
    "huge.toml": GOOD + ("#" * 1000 + "\n") * 1100,
}


def hostile_folder(folder: Path) -> list[Path]:
    """Every kind of hostile routine file in `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in HOSTILE_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "folder.toml").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.toml")
        (folder / "zero.toml").symlink_to("/dev/zero")
    return sorted(folder.glob("*.toml"))


def assert_plain_lines(text: str) -> list[str]:
    lines = text.splitlines()
    assert "Traceback" not in text
    for line in lines:
        assert re.fullmatch(r".+:[1-9]\d*: .{1,250}", line), line[:300]
    return lines


def test_check_hostile_files_prints_plain_lines_fast(repo: Path, xdg: Path, tmp_path: Path) -> None:
    hostile = hostile_folder(tmp_path / "hostile")
    good = repo / "exercises" / "body-scan.toml"
    result = run_cli(repo, xdg, "check", good, *hostile, timeout=30)
    assert result.returncode == 1
    lines = assert_plain_lines(result.stderr)
    assert len(lines) <= 51 + 2 * len(hostile)
    for path in hostile:
        assert any(line.startswith(f"{path}:") for line in lines), path
    assert not any(line.startswith(f"{good}:") for line in lines)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "hostile" / "fifo.toml"
        assert f"{fifo}:1: not a regular file (a named pipe)" in lines
    assert any("larger than 1 MiB" in line for line in lines)


def test_list_with_hostile_user_routines_lists_the_others(repo: Path, xdg: Path) -> None:
    folder = user_routines(xdg / "facewell")
    hostile = hostile_folder(folder)
    (folder / "quiet.toml").write_text(GOOD, encoding="utf-8")

    result = run_cli(repo, xdg, "list", "--json", timeout=30)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    entries = json.loads(result.stdout)
    valid = {e["name"] for e in entries if e["valid"]}
    assert {"Body scan", "Box breathing", "My quiet minute"} <= valid
    broken = {Path(e["path"]): e["errors"] for e in entries if not e["valid"]}
    assert set(broken) == set(hostile)
    for errors in broken.values():
        assert 1 <= len(errors) <= 51
        assert_plain_lines("\n".join(errors))

    text = run_cli(repo, xdg, "list", timeout=30)
    assert text.returncode == 0, text.stderr
    assert "Traceback" not in text.stderr
    assert "Body scan" in text.stdout and "My quiet minute" in text.stdout
    for path in hostile:
        assert f"{path} cannot be used:" in text.stdout
    assert len(text.stdout.splitlines()) < 400


def test_run_a_hostile_file_says_why_in_one_line(repo: Path, xdg: Path, tmp_path: Path) -> None:
    hostile = {path.name: path for path in hostile_folder(tmp_path / "hostile")}
    for name in ("kind-list.toml", "deep.toml", "digits.toml", "fifo.toml"):
        if name not in hostile:
            continue
        result = run_cli(repo, xdg, "run", "--no-gui", "--mute", hostile[name], timeout=30)
        assert result.returncode == 1, (name, result.stderr)
        (line,) = assert_plain_lines(result.stderr)
        assert line.startswith(f"{hostile[name]}:"), line


def test_run_by_name_with_hostile_user_routines_still_looks_them_up(repo: Path, xdg: Path) -> None:
    hostile_folder(user_routines(xdg / "facewell"))
    result = run_cli(repo, xdg, "run", "--no-gui", "--mute", "No such routine", timeout=30)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no routine called 'No such routine'" in result.stderr


def test_a_reader_that_leaves_early_gets_no_traceback(repo: Path, xdg: Path) -> None:
    """`facewell list | head -1`: the pipe closes before Facewell writes; it exits
    quietly (status 1), with nothing on stderr."""
    env = {**os.environ, "XDG_DATA_HOME": str(xdg)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "list"],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # before the interpreter has even started
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert stderr == ""


def test_a_misspelt_routine_gets_a_did_you_mean(repo: Path, xdg: Path) -> None:
    result = run_cli(repo, xdg, "run", "--no-gui", "--mute", "gentle fase", timeout=30)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "facewell: no routine called 'gentle fase'; did you mean \"Gentle face\"? "
        "`facewell list` shows them all"
    )


def test_no_arguments_mean_what_the_parser_would_make_of_them() -> None:
    from app.cli import build_parser, window_defaults

    assert vars(window_defaults()) == vars(build_parser(commands=False).parse_args([]))
