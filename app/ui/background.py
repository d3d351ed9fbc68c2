"""Facewell without its window: started hidden at login, or kept on when closed.

Reminders fire only while Facewell runs (docs/desktop.md, background mode). Where a
system tray exists the window hides into it; where none does (GNOME without the
AppIndicator extension) it is minimised instead, never hidden into a missing tray.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.reminder_desk import ReminderDesk


def tray_exists() -> bool:
    from PySide6.QtWidgets import QSystemTrayIcon

    return QSystemTrayIcon.isSystemTrayAvailable()


def start_hidden(window: MainWindow) -> None:
    """No window on screen; the services and reminders start at once all the same."""
    if tray_exists():
        window.start_without_frame()
    else:
        window.showMinimized()  # its fallback timer starts the services unpainted


def keep_reminders_on_close(window: MainWindow, desk: ReminderDesk, has_tray: bool) -> bool:
    """Closing with reminders set: ask whether to keep them; True when kept (the window
    is then hidden into the tray, or minimised)."""
    if not desk.has_reminders():
        return False
    from app.ui.questions import KeepRemindersQuestion

    if not KeepRemindersQuestion.ask(window, has_tray):
        return False
    if has_tray:
        window.hide()
    else:
        window.showMinimized()
    return True
