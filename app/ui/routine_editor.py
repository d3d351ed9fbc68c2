"""The routine editor: make a routine of your own without touching a file.

Edits go straight into a `RoutineDocument`, which changes only the keys touched, so a
hand-edited file keeps its comments and unknown keys. Every change is checked with the
same validation as `facewell check`; a problem is shown under the field at fault, and
Save stays disabled until there is none. Built-in routines open read-only, with
"Duplicate to edit".

How the window opens it (all return a dialog; call .open() or .exec()):

- ``RoutineEditor.for_new(context, parent)``: a new routine,
- ``RoutineEditor.for_duplicate(context, builtin_path, parent)``: a copy of a built-in,
- ``RoutineEditor.for_path(context, path, parent)``: a user routine (built-ins read-only).

Importing and exporting a routine file is app.ui.routine_files's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.durations import format_duration
from app.core.effort import caution_lines
from app.core.loader import Problem, RoutineError
from app.core.routine_doc import RoutineDocument, unique_path
from app.core.words import CATEGORY_LABELS, STEP_KIND_LABELS, STEP_KINDS
from app.paths import ensure_private_dir, routines_dir
from app.resources import images_dir
from app.ui.columns import ColumnsBox
from app.ui.context import AppContext
from app.ui.cue_preview import CuePreview, spoken_text
from app.ui.fitting_dialog import FittingDialog
from app.ui.problem_places import TOP, place_problems
from app.ui.routine_files import is_builtin
from app.ui.step_fields import Field, StepPages, duration_value, field_text, form_label
from app.ui.step_list import StepList, StepListModel
from app.ui.two_columns import TwoColumns
from app.ui.widgets import show_text

_COMMON = (("title", "Title"), ("instruction", "Instruction"), ("cue", "Spoken cue"))

_SHEET = """
QPushButton#primary:disabled {
    color: palette(placeholder-text); background: palette(button); border-color: palette(mid);
}
QListView#stepList::item { padding: 4px 6px; border-left: 4px solid transparent; }
QListView#stepList::item:selected {
    color: palette(text); background: palette(alternate-base);
    border-left: 4px solid palette(highlight);
}
"""


class RoutineEditor(FittingDialog):
    """Edit one routine document; emits `saved(path)` after writing it."""

    saved = Signal(Path)

    def __init__(
        self,
        context: AppContext,
        document: RoutineDocument,
        path: Path | None,
        parent: QWidget | None = None,
        *,
        read_only: bool | None = None,
    ) -> None:
        super().__init__(parent, width=920)
        self.context = context
        self.document = document
        self.path = path
        self.read_only = is_builtin(path) if read_only is None else read_only
        self.problems: list[Problem] = []
        self.dirty = False
        self._loading = False
        self._restructuring = False
        self.setObjectName("routineEditor")
        self.setWindowTitle("Routine editor")
        room = self.screen().availableGeometry()  # a small screen: fit it, then scroll
        self.setMinimumSize(min(920, room.width() - 32), min(640, room.height() - 48))
        self._fields: dict[tuple[str, str], Field] = {}
        self._build()
        self._load_all()
        if not self.read_only:  # the name first, chosen: typing replaces it
            self.name_edit.setFocus()
            self.name_edit.selectAll()

    # -- ways in ----------------------------------------------------------------------------

    @classmethod
    def for_new(
        cls, context: AppContext, parent: QWidget | None = None, name: str = "My routine"
    ) -> RoutineEditor:
        return cls(context, RoutineDocument.new(name), None, parent, read_only=False)

    @classmethod
    def for_path(
        cls, context: AppContext, path: Path, parent: QWidget | None = None
    ) -> RoutineEditor:
        """Open a routine file: a user's own to edit, a built-in read-only."""
        return cls(context, RoutineDocument.load(path), path, parent)

    @classmethod
    def for_duplicate(
        cls, context: AppContext, source: Path, parent: QWidget | None = None
    ) -> RoutineEditor:
        document = RoutineDocument.load(source)
        document.name = _copy_name(document.name)
        return cls(context, document, None, parent, read_only=False)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        outer = self.words
        self._outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)

        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        outer.addWidget(self.heading)

        self.banner = QFrame()
        self.banner.setObjectName("accentCard")
        banner_layout = QHBoxLayout(self.banner)
        banner_text = QLabel(
            "This is a built-in routine, so it stays as it is. "
            "Duplicate it to make a version of your own."
        )
        banner_text.setWordWrap(True)
        self.duplicate_button = QPushButton("Duplicate to edit")
        self.duplicate_button.setAccessibleName("Duplicate to edit")
        self.duplicate_button.clicked.connect(self.duplicate_to_edit)
        banner_layout.addWidget(banner_text, 1)
        banner_layout.addWidget(self.duplicate_button)
        outer.addWidget(self.banner)

        left_panel = QWidget()
        left = QVBoxLayout(left_panel)
        left.setContentsMargins(0, 0, 0, 0)
        about = QGroupBox("About this routine")
        form = QFormLayout(about)
        self.name_edit = QLineEdit()
        self.summary_edit = QLineEdit()
        self.category_combo = QComboBox()
        for value, label in CATEGORY_LABELS.items():
            self.category_combo.addItem(label, value)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("morning, evening")
        for key, label, widget in (
            ("name", "Name", self.name_edit),
            ("summary", "Summary", self.summary_edit),
            ("category", "Category", self.category_combo),
            ("tags", "Tags", self.tags_edit),
        ):
            form.addRow(label, self._field("", key, widget, label).box)
        self.name_edit.textEdited.connect(lambda t: self._set_top("name", t))
        self.summary_edit.textEdited.connect(lambda t: self._set_top("summary", t))
        self.category_combo.currentIndexChanged.connect(
            lambda _: self._set_top("category", self.category_combo.currentData())
        )
        self.tags_edit.textEdited.connect(
            lambda t: self._set_top("tags", [w.strip() for w in t.split(",") if w.strip()])
        )
        left.addWidget(about)

        steps_box = QGroupBox("Steps")
        steps_layout = QVBoxLayout(steps_box)
        self.step_model = StepListModel(self.document, self)
        self.step_model.rowsMoved.connect(self._on_rows_moved)
        self.step_list = StepList(self.step_model)
        self.step_list.setObjectName("stepList")
        self.step_list.setAccessibleName("Steps")
        self.step_list.setAccessibleDescription(
            "Drag to reorder, or press Alt+Up and Alt+Down to move the selected step."
        )
        self.step_list.current_row_changed.connect(self._on_row_changed)
        self.step_list.move_requested.connect(self.move_selected)
        steps_layout.addWidget(self.step_list, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add step")
        self.add_button.setAccessibleName("Add step")
        self.add_menu = QMenu(self.add_button)
        for kind in STEP_KINDS:
            action = self.add_menu.addAction(STEP_KIND_LABELS[kind])
            action.triggered.connect(lambda _=False, k=kind: self.add_step(k))
        self.add_button.setMenu(self.add_menu)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove step")
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton("Move up")
        self.up_button.setAccessibleName("Move step up")
        self.up_button.setToolTip("Alt+Up")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.setAccessibleName("Move step down")
        self.down_button.setToolTip("Alt+Down")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        step_tools = (self.add_button, self.remove_button, self.up_button, self.down_button)
        buttons.addWidget(ColumnsBox(step_tools, most=len(step_tools)))  # two rows at 200 %
        steps_layout.addLayout(buttons)
        left.addWidget(steps_box, 1)

        right_box = QGroupBox("Step")
        self.step_box = right_box
        # The fields are as tall and as wide as they need: the dialog's words scroll, and
        # the panel goes under the steps where the two don't fit side by side (a scroll
        # area of its own squeezed them to "Instru…" at 200 %, app/ui/two_columns.py).
        inner_layout = QVBoxLayout(right_box)
        self.step_problem = QLabel()
        self.step_problem.setObjectName("fieldError")
        self.step_problem.setWordWrap(True)
        self.step_problem.setAccessibleName("Step problem")
        self.step_problem.hide()
        inner_layout.addWidget(self.step_problem)
        self._common_fields = QWidget()  # hidden while no step is chosen
        common = QFormLayout(self._common_fields)
        common.setContentsMargins(0, 0, 0, 0)
        self.title_edit = QLineEdit()
        self.instruction_edit = QPlainTextEdit()
        self.instruction_edit.setTabChangesFocus(True)
        self.instruction_edit.setFixedHeight(72)
        self.cue_edit = QLineEdit()
        self.cue_edit.setPlaceholderText("Optional: else title and instruction")
        for key, label in _COMMON:
            common_widget: QWidget = {
                "title": self.title_edit,
                "instruction": self.instruction_edit,
            }.get(key, self.cue_edit)
            common.addRow(form_label(label), self._field("*", key, common_widget, label).box)
        self.title_edit.textEdited.connect(lambda t: self._set_step("title", t, keep=True))
        self.cue_edit.textEdited.connect(lambda t: self._set_step("cue", t))
        self.instruction_edit.textChanged.connect(
            lambda: self._set_step("instruction", self.instruction_edit.toPlainText())
        )
        inner_layout.addWidget(self._common_fields)

        self.step_pages = StepPages()
        self.step_pages.duration_edited.connect(lambda k, t: self._set_step(k, t, duration=True))
        self.step_pages.value_edited.connect(self._set_step)
        self.step_pages.preset_chosen.connect(self._on_preset)
        self.step_pages.length_chosen.connect(self._on_length_mode)
        inner_layout.addWidget(self.step_pages)

        self.cue_preview = CuePreview(self.context, self.preview_text)
        inner_layout.addWidget(self.cue_preview)
        inner_layout.addStretch(1)
        outer.addWidget(TwoColumns(left_panel, right_box, stretch=(2, 3)), 1)

        bottom = QHBoxLayout()
        status = QVBoxLayout()
        self.total_label = QLabel()
        self.total_label.setObjectName("sectionTitle")
        self.total_label.setAccessibleName("Total length")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("fieldError")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Problems")
        # Cautions (app/core/effort.py) only warn: a therapist may have asked for more.
        self.cautions_label = QLabel()
        self.cautions_label.setObjectName("muted")
        self.cautions_label.setWordWrap(True)
        self.cautions_label.setAccessibleName("Worth a second look")
        self.cautions_label.hide()
        status.addWidget(self.total_label)
        status.addWidget(self.summary_label)
        status.addWidget(self.cautions_label)
        bottom.addLayout(status, 1)
        self.close_button = QPushButton("Cancel")
        self.close_button.setAccessibleName("Close without saving")
        self.close_button.clicked.connect(self.reject)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("primary")
        self.save_button.setAccessibleName("Save routine")
        self.save_button.clicked.connect(self._save_and_close)
        bottom.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)
        bottom.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.below(bottom)
        # A disabled Save looks it (problems take the theme's error colour, app/ui/theme.py).
        self.setStyleSheet(_SHEET)

    def _field(self, kind: str, key: str, widget: QWidget, label: str) -> Field:
        field = Field(widget, label)
        self._fields[(kind, key)] = field
        return field

    def field(self, kind: str, key: str) -> Field | None:
        """The input of ``key``: ``kind`` "" for the routine's own fields, "*" for those
        every step has, else a step kind's."""
        return self._fields.get((kind, key)) or self.step_pages.fields.get((kind, key))

    # -- filling in -------------------------------------------------------------------------

    def _load_all(self) -> None:
        self._loading = True
        try:
            doc = self.document
            self.heading.setText(
                f"{doc.name} (built-in)"
                if self.read_only
                else ("Edit routine" if self.path else "New routine")
            )
            self.name_edit.setText(doc.name)
            self.summary_edit.setText(doc.summary)
            index = self.category_combo.findData(doc.category)
            self.category_combo.setCurrentIndex(max(0, index))
            self.tags_edit.setText(", ".join(doc.tags))
            self.step_model.set_editable(not self.read_only)
            self.step_model.reload()
        finally:
            self._loading = False
        if len(self.document):
            self.step_list.setCurrentRow(0)
        else:
            self._load_step(-1)
        self.banner.setVisible(self.read_only)
        editable = not self.read_only
        for widget in (
            self.name_edit,
            self.summary_edit,
            self.category_combo,
            self.tags_edit,
            self.add_button,
            self.title_edit,
            self.instruction_edit,
            self.cue_edit,
            self.step_pages,
        ):
            widget.setEnabled(editable)
        self._update_step_buttons()
        self.step_list.setDragDropMode(
            QAbstractItemView.DragDropMode.InternalMove
            if editable
            else QAbstractItemView.DragDropMode.NoDragDrop
        )
        self.save_button.setVisible(editable)
        self.close_button.setText("Cancel" if editable else "Close")
        self._revalidate()

    def _load_step(self, index: int) -> None:
        self._loading = True
        try:
            has_step = 0 <= index < len(self.document)
            step = self.document.step(index) if has_step else {}
            kind = str(step.get("kind", ""))
            self.step_box.setTitle(
                f"Step {index + 1}: {STEP_KIND_LABELS.get(kind, kind or '?')}"
                if has_step
                else "Step"
            )
            self.title_edit.setText(field_text(step.get("title")))
            self.instruction_edit.setPlainText(field_text(step.get("instruction")))
            self.cue_edit.setText(field_text(step.get("cue")))
            breathing = kind == "breathing"
            self.step_pages.show_step(
                kind, step, self.document.breathing_preset(index) if breathing else "custom"
            )
            self._common_fields.setVisible(has_step)
            self.cue_preview.button.setVisible(has_step)
            self.step_pages.empty.setText(
                "Pick a step from the list to set it up here."
                if len(self.document)
                else "No steps yet. Choose Add step to add the first one."
            )
            self.cue_preview.label.clear()
        finally:
            self._loading = False
        self._update_step_buttons()
        self._show_problems()

    def _update_step_buttons(self) -> None:
        """Remove and Move act on the chosen step, so they wait for one (and for room)."""
        row, count = self.step_list.currentRow(), self.step_model.rowCount()
        chosen = not self.read_only and 0 <= row < count
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < count - 1)

    # -- changes ----------------------------------------------------------------------------

    def _set_top(self, key: str, value: Any) -> None:
        if self._loading or self.read_only:
            return
        setattr(self.document, key, value)
        if key == "name":
            self.heading.setText("Edit routine" if self.path else "New routine")
        self._changed()

    def _set_step(
        self, key: str, value: Any, *, duration: bool = False, keep: bool = False
    ) -> None:
        index = self.step_list.currentRow()
        if self._loading or self.read_only or index < 0:
            return
        if isinstance(value, str):
            text = value if keep else value.strip()
            if not text and not keep:
                self.document.remove_field(index, key)
            else:
                self.document.set_field(index, key, duration_value(text) if duration else text)
        else:
            self.document.set_field(index, key, value)
        if self.document.step(index).get("kind") == "breathing" and key in (
            "inhale",
            "hold",
            "exhale",
            "hold_after",
        ):
            self.step_pages.show_preset(self.document.breathing_preset(index))
        self._changed()

    def _on_preset(self, preset: str) -> None:
        index = self.step_list.currentRow()
        if self.read_only or index < 0:
            return
        self.document.apply_breathing_preset(index, preset)
        self._load_step(index)
        self._changed()

    def _on_length_mode(self, mode: str) -> None:
        index = self.step_list.currentRow()
        if self.read_only or index < 0:
            return
        step = self.document.step(index)
        if mode == "duration":
            self.document.remove_field(index, "cycles")
            if "duration" not in step:
                self.document.set_field(index, "duration", "2m")
        else:
            self.document.remove_field(index, "duration")
            if "cycles" not in step:
                self.document.set_field(index, "cycles", 6)
        self._load_step(index)
        self._changed()

    def _changed(self) -> None:
        self.dirty = True
        self._revalidate()

    def _revalidate(self) -> None:
        label = str(self.path) if self.path else "new routine"
        try:
            routine = self.document.parse(label, image_dirs=self._image_dirs())
            self.problems = []
        except RoutineError as exc:
            routine, self.problems = None, list(exc.problems)
        self.total_label.setText(
            f"Total: {format_duration(routine.total_seconds)}" if routine else "Total: —"
        )
        cautions = caution_lines(routine) if routine else []
        show_text(self.cautions_label, "\n".join(["Worth a second look:", *cautions][: 1 + 8]))
        self.cautions_label.setVisible(bool(cautions))
        self.step_model.refresh(self.problems)
        self._show_problems()
        self.save_button.setEnabled(not self.problems and not self.read_only)

    def _image_dirs(self) -> tuple[Path, ...]:
        folder = self.path.parent if self.path else routines_dir(self.context.data_dir)
        return (folder, images_dir())

    def _show_problems(self) -> None:
        current = self.step_list.currentRow()
        kind = str(self.document.step(current).get("kind", "")) if current >= 0 else ""
        for each in (*self._fields.values(), *self.step_pages.fields.values()):
            each.set_problem(None)

        def field(index: int, key: str) -> Field | None:
            if index == TOP:
                return self.field("", key)
            return self.field(kind, key) or self.field("*", key)

        places = place_problems(
            self.problems, current, field, lambda each: each.box.isVisibleTo(self)
        )
        for each, message, key in places.fields:
            each.set_problem(message, key)
        show_text(self.step_problem, places.step)
        show_text(self.summary_label, places.summary)

    # -- steps ------------------------------------------------------------------------------

    def add_step(self, kind: str) -> int:
        if self.read_only:
            return -1
        current = self.step_list.currentRow()
        index = self.step_model.insert_step(kind, current + 1 if current >= 0 else None)
        self._changed()
        self.step_list.setCurrentRow(index)
        return index

    def remove_selected(self) -> None:
        row = self.step_list.currentRow()
        if self.read_only or row < 0:
            return
        # The list moves its current row off the step as it goes; the panel waits for
        # the step that takes its place (or the last one), and loads once.
        self._restructuring = True
        try:
            self.step_model.remove_step(row)
            self._changed()
            self.step_list.setCurrentRow(min(row, self.step_model.rowCount() - 1))
        finally:
            self._restructuring = False
        self._load_step(self.step_list.currentRow())

    def move_selected(self, delta: int) -> None:
        row = self.step_list.currentRow()
        target = row + delta
        if self.read_only or row < 0 or not 0 <= target < self.step_model.rowCount():
            return
        self.step_model.move_step(row, target)  # the current row moves with it
        self.step_list.setCurrentRow(target)

    def _on_rows_moved(
        self,
        _parent: QModelIndex | QPersistentModelIndex,
        _start: int,
        _end: int,
        _destination: QModelIndex | QPersistentModelIndex,
        _row: int,
    ) -> None:
        """A step moved in the document (a drop, a button, Alt+Up/Down): check it again,
        and show the current step under its new number."""
        self._changed()
        self._load_step(self.step_list.currentRow())

    def _on_row_changed(self, row: int) -> None:
        if not self._restructuring:
            self._load_step(row)

    # -- preview, duplicate, save -----------------------------------------------------------

    def preview_text(self) -> str:
        """What is said when the selected step starts: its cue, else title and instruction."""
        row = self.step_list.currentRow()
        return spoken_text(self.document.step(row)) if row >= 0 else ""

    def duplicate_to_edit(self) -> None:
        """Turn a read-only built-in into an unsaved copy of one's own."""
        if not self.read_only:
            return
        self.document.name = _copy_name(self.document.name)
        self.path = None
        self.read_only = False
        self.dirty = True
        self._load_all()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def save(self) -> Path | None:
        """Write the routine; None (and nothing written) while it has problems."""
        self._revalidate()
        if self.problems or self.read_only:
            return None
        if self.path is None:
            folder = ensure_private_dir(routines_dir(self.context.data_dir))
            path = unique_path(folder, self.document.name)
        else:
            path = self.path
        self.document.save(path)
        self.path = path
        self.dirty = False
        self.heading.setText("Edit routine")
        self.saved.emit(path)
        return path

    def _save_and_close(self) -> None:
        if self.save() is not None:
            self.accept()

    def reject(self) -> None:
        """Esc, Cancel and the title bar's close ask first when there are changes."""
        from app.ui.questions import DiscardChangesQuestion

        if not self.dirty or self.read_only or DiscardChangesQuestion.ask(self, self.document.name):
            super().reject()


def _copy_name(name: str) -> str:
    return f"{name} (my copy)" if name else "My routine"
