"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before anything imports Qt: tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.clock import FakeClock

REPO = Path(__file__).resolve().parent.parent


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
