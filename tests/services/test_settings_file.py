"""settings.ini is private: 0600 when Facewell makes it, and after every write
(QSettings replaces the file through a temporary one, whose mode it picks itself)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.settings import Settings


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_settings_file_is_0600(data_dir: Path) -> None:
    Settings(data_dir).volume = 0.5
    assert mode(data_dir / "settings.ini") == 0o600
    assert Settings(data_dir).volume == 0.5


@pytest.mark.parametrize(("before", "after"), [(0o644, 0o600), (0o640, 0o600), (0o400, 0o400)])
def test_each_write_keeps_the_users_mode_less_group_and_other(
    data_dir: Path, before: int, after: int
) -> None:
    settings = Settings(data_dir)
    settings.theme = "light"
    (data_dir / "settings.ini").chmod(before)
    settings.theme = "high-contrast"
    assert mode(data_dir / "settings.ini") == after  # never gains a bit, 0400 included
    assert Settings(data_dir).theme == "high-contrast"


def test_a_settings_file_made_by_hand_becomes_the_users_only(data_dir: Path) -> None:
    path = data_dir / "settings.ini"
    path.write_text("[look]\ntheme=light\n")
    path.chmod(0o644)
    assert Settings(data_dir).theme == "light"  # read as it is, nothing lost
    assert mode(path) == 0o600
