"""The step list model over a RoutineDocument: rows, their text, moves and removals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.routine_doc import RoutineDocument
from app.ui.step_list import PROBLEM_ROLE, StepList, StepListModel

TEXT = """name = "Plan"

# the warm-up, by hand
[[steps]]
kind = "exercise"
title = "Brow lift"
hold = 5
rest = 10
reps = 3

[[steps]]
kind = "rest"
title = "Rest"
duration = 30

[[steps]]
kind = "breathing"
title = "Slow breathing"
inhale = 4
exhale = 6
cycles = 6
"""


@pytest.fixture
def model(qapp: QApplication) -> StepListModel:
    return StepListModel(RoutineDocument.from_text(TEXT))


def _titles(model: StepListModel) -> list[str]:
    return [step["title"] for step in model.document.steps()]


def test_rows_are_the_documents_steps(model: StepListModel) -> None:
    assert model.rowCount() == 3
    assert model.rowCount(model.index(0)) == 0  # a list: no children
    assert model.index(0).data() == "1. Brow lift\n     Facial exercise · 45 s"
    assert model.index(1).data() == "2. Rest\n     Rest · 30 s"
    assert model.index(2).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(3).data() is None


def test_moving_a_row_moves_the_step_in_the_document(model: StepListModel) -> None:
    moved: list[tuple[int, int]] = []
    model.rowsMoved.connect(lambda _p, start, _e, _d, row: moved.append((start, row)))
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 3)  # what a drop at the end does
    assert _titles(model) == ["Rest", "Slow breathing", "Brow lift"]
    assert model.index(2).data().startswith("3. Brow lift")
    assert '# the warm-up, by hand\n[[steps]]\nkind = "exercise"' in model.document.text()
    assert model.move_step(2, 0)  # what Alt+Up twice would do in one go
    assert _titles(model) == ["Brow lift", "Rest", "Slow breathing"]
    assert moved == [(0, 3), (2, 0)]
    assert not model.move_step(1, 1)  # nowhere to go
    assert not model.moveRow(QModelIndex(), 0, QModelIndex(), 9)


def test_removing_and_adding(model: StepListModel) -> None:
    assert model.remove_step(1)
    assert _titles(model) == ["Brow lift", "Slow breathing"]
    assert model.index(1).data().startswith("2. Slow breathing")
    assert not model.remove_step(5)
    assert model.insert_step("meditation", 1) == 1
    assert model.rowCount() == 3
    assert model.index(1).data() == "2. Quiet sitting\n     Meditation · 2 min"
    with pytest.raises(ValueError):
        model.insert_step("dance")
    assert model.rowCount() == 3


def test_a_step_with_a_problem_is_flagged(model: StepListModel) -> None:
    model.document.set_field(1, "duration", "soon")
    problems = model.document.validate()
    model.refresh(problems)
    assert model.index(1).data() == "2. Rest\n     Rest · needs a look"
    assert model.index(1).data(Qt.ItemDataRole.ToolTipRole) == "This step needs a look."
    assert model.index(1).data(PROBLEM_ROLE) is True
    assert model.index(0).data(PROBLEM_ROLE) is False


def test_a_read_only_list_neither_moves_nor_drags(model: StepListModel) -> None:
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    model.set_editable(False)
    assert not model.move_step(0, 2)
    assert not model.remove_step(0)
    assert model.insert_step("rest") == -1
    assert _titles(model) == ["Brow lift", "Rest", "Slow breathing"]
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled


def test_the_view_says_which_row_is_current(qtbot: QtBot, model: StepListModel) -> None:
    view = StepList(model)
    qtbot.addWidget(view)
    rows: list[int] = []
    view.current_row_changed.connect(rows.append)
    view.setCurrentRow(2)
    assert view.currentRow() == 2 and view.selectionModel().isRowSelected(2)
    asked: list[int] = []
    view.move_requested.connect(asked.append)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert asked == [-1] and view.currentRow() == 2  # the editor does the moving
    model.move_step(2, 0)
    assert view.currentRow() == 0  # the current step moved along
    view.setCurrentRow(-1)
    assert view.currentRow() == -1
    assert rows == [2, -1]
