"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before anything imports Qt: tests never need a real screen. The offscreen screen
# is a small laptop's, 1024x600 (Qt's default is 800x800): windows and dialogs that fit
# it fit most screens, and tests/ui/test_nothing_cut_off.py checks that they do.
SMALL_SCREEN = Path(__file__).resolve().parent / "offscreen-1024x600.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SMALL_SCREEN}"

from app.core.clock import FakeClock  # noqa: E402 (after the platform is set)

REPO = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark Qt tests `gui`, so `pytest -m "not gui"` runs the pure ones alone."""
    for item in items:
        parts = Path(str(item.fspath)).relative_to(REPO / "tests").parts
        if parts[0] in ("ui", "e2e", "services"):
            item.add_marker(pytest.mark.gui)
        if parts[0] == "e2e":
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def no_desktop_session(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test reaches the developer's own desktop: no session bus (notifications, see
    tests/session_bus.py for a private one), and a private runtime folder for the
    single-instance socket."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    runtime = tmp_path_factory.mktemp("run")  # beside tmp_path: tests list tmp_path
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))


@pytest.fixture(autouse=True)
def system_voice_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system voice is the default in tests (and their subprocesses) even with the
    natural voice installed: a cold Piper cache takes a second a line. The tests about
    the natural voice choose it by its id (tests/speech/test_piper_real.py)."""
    monkeypatch.setenv("FACEWELL_NATURAL_VOICE", "0")


@pytest.fixture(autouse=True)
def qt_application_for_gui_tests(request: pytest.FixtureRequest) -> None:
    """Every test under tests/ui, tests/services and tests/e2e has a QApplication, even one
    that asks for no Qt fixture: with two workers it may be the first in its process, or
    follow a `run --no-gui` whose QCoreApplication is gone (a timer then never starts)."""
    if request.node.get_closest_marker("gui") is not None:
        request.getfixturevalue("qapp")
        _delete_closed_widgets()


def _delete_closed_widgets() -> None:
    """Delete what earlier tests closed. pytest-qt closes each test's widgets and calls
    deleteLater() outside any event loop, where Qt never gets to it: a worker had 6,000
    widgets alive after some 150 tests, and every apply_theme() restyled them all (6 s
    a call, a third of the suite's time)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder; XDG_DATA_HOME points elsewhere so nothing leaks into $HOME."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def repo() -> Path:
    return REPO
