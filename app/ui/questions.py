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


def _choose(
    parent: QWidget, title: str, text: str, go: str, keep: str, role: QMessageBox.ButtonRole
) -> bool:
    """A question with two worded buttons; the one that keeps things as they are is the
    default and Esc's. True when ``go`` was chosen."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    go_button = box.addButton(go, role)
    keep_button = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep_button)
    box.setEscapeButton(keep_button)
    try:
        box.exec()
        return box.clickedButton() is go_button
    finally:
        box.deleteLater()


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
        return _choose(
            parent,
            "Stop and quit?",
            f"{what} is still running. Stop it and quit Facewell?",
            "Stop and quit",
            "Keep it running",
            QMessageBox.ButtonRole.DestructiveRole,
        )


class ReplaceRoutineQuestion:
    """Asked when Start is pressed on a routine while another one plays."""

    @classmethod
    def ask(cls, parent: QWidget, playing: str, wanted: str) -> bool:
        return _choose(
            parent,
            "A routine is playing",
            f"{playing} is still playing. Stop it and start {wanted}?",
            f"Stop and start {wanted}",
            f"Go back to {playing}",
            QMessageBox.ButtonRole.AcceptRole,
        )


class DiscardChangesQuestion:
    """Asked when the routine editor closes (Esc, Cancel, the title bar) with changes not
    saved: one key must not throw away a routine someone built step by step."""

    @classmethod
    def ask(cls, parent: QWidget, name: str) -> bool:
        return _choose(
            parent,
            "Close without saving?",
            f"Your changes to {name or 'this routine'} are not saved. Close and lose them?",
            "Close without saving",
            "Keep editing",
            QMessageBox.ButtonRole.DestructiveRole,
        )


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
