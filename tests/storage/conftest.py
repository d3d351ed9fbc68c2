"""Fixtures for the storage tests: a fake wall clock and an open history per test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from storage_helpers import CEST, FakeNow

from app.storage.history import History, open_history


@pytest.fixture
def now() -> FakeNow:
    return FakeNow(datetime(2026, 5, 1, 12, 0, 0, tzinfo=CEST))


@pytest.fixture
def history(data_dir: Path, now: FakeNow) -> Iterator[History]:
    result = open_history(data_dir, now=now)
    assert result.history is not None, result.notices
    assert result.notices == []
    yield result.history
    result.history.close()
