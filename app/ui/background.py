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


def stays_on_close(window: MainWindow, running_name: str) -> bool:
    """A close the person did not mean as quitting: True when the window stays (kept
    open, hidden into the tray, or minimised), because a timer runs or reminders are
    set and the person chose to keep them. ``running_name``: what the close would stop."""
    has_tray = window.tray is not None and window.tray.available
    if window.timer_running():
        from app.ui.questions import KeepRunningQuestion, StopAndQuitQuestion

        if has_tray and KeepRunningQuestion.ask(window):
            window.hide()
            return True
        # No tray to keep it in: the window stays unless the person stops it.
        return not has_tray and not StopAndQuitQuestion.ask(window, running_name)
    desk = window.reminder_desk
    return desk is not None and keep_reminders_on_close(window, desk, has_tray)


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
