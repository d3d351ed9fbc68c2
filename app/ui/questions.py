"""The main window's questions and notes, each a message box of its own.

The window imports this module when it first asks, not when it opens: QMessageBox's
enums take a moment to build that the first frame should not wait for. Tests replace
``ask``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["KeepRunningQuestion", "SeekHelpNotice"]


class KeepRunningQuestion:
    """Asked when the window closes while a timer runs and a tray exists."""

    @classmethod
    def ask(cls, parent: QWidget) -> bool:
        answer = QMessageBox.question(
            parent,
            "Keep the timer running?",
            "A timer is still running. Keep it running in the tray?\n\n"
            "Choose No to stop it and quit.",
        )
        return answer == QMessageBox.StandardButton.Yes


class SeekHelpNotice:
    """Shown when the journal finds a reason to see a doctor; tests replace ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, message: str) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.NoIcon)
        box.setWindowTitle("A gentle note")
        box.setText(message)
        box.setInformativeText(
            "This is not an emergency message. The advice on when to seek professional "
            "help opens next; it is always one click away."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText("Show me the advice")
        box.exec()
