"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# Set before anything imports Qt: tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.clock import FakeClock

REPO = Path(__file__).resolve().parent.parent


_exit_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without interpreter finalization once Qt was used, as app.cli._exit_now does.

    WORKAROUND: PySide6 6.12's SignalInstance.emit() returns True without a reference of
    its own, so every emit() from Python takes one reference away from True. A run
    with enough emits then aborts while the interpreter finalizes ("bool_dealloc"),
    after every test passed: `pytest tests/services/test_fallbacks.py
    tests/ui/test_speech_service.py` did. The results are reported by then.
    """
    if "PySide6" in sys.modules and _exit_status:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status[-1])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark Qt tests `gui`, so `pytest -m "not gui"` runs the pure ones alone."""
    for item in items:
        parts = Path(str(item.fspath)).relative_to(REPO / "tests").parts
        if parts[0] in ("ui", "e2e", "services"):
            item.add_marker(pytest.mark.gui)
        if parts[0] == "e2e":
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder; XDG_DATA_HOME points elsewhere so nothing leaks into $HOME."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def repo() -> Path:
    return REPO
