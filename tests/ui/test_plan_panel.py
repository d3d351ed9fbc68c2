"""The plan panel: pin routines, see them checked off, start them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from app.core.plan import PlanItem, done_today
from app.ui.plan_panel import DONE_MARK, TODO_MARK, PlanPanel

ROUTINES = [("morning-calm", "Morning calm"), ("4-7-8", "4-7-8 breathing")]
TODAY = date(2026, 5, 4)


@dataclass(frozen=True)
class Session:
    routine: str
    slug: str
    started_at: datetime
    elapsed_s: float = 300.0
    status: str = "completed"


def mark(panel: PlanPanel, item: PlanItem) -> QLabel:
    return panel.rows[item].findChildren(QLabel)[0]


def button(panel: PlanPanel, item: PlanItem, accessible: str) -> QAbstractButton:
    for child in panel.rows[item].findChildren(QAbstractButton):
        if child.accessibleName().startswith(accessible):
            return child
    raise AssertionError(f"no {accessible!r} button")


def test_pin_a_routine_and_it_is_saved(qtbot: QtBot, data_dir: Path) -> None:
    path = data_dir / "plan.json"
    panel = PlanPanel(path, ROUTINES, lambda: {})
    qtbot.addWidget(panel)
    assert panel.rows == {}
    panel.part_combo.setCurrentIndex(panel.part_combo.findData("evening"))
    panel.routine_combo.setCurrentIndex(panel.routine_combo.findData("4-7-8"))
    with qtbot.waitSignal(panel.plan_changed, timeout=1000):
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    item = PlanItem("evening", "4-7-8", 0)
    assert list(panel.rows) == [item]
    assert mark(panel, item).text() == TODO_MARK
    assert json.loads(path.read_text())["evening"] == ["4-7-8"]
    # A new panel reads it back.
    again = PlanPanel(path, ROUTINES, lambda: {})
    qtbot.addWidget(again)
    assert list(again.rows) == [item]


def test_done_items_show_a_check_mark(qtbot: QtBot, data_dir: Path) -> None:
    done: dict[PlanItem, bool] = {}
    panel = PlanPanel(data_dir / "plan.json", ROUTINES, lambda: done)
    qtbot.addWidget(panel)
    first = panel.add("morning", "morning-calm")
    second = panel.add("evening", "4-7-8")
    done[first] = True
    panel.refresh()
    assert mark(panel, first).text() == DONE_MARK
    assert mark(panel, first).accessibleName() == "done"
    assert mark(panel, second).text() == TODO_MARK
    assert mark(panel, second).accessibleName() == "not done yet"
    summary = [
        label.text() for label in panel.findChildren(QLabel) if label.text().endswith("done")
    ]
    assert "1 of 2 done" in summary


def test_from_sessions_checks_items_off_from_history(qtbot: QtBot, data_dir: Path) -> None:
    tz = timezone(timedelta(hours=2))
    sessions = [Session("Morning calm", "morning-calm", datetime(2026, 5, 4, 7, 30, tzinfo=tz))]
    panel = PlanPanel.from_sessions(
        data_dir / "plan.json", ROUTINES, lambda: sessions, today=lambda: TODAY
    )
    qtbot.addWidget(panel)
    morning = panel.add("morning", "morning-calm")
    twice = panel.add("evening", "morning-calm")
    assert mark(panel, morning).text() == DONE_MARK
    assert mark(panel, twice).text() == TODO_MARK
    assert done_today(panel.plan, sessions, TODAY) == {morning: True, twice: False}


def test_start_emits_the_slug(qtbot: QtBot, data_dir: Path) -> None:
    panel = PlanPanel(data_dir / "plan.json", ROUTINES, lambda: {})
    qtbot.addWidget(panel)
    item = panel.add("midday", "4-7-8")
    with qtbot.waitSignal(panel.start_requested, timeout=1000) as blocker:
        qtbot.mouseClick(button(panel, item, "Start"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["4-7-8"]


def test_move_and_remove(qtbot: QtBot, data_dir: Path) -> None:
    panel = PlanPanel(data_dir / "plan.json", ROUTINES, lambda: {})
    qtbot.addWidget(panel)
    first = panel.add("morning", "morning-calm")
    second = panel.add("morning", "4-7-8")
    assert not button(panel, first, "Move").isEnabled()  # "Move … up" at the top
    qtbot.mouseClick(button(panel, second, "Move 4-7-8 breathing up"), Qt.MouseButton.LeftButton)
    assert [i.routine for i in panel.plan.items("morning")] == ["4-7-8", "morning-calm"]
    top = PlanItem("morning", "4-7-8", 0)
    qtbot.mouseClick(button(panel, top, "Remove"), Qt.MouseButton.LeftButton)
    assert list(panel.rows) == [PlanItem("morning", "morning-calm", 0)]


def test_a_routine_no_longer_in_the_library_cannot_be_started(qtbot: QtBot, data_dir: Path) -> None:
    panel = PlanPanel(data_dir / "plan.json", ROUTINES, lambda: {})
    qtbot.addWidget(panel)
    item = panel.add("morning", "gone")
    assert not button(panel, item, "Start").isEnabled()
    labels = [label.text() for label in panel.rows[item].findChildren(QLabel)]
    assert "gone (not found)" in labels


def test_a_broken_plan_file_is_reported_and_kept(qtbot: QtBot, data_dir: Path) -> None:
    path = data_dir / "plan.json"
    path.write_text("{broken")
    panel = PlanPanel(path, ROUTINES, lambda: {})
    qtbot.addWidget(panel)
    assert panel.message is not None and "plan.json.broken-" in panel.message
    assert [p.name for p in data_dir.iterdir() if p.name.startswith("plan.json.broken-")]


def test_a_failing_history_does_not_break_the_panel(qtbot: QtBot, data_dir: Path) -> None:
    def boom() -> dict[PlanItem, bool]:
        raise RuntimeError("history gone")

    panel = PlanPanel(data_dir / "plan.json", ROUTINES, boom)
    qtbot.addWidget(panel)
    item = panel.add("morning", "morning-calm")
    assert mark(panel, item).text() == TODO_MARK
