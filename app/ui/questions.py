"""The main window's questions and notes, each a message box of its own.

The window imports this module when it first asks, not when it opens: QMessageBox's
enums take a moment to build that the first frame should not wait for. Tests replace
``ask``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.seek_help import HelpNotice, Tier

__all__ = [
    "DiscardChangesQuestion",
    "KeepRemindersQuestion",
    "KeepRunningQuestion",
    "ReplaceRoutineQuestion",
    "SeekHelpNotice",
    "StopAndQuitQuestion",
]


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


class StopAndQuitQuestion:
    """Asked when the window closes while a timer runs and there is no tray to keep it
    in: closing would end the timer that tells a person to take a cold pack off."""

    @classmethod
    def ask(cls, parent: QWidget, what: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Stop and quit?")
        box.setText(f"{what} is still running. Stop it and quit Facewell?")
        quit_button = box.addButton("Stop and quit", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep it running", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        try:
            box.exec()
            return box.clickedButton() is quit_button
        finally:
            box.deleteLater()


class ReplaceRoutineQuestion:
    """Asked when Start is pressed on a routine while another one plays."""

    @classmethod
    def ask(cls, parent: QWidget, playing: str, wanted: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("A routine is playing")
        box.setText(f"{playing} is still playing. Stop it and start {wanted}?")
        start = box.addButton(f"Stop and start {wanted}", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(f"Go back to {playing}", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        try:
            box.exec()
            return box.clickedButton() is start
        finally:
            box.deleteLater()


class DiscardChangesQuestion:
    """Asked when the routine editor closes (Esc, Cancel, the title bar) with changes not
    saved: one key must not throw away a routine someone built step by step."""

    @classmethod
    def ask(cls, parent: QWidget, name: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Close without saving?")
        box.setText(f"Your changes to {name or 'this routine'} are not saved. Close and lose them?")
        close = box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        try:
            box.exec()
            return box.clickedButton() is close
        finally:
            box.deleteLater()


class SeekHelpNotice:
    """Shown when the journal finds a reason to seek help; tests replace ``ask`` (or
    ``QMessageBox.exec``).

    An urgent notice has its own title and the critical icon, and its text, which
    opens with "Call your emergency number now", comes before any calm words. The
    words are app.core.seek_help's.
    """

    @classmethod
    def build(cls, parent: QWidget, notice: HelpNotice) -> QMessageBox:
        box = QMessageBox(parent)
        box.setObjectName("seekHelpNotice")
        urgent = notice.tier is Tier.URGENT
        box.setIcon(QMessageBox.Icon.Critical if urgent else QMessageBox.Icon.NoIcon)
        box.setWindowTitle(notice.title)
        box.setText(notice.text)
        box.setInformativeText(notice.details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText("Show me the advice")
        return box

    @classmethod
    def ask(cls, parent: QWidget, notice: HelpNotice) -> None:
        box = cls.build(parent, notice)
        try:
            box.exec()
        finally:
            box.deleteLater()


class KeepRemindersQuestion:
    """Asked when the window closes and reminders are set: they only fire while
    Facewell runs, so closing would silence them."""

    @classmethod
    def ask(cls, parent: QWidget, has_tray: bool) -> bool:
        box = cls.box(parent, has_tray)
        box.exec()
        return box.clickedButton() is box.defaultButton()

    @classmethod
    def box(cls, parent: QWidget, has_tray: bool) -> QMessageBox:
        """The question, not shown yet (tests/ui/test_nothing_cut_off.py lays it out)."""
        where = "in the tray" if has_tray else "in the background (the window is minimised)"
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Keep your reminders?")
        box.setText(
            f"Your reminders only come while Facewell runs. Keep Facewell running {where} "
            "so they still come?"
        )
        keep = box.addButton("Keep reminders", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        return box
