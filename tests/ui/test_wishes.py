"""What a later launch asks of the open window, and --hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from app.desktop.wishes import handle_wish, launch_wish
from app.ui.context import AppContext
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> MainWindow:
    widget = MainWindow(context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.routines.list.count() > 0, timeout=2000)
    return widget


@pytest.fixture
def launched_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A launch from ``tmp_path``, with no activation token from a launcher."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN", raising=False)
    monkeypatch.delenv("DESKTOP_STARTUP_ID", raising=False)
    return tmp_path


def test_a_launch_wish_names_a_routine_file_absolutely(
    launched_in: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = launched_in
    wish = launch_wish(query="mine.toml", hidden=False, page=None)
    assert wish == {"raise": True, "run": str(tmp_path / "mine.toml")}
    assert launch_wish(query="Morning calm", hidden=False, page=None)["run"] == "Morning calm"
    assert launch_wish(query=None, hidden=True, page=None) == {"raise": False}
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "tok")
    assert launch_wish(query=None, hidden=False, page="journal")["activation_token"] == "tok"


def test_a_run_wish_carries_mute_and_the_trace_file_named_absolutely(launched_in: Path) -> None:
    tmp_path = launched_in
    wish = launch_wish(
        query="gentle-face", hidden=False, page=None, mute=True, trace=Path("run.jsonl")
    )
    assert wish == {
        "raise": True,
        "run": "gentle-face",
        "mute": True,
        "trace": str(tmp_path / "run.jsonl"),
    }
    # Without a routine to run there is nothing for them to apply to.
    assert launch_wish(query=None, hidden=False, page=None, mute=True, trace=Path("x")) == {
        "raise": True
    }


def test_run_plays_the_named_routine(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    with qtbot.waitSignal(window.player.session_started, timeout=5000):
        handle_wish(window, data_dir, {"raise": True, "run": "gentle-face"})
    assert window.player.routine is not None and window.player.routine.slug == "gentle-face"
    window.player.stop()


def test_a_forwarded_run_with_mute_and_trace_starts_muted_and_writes_its_trace(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    trace = tmp_path / "run.jsonl"
    wish = {"raise": True, "run": "gentle-face", "mute": True, "trace": str(trace)}
    with qtbot.waitSignal(window.player.session_started, timeout=5000):
        handle_wish(window, data_dir, wish)
    assert window.player.mute_button.isChecked()  # the sound off, and shown so
    assert window.player.mute_button.text() == "Unmute"
    qtbot.waitUntil(lambda: trace.exists() and trace.read_text().strip() != "", timeout=5000)
    assert trace.read_text().splitlines()[0].startswith('{"event": ')
    window.player.stop()
    assert window.player.trace_path is None  # that run's file only, not every later one


def test_a_forwarded_run_without_mute_leaves_the_sound_as_it_was(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    with qtbot.waitSignal(window.player.session_started, timeout=5000):
        handle_wish(window, data_dir, {"raise": True, "run": "gentle-face"})
    assert not window.player.mute_button.isChecked()
    window.player.stop()


def test_an_unknown_routine_is_said_in_the_banner(window: MainWindow, data_dir: Path) -> None:
    handle_wish(window, data_dir, {"raise": True, "run": "Morning clam"})
    assert window.notice.label.isVisible()
    assert window.notice.label.text().startswith("No routine called 'Morning clam'")
    assert "Morning calm" in window.notice.label.text()  # the did-you-mean


def test_a_broken_routine_file_is_said_in_the_banner(
    window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("name = \n")
    handle_wish(window, data_dir, {"raise": True, "run": str(broken)})
    assert "can't be started: line 1" in window.notice.label.text()


def test_the_launcher_actions_open_their_pages(window: MainWindow, data_dir: Path) -> None:
    handle_wish(window, data_dir, {"raise": True, "page": "journal"})
    assert window.stack.currentWidget() is window.journal_page
    handle_wish(window, data_dir, {"raise": True, "page": "cold-compress"})
    assert window.stack.currentWidget() is window.compress
    assert window.compress.is_running
    window.compress.stop()


def test_hidden_with_a_tray_starts_the_services_and_shows_no_window(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    widget = MainWindow(context)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.first_frame_shown, timeout=5000):
        widget.start_hidden()
    assert not widget.isVisible()
    assert widget.routines.list.count() > 0
    assert widget.tray is not None
    widget.tray.hide()
