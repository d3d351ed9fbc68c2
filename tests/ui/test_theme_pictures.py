"""The style sheet's arrow and check-box pictures: kept in the app's cache folder,
written once, never half-read, and still there when that folder cannot be written."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.folders import theme_pictures_dir
from app.ui import theme as theme_module
from app.ui.theme import apply_theme


@pytest.fixture
def app(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The shared QApplication with no picture folder chosen yet; the system look and
    the process's own picture folder are put back afterwards."""
    monkeypatch.setattr(theme_module, "_pictures", None)
    monkeypatch.setattr(theme_module, "_icon_dir", None)
    yield qapp
    apply_theme(qapp, "system", 1.0)
    if theme_module._icon_dir is not None:  # made by this test
        theme_module._icon_dir.cleanup()


def _pictures_named(app: QApplication) -> set[Path]:
    return {Path(url) for url in re.findall(r'url\("([^"]+)"\)', app.styleSheet())}


def test_the_pictures_live_in_the_given_folder_and_no_temporary_one(
    app: QApplication, tmp_path: Path
) -> None:
    folder = theme_pictures_dir(tmp_path)
    apply_theme(app, "dark", 1.0, pictures=folder)
    named = _pictures_named(app)
    assert named, "the dark sheet draws its arrows and boxes from files"
    assert {path.parent for path in named} == {folder}
    assert all(path.read_text(encoding="utf-8").startswith("<svg") for path in named)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(path.stat().st_mode) for path in named} == {0o600}
    assert theme_module._icon_dir is None  # nothing was made in /tmp
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no part files


def test_a_later_start_writes_nothing_and_a_damaged_picture_is_mended(
    app: QApplication, tmp_path: Path
) -> None:
    folder = theme_pictures_dir(tmp_path)
    apply_theme(app, "dark", 1.0, pictures=folder)
    first = sorted(_pictures_named(app))
    written = {path: path.stat().st_mtime_ns for path in first}
    first[0].write_text("<svg", encoding="utf-8")  # cut short, as by a full disk
    apply_theme(app, "dark", 1.0, pictures=folder)
    assert first[0].read_text(encoding="utf-8").endswith("</svg>")
    assert all(path.stat().st_mtime_ns == written[path] for path in first[1:])


def test_the_folder_is_kept_for_later_calls(app: QApplication, tmp_path: Path) -> None:
    folder = theme_pictures_dir(tmp_path)
    apply_theme(app, "dark", 1.0, pictures=folder)
    apply_theme(app, "light", 1.0)  # as the settings dialog applies a new look
    assert {path.parent for path in _pictures_named(app)} == {folder}


def test_an_unwritable_folder_falls_back_to_a_private_temporary_one(
    app: QApplication, tmp_path: Path
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("in the way", encoding="utf-8")
    apply_theme(app, "dark", 1.0, pictures=blocked / "theme")
    named = _pictures_named(app)
    assert named and all(path.is_file() for path in named)
    assert theme_module._icon_dir is not None
    assert {path.parent for path in named} == {Path(theme_module._icon_dir.name)}
    assert blocked.read_text(encoding="utf-8") == "in the way"
