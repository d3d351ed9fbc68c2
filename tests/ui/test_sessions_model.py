"""The sessions model on its own: calm labels, and nothing shown without a history."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex

from app.ui.sessions_model import (
    COLUMNS,
    SessionsModel,
    format_length,
    format_severity,
    format_when,
)


def test_labels() -> None:
    assert format_when(datetime(2026, 5, 1, 8, 5)) == "Fri 1 May 2026, 08:05"
    assert [format_length(s) for s in (42, 59.6, 90, 600)] == ["42 s", "60 s", "2 min", "10 min"]
    assert format_severity(None, None) == ""
    assert format_severity(6, None) == "6 → —"
    assert format_severity(None, 3) == "— → 3"
    assert format_severity(6, 3) == "6 → 3"


def test_without_a_history_there_are_no_rows() -> None:
    model = SessionsModel()
    model.load(None)
    assert (model.rowCount(), model.columnCount(), model.total) == (0, len(COLUMNS), 0)
    assert not model.canFetchMore(QModelIndex())
