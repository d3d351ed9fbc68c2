"""The "Now playing" bar: a routine that plays on while you look at another page.

Leaving the player does not stop a routine (its voice goes on), so every other page
shows this bar with the routine, what it is doing and the time left, and two buttons:
Return (back to the player, Alt+R) and Stop. Esc stops it from any page (the window's shortcut,
enabled only while the bar shows). The words come from the player's snapshot; this
only lays them out, and asks for them once a second while it is visible.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

__all__ = ["NowPlayingBar"]

UPDATE_MS = 1000


class NowPlayingBar(QFrame):
    return_requested = Signal()
    stop_requested = Signal()

    def __init__(self, describe: Callable[[], str], parent: QWidget | None = None) -> None:
        """``describe``: the bar's words now ("Gentle face · Soft eye close · 4:12 left")."""
        super().__init__(parent)
        self.setObjectName("nowPlaying")
        self.setAccessibleName("Now playing")
        self._describe = describe
        self.label = QLabel()
        self.label.setObjectName("nowPlayingText")
        self.label.setWordWrap(True)
        self.return_button = QPushButton("&Return")  # Alt+R from any page
        self.return_button.setObjectName("primary")
        self.return_button.setAccessibleName("Return to the routine")
        self.return_button.setToolTip("Back to the routine that is playing (Alt+R)")
        self.return_button.clicked.connect(self.return_requested)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setAccessibleName("Stop the routine")
        self.stop_button.setToolTip("Stop the routine that is playing (Esc)")
        self.stop_button.clicked.connect(self.stop_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 12, 8)
        row.addWidget(self.label, 1)
        row.addWidget(self.return_button)
        row.addWidget(self.stop_button)
        self._timer = QTimer(self)
        self._timer.setInterval(UPDATE_MS)
        self._timer.timeout.connect(self.update_text)
        self.hide()

    def update_text(self) -> None:
        text = self._describe()
        self.label.setText(f"Now playing: {text}")
        self.setAccessibleDescription(text)

    def showEvent(self, event: object) -> None:
        self.update_text()
        self._timer.start()
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:
        self._timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]
