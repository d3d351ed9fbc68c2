"""The window's left column: the sections, and the three things always within reach
(when to seek help, reminders, settings)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

__all__ = ["Sidebar"]

_NAMES = {"When to seek help": "When to seek professional help"}
"""Accessible names where the button's words are shorter than its meaning."""


class Sidebar(QWidget):
    help_requested = Signal()
    reminders_requested = Signal()
    settings_requested = Signal()

    def __init__(self, pages: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Sections")
        self.nav.addItems(list(pages))
        self.nav.setSpacing(2)
        for row in range(self.nav.count()):
            self.nav.item(row).setSizeHint(QSize(0, 38))
        self.nav.setFixedWidth(190)
        brand = QLabel("Facewell")
        brand.setObjectName("brand")
        side = QVBoxLayout(self)
        side.setContentsMargins(14, 18, 14, 14)
        side.addWidget(brand)
        side.addSpacing(12)
        side.addWidget(self.nav, 1)
        buttons = (
            ("When to seek help", "When to seek professional help (F1)", self.help_requested),
            ("Reminders", "Gentle reminders at times you choose", self.reminders_requested),
            ("Settings", "Voice, sound, theme and text size (Ctrl+,)", self.settings_requested),
        )
        self.buttons: list[QPushButton] = []
        for text, tip, signal in buttons:
            button = QPushButton(text)
            self.buttons.append(button)
            button.setAccessibleName(_NAMES.get(text, text))
            button.setToolTip(tip)
            button.clicked.connect(signal.emit)
            side.addWidget(button)
