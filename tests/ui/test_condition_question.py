"""The profile question: asked once after the "not medical advice" note, kindly, and
skippable; a skip is remembered and an answer saved (Settings changes it later:
tests/ui/test_settings_dialog.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.core.condition import Condition
from app.services.settings import Settings
from app.ui import condition_question
from app.ui.condition_question import ConditionDialog, ConditionQuestion, maybe_ask_condition
from app.ui.context import AppContext
from app.ui.disclaimer import DisclaimerDialog
from app.ui.main_window import MainWindow
from app.ui.theme import apply_theme


def open_window(qtbot: QtBot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def test_asked_once_after_the_note_and_a_skip_is_not_asked_again(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    monkeypatch.setattr(DisclaimerDialog, "ask", classmethod(lambda c, p: order.append("note")))

    def skip(cls: type[ConditionQuestion], parent: object) -> None:
        order.append("condition")

    monkeypatch.setattr(ConditionQuestion, "ask", classmethod(skip))
    first = open_window(qtbot, context)
    qtbot.waitUntil(lambda: order == ["note", "condition"], timeout=2000)
    saved = Settings(context.data_dir)
    assert saved.condition_asked and saved.condition is None  # skipped: routines as written
    first.close()

    again = AppContext(context.data_dir, Settings(context.data_dir), None, mute=True)
    second = MainWindow(again)
    qtbot.addWidget(second)
    # The questions come right after this signal, in the same turn of the event loop.
    with qtbot.waitSignal(second.first_frame_shown, timeout=2000):
        second.show()
    assert order == ["note", "condition"]


def test_an_answer_is_saved_and_someone_who_saw_the_note_is_asked_too(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch, no_disclaimer: list[object]
) -> None:
    context.settings.disclaimer_seen = True  # from before there was a profile
    monkeypatch.setattr(
        ConditionQuestion, "ask", classmethod(lambda cls, parent: Condition.HEMIFACIAL_SPASM)
    )
    open_window(qtbot, context)
    qtbot.waitUntil(lambda: Settings(context.data_dir).condition_asked, timeout=2000)
    assert Settings(context.data_dir).condition is Condition.HEMIFACIAL_SPASM
    assert no_disclaimer == []  # the note itself is not shown twice


def test_the_question_says_why_that_it_stays_here_and_where_to_change_it(qtbot: QtBot) -> None:
    dialog = ConditionDialog()
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "leave out the movements that may not suit you" in text
    assert "stays on this computer" in text
    assert "change it at any time in Settings" in text
    assert [b.text() for b in dialog.choices.values()] == [
        "Blepharospasm",
        "Hemifacial spasm",
        "Eyelid twitching",
        "Not sure",
    ]
    assert all(b.accessibleDescription() for b in dialog.choices.values())
    assert dialog.skip_button.isEnabled()
    assert not dialog.save_button.isEnabled()  # Save waits for a choice
    dialog.choose(Condition.BLEPHAROSPASM)
    assert dialog.save_button.isEnabled()
    assert dialog.chosen() is Condition.BLEPHAROSPASM


@pytest.mark.parametrize(("save", "expected"), [(True, Condition.NOT_SURE), (False, None)])
def test_ask_returns_the_choice_or_none_when_skipped(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, save: bool, expected: Condition | None
) -> None:
    monkeypatch.undo()  # the real question, answered by a "person" below

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConditionDialog)
        dialog.choose(Condition.NOT_SURE)
        (dialog.save_button if save else dialog.skip_button).click()

    QTimer.singleShot(0, answer)
    assert ConditionQuestion.ask(None) is expected


def test_maybe_ask_asks_only_until_answered(
    data_dir: Path, no_condition_question: list[object]
) -> None:
    settings = Settings(data_dir)
    assert not settings.condition_asked
    maybe_ask_condition(None, settings)
    maybe_ask_condition(None, settings)
    assert no_condition_question == [None]
    assert condition_question.PRIVATE.startswith("Your answer stays on this computer")


def test_keys_reach_every_choice_and_a_short_screen_scrolls_to_it(qtbot: QtBot) -> None:
    dialog = ConditionDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)  # keys reach the active window
    dialog.resize(dialog.width(), 260)  # 200 % text on a small screen: the words scroll
    bar = dialog.area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    first = dialog.choices[Condition.BLEPHAROSPASM]
    assert dialog.focusWidget() is first  # keys go to the choices, not to the words
    last = dialog.choices[Condition.NOT_SURE]
    for _ in range(3):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    assert dialog.focusWidget() is last and bar.value() > 0
    viewport = dialog.area.viewport()
    top = last.mapTo(viewport, last.rect().topLeft()).y()
    assert top >= 0 and top + last.height() <= viewport.height()
    qtbot.keyClick(last, Qt.Key.Key_Space)
    assert dialog.chosen() is Condition.NOT_SURE and dialog.save_button.isEnabled()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_no_wrapped_line_is_cut_short_in_the_themed_dialog(
    qtbot: QtBot, qapp: QApplication, scale: float
) -> None:
    """Qt caps a dialog at two thirds of the screen; the words must scroll instead."""
    apply_theme(qapp, "dark", scale)
    try:
        dialog = ConditionDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        room = dialog.screen().availableGeometry()
        assert dialog.height() <= room.height() and dialog.width() <= room.width()
        cut = [
            label.text()
            for label in dialog.findChildren(QLabel)
            if label.wordWrap() and label.height() < label.heightForWidth(label.width())
        ]
        assert cut == []
        capped = dialog.height() >= room.height() - 48  # the screen's height, less a margin
        if not capped:  # room enough: as tall as its words, no scrolling
            assert dialog.area.verticalScrollBar().maximum() == 0
    finally:
        apply_theme(qapp, "system", 1.0)
