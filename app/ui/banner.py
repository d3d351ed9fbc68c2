"""The calm notice that floats over the page, with at most one action.

Messages the app has for the person (a damaged history restored, a routine saved, a
reminder while a routine plays) appear here, not in a dialog: they wait, they don't
interrupt. The notice floats over the page instead of pushing it down, so nothing the
person is reading or about to click moves (app/ui/floating.py). It hides itself after a
while, four times later when it offers an action; Dismiss hides it at once. What the
sound can't do during a routine is not a notice: the player says it in its page
(app/ui/player_page.py), for the whole routine.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from app.ui.floating import FootOf

__all__ = ["BANNER_MS", "Banner"]

BANNER_MS = 8000
"""How long a notice without an action stays."""

_WORDS_AT_LEAST = 0.5
"""The share of the notice's width its words keep when the buttons sit beside them."""

_ANY_WIDTH = 16777215  # Qt's QWIDGETSIZE_MAX


class Banner(QFrame):
    """``label`` says it, ``action`` (hidden without one) does it, ``dismiss`` hides it.

    Give it the window's page stack with ``float_over``; it follows the stack's size and
    its current page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)  # opaque over the page in every theme
        self.setAccessibleName("Notice")
        self.label = QLabel()
        self.label.setObjectName("banner")
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Notice")
        self.action = QPushButton()
        self.action.setObjectName("primary")
        self.action.hide()
        self.action.clicked.connect(self._clicked)
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setAccessibleName("Dismiss the notice")
        self.dismiss.clicked.connect(self.hide_notice)
        self._callback: Callable[[], None] | None = None
        self._foot: FootOf | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide_notice)
        # The buttons sit beside the words, or under them (on the right) when beside
        # would leave the words too narrow: at large text, or in a small window.
        self._buttons = QWidget()
        buttons = QHBoxLayout(self._buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.action)
        buttons.addWidget(self.dismiss)
        self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._row.setContentsMargins(4, 4, 8, 4)
        self._row.addWidget(self.label, 1)
        self._row.addWidget(self._buttons)
        self.hide()

    def float_over(self, stack: QStackedWidget) -> None:
        """Float over ``stack``'s current page; the notice's parent must hold the stack."""
        self._foot = FootOf(self, stack.currentWidget, [stack], self._arrange)
        stack.currentChanged.connect(lambda _index: self.place())

    def show_notice(
        self,
        text: str,
        action: str = "",
        callback: Callable[[], None] | None = None,
    ) -> None:
        self.label.setText(text)
        self._callback = callback
        self.action.setText(action)
        self.action.setAccessibleName(action)
        self.action.setVisible(bool(action and callback))
        self._timer.start(BANNER_MS * (4 if callback else 1))
        self.show()
        self.place()  # again when already shown: other words, another height

    def hide_notice(self) -> None:
        self._timer.stop()
        self._callback = None
        self.hide()

    def place(self) -> None:
        if self._foot is not None:
            self._foot.place()

    def _arrange(self, width: int) -> None:
        beside = self._buttons.sizeHint().width()
        under = width - beside < width * _WORDS_AT_LEAST
        self._row.setDirection(
            QBoxLayout.Direction.TopToBottom if under else QBoxLayout.Direction.LeftToRight
        )
        self._buttons.setMaximumWidth(_ANY_WIDTH if under else beside)

    def _clicked(self) -> None:
        callback = self._callback
        self.hide_notice()
        if callback is not None:
            callback()
