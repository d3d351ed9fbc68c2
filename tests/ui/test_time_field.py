"""Typing a time works in Reminders (issue 15, point 10).

Qt's time field took digits only into its selected part: after Ctrl+A, or clicked
into, "0730" left 20:00, and "25" was refused without a word. These type with real key
presses, as a person does."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from app.core.reminders import Reminder, load_schedule
from app.ui.reminders_dialog import ReminderEditor, RemindersDialog
from app.ui.time_field import TimeField

ROUTINES = [("4-7-8", "4-7-8 breathing")]
EVENING = Reminder(time(20, 0), "", "4-7-8", frozenset(range(7)))


def _retype(qtbot: QtBot, field: TimeField, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize(
    ("typed", "taken"),
    [("0730", "07:30"), ("730", "07:30"), ("7.30", "07:30"), ("19:45", "19:45"), ("7pm", "19:00")],
)
def test_a_time_typed_over_the_old_one_and_enter_is_saved(
    qtbot: QtBot, typed: str, taken: str
) -> None:
    editor = ReminderEditor(ROUTINES, EVENING)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    _retype(qtbot, editor.time_edit, typed)
    qtbot.keyClick(editor.time_edit, Qt.Key.Key_Return)
    assert editor.result() == ReminderEditor.DialogCode.Accepted
    assert editor.reminder().time.strftime("%H:%M") == taken
    assert editor.time_edit.text() == taken


def test_a_time_that_cant_be_one_is_said_and_the_dialog_stays(qtbot: QtBot) -> None:
    editor = ReminderEditor(ROUTINES, EVENING)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    _retype(qtbot, editor.time_edit, "25")
    qtbot.keyClick(editor.time_edit, Qt.Key.Key_Return)
    assert editor.isVisible()  # not closed on a time it didn't take
    assert editor.time_said.isVisible()
    assert editor.time_said.text() == (
        "There is no hour 25: hours go from 0 to 23. The time is still 20:00."
    )
    assert editor.time_edit.text() == "25"  # what was typed stays, to be mended
    _retype(qtbot, editor.time_edit, "21:15")
    qtbot.keyClick(editor.time_edit, Qt.Key.Key_Return)
    assert not editor.time_said.isVisible()
    assert editor.reminder().time == time(21, 15)


def test_up_and_down_step_the_time_round_the_clock(qtbot: QtBot) -> None:
    field = TimeField(QTime(23, 55))
    qtbot.addWidget(field)
    seen: list[QTime] = []
    field.timeChanged.connect(seen.append)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == "00:00" and seen == [QTime(0, 0)]
    qtbot.keyClick(field, Qt.Key.Key_PageDown)
    assert field.text() == "23:00"
    _retype(qtbot, field, "7:30")
    qtbot.keyClick(field, Qt.Key.Key_Down)  # from what is typed, not the old time
    assert field.time() == QTime(7, 25)


def test_quiet_hours_take_a_typed_time_and_refuse_a_wrong_one(qtbot: QtBot, data_dir: Path) -> None:
    path = data_dir / "reminders.json"
    dialog = RemindersDialog(path, ROUTINES)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.quiet_box.setChecked(True)
    _retype(qtbot, dialog.quiet_start, "7:75")
    dialog.accept()
    assert not path.exists() and dialog.isVisible()
    said = dialog.quiet_said[0]
    assert said.isVisible() and said.text().startswith("There is no minute 75")
    _retype(qtbot, dialog.quiet_start, "2130")
    _retype(qtbot, dialog.quiet_end, "6am")
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.accept()
    schedule, _message = load_schedule(path)
    assert schedule.quiet is not None
    assert (schedule.quiet.start, schedule.quiet.end) == (time(21, 30), time(6, 0))
