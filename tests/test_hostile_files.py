"""Hostile files and folders get one plain line, never a traceback; what the app makes is
private (0600 files, 0700 folders) and a mode the user chose is never loosened.

Run as real processes with the `run_cli` helper of test_cli. The tests run as root,
which ignores permissions, so "another user's folder" runs the command as `nobody`.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cli import run_cli

from app.storage.history import open_history

SHORT = 'name = "Short"\n[[steps]]\nkind = "rest"\ntitle = "Rest"\nduration = 1\n'
NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


@pytest.fixture
def xdg(tmp_path: Path) -> Path:
    folder = tmp_path / "xdg"
    folder.mkdir()
    return folder


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The most common umask, under which a file made without care is 0644."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def short_routine(tmp_path: Path) -> Path:
    path = tmp_path / "short.toml"
    path.write_text(SHORT, encoding="utf-8")
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def one_plain_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line Facewell wrote on stderr (Qt's own "qt.*" log lines aside)."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("qt.")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("facewell: "), lines[0]
    return lines[0]


# -- as another user ---------------------------------------------------------------------


@pytest.fixture
def as_nobody(repo: Path) -> list[str]:
    """The prefix that runs a command as `nobody`; skipped only when it can't."""
    if os.geteuid() != 0:
        return []  # already unprivileged: permissions apply as they are
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to drop root for permission tests")
    probe = subprocess.run(
        [*NOBODY, sys.executable, "-c", "import app.cli"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip(f"nobody can't run this checkout's Python: {probe.stderr.strip()}")
    return NOBODY


@pytest.fixture
def shared(as_nobody: list[str]) -> Iterator[Path]:
    """A folder `nobody` can reach (pytest's own tmp folder is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="facewell-hostile-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o700)
        shutil.rmtree(folder, ignore_errors=True)


def nobody_folder(path: Path) -> Path:
    path.mkdir()
    os.chown(path, *_nobody_ids())
    return path


def _nobody_ids() -> tuple[int, int]:
    import grp
    import pwd

    return pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid


COMMANDS = [
    pytest.param(["list"], id="list"),
    pytest.param(["history"], id="history"),
    pytest.param(["run", "box-breathing", "--no-gui", "--mute"], id="run"),
    pytest.param([], id="window"),
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("how", ["another-users", "locked"])
def test_a_folder_you_cant_enter_is_one_line(
    repo: Path, xdg: Path, shared: Path, as_nobody: list[str], command: list[str], how: str
) -> None:
    if how == "another-users":
        data = shared / "theirs"
        data.mkdir(mode=0o700)  # root's, and nobody is not root
    else:
        data = nobody_folder(shared / "mine")
        data.chmod(0o000)  # the user's own folder, locked
    result = run_cli(repo, xdg, "--data-dir", data, *command, as_user=as_nobody)
    assert result.returncode == 1
    line = one_plain_line(result)
    assert line == (
        f"facewell: the data folder {data} can't be opened: it belongs to another user, "
        "or its permissions keep you out."
    )


@pytest.mark.parametrize("blank", ["", "  "], ids=["empty", "spaces"])
@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_data_dir_is_refused(
    repo: Path, xdg: Path, command: list[str], blank: str
) -> None:
    result = run_cli(repo, xdg, "--data-dir", blank, *command)
    assert result.returncode == 2
    assert one_plain_line(result) == "facewell: --data-dir needs a folder name"
    assert not (repo / "history.sqlite3").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_data_dir_that_is_a_file_is_one_line(
    repo: Path, xdg: Path, tmp_path: Path, command: list[str]
) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder", encoding="utf-8")
    result = run_cli(repo, xdg, "--data-dir", data, *command)
    assert result.returncode == 1
    assert one_plain_line(result) == f"facewell: the data folder {data} is a file, not a folder."
    assert data.read_text(encoding="utf-8") == "not a folder"


def test_a_speech_cache_that_is_a_file_leaves_the_routine_running(
    repo: Path, xdg: Path, tmp_path: Path, short_routine: Path
) -> None:
    data = tmp_path / "data"
    (data / "cache").mkdir(parents=True)
    (data / "cache" / "speech").write_text("in the way", encoding="utf-8")
    result = run_cli(repo, xdg, "--data-dir", data, "run", short_routine, "--no-gui")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    notices = [line for line in result.stdout.splitlines() if "Spoken cues are off" in line]
    assert notices == [
        f"Spoken cues are off: the folder for the voice files, {data / 'cache' / 'speech'}, "
        "can't be made (a file is in the way). Chimes and on-screen text will guide you."
    ]
    assert "Finished" in result.stdout


# -- the mode rule -----------------------------------------------------------------------


def test_files_and_folders_the_app_makes_are_private(
    repo: Path, xdg: Path, tmp_path: Path, short_routine: Path, umask_022: None
) -> None:
    data = tmp_path / "data"
    trace = tmp_path / "trace.jsonl"
    ran = run_cli(repo, xdg, "--data-dir", data, "run", short_routine, "--no-gui", "--trace", trace)
    assert ran.returncode == 0, ran.stderr
    pdf = tmp_path / "report.pdf"
    reported = run_cli(repo, xdg, "--data-dir", data, "report", "--pdf", pdf)
    assert reported.returncode == 0, reported.stderr
    assert mode(trace) == 0o600
    assert mode(pdf) == 0o600
    for folder in (data, data / "cache", data / "cache" / "speech"):
        assert mode(folder) == 0o700, folder
    for path in data.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_a_read_only_data_folder_stays_read_only(repo: Path, xdg: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    opened = open_history(data)  # made while writable
    assert opened.history is not None
    opened.history.close()
    data.chmod(0o555)
    try:
        result = run_cli(repo, xdg, "--data-dir", data, "history")
        assert "Traceback" not in result.stderr
        assert mode(data) == 0o500  # group and other bits gone, but never made writable
        assert mode(data / "history.sqlite3") == 0o600
    finally:
        data.chmod(0o700)


# -- --trace -----------------------------------------------------------------------------


def test_a_trace_into_a_missing_folder_is_refused_before_starting(
    repo: Path, xdg: Path, tmp_path: Path, short_routine: Path
) -> None:
    trace = tmp_path / "nowhere" / "trace.jsonl"
    result = run_cli(
        repo, xdg, "--data-dir", tmp_path / "data", "run", short_routine, "--no-gui", "--mute",
        "--trace", trace,
    )  # fmt: skip
    assert result.returncode == 1
    assert one_plain_line(result) == (
        f"facewell: can't write the trace file {trace}: No such file or directory."
    )
    assert "Rest" not in result.stdout  # refused before the routine started


def test_a_trace_into_a_folder_you_cant_write_is_refused_before_starting(
    repo: Path, xdg: Path, shared: Path, as_nobody: list[str], short_routine: Path
) -> None:
    data = nobody_folder(shared / "data")
    closed = shared / "closed"
    closed.mkdir(mode=0o755)  # root's: nobody may look, not write
    trace = closed / "trace.jsonl"
    routine = shared / "short.toml"
    routine.write_text(SHORT, encoding="utf-8")
    routine.chmod(0o644)
    result = run_cli(
        repo, xdg, "--data-dir", data, "run", routine, "--no-gui", "--mute", "--trace", trace,
        as_user=as_nobody,
    )  # fmt: skip
    assert result.returncode == 1
    assert one_plain_line(result) == (
        f"facewell: can't write the trace file {trace}: Permission denied."
    )


def test_a_trace_onto_a_full_disk_lets_the_routine_finish(
    repo: Path, xdg: Path, tmp_path: Path, short_routine: Path
) -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("/dev/full is needed to simulate a full disk")
    before = full.stat().st_mode
    result = run_cli(
        repo, xdg, "--data-dir", tmp_path / "data", "run", short_routine, "--no-gui", "--mute",
        "--trace", full,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert one_plain_line(result) == (
        "facewell: the trace file /dev/full can't be written (No space left on device); "
        "the routine goes on without it."
    )
    assert "Finished" in result.stdout
    assert full.stat().st_mode == before  # a device is never chmod-ed


# -- history --csv FOLDER ----------------------------------------------------------------


def test_a_failed_csv_export_leaves_the_earlier_one_intact(
    repo: Path, xdg: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    earlier = "started_at,routine\n2026-05-01T09:00:00,Morning calm\n"
    (folder / "sessions.csv").write_text(earlier, encoding="utf-8")
    (folder / "journal.csv").mkdir()  # the second file can't be written
    result = run_cli(repo, xdg, "--data-dir", tmp_path / "data", "history", "--csv", folder)
    assert result.returncode == 1
    line = one_plain_line(result)
    assert line.startswith(f"facewell: couldn't write {folder / 'journal.csv'}: ")
    assert (folder / "sessions.csv").read_text(encoding="utf-8") == earlier
    assert sorted(p.name for p in folder.iterdir()) == ["journal.csv", "sessions.csv"]


def test_a_csv_export_replaces_both_files(repo: Path, xdg: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "sessions.csv").write_text("old\n", encoding="utf-8")
    (folder / "sessions.csv").chmod(0o644)
    result = run_cli(repo, xdg, "--data-dir", tmp_path / "data", "history", "--csv", folder)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["journal.csv", "sessions.csv"]
    assert (folder / "sessions.csv").read_text(encoding="utf-8").startswith("routine,")
    assert mode(folder / "sessions.csv") == 0o600
    assert mode(folder / "journal.csv") == 0o600
