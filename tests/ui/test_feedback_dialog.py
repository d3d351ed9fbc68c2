"""The short question after a routine: Enter saves, Esc skips."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.ui.feedback_dialog import FeedbackDialog


def _dialog(qtbot: QtBot, **kwargs: bool) -> FeedbackDialog:
    dialog = FeedbackDialog("Morning calm", **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_enter_saves_the_answers(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    dialog.feeling_buttons["better"].click()
    dialog.note.setText("  eyes felt lighter ")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_values() == (3, "better", "eyes felt lighter")


def test_one_severity_and_one_feeling_at_most(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.severity_buttons[7].click()
    dialog.severity_buttons[2].click()
    assert dialog.severity() == 2
    assert sum(button.isChecked() for button in dialog.severity_buttons) == 1
    dialog.feeling_buttons["better"].click()
    dialog.feeling_buttons["worse"].click()
    assert dialog.feeling() == "worse"
    dialog.feeling_buttons["worse"].click()  # a second click clears it
    assert dialog.result_values() == (2, "", "")


def test_arrow_keys_move_along_the_scale(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Right)
    assert dialog.severity() == 5
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    assert dialog.severity() == 3


def test_nothing_chosen_saves_nothing(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_values() == (None, "", "")


def test_escape_skips(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_7)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def _press_in_modal(qtbot: QtBot, *keys: Qt.Key) -> None:
    def press() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, FeedbackDialog)
        for key in keys:
            qtbot.keyClick(modal, key)

    QTimer.singleShot(0, press)


def test_ask_returns_none_when_skipped(qtbot: QtBot) -> None:
    _press_in_modal(qtbot, Qt.Key.Key_Escape)
    assert FeedbackDialog.ask(None, "Gentle face") is None


def test_ask_returns_the_answers(qtbot: QtBot) -> None:
    _press_in_modal(qtbot, Qt.Key.Key_6, Qt.Key.Key_Return)
    assert FeedbackDialog.ask(None, "Gentle face") == (6, "", "")


def test_ask_before_asks_only_the_severity(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, before=True)
    assert not dialog.feeling_buttons
    assert not dialog.note.isVisible()
    _press_in_modal(qtbot, Qt.Key.Key_8, Qt.Key.Key_Return)
    assert FeedbackDialog.ask_before(None, "Gentle face") == 8
    _press_in_modal(qtbot, Qt.Key.Key_8, Qt.Key.Key_Escape)
    assert FeedbackDialog.ask_before(None) is None


def test_the_same_0_to_10_words_as_the_journal(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, before=True)
    assert (dialog.scale.low.text(), dialog.scale.high.text()) == ("0 none", "10 worst")
    assert [b.text() for b in dialog.severity_buttons] == [str(n) for n in range(11)]
    assert dialog.severity_buttons[10].toolTip() == "10: worst (Delete clears)"
    assert dialog.severity() is None  # nothing chosen until the person picks
