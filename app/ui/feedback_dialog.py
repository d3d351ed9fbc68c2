"""A short, skippable question after (and optionally before) a routine.

Everything is optional: Esc or "Skip" closes it without saving, Enter saves what was
chosen. Severity is the one 0-10 scale (app/ui/severity_scale.py: "0 none" to
"10 worst", as in the journal); the digit keys 0-9 pick one too, and the arrow keys move
along the row.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.ui.columns import ColumnsBox
from app.ui.fitting_dialog import FittingDialog
from app.ui.severity_scale import CHOICE_STYLE, SeverityScale

__all__ = ["FEELING_CHOICES", "FeedbackDialog"]

FEELING_CHOICES: tuple[tuple[str, str], ...] = (
    ("better", "Calmer"),
    ("same", "About the same"),
    ("worse", "More tense"),
)
"""(stored value, label) of "how did it feel"; the values are History.FEELINGS."""


class FeedbackDialog(FittingDialog):
    """Severity now, how it felt and a note; ``before=True`` asks the severity only."""

    def __init__(
        self, title: str = "", parent: QWidget | None = None, *, before: bool = False
    ) -> None:
        super().__init__(parent, width=560)
        self.before = before
        self.setObjectName("feedbackDialog")
        self.setWindowTitle("Before you start" if before else "How was it?")
        self.setModal(True)
        self.setStyleSheet(CHOICE_STYLE)

        self._outer.setContentsMargins(24, 20, 24, 20)
        layout = self.words
        layout.setSpacing(14)

        if before:
            heading = "Before you start" + (f": {title}" if title else "")
        else:
            heading = f"{title} is done" if title else "Well done"
        self.heading = QLabel(heading)
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        hint = QLabel(
            "All of this is optional. Enter saves, Esc skips."
            if not before
            else "Optional. Enter saves, Esc skips."
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)  # wider than the dialog at 200 %
        layout.addWidget(hint)

        question = QLabel(
            "How strong are the spasms right now?" if before else "How strong are the spasms now?"
        )
        question.setWordWrap(True)
        layout.addWidget(question)
        self.scale = SeverityScale(self)
        self.severity_group = self.scale.group
        self.severity_buttons = self.scale.buttons
        layout.addWidget(self.scale)

        self.feeling_buttons: dict[str, QPushButton] = {}
        self.note = QLineEdit()
        if not before:
            layout.addSpacing(4)
            layout.addWidget(QLabel("How did it feel?"))
            feelings = QHBoxLayout()
            choices: list[QPushButton] = []
            for feeling, label in FEELING_CHOICES:
                button = QPushButton(label)
                button.setCheckable(True)
                button.setAutoDefault(False)
                button.setProperty("choice", True)
                button.toggled.connect(lambda on, v=feeling: self._feeling_toggled(v, on))
                self.feeling_buttons[feeling] = button
                choices.append(button)
            # In one row they made the dialog wider than a 1024x600 screen at 200 %.
            feelings.addWidget(ColumnsBox(choices, most=len(choices)))
            feelings.addStretch(1)
            layout.addLayout(feelings)
            layout.addSpacing(4)
            note_label = QLabel("A note for yourself")
            note_label.setBuddy(self.note)
            layout.addWidget(note_label)
            self.note.setPlaceholderText("Anything you noticed (optional)")
            self.note.setAccessibleName("Note")
            self.note.setMaxLength(500)
            layout.addWidget(self.note)
        else:
            self.note.hide()

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.skip_button = QPushButton("Skip")
        self.skip_button.setAutoDefault(False)
        self.skip_button.setToolTip("Close without saving (Esc)")
        self.skip_button.clicked.connect(self.reject)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save (Enter)")
        self.save_button.clicked.connect(self.accept)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        self.below(buttons)

        # Focus on Save: a digit picks the severity, Enter saves, Esc skips.
        self.save_button.setFocus()

    # -- answers -----------------------------------------------------------------------

    def severity(self) -> int | None:
        return self.scale.value()

    def set_severity(self, value: int | None) -> None:
        self.scale.set_value(value)

    def feeling(self) -> str:
        for value, button in self.feeling_buttons.items():
            if button.isChecked():
                return value
        return ""

    def set_feeling(self, value: str) -> None:
        for key, button in self.feeling_buttons.items():
            button.setChecked(key == value)

    def result_values(self) -> tuple[int | None, str, str]:
        """(severity 0-10 or None, feeling value or "", note)."""
        return self.severity(), self.feeling(), self.note.text().strip()

    def _feeling_toggled(self, value: str, checked: bool) -> None:
        if not checked:
            return
        for key, button in self.feeling_buttons.items():
            if key != value and button.isChecked():
                button.setChecked(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        typing = self.note.hasFocus()
        if not typing and Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value:
            self.set_severity(key - Qt.Key.Key_0.value)
            return
        if not typing and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.scale.step(-1 if key == Qt.Key.Key_Left else 1)
            return
        super().keyPressEvent(event)

    # -- asking ------------------------------------------------------------------------

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> tuple[int | None, str, str] | None:
        """Ask after a routine; None when skipped (Esc or "Skip")."""
        dialog = cls(title, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_values()
        finally:
            dialog.deleteLater()

    @classmethod
    def ask_before(cls, parent: QWidget | None, title: str = "") -> int | None:
        """Ask the severity before a routine; None when skipped or not answered."""
        dialog = cls(title, parent, before=True)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.severity()
        finally:
            dialog.deleteLater()
