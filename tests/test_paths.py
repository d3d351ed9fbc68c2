"""The mode rule of app.paths: what the app makes is 0700/0600 whatever the umask; what
was already there only loses group and other bits, never gains one."""

from __future__ import annotations

import grp
import os
import pwd
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import paths
from app.core.files import replacing, write_text_atomic
from app.storage import database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o277], ids=["umask-022", "umask-277"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The common umask, and one that would even take the owner's write bit."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def test_every_folder_it_makes_is_0700(tmp_path: Path, umask: int) -> None:
    leaf = paths.ensure_private_dir(tmp_path / "data" / "cache" / "speech")
    for folder in (tmp_path / "data", tmp_path / "data" / "cache", leaf):
        assert mode(folder) == 0o700, folder
    assert mode(tmp_path) == 0o700  # pytest's folder, there before: untouched


@pytest.mark.parametrize(
    ("before", "after"),
    [(0o755, 0o700), (0o750, 0o700), (0o700, 0o700), (0o555, 0o500), (0o500, 0o500)],
)
def test_an_existing_folder_only_loses_group_and_other_bits(
    tmp_path: Path, before: int, after: int
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(before)
    try:
        paths.ensure_private_dir(folder)
        assert mode(folder) == after  # a read-only folder is never made writable
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to nobody")
def test_another_users_folder_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o755)
    os.chown(folder, pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid)
    paths.ensure_private_dir(folder)
    assert mode(folder) == 0o755


def test_a_device_is_never_chmod_ed() -> None:
    before = Path(os.devnull).stat().st_mode
    paths.tighten(Path(os.devnull))
    assert Path(os.devnull).stat().st_mode == before


def test_the_database_file_is_made_0600(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "history.sqlite3"
    database.private_file(path)
    assert mode(path) == 0o600


@pytest.mark.parametrize(("before", "after"), [(0o644, 0o600), (0o600, 0o600), (0o400, 0o400)])
def test_an_existing_database_file_only_loses_group_and_other_bits(
    tmp_path: Path, before: int, after: int
) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"")
    path.chmod(before)
    database.private_file(path)
    assert mode(path) == after


@pytest.mark.parametrize(
    ("before", "wanted", "after"),
    [(0o644, 0o600, 0o600), (0o400, 0o600, 0o400), (0o644, 0o644, 0o644), (0o600, 0o644, 0o600)],
)
def test_a_replaced_file_keeps_the_users_mode(
    tmp_path: Path, before: int, wanted: int, after: int
) -> None:
    path = tmp_path / "plan.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(before)
    write_text_atomic(path, "new", mode=wanted)
    assert path.read_text(encoding="utf-8") == "new"
    assert mode(path) == after


def test_a_new_file_gets_the_mode_asked_for(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "plan.json"
    with replacing(path) as temp:
        temp.write_text("new", encoding="utf-8")
    assert mode(path) == 0o600
