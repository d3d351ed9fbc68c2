"""The routine editor: build a plan without touching a file, inline checks, reordering."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from app.core.loader import load_routine
from app.core.routine import BreathingStep, ExerciseStep
from app.paths import routines_dir
from app.resources import exercises_dir, images_dir
from app.ui.columns import least_width
from app.ui.context import AppContext
from app.ui.routine_editor import RoutineEditor
from app.ui.theme import apply_theme
from app.ui.two_columns import TwoColumns


def _editor(qtbot: QtBot, editor: RoutineEditor) -> RoutineEditor:
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text) if text else qtbot.keyClick(edit, Qt.Key.Key_Backspace)


def _widget(editor: RoutineEditor, kind: str, key: str) -> object:
    field = editor.field(kind, key)
    assert field is not None
    return field.widget


def test_build_my_therapists_plan_and_save(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    saved: list[Path] = []
    editor.saved.connect(saved.append)
    _type(qtbot, editor.name_edit, "My therapist's plan")
    assert not editor.save_button.isEnabled()  # no steps yet

    for number, hold in enumerate(("7", "1m", "12"), start=1):
        editor.add_step("exercise")
        _type(qtbot, editor.title_edit, f"Exercise {number}")
        hold_edit = _widget(editor, "exercise", "hold")
        assert isinstance(hold_edit, QLineEdit)
        _type(qtbot, hold_edit, hold)
        reps = _widget(editor, "exercise", "reps")
        assert isinstance(reps, QSpinBox)
        reps.setValue(2)
    editor.add_step("breathing")
    for key, value in (("inhale", "4"), ("exhale", "6")):
        edit = _widget(editor, "breathing", key)
        assert isinstance(edit, QLineEdit)
        _type(qtbot, edit, value)
    assert editor.step_pages.preset_combo.currentData() == "custom"

    assert editor.problems == []
    assert editor.save_button.isEnabled()
    # Exercises: (hold + rest 8) x 2; breathing (4 + 6) x 6.
    expected = (7 + 8) * 2 + (60 + 8) * 2 + (12 + 8) * 2 + 10 * 6
    assert editor.total_label.text() == "Total: 4 min 26 s"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    path = routines_dir(context.data_dir) / "my-therapist-s-plan.toml"
    assert saved == [path]
    routine = load_routine(path, image_dirs=(images_dir(),))
    assert routine.name == "My therapist's plan"
    assert routine.total_seconds == expected
    holds = [s.hold for s in routine.steps if isinstance(s, ExerciseStep)]
    assert holds == [7, 60, 12]
    breathing = routine.steps[3]
    assert isinstance(breathing, BreathingStep)
    assert (breathing.inhale, breathing.exhale) == (4, 6)


def test_inline_validation_next_to_the_hold_field(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    editor.add_step("exercise")
    assert editor.save_button.isEnabled()
    hold = _widget(editor, "exercise", "hold")
    assert isinstance(hold, QLineEdit)
    _type(qtbot, hold, "-1")

    field = editor.field("exercise", "hold")
    assert field is not None
    assert field.error.isVisible()
    assert field.error.text() == "Expected a duration of 0 or more, got -1"
    assert hold.toolTip() == "Hold: expected a duration of 0 or more, got -1"
    assert not editor.save_button.isEnabled()
    assert editor.total_label.text() == "Total: —"
    assert editor.save() is None
    assert not routines_dir(context.data_dir).exists()

    _type(qtbot, hold, "5")
    assert not field.error.isVisible()
    assert editor.save_button.isEnabled()


def test_problem_on_another_step_is_summarised(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    editor.add_step("rest")
    duration = _widget(editor, "rest", "duration")
    assert isinstance(duration, QLineEdit)
    _type(qtbot, duration, "soon")
    editor.add_step("breathing")
    assert "Step 1 needs a look" in editor.summary_label.text()
    assert "needs a look" in editor.step_model.index(0).data()
    assert editor.step_model.index(0).data(Qt.ItemDataRole.ToolTipRole) == "This step needs a look."


def test_reorder_with_keyboard_buttons_and_drag(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    for kind in ("breathing", "exercise", "rest"):
        editor.add_step(kind)
    editor.step_list.setCurrentRow(0)
    editor.step_list.setFocus()
    qtbot.keyClick(editor.step_list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [s["kind"] for s in editor.document.steps()] == ["exercise", "breathing", "rest"]
    assert editor.step_list.currentRow() == 1
    assert editor.step_model.index(1).data().startswith("2. Slow breathing")

    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert [s["kind"] for s in editor.document.steps()] == ["breathing", "exercise", "rest"]

    # What a drop in the list does: the model moves the row.
    model = editor.step_list.model()
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert [s["kind"] for s in editor.document.steps()] == ["exercise", "rest", "breathing"]
    assert editor.step_model.index(2).data().startswith("3. Slow breathing")
    assert editor.step_list.currentRow() == 2  # the chosen step moved along, and says so
    assert editor.step_box.title() == "Step 3: Breathing"


def test_remove_chooses_the_step_that_takes_its_place(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    for kind in ("breathing", "exercise", "rest"):
        editor.add_step(kind)
    editor.step_list.setCurrentRow(1)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert [s["kind"] for s in editor.document.steps()] == ["breathing", "rest"]
    assert editor.step_list.currentRow() == 1
    assert editor.step_box.title() == "Step 2: Rest"
    assert editor.step_model.index(1).data().startswith("2. Rest")
    moves = (editor.remove_button, editor.up_button, editor.down_button)
    assert [button.isEnabled() for button in moves] == [True, True, False]

    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)  # the last: back one
    assert editor.step_list.currentRow() == 0
    assert editor.step_box.title() == "Step 1: Breathing"
    assert [button.isEnabled() for button in moves] == [True, False, False]
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.step_list.currentRow() == -1 and editor.step_box.title() == "Step"
    assert not editor.title_edit.isVisible()
    assert [button.isEnabled() for button in moves] == [False, False, False]


def test_breathing_preset_combo(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    editor.add_step("breathing")
    combo = editor.step_pages.preset_combo
    combo.setCurrentIndex(combo.findData("4-7-8"))
    combo.activated.emit(combo.currentIndex())
    step = editor.document.step(0)
    assert (step["inhale"], step["hold"], step["exhale"]) == (4, 7, 8)
    exhale = _widget(editor, "breathing", "exhale")
    assert isinstance(exhale, QLineEdit) and exhale.text() == "8"


def test_builtin_opens_read_only_then_duplicates(qtbot: QtBot, context: AppContext) -> None:
    source = exercises_dir() / "gentle-face.toml"
    before = source.read_bytes()
    editor = _editor(qtbot, RoutineEditor.for_path(context, source))
    assert editor.read_only
    assert editor.banner.isVisible()
    assert not editor.name_edit.isEnabled()
    assert not editor.save_button.isVisible()
    assert editor.add_step("rest") == -1
    assert editor.save() is None

    qtbot.mouseClick(editor.duplicate_button, Qt.MouseButton.LeftButton)
    assert not editor.read_only and editor.path is None
    assert editor.name_edit.text() == "Gentle face (my copy)"
    path = editor.save()
    assert path == routines_dir(context.data_dir) / "gentle-face-my-copy.toml"
    assert load_routine(path, image_dirs=(images_dir(),)).name == "Gentle face (my copy)"
    assert source.read_bytes() == before


def test_editing_a_user_file_keeps_path_and_comments(qtbot: QtBot, context: AppContext) -> None:
    folder = routines_dir(context.data_dir)
    folder.mkdir()
    path = folder / "mine.toml"
    path.write_text(
        '# mine, by hand\nname = "Mine"\nmood = "calm"\n\n'
        '[[steps]]\nkind = "rest"  # just rest\ntitle = "Rest"\nduration = 30\n',
        encoding="utf-8",
    )
    editor = _editor(qtbot, RoutineEditor.for_path(context, path))
    assert not editor.read_only
    duration = _widget(editor, "rest", "duration")
    assert isinstance(duration, QLineEdit)
    _type(qtbot, duration, "1m30s")
    assert editor.total_label.text() == "Total: 1 min 30 s"
    assert editor.save() == path
    text = path.read_text(encoding="utf-8")
    assert "# mine, by hand" in text and 'mood = "calm"' in text and "# just rest" in text
    assert 'duration = "1m30s"' in text
    assert sorted(p.name for p in folder.iterdir()) == ["mine.toml"]


def test_preview_shows_what_it_would_say_when_muted(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    editor.add_step("exercise")
    _type(qtbot, editor.cue_edit, "Brow lift, gently.")
    qtbot.mouseClick(editor.cue_preview.button, Qt.MouseButton.LeftButton)
    assert "Brow lift, gently." in editor.cue_preview.label.text()


@pytest.mark.parametrize("kind", ["breathing", "exercise", "meditation", "compress", "rest"])
def test_every_control_has_an_accessible_name(qtbot: QtBot, context: AppContext, kind: str) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    editor.add_step(kind)
    controls = [w for cls in (QLineEdit, QComboBox, QSpinBox) for w in editor.findChildren(cls)]
    for widget in controls:
        if isinstance(widget.parent(), QSpinBox | QComboBox):
            continue  # their inner line edits
        if widget.isVisibleTo(editor):
            assert widget.accessibleName(), widget


def test_a_new_routine_says_what_to_do_in_the_editors_words(
    qtbot: QtBot, context: AppContext
) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    shown = [label.text() for label in editor.findChildren(QLabel) if label.isVisible()]
    assert "No steps yet. Choose Add step to add the first one." in shown
    assert not any("[[steps]]" in text for text in shown)  # the file format's words
    assert not editor.title_edit.isVisible()  # no step, so no step fields
    assert not editor.save_button.isEnabled()
    moves = (editor.remove_button, editor.up_button, editor.down_button)
    assert [button.isEnabled() for button in moves] == [False, False, False]

    editor.add_step("exercise")
    assert editor.title_edit.isVisible()
    assert editor.save_button.isEnabled()
    assert [button.isEnabled() for button in moves] == [True, False, False]
    editor.add_step("rest")  # chosen: the second and last
    assert [button.isEnabled() for button in moves] == [True, True, False]


def test_the_step_panel_fits_the_smallest_dialog(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    editor.resize(editor.minimumSize())
    for kind in ("breathing", "exercise", "meditation", "compress", "rest"):
        editor.add_step(kind)
        qtbot.wait(0)  # let the layouts settle
        box = editor.step_box
        assert box.width() >= least_width(box), kind  # its fields are never squeezed
        assert box.findChild(QScrollArea) is None  # no scroll area of its own: the dialog's


def test_at_large_text_the_step_goes_under_the_steps(
    qtbot: QtBot, context: AppContext, qapp: QApplication
) -> None:
    """At 200 % on 1024x600 the fields beside the steps got ~100 px ("Instru…")."""
    columns = []
    for scale in (1.0, 2.0):
        apply_theme(qapp, "dark", scale)
        try:
            editor = _editor(qtbot, RoutineEditor.for_new(context))
            editor.resize(1000, 580)
            editor.add_step("exercise")
            qtbot.wait(0)
            (two,) = editor.findChildren(TwoColumns)
            columns.append(two.side_by_side)
            assert editor.step_box.width() >= least_width(editor.step_box)
        finally:
            apply_theme(qapp, "system", 1.0)
    assert columns == [True, False]


def test_a_forceful_long_hold_is_cautioned_but_can_be_saved(
    qtbot: QtBot, context: AppContext
) -> None:
    editor = _editor(qtbot, RoutineEditor.for_new(context))
    _type(qtbot, editor.name_edit, "Therapist's stretch")
    editor.add_step("exercise")
    _type(qtbot, editor.title_edit, "Eyes")
    assert not editor.cautions_label.isVisible()
    hold = _widget(editor, "exercise", "hold")
    assert isinstance(hold, QLineEdit)
    _type(qtbot, hold, "1m")
    editor.instruction_edit.setPlainText("Squeeze your eyes tightly.")

    assert editor.cautions_label.isVisible()
    text = editor.cautions_label.text()
    assert text.startswith("Worth a second look:")
    assert "Step 1, Eyes: a hold of 60 s" in text
    assert '"squeeze" and "tightly" ask for force' in text
    assert editor.problems == []
    assert editor.save_button.isEnabled()  # a caution warns, it never refuses

    _type(qtbot, hold, "5")
    editor.instruction_edit.setPlainText("Close them lightly, never squeeze.")
    assert not editor.cautions_label.isVisible()


def test_the_editor_opens_on_its_name_chosen_and_asks_before_losing_changes(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt

    from app.ui.questions import DiscardChangesQuestion

    answers: list[bool] = [False, True]
    asked: list[str] = []

    def ask(cls: object, parent: object, name: str) -> bool:
        asked.append(name)
        return answers.pop(0)

    monkeypatch.setattr(DiscardChangesQuestion, "ask", classmethod(ask))
    editor = RoutineEditor.for_new(context)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.focusWidget() is editor.name_edit
    assert editor.name_edit.selectedText() == editor.name_edit.text() != ""
    qtbot.keyClicks(editor.name_edit, "Evening jaw")
    assert editor.dirty
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Escape)
    assert asked == ["Evening jaw"] and editor.isVisible()  # "Keep editing"
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Escape)
    assert not editor.isVisible()  # "Close without saving"


def test_a_count_typed_out_of_range_is_told_not_dropped(qtbot: QtBot, context: AppContext) -> None:
    from PySide6.QtCore import Qt

    editor = RoutineEditor.for_new(context)
    qtbot.addWidget(editor)
    editor.show()
    editor.add_step("exercise")
    field = editor.field("exercise", "reps")
    assert field is not None
    assert field.note.text() == "1 to 999"  # the range beside the field
    spin = field.widget
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "1500")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field.said.isVisible(), timeout=1000)
    assert spin.value() == 999
    assert field.said.text() == "1500 is more than 999, the most: it is now 999."
    hold = editor.field("exercise", "hold")
    assert hold is not None
    hold.widget.setText("1m30s")
    assert hold.note.text() == "= 1 min 30 s"
    hold.widget.setText("5")
    assert hold.note.text() == "seconds"


def test_an_exercise_step_can_pick_one_of_the_pictures(qtbot: QtBot, context: AppContext) -> None:
    editor = RoutineEditor.for_new(context)
    qtbot.addWidget(editor)
    index = editor.add_step("exercise")
    field = editor.field("exercise", "image")
    assert field is not None and isinstance(field.widget, QComboBox)
    pictures = field.widget
    labels = [pictures.itemText(i) for i in range(pictures.count())]
    assert labels[0] == "No picture" and "Brow lift" in labels
    pictures.setCurrentIndex(labels.index("Brow lift"))
    assert editor.document.step(index)["image"] == "brow-lift.svg"
    assert not [p for p in editor.problems if "image" in p.message]
    pictures.setCurrentIndex(0)
    assert "image" not in editor.document.step(index)
