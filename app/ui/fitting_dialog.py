"""A dialog whose words scroll and which sizes itself to them, within the screen.

Qt caps a dialog at two thirds of the screen's height and squeezes its layout to fit, so
at large text on a small screen wrapped lines were cut short and OK fell off the bottom
(tests/ui/test_nothing_cut_off.py). Here the words live in a scroll area, the buttons
stay below it, and on first show the dialog is as tall as the words need, up to the
screen (app/ui/widgets.fit_dialog).
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QLayout, QScrollArea, QVBoxLayout, QWidget

from app.ui.wheel import wheel_scrolls_page
from app.ui.widgets import fit_dialog, scrolling

__all__ = ["FittingDialog"]


class FittingDialog(QDialog):
    """Put the words in ``self.words`` (a QVBoxLayout), then ``self.below(...)`` the
    buttons; ``width`` is the comfortable width to aim for."""

    def __init__(self, parent: QWidget | None = None, *, width: int = 520) -> None:
        super().__init__(parent)
        self._width = width
        body = QWidget()
        self.words = QVBoxLayout(body)
        self.words.setContentsMargins(0, 0, 8, 0)
        self.area: QScrollArea = scrolling(body)
        self._outer = QVBoxLayout(self)
        self._outer.addWidget(self.area, 1)
        self._below: list[QWidget | QLayout] = []
        self._fitted = False

    def below(self, item: QWidget | QLayout) -> None:
        """Add ``item`` under the scrolling words (the dialog's buttons)."""
        if isinstance(item, QLayout):
            self._outer.addLayout(item)
        else:
            self._outer.addWidget(item)
        self._below.append(item)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:
            self._fitted = True
            below = sum(item.sizeHint().height() + self._outer.spacing() for item in self._below)
            fit_dialog(self, self.area, self.words, below, self._width)
            wheel_scrolls_page(self)  # the wheel scrolls the words, never turns a field
        super().showEvent(event)
