"""A number field that shows its range and says so when a typed number is outside it.

Qt's QSpinBox refuses a keystroke that would leave its range, silently: typing 20 into
"Cold compress minutes, 5 to 15" gave 2, then nothing. Here any number can be typed;
when the field is left (Tab, Enter, a click elsewhere) a number outside the range is
set to the nearest end and ``out_of_range`` says what happened, in plain words, for
the form to show next to the field.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QSpinBox, QWidget

__all__ = ["RangedSpinBox", "range_words"]


def range_words(low: int, high: int, unit: str = "") -> str:
    """ "1 to 999", "5 to 15 min": the range as a field shows it beside itself."""
    return f"{low} to {high}{f' {unit}' if unit else ''}"


def inset_text(spin: QAbstractSpinBox) -> None:
    """Keep the number off the box's left edge: a style sheet's padding moves a spin
    box's arrows but not its text, which touched the border."""
    line = spin.lineEdit()
    if line is not None:
        line.setTextMargins(4, 0, 0, 0)


class RangedSpinBox(QSpinBox):
    out_of_range = Signal(str)
    """A plain sentence: the number typed was outside the range, and what it became."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        inset_text(self)

    def _typed(self, text: str) -> int | None:
        cleaned = text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()
        try:
            return int(cleaned)
        except ValueError:
            return None

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        number = self._typed(text)
        if number is not None and not self.minimum() <= number <= self.maximum():
            return QValidator.State.Intermediate, text, pos  # typed: said on leaving
        return super().validate(text, pos)

    def fixup(self, text: str) -> str:
        number = self._typed(text)
        if number is None:
            return super().fixup(text)
        low, high = self.minimum(), self.maximum()
        if number > high:
            self.out_of_range.emit(f"{number} is more than {high}, the most: it is now {high}.")
            return self.textFromValue(high)
        if number < low:
            self.out_of_range.emit(f"{number} is less than {low}, the least: it is now {low}.")
            return self.textFromValue(low)
        return super().fixup(text)
