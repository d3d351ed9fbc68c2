"""The one-time, skippable question: which condition is yours?

Asked once, after the "not medical advice" note, so that routines can leave out
movements that may not suit the person (app/core/adapt.py). Skipping is an answer too:
the question is not asked again, and Settings can change it at any time.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.condition import CONDITION_HINTS, CONDITION_LABELS, Condition
from app.services.settings import Settings
from app.ui.widgets import fit_dialog, scrolling

__all__ = ["WHY", "ConditionDialog", "ConditionQuestion", "maybe_ask_condition"]

WHY = (
    "Some face movements can set off a spasm in one condition and be fine in another. "
    "If you tell Facewell which condition you have, routines leave out the movements "
    "that may not suit you, or offer a gentler one, and say so when they do."
)
PRIVATE = "Your answer stays on this computer. You can change it at any time in Settings."


class ConditionDialog(QDialog):
    """Four choices, Skip and Save; Save waits for a choice, Esc skips.

    The words scroll above the buttons, and the dialog sizes itself to them and to
    the screen when shown (app/ui/widgets.py, fit_dialog).
    """

    EMS_WIDE = 62
    """Its width in average characters, when the screen has room."""

    TITLE = "About your face"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conditionDialog")
        self.setWindowTitle(self.TITLE)
        self.setAccessibleName(self.TITLE)
        self.setModal(True)

        self.body = QWidget()
        layout = self._words = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(10)
        heading = QLabel("One question, if you like")
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        why = QLabel(WHY)
        why.setWordWrap(True)
        layout.addWidget(why)
        private = QLabel(PRIVATE)
        private.setObjectName("muted")
        private.setWordWrap(True)
        layout.addWidget(private)
        layout.addSpacing(4)
        question = QLabel("Which of these is closest to yours?")
        layout.addWidget(question)

        self.group = QButtonGroup(self)
        self.choices: dict[Condition, QRadioButton] = {}
        self._details: dict[QObject, QLabel] = {}
        for condition, label in CONDITION_LABELS.items():
            button = QRadioButton(label)
            hint = CONDITION_HINTS[condition]
            button.setAccessibleName(label)
            button.setAccessibleDescription(hint)
            self.group.addButton(button)
            self.choices[condition] = button
            detail = QLabel(hint)
            detail.setObjectName("muted")
            detail.setWordWrap(True)
            detail.setContentsMargins(button.iconSize().width() + 12, 0, 0, 4)
            layout.addWidget(button)
            layout.addWidget(detail)
            self._details[button] = detail
            button.installEventFilter(self)  # its hint is shown with it
        self.group.buttonToggled.connect(lambda *_: self._update())
        self.area = scrolling(self.body)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.skip_button = QPushButton("Skip")
        self.skip_button.setAccessibleName("Skip")
        self.skip_button.setAutoDefault(False)
        self.skip_button.setToolTip("Don't say: routines stay as they are (Esc)")
        self.skip_button.clicked.connect(self.reject)
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save")
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save your answer (Enter)")
        self.save_button.clicked.connect(self.accept)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        outer = self._outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 16, 20)
        outer.setSpacing(16)
        outer.addWidget(self.area, 1)
        outer.addLayout(buttons)
        self._fitted = False
        self._update()
        self.choices[Condition.BLEPHAROSPASM].setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:
            self._fitted = True
            self.fit_to_screen()
        super().showEvent(event)

    def fit_to_screen(self) -> None:
        """As wide as a comfortable line, as tall as its words, within the screen."""
        below = self._outer.spacing() + self.save_button.sizeHint().height()
        wide = self.fontMetrics().averageCharWidth() * self.EMS_WIDE
        fit_dialog(self, self.area, self._words, below, wide)

    def chosen(self) -> Condition | None:
        return next((c for c, button in self.choices.items() if button.isChecked()), None)

    def choose(self, condition: Condition) -> None:
        self.choices[condition].setChecked(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A choice that takes the focus scrolls into view with the hint under it (the
        area then shows the choice itself: app/ui/widgets.py, scrolling)."""
        detail = self._details.get(watched)
        if detail is not None and event.type() == QEvent.Type.FocusIn:
            self.area.ensureWidgetVisible(detail, 0, 8)
        return super().eventFilter(watched, event)

    def _update(self) -> None:
        self.save_button.setEnabled(self.chosen() is not None)


class ConditionQuestion:
    """Asks it. Tests replace ``ask`` so that no modal dialog opens."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> Condition | None:
        """The chosen condition, or None when skipped."""
        dialog = ConditionDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()


def maybe_ask_condition(parent: QWidget | None, settings: Settings) -> None:
    """Ask the first time only; a skip is remembered as an answer."""
    if settings.condition_asked:
        return
    settings.condition = ConditionQuestion.ask(parent)
