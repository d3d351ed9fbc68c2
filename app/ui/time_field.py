"""A time field that takes a time as people type it and says why when it can't.

Qt's QTimeEdit only takes digits into its selected part: clicked into, or after
Ctrl+A, typing "0730" left 20:00, and "25" was refused without a word. This field reads
the whole text (app/core/time_of_day.py) when the field is left or its form accepted,
not while typing ("2" on the way to "25" is no time anyone meant). A text that is not a
time stays as typed and ``problem`` says why, for the form to show beside it (and the
dialog not to close on a time it didn't take). Up and Down move it by five
minutes, Page Up and Page Down by an hour, as a spin box would.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from app.core.time_of_day import TimeOfDayError, format_time_of_day, parse_time_of_day

__all__ = ["TimeField"]

_STEPS = {"Up": 5, "Down": -5, "PageUp": 60, "PageDown": -60}
"""Minutes a key moves the time."""


def _moved(value: dt.time, minutes: int) -> dt.time:
    moved = dt.datetime.combine(dt.date(2000, 1, 1), value) + dt.timedelta(minutes=minutes)
    return moved.time()  # round the clock: 23:55 and five minutes is 00:00


class TimeField(QLineEdit):
    timeChanged = Signal(QTime)
    """A new time was taken (typed, stepped or set)."""
    problem = Signal(str)
    """Why the text is not a time, in plain words; "" once it is one again."""

    def __init__(self, value: QTime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._time = dt.time(value.hour(), value.minute())
        self._problem = ""
        self.setText(format_time_of_day(self._time))
        self.setPlaceholderText("HH:MM")
        self.setToolTip(
            "Type a time such as 7:30, 0730, 19:45 or 7pm; "
            "Up and Down move it by 5 minutes, Page Up and Page Down by an hour"
        )
        self.setMaxLength(12)
        self.editingFinished.connect(self.commit)

    def time(self) -> QTime:
        """The last time taken: what the form saves."""
        return QTime(self._time.hour, self._time.minute)

    def setTime(self, value: QTime) -> None:  # QTimeEdit's name, kept for the dialogs
        self._take(dt.time(value.hour(), value.minute()))
        self.setText(format_time_of_day(self._time))

    def problem_text(self) -> str:
        """Why the text, as it stands, was not taken ("" when it was)."""
        return self._problem

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        names = {
            Qt.Key.Key_Up: "Up",
            Qt.Key.Key_Down: "Down",
            Qt.Key.Key_PageUp: "PageUp",
            Qt.Key.Key_PageDown: "PageDown",
        }
        step = _STEPS.get(names.get(Qt.Key(event.key()), ""))
        if step is None:
            super().keyPressEvent(event)
            return
        try:  # from the time typed so far, if it is one
            start = parse_time_of_day(self.text())
        except TimeOfDayError:
            start = self._time
        moved = _moved(start, step)
        self._take(moved)
        self.setText(format_time_of_day(moved))
        self.selectAll()

    def commit(self) -> bool:
        """Take the text as it stands (the field is left, or its form is accepted);
        whether it was a time. When not, ``problem`` says why and the text stays."""
        try:
            value = parse_time_of_day(self.text())
        except TimeOfDayError as error:
            shown = format_time_of_day(self._time)
            self._say(f"{error} The time is still {shown}.")
            return False
        self._take(value)
        self.setText(format_time_of_day(value))
        return True

    def _take(self, value: dt.time) -> None:
        self._say("")
        if value != self._time:
            self._time = value
            self.timeChanged.emit(self.time())

    def _say(self, problem: str) -> None:
        if problem != self._problem:
            self._problem = problem
            self.problem.emit(problem)
