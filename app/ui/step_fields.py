"""The routine editor's step panel: one form per step kind, built from tables of fields.

Which fields a kind has (durations, counts, choices) is data here, so a new field is a
row, not a widget by hand. `StepPages` fills a form from a step and says what the person
edited; the editor writes it into the document. Every input stands in a `Field` with a
calm error line of its own, so a problem shows right under the field at fault.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.durations import DurationError, format_duration, parse_duration
from app.core.words import STEP_KINDS
from app.ui.ranged_spin import RangedSpinBox, range_words
from app.ui.widgets import show_text

__all__ = ["PRESETS", "Field", "StepPages", "duration_value", "field_text", "form_label"]

PRESETS = (
    ("box", "Box 4-4-4-4"),
    ("4-7-8", "4-7-8"),
    ("coherent", "Coherent 5-5"),
    ("custom", "Custom"),
)
# Duration fields per kind: (key, label, required).
_DURATIONS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "breathing": (
        ("inhale", "Breathe in", True),
        ("hold", "Hold after in", False),
        ("exhale", "Breathe out", True),
        ("hold_after", "Hold after out", False),
        ("duration", "Breathe for", False),
    ),
    "exercise": (("hold", "Hold", True), ("rest", "Rest after each", False)),
    "meditation": (("duration", "Length", True), ("bell_every", "Bell every", False)),
    "compress": (("on", "On for", True), ("off", "Break between rounds", False)),
    "rest": (("duration", "Length", True),),
}
_COUNTS: dict[str, tuple[tuple[str, str], ...]] = {
    "breathing": (("cycles", "Breaths"),),
    "exercise": (("reps", "Repetitions"),),
    "compress": (("rounds", "Rounds"),),
}
_CHOICES: dict[str, tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]] = {
    "exercise": (("side", "Side", (("both", "Both"), ("left", "Left"), ("right", "Right"))),),
    "compress": (("temperature", "Temperature", (("cold", "Cold"), ("warm", "Warm"))),),
}
_HINT = 'Seconds (90) or "1m30s"'
SECONDS = "seconds"
COUNT_LOWEST, COUNT_HIGHEST = 1, 999


def picture_choices() -> list[tuple[str, str]]:
    """(file name, "Brow lift") for every picture that comes with Facewell, by name."""
    from app.resources import images_dir

    names = sorted(path.name for path in images_dir().glob("*.svg"))
    return [(name, name.removesuffix(".svg").replace("-", " ").capitalize()) for name in names]


def reading(text: str) -> str:
    """The unit beside a duration field: "seconds" for a plain number (or nothing yet),
    and how a written length reads ("1 min 30 s") otherwise."""
    text = text.strip()
    if not text or duration_value(text) != text:
        return SECONDS
    try:
        return f"= {format_duration(parse_duration(text))}"
    except DurationError:
        return ""


def duration_value(text: str) -> int | float | str:
    """What a duration field's text becomes in the file: a number when it is one."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def field_text(value: object) -> str:
    """A value from the file as a field shows it (no "None", no "5.0")."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def form_label(text: str) -> QLabel:
    """Form labels share one width, so the fields of both forms line up."""
    label = QLabel(text)
    label.setMinimumWidth(120)
    return label


class Field:
    """One input with its calm error line underneath, and beside it, when given, a
    short note: its unit or range ("seconds", "1 to 999")."""

    def __init__(self, widget: QWidget, label: str, note: str = "") -> None:
        self.widget = widget
        self.label = label
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(f"{label}: problem")
        self.error.hide()
        self.box = QWidget()
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.note = QLabel(note)
        self.note.setObjectName("muted")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(widget, 1)
        row.addWidget(self.note)
        self.note.setVisible(bool(note))
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.said = QLabel()  # what became of a number typed outside the range
        self.said.setObjectName("fieldError")
        self.said.setWordWrap(True)
        self.said.hide()
        layout.addWidget(self.said)
        widget.setAccessibleName(label)
        self._tip = widget.toolTip()

    def set_problem(self, message: str | None, key: str = "") -> None:
        if message:
            shown = message.removeprefix(f'"{key}": ') if key else message
            self.error.setText(shown[:1].upper() + shown[1:])
            self.widget.setToolTip(f"{self.label}: {shown}")
            self.error.show()
        else:
            self.error.clear()
            self.error.hide()
            self.widget.setToolTip(self._tip)


class StepPages(QStackedWidget):
    """A form per step kind, and a page that says what to do while no step is chosen."""

    duration_edited = Signal(str, str)
    """(key, text as typed) of a duration field."""
    value_edited = Signal(str, object)
    """(key, value) of a count or a choice."""
    preset_chosen = Signal(str)
    """A breathing pattern, one of PRESETS."""
    length_chosen = Signal(str)
    """How a breathing step is measured: "cycles" or "duration"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Step settings")
        self.fields: dict[tuple[str, str], Field] = {}
        self.empty = QLabel()
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.addWidget(self.empty)
        self._pages: dict[str, QWidget] = {}
        for kind in STEP_KINDS:
            page = self._kind_page(kind)
            self._pages[kind] = page
            self.addWidget(page)

    def _field(self, kind: str, key: str, widget: QWidget, label: str, note: str = "") -> Field:
        field = Field(widget, label, note)
        self.fields[(kind, key)] = field
        return field

    def _kind_page(self, kind: str) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        if kind == "breathing":
            self.preset_combo = QComboBox()
            for value, label in PRESETS:
                self.preset_combo.addItem(label, value)
            self.preset_combo.setAccessibleName("Breathing pattern")

            self.preset_combo.activated.connect(
                lambda i: self.preset_chosen.emit(str(self.preset_combo.itemData(i)))
            )
            form.addRow(form_label("Pattern"), self.preset_combo)
            self.length_combo = QComboBox()
            self.length_combo.addItem("A number of breaths", "cycles")
            self.length_combo.addItem("A length of time", "duration")
            self.length_combo.setAccessibleName("Breathe for")
            self.length_combo.activated.connect(
                lambda i: self.length_chosen.emit(str(self.length_combo.itemData(i)))
            )
            # Long pattern names elide rather than widen the panel past the dialog; the
            # length choice stays whole ("A number of breaths").
            self.preset_combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.preset_combo.setMinimumContentsLength(10)
        for key, label, _required in _DURATIONS[kind]:
            edit = QLineEdit()
            edit.setPlaceholderText(_HINT)
            edit.setToolTip(_HINT)
            field = self._field(kind, key, edit, label, SECONDS)
            edit.textEdited.connect(lambda t, k=key: self.duration_edited.emit(k, t))
            edit.textChanged.connect(lambda t, f=field: f.note.setText(reading(t)))
            if kind == "breathing" and key == "duration":
                form.addRow(form_label("Length by"), self.length_combo)
            form.addRow(form_label(label), field.box)
        for key, label in _COUNTS.get(kind, ()):
            spin = RangedSpinBox()
            spin.setRange(COUNT_LOWEST, COUNT_HIGHEST)
            spin.setMinimumHeight(32)
            spin.setMaximumWidth(160)
            spin.valueChanged.connect(lambda v, k=key: self.value_edited.emit(k, v))
            field = self._field(kind, key, spin, label, range_words(COUNT_LOWEST, COUNT_HIGHEST))
            spin.out_of_range.connect(lambda text, f=field: show_text(f.said, text))
            spin.lineEdit().textEdited.connect(lambda _t, f=field: f.said.hide())
            form.addRow(form_label(label), field.box)
        for key, label, options in _CHOICES.get(kind, ()):
            combo = QComboBox()
            for value, text in options:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(
                lambda _i, k=key, c=combo: self.value_edited.emit(k, c.currentData())
            )
            form.addRow(form_label(label), self._field(kind, key, combo, label).box)
        if kind == "exercise":  # one of the project's pictures, shown while it plays
            pictures = QComboBox()
            pictures.addItem("No picture", "")
            for name, label in picture_choices():
                pictures.addItem(label, name)
            pictures.currentIndexChanged.connect(
                lambda _i, c=pictures: self.value_edited.emit("image", c.currentData())
            )
            form.addRow(form_label("Picture"), self._field(kind, "image", pictures, "Picture").box)
        if kind == "meditation":
            self.guidance_note = QLabel()
            self.guidance_note.setObjectName("muted")
            self.guidance_note.setWordWrap(True)
            form.addRow(self.guidance_note)
        return page

    def show_step(self, kind: str, step: dict[str, Any], preset: str = "custom") -> None:
        """The form of ``kind`` filled in from ``step`` (the empty page for no kind);
        ``preset`` is the breathing pattern a breathing step's phases match."""
        self.setCurrentWidget(self._pages.get(kind) or self.empty)
        for key, _label, _required in _DURATIONS.get(kind, ()):
            edit = self.fields[(kind, key)].widget
            assert isinstance(edit, QLineEdit)
            edit.setText(field_text(step.get(key)))
        for key, _label in _COUNTS.get(kind, ()):
            spin = self.fields[(kind, key)].widget
            assert isinstance(spin, QSpinBox)
            value = step.get(key, 1)
            spin.setValue(value if isinstance(value, int) else 1)
        for key, _label, options in _CHOICES.get(kind, ()):
            combo = self.fields[(kind, key)].widget
            assert isinstance(combo, QComboBox)
            default = options[0][0] if key == "side" else ""
            combo.setCurrentIndex(combo.findData(step.get(key, default)))
        if kind == "exercise":
            pictures = self.fields[("exercise", "image")].widget
            assert isinstance(pictures, QComboBox)
            image = str(step.get("image", ""))
            if pictures.findData(image) < 0:  # a picture of the person's own: kept
                pictures.addItem(image, image)
            pictures.setCurrentIndex(pictures.findData(image))
        if kind == "breathing":
            self.show_preset(preset)
            by_time = "duration" in step and "cycles" not in step
            self.length_combo.setCurrentIndex(1 if by_time else 0)
            self.show_length_mode(by_time)
        if kind == "meditation":
            guidance = step.get("guidance")
            count = len(guidance) if isinstance(guidance, list) else 0
            self.guidance_note.setText(
                f"{count} spoken guidance line{'s' if count != 1 else ''} "
                "(kept as they are; edit them in the file)."
                if count
                else "Spoken guidance lines can be added in the file ([[steps.guidance]])."
            )

    def show_preset(self, preset: str) -> None:
        """Show the breathing pattern that the phases match now."""
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(preset))

    def show_length_mode(self, by_time: bool) -> None:
        """A breathing step lasts a number of breaths or a time: show that field only."""
        for key, visible in (("duration", by_time), ("cycles", not by_time)):
            field = self.fields[("breathing", key)]
            field.box.setVisible(visible)
            form = self._pages["breathing"].layout()
            assert isinstance(form, QFormLayout)
            label = form.labelForField(field.box)
            if label is not None:
                label.setVisible(visible)
