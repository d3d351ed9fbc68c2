"""The reminders dialog edits the schedule and saves it on OK only."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.core.reminders import QuietHours, Reminder, ReminderSchedule, load_schedule
from app.ui.reminders_dialog import ReminderEditor, RemindersDialog

ROUTINES = [("4-7-8", "4-7-8 breathing")]
EVENING = Reminder(time(20, 0), "", "4-7-8", frozenset(range(7)))


def test_ok_saves_and_cancel_does_not(qtbot: QtBot, data_dir: Path) -> None:
    path = data_dir / "reminders.json"
    dialog = RemindersDialog(path, ROUTINES)
    qtbot.addWidget(dialog)
    dialog.set_reminders([EVENING])
    dialog.reject()
    assert not path.exists()

    dialog = RemindersDialog(path, ROUTINES)
    qtbot.addWidget(dialog)
    dialog.set_reminders([EVENING])
    dialog.quiet_box.setChecked(True)
    dialog.quiet_start.setTime(QTime(21, 30))
    dialog.quiet_end.setTime(QTime(6, 0))
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.accept()
    loaded, message = load_schedule(path)
    assert message is None
    assert loaded == ReminderSchedule([EVENING], QuietHours(time(21, 30), time(6, 0), True))
    assert "Time for 4-7-8 breathing" in dialog.list.item(0).text()


def test_remove(qtbot: QtBot, data_dir: Path) -> None:
    dialog = RemindersDialog(data_dir / "reminders.json", ROUTINES)
    qtbot.addWidget(dialog)
    dialog.set_reminders([EVENING])
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    assert dialog.schedule().reminders == []
    assert not dialog.edit_button.isEnabled()


def test_a_broken_file_is_reported(qtbot: QtBot, data_dir: Path) -> None:
    (data_dir / "reminders.json").write_text("[")
    dialog = RemindersDialog(data_dir / "reminders.json", ROUTINES)
    qtbot.addWidget(dialog)
    assert "reminders.json.broken-" in dialog.message_label.text()


def test_editor_needs_a_day(qtbot: QtBot) -> None:
    editor = ReminderEditor(ROUTINES, EVENING)
    qtbot.addWidget(editor)
    assert editor.reminder() == EVENING
    ok = editor.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for box in editor.day_boxes:
        box.setChecked(False)
    assert not ok.isEnabled()
    editor.day_boxes[0].setChecked(True)
    assert ok.isEnabled()
    assert editor.reminder().days == frozenset({0})
