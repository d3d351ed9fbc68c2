"""Hostile files and folders get one plain line, never a traceback; what the app makes is
private (0600 files, 0700 folders) and a mode the user chose is never loosened.

Run as real processes with the `run_cli` helper of test_cli. The tests run as root,
which ignores permissions, so "another user's folder" runs the command as `nobody`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cli import run_cli

SHORT = 'name = "Short"\n[[steps]]\nkind = "rest"\ntitle = "Rest"\nduration = 1\n'


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
    first = run_cli(repo, xdg, "--data-dir", data, "history")  # made while writable
    assert first.returncode == 0, first.stderr
    data.chmod(0o555)
    try:
        result = run_cli(repo, xdg, "--data-dir", data, "history")
        assert "Traceback" not in result.stderr
        assert mode(data) == 0o500  # group and other bits gone, but never made writable
        assert mode(data / "history.sqlite3") == 0o600
    finally:
        data.chmod(0o700)
