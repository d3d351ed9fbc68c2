"""The step panel's forms: values shown as typed, edits reported with their keys."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from app.ui.step_fields import StepPages, duration_value, field_text


def test_values_as_fields_show_them() -> None:
    assert [field_text(v) for v in (None, True, 5.0, 2.5, "1m30s")] == [
        "",
        "true",
        "5",
        "2.5",
        "1m30s",
    ]
    assert [duration_value(t) for t in ("90", "1.5", "1m30s")] == [90, 1.5, "1m30s"]


def test_a_step_fills_its_kinds_form_and_edits_are_reported(qtbot: QtBot) -> None:
    pages = StepPages()
    qtbot.addWidget(pages)
    pages.show()
    step = {"kind": "exercise", "hold": 5.0, "rest": 8, "reps": 3, "side": "left"}
    pages.show_step("exercise", step)
    hold = pages.fields[("exercise", "hold")].widget
    reps = pages.fields[("exercise", "reps")].widget
    side = pages.fields[("exercise", "side")].widget
    assert isinstance(hold, QLineEdit) and hold.text() == "5"
    assert isinstance(reps, QSpinBox) and reps.value() == 3
    assert isinstance(side, QComboBox) and side.currentData() == "left"

    edits: list[tuple[str, object]] = []
    pages.duration_edited.connect(lambda key, text: edits.append((key, text)))
    pages.value_edited.connect(lambda key, value: edits.append((key, value)))
    qtbot.keyClicks(hold, "0")
    reps.setValue(4)
    assert edits == [("hold", "50"), ("reps", 4)]


def test_breathing_by_time_shows_the_length_not_the_breaths(qtbot: QtBot) -> None:
    pages = StepPages()
    qtbot.addWidget(pages)
    pages.show()
    step = {"kind": "breathing", "inhale": 4, "hold": 7, "exhale": 8, "duration": "2m"}
    pages.show_step("breathing", step, "4-7-8")
    assert pages.preset_combo.currentData() == "4-7-8"
    assert pages.fields[("breathing", "duration")].box.isVisible()
    assert not pages.fields[("breathing", "cycles")].box.isVisible()
    chosen: list[str] = []
    pages.preset_chosen.connect(chosen.append)
    pages.preset_combo.activated.emit(pages.preset_combo.findData("box"))
    assert chosen == ["box"]
    pages.show_step("", {})
    assert pages.currentWidget() is pages.empty
