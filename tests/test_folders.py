"""Settings in XDG_CONFIG_HOME, speech in XDG_CACHE_HOME, the rest in XDG_DATA_HOME; an
older install is moved once without loss; --data-dir keeps everything in one folder."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app import folders
from app.cli import main
from app.paths import default_data_dir, speech_cache_dir


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    homes = {name: tmp_path / name for name in ("data", "config", "cache")}
    for name, path in homes.items():
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(path))
    return homes


def _old_install(data: Path) -> None:
    data.mkdir(parents=True)
    (data / "settings.ini").write_text("[sound]\nrate=170\n")
    (data / "cache" / "speech").mkdir(parents=True)
    (data / "cache" / "speech" / "abc.wav").write_bytes(b"RIFF")
    (data / "history.sqlite3").write_bytes(b"history")


def test_the_default_folder_follows_xdg(xdg: dict[str, Path]) -> None:
    data = default_data_dir()
    assert data == xdg["data"] / "facewell"
    assert folders.settings_file(data) == xdg["config"] / "facewell" / "settings.ini"
    assert speech_cache_dir(data) == xdg["cache"] / "facewell" / "speech"


def test_a_chosen_data_folder_keeps_everything(xdg: dict[str, Path], tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    assert folders.settings_file(mine) == mine / "settings.ini"
    assert speech_cache_dir(mine) == mine / "cache" / "speech"
    _old_install(mine)
    assert folders.move_once(mine) == []
    assert (mine / "settings.ini").is_file()  # not moved: --data-dir isolates


def test_an_older_install_is_moved_once_without_loss(xdg: dict[str, Path]) -> None:
    data = default_data_dir()
    _old_install(data)
    assert folders.move_once(data) == []
    settings = xdg["config"] / "facewell" / "settings.ini"
    assert settings.read_text() == "[sound]\nrate=170\n"
    assert (xdg["cache"] / "facewell" / "speech" / "abc.wav").read_bytes() == b"RIFF"
    assert not (data / "settings.ini").exists()
    assert not (data / "cache").exists()
    assert (data / "history.sqlite3").read_bytes() == b"history"  # the history stays
    assert folders.move_once(data) == []  # once: nothing more to do
    assert settings.read_text() == "[sound]\nrate=170\n"


def test_a_file_already_at_the_new_place_is_never_overwritten(xdg: dict[str, Path]) -> None:
    data = default_data_dir()
    _old_install(data)
    new = xdg["config"] / "facewell" / "settings.ini"
    new.parent.mkdir(parents=True)
    new.write_text("[sound]\nrate=120\n")
    folders.move_once(data)
    assert new.read_text() == "[sound]\nrate=120\n"
    assert (data / "settings.ini").read_text() == "[sound]\nrate=170\n"  # kept, not lost


def test_a_move_across_file_systems_copies_then_removes(
    xdg: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = default_data_dir()
    _old_install(data)
    real_link, real_rename = os.link, Path.rename
    calls: list[str] = []

    def link(src: object, dst: object) -> None:
        if not calls:
            calls.append("link")
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_link(src, dst)  # type: ignore[arg-type]

    def rename(self: Path, target: object) -> Path:
        if self == data / "cache" / "speech":
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_rename(self, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", link)
    monkeypatch.setattr(Path, "rename", rename)
    assert folders.move_once(data) == []
    assert (xdg["config"] / "facewell" / "settings.ini").read_text() == "[sound]\nrate=170\n"
    assert (xdg["cache"] / "facewell" / "speech" / "abc.wav").read_bytes() == b"RIFF"
    assert not (data / "settings.ini").exists()
    assert list((xdg["config"] / "facewell").iterdir()) == [
        xdg["config"] / "facewell" / "settings.ini"
    ]  # no temporary copy left behind


def test_a_move_that_fails_keeps_using_the_old_file(
    xdg: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = default_data_dir()
    _old_install(data)
    (xdg["config"]).mkdir()
    (xdg["config"] / "facewell").write_text("a file in the way")
    problems = folders.move_once(data)
    assert problems and "stays where it is" in problems[0]
    assert folders.settings_file(data) == data / "settings.ini"


def test_the_command_line_moves_an_older_install(
    xdg: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _old_install(default_data_dir())
    assert main(["list"]) == 0
    assert (xdg["config"] / "facewell" / "settings.ini").is_file()
