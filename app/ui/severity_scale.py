"""The one 0-10 severity scale, as every page that asks for a rating shows it.

Eleven buttons from 0 to 10 with the same words under the ends ("0 none", "10 worst",
from app.core.vocabulary), used by the after-routine question and the journal alike, so a
7 means the same wherever it was given. Nothing is chosen until the person picks a
number, and a second click on the chosen one, or Delete, clears it: a rating is saved
only when it was given. Space and Enter choose and never clear (a person who presses
Space again to be sure must not lose the number).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QSize, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.vocabulary import (
    SEVERITY_HIGHEST,
    SEVERITY_LOWEST,
    severity_anchor,
    severity_words,
)
from app.ui.columns import least_width

__all__ = ["CHOICE_STYLE", "SeverityScale"]

# The theme has no look for a pressed-in toggle button; this one follows its palette.
CHOICE_STYLE = """
QPushButton[choice="true"] { padding: 4px 8px; }
QPushButton[choice="true"]:checked {
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight);
}
"""

_DIGITS = {f"{n}": n for n in range(10)}


class SeverityScale(QWidget):
    """A row of 0-10 toggle buttons, at most one chosen, with the anchor words below.

    Digit keys 0-9 and the arrow keys choose while a button has focus (an arrow from
    nothing starts in the middle).
    """

    changed = Signal()
    """The chosen rating changed (to a number or to none)."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "Severity") -> None:
        super().__init__(parent)
        self.setObjectName("severityScale")
        self.setAccessibleName(f"{name}, {SEVERITY_LOWEST} to {SEVERITY_HIGHEST}")
        self.setStyleSheet(CHOICE_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._grid = QGridLayout()
        self._grid.setSpacing(4)
        self._rows = 0
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.buttons: list[QPushButton] = []
        for value in range(SEVERITY_LOWEST, SEVERITY_HIGHEST + 1):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setProperty("choice", True)
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("10") + 14)
            button.setAccessibleName(f"{name} {value} of {SEVERITY_HIGHEST}")
            button.setToolTip(f"{value}: {severity_words(value)} (Delete clears)")
            button.installEventFilter(self)
            self.group.addButton(button, value)
            self.buttons.append(button)
        self._place(1)
        self.group.idToggled.connect(self._toggled)
        layout.addLayout(self._grid)
        ends = QHBoxLayout()
        self.low = QLabel(severity_anchor(SEVERITY_LOWEST))
        self.low.setObjectName("muted")
        self.high = QLabel(severity_anchor(SEVERITY_HIGHEST))
        self.high.setObjectName("muted")
        ends.addWidget(self.low)
        ends.addStretch(1)
        ends.addWidget(self.high)
        layout.addLayout(ends)

    # -- one row, or two when the row does not fit (large text, a small window) ----------

    def _row_width(self, per_row: int) -> int:
        # As the grid reckons them, and never below the words' need ("10" at 150 %).
        button = max(max(least_width(b), b.minimumSizeHint().width()) for b in self.buttons)
        return per_row * button + (per_row - 1) * self._grid.spacing()

    def _place(self, rows: int) -> None:
        if rows == self._rows:
            return
        self._rows = rows
        per_row = math.ceil(len(self.buttons) / rows)
        for button in self.buttons:
            self._grid.removeWidget(button)
        for index, button in enumerate(self.buttons):
            self._grid.addWidget(button, index // per_row, index % per_row)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        two_rows = self._row_width(math.ceil(len(self.buttons) / 2))
        return QSize(
            max(two_rows, self.low.sizeHint().width() + self.high.sizeHint().width()), hint.height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def event(self, event: QEvent) -> bool:
        """The buttons asked for another size (polished by the style sheet once shown,
        after the first resize): the row is measured again at this width."""
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self._fit(self.width())
        return super().event(event)

    def _fit(self, width: int) -> None:
        self._place(1 if width >= self._row_width(len(self.buttons)) else 2)

    def value(self) -> int | None:
        """The chosen rating, or None when none was chosen."""
        value = self.group.checkedId()
        return None if value < 0 else value

    def set_value(self, value: int | None) -> None:
        """Choose ``value`` (None clears the choice)."""
        for button in self.buttons:
            button.setChecked(value is not None and self.group.id(button) == value)

    def step(self, by: int) -> None:
        """Move the choice by ``by`` (from nothing: start in the middle), within 0-10."""
        current = self.value()
        start = (SEVERITY_LOWEST + SEVERITY_HIGHEST) // 2 if current is None else current + by
        self.set_value(max(SEVERITY_LOWEST, min(SEVERITY_HIGHEST, start)))
        chosen = self.value()
        if chosen is not None and any(b.hasFocus() for b in self.buttons):
            self.buttons[chosen - SEVERITY_LOWEST].setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space on the chosen button keeps it chosen (Qt's toggle would clear it)."""
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and isinstance(
            event, QKeyEvent
        ):
            from PySide6.QtCore import Qt

            if event.key() == Qt.Key.Key_Space and isinstance(watched, QPushButton):
                return watched.isChecked()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
        elif event.text() in _DIGITS:
            self.set_value(_DIGITS[event.text()])
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step(-1 if event.key() == Qt.Key.Key_Left else 1)
        else:
            super().keyPressEvent(event)

    def _toggled(self, value: int, checked: bool) -> None:
        if checked:
            for button in self.buttons:
                if self.group.id(button) != value and button.isChecked():
                    button.setChecked(False)
        self.changed.emit()
