"""The calm notice at the top of the window, with at most one action.

Messages the app has for the person (a damaged history restored, spoken cues off, a
reminder while a routine plays) appear here, not in a dialog: they wait, they don't
interrupt. A notice hides itself after a while, four times later when it offers an
action.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

__all__ = ["BANNER_MS", "Banner"]

BANNER_MS = 8000
"""How long a notice without an action stays."""


class Banner(QWidget):
    """``label`` says it, ``action`` (hidden without one) does it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("banner")
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Notice")
        self.label.hide()
        self.action = QPushButton()
        self.action.setObjectName("primary")
        self.action.hide()
        self.action.clicked.connect(self._clicked)
        self._callback: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide_notice)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 12, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.action)

    def show_notice(
        self, text: str, action: str = "", callback: Callable[[], None] | None = None
    ) -> None:
        self.label.setText(text)
        self.label.show()
        self._callback = callback
        self.action.setText(action)
        self.action.setAccessibleName(action)
        self.action.setVisible(bool(action and callback))
        self._timer.start(BANNER_MS * (4 if callback else 1))

    def hide_notice(self) -> None:
        self.label.hide()
        self.action.hide()
        self._callback = None

    def _clicked(self) -> None:
        callback = self._callback
        self.hide_notice()
        if callback is not None:
            callback()
