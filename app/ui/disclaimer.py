"""The one-time, friendly "not medical advice" note."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.tips import DISCLAIMER
from app.services.settings import Settings

__all__ = ["DisclaimerDialog", "maybe_show_disclaimer"]


class DisclaimerDialog:
    """Shows the note. Tests replace ``ask`` so that no modal dialog opens."""

    TITLE = "Welcome to Facewell"

    @classmethod
    def ask(cls, parent: QWidget | None) -> None:
        box = QMessageBox(parent)
        box.setWindowTitle(cls.TITLE)
        box.setIcon(QMessageBox.Icon.Information)
        box.setText("A gentle note before you begin")
        box.setInformativeText(DISCLAIMER)
        box.setAccessibleName(cls.TITLE)
        box.setAccessibleDescription(DISCLAIMER)
        ok = box.addButton("I understand", QMessageBox.ButtonRole.AcceptRole)
        ok.setAccessibleName("I understand")
        box.setDefaultButton(ok)
        box.exec()


def maybe_show_disclaimer(parent: QWidget | None, settings: Settings) -> None:
    """Show the note the first time only, then remember that it was seen."""
    if settings.disclaimer_seen:
        return
    DisclaimerDialog.ask(parent)
    settings.disclaimer_seen = True
