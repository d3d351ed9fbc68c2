"""Nothing is cut off (issue 15): every page, the player and every dialog, in a 1024x600
window (a small laptop), at the normal text size, at 150 % and at 200 %. A widget lies
inside its window or scrolls into view; a button, tick box or one-line label is as wide
as its words; a wrapping label as tall as them (tests/ui/layout_check.py). At 200 % the
first release read "w routi" on its buttons, the journal ran off the right edge and the
player's words overlapped the circle."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.core.records import Injection
from app.core.reminders import REMINDERS_FILE
from app.desktop.entries import AutostartSwitch
from app.speech.voices import NATURAL, VoiceInfo, system_voice
from app.ui.condition_question import ConditionDialog
from app.ui.context import AppContext
from app.ui.cycle_dialogs import InjectionDialog, QuickLogDialog, SideEffectsDialog
from app.ui.feedback_dialog import FeedbackDialog
from app.ui.main_window import MainWindow
from app.ui.questions import KeepRemindersQuestion
from app.ui.reminders_dialog import ReminderEditor, RemindersDialog
from app.ui.routine_editor import RoutineEditor
from app.ui.settings_dialog import SettingsDialog
from app.ui.theme import apply_theme
from tests.ui.layout_check import cut_off

SMALL = QSize(1024, 600)
SCALES = [1.0, 1.5, 2.0]
IDS = ["100%", "150%", "200%"]


@pytest.fixture(params=SCALES, ids=IDS)
def window(
    request: pytest.FixtureRequest, qtbot: QtBot, context: AppContext
) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "dark", request.param)  # as Settings' text size does
    widget = MainWindow(context)
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    widget.reload_routines()
    widget.services_ready(lambda: None)  # today's plan above the routines, as in the app
    try:
        yield widget
    finally:
        apply_theme(app, "system", 1.0)


def settle(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.waitUntil(widget.isVisible)
    for _ in range(3):
        QApplication.processEvents()


def test_every_page_and_the_player_fit(window: MainWindow, qtbot: QtBot) -> None:
    assert window.width() <= 1024 and window.height() <= 600
    pages = (
        window.routines,
        window.compress,
        window.history_page,
        window.journal_page,
        window.tips,
        window.cycles_page,
    )
    problems = {}
    for index, page in enumerate(pages):
        window.nav.setCurrentRow(index)
        settle(qtbot, page)
        if found := cut_off(window):
            problems[window.PAGES[index]] = found
    assert window.routines.select("Gentle face")
    window.routines.start_button.click()
    settle(qtbot, window.player)
    for _ in range(3):  # to a step with a picture: the words still come first
        window.player.next_step()
    settle(qtbot, window.player)
    if found := cut_off(window):
        problems["Player"] = found
    window.player.stop(leave=False)
    assert problems == {}


# The longest names the voice list shows: the packaged natural voice and eSpeak NG's.
VOICES = [
    VoiceInfo(
        "piper:en_US-joe-medium",
        "Joe, English (United States)",
        NATURAL,
        "en_US",
        "CC0 for its recordings, but it was made by retraining the lessac voice, whose "
        "recordings come with unclear terms",
        Path("en_US-joe-medium.onnx"),
    ),
    system_voice("gmw/en-GB-x-gbclan", "English (Lancaster)"),
    system_voice("gmw/en-GB-x-rp", "English (Received Pronunciation)"),
]


def dialogs(window: MainWindow) -> list[QDialog]:
    context = window.context
    routines = [(r.slug, r.name) for r in window.library.routines]
    return [
        SettingsDialog(
            context.settings,
            VOICES,
            window,
            AutostartSwitch(["facewell"], context.data_dir / "config"),
        ),
        KeepRemindersQuestion.box(window, has_tray=False),
        RemindersDialog(context.data_dir / REMINDERS_FILE, routines, window),
        ReminderEditor(routines, None, window),
        RoutineEditor.for_new(context),
        FeedbackDialog("How do you feel after Gentle face?", window),
        FeedbackDialog(parent=window, before=True),
        ConditionDialog(window),
        QuickLogDialog(date(2026, 5, 1), window),
        InjectionDialog(date(2026, 5, 1), window),
        SideEffectsDialog(Injection.new(date(2026, 4, 20)), window),
    ]


def test_every_dialog_fits(window: MainWindow, qtbot: QtBot) -> None:
    problems = {}
    for dialog in dialogs(window):
        qtbot.addWidget(dialog)
        dialog.show()
        settle(qtbot, dialog)
        if dialog.width() > SMALL.width() or dialog.height() > SMALL.height():
            problems[dialog.windowTitle()] = [f"{dialog.size()} is larger than {SMALL}"]
        elif found := cut_off(dialog):
            problems[dialog.windowTitle()] = found
        dialog.close()
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
