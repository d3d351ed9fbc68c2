"""A routine skipped to its end with Next is "completed" only if most of it was played
(app/core/completion.py, docs/history.md), and the steps skipped are recorded."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.core.clock import FakeClock
from app.core.records import SessionRecord
from app.core.routine import Routine
from app.storage.history import open_history
from app.storage.recorder import SessionRecorder
from app.ui.context import AppContext
from app.ui.feedback_dialog import FeedbackDialog
from app.ui.player_page import PlayerPage
from tests.ui.test_player_page import routine, started  # noqa: F401  (the fixture)


def _play(
    qtbot: QtBot,
    context: AppContext,
    clock: FakeClock,
    routine: Routine,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    nexts: int,
) -> SessionRecord:
    monkeypatch.setattr(FeedbackDialog, "ask", classmethod(lambda cls, parent, title: None))
    made = open_history(context.data_dir)  # the history exists before the recorder
    assert made.history is not None
    made.history.close()
    context.recorder = SessionRecorder(context.data_dir, lambda _problem: None)
    page = PlayerPage(context, clock=clock, stall_limit=None)  # the clock jumps
    qtbot.addWidget(page)
    page.show()
    started(qtbot, page, routine)
    assert page.driver is not None
    session = page.driver.session
    for _ in range(nexts):  # Next at once, from the start of each step
        page.next_step()
        page.driver.poll()
    while not session.is_over:
        deadline = session.next_deadline()
        assert deadline is not None
        clock.now = session.clock_time_of(deadline)
        page.driver.poll()
    assert context.recorder.close()
    opened = open_history(context.data_dir)
    assert opened.history is not None
    (record,) = opened.history.sessions.page()
    opened.history.close()
    return record


def test_played_through_it_is_completed(
    qtbot: QtBot,
    context: AppContext,
    clock: FakeClock,
    routine: Routine,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = _play(qtbot, context, clock, routine, monkeypatch, nexts=0)
    assert (record.status, record.skipped) == ("completed", ())


def test_skipped_to_its_end_it_is_stopped_with_the_steps_named(
    qtbot: QtBot,
    context: AppContext,
    clock: FakeClock,
    routine: Routine,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = _play(qtbot, context, clock, routine, monkeypatch, nexts=2)
    assert record.status == "stopped"  # it reached its end, but was hardly done
    assert record.skipped == ("Breathe", "Brow lift")
    assert record.elapsed_s < 1


def test_the_table_names_what_was_skipped(qtbot: QtBot) -> None:
    from datetime import UTC, datetime

    from PySide6.QtCore import Qt

    from app.ui.sessions_model import STATUS, SessionRow, SessionsModel

    model = SessionsModel()
    row = SessionRow(
        1, datetime(2026, 5, 1, tzinfo=UTC), "Gentle face", 60, 540, "stopped", None, None,
        "", "", ("Brow lift",),
    )  # fmt: skip
    model._rows = [row]
    index = model.index(0, STATUS)
    assert model.data(index) == "Stopped early, 1 step skipped"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "Skipped with Next: Brow lift"
