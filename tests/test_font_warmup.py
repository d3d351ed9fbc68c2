"""The font configuration loads in a thread, for a window only (app/font_warmup.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import app.cli
import app.font_warmup
import app.gui
from app.font_warmup import THREAD_NAME, warm_fonts

# What Qt makes of the fonts: the families it lists and the ones it picks for the
# window's words and for fixed-width text.
_FONTS = """
import json, sys
if sys.argv[1] == "warm":
    from app.font_warmup import warm_fonts
    warm_fonts().join()
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication
app = QApplication([])
fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
print(json.dumps({
    "families": QFontDatabase.families(),
    "general": QFontInfo(app.font()).family(),
    "fixed": QFontInfo(fixed).family(),
}))
"""


def _fonts(repo: Path, mode: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _FONTS, mode],
        cwd=repo,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    fonts: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return fonts


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is Linux's")
def test_qt_finds_the_same_fonts_with_the_configuration_loaded_ahead(repo: Path) -> None:
    cold, warm = _fonts(repo, "cold"), _fonts(repo, "warm")
    assert cold["families"], "no fonts at all: nothing compared"
    assert warm == cold


def test_the_thread_ends_by_itself() -> None:
    thread = warm_fonts()
    assert thread is not None and thread.name == THREAD_NAME and thread.daemon
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_no_fontconfig_is_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.font_warmup, "_LIBRARY", "libfacewell-no-such-library.so.1")
    app.font_warmup._load()  # returns quietly: Qt finds its fonts its own way


def test_nothing_starts_where_qt_does_not_use_fontconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    for platform in ("darwin", "win32"):
        monkeypatch.setattr(sys, "platform", platform)
        assert warm_fonts() is None


@pytest.mark.parametrize(
    ("arguments", "warmed"),
    [
        ([], True),
        (["run", "Gentle face"], True),
        (["run", "Gentle face", "--no-gui"], False),
        (["list"], False),
        (["history"], False),
    ],
)
def test_only_a_launch_that_opens_a_window_loads_the_fonts_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str], warmed: bool
) -> None:
    started: list[bool] = []
    monkeypatch.setattr(app.font_warmup, "warm_fonts", lambda: started.append(True))
    for command in ("cmd_list", "cmd_run", "cmd_history"):
        monkeypatch.setattr(app.cli, command, lambda *_a, **_k: 0)
    monkeypatch.setattr(app.gui, "run_gui", lambda *_a, **_k: 0)
    assert app.cli.main(["--data-dir", str(tmp_path), *arguments]) == 0
    assert started == ([True] if warmed else [])
