"""Issue 6's bar, in the real window: build "My therapist's plan" without touching a
file (three exercises with custom holds and a 4-6 breathing step), run it, and find it
in the history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.storage.history import open_history
from app.storage.recorder import SessionRecorder
from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from app.ui.routine_editor import RoutineEditor


def _type(qtbot: QtBot, edit: object, text: str) -> None:
    assert isinstance(edit, QLineEdit)
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_build_run_and_find_my_therapists_plan(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = open_history(context.data_dir)
    assert opened.history is not None
    history = opened.history
    context.recorder = SessionRecorder(context.data_dir, print)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.routines.list.count() > 0)
    window.services_ready(lambda: history)

    editors: list[RoutineEditor] = []
    monkeypatch.setattr(
        MainWindow,
        "_open_editor",
        lambda self, e: (editors.append(e), e.saved.connect(self._routine_saved), e.show()),
    )
    qtbot.mouseClick(window.routines.new_button, Qt.MouseButton.LeftButton)
    (editor,) = editors
    qtbot.addWidget(editor)
    _type(qtbot, editor.name_edit, "My therapist's plan")
    for number, hold in enumerate(("6", "8", "10"), start=1):
        editor.add_step("exercise")
        _type(qtbot, editor.title_edit, f"Exercise {number}")
        _type(qtbot, editor.field("exercise", "hold").widget, hold)
    editor.add_step("breathing")
    _type(qtbot, editor.field("breathing", "inhale").widget, "4")
    _type(qtbot, editor.field("breathing", "exhale").widget, "6")
    assert editor.problems == []
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert window.routines.select("My therapist's plan")  # listed beside the built-ins
    with qtbot.waitSignal(window.player.session_started, timeout=3000):
        qtbot.mouseClick(window.routines.start_button, Qt.MouseButton.LeftButton)
    assert window.player.routine is not None
    assert window.player.routine.name == "My therapist's plan"
    window.player.stop()
    assert context.recorder.close()

    (session,) = history.sessions.page()
    history.close()
    assert session.routine == "My therapist's plan"
    assert session.status == "stopped"
