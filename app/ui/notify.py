"""Tell the user something happened, even when the window is not in front.

First through the desktop's notifications (org.freedesktop.Notifications over D-Bus,
app/services/desktop_notifications.py), which GNOME shows with or without a tray; when
there is no session bus or no server answers, through the tray's balloon, but only when
a system tray really exists and our icon is showing in it; otherwise `in_app` asks the
window for a calm banner. `supportsMessages()` is not consulted: it says true where
nothing is ever shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from app.services.desktop_notifications import DesktopNotifications

MESSAGE_MS = 8000


class Notifier(QObject):
    in_app = Signal(str, str)  # title, message
    shown = Signal(int, int)  # notify()'s token, the desktop's notification id
    action_invoked = Signal(int, str)  # notification id, action key

    def __init__(
        self,
        tray_icon: QSystemTrayIcon | None = None,
        parent: QObject | None = None,
        desktop: DesktopNotifications | None = None,
    ) -> None:
        super().__init__(parent)
        self._tray_icon = tray_icon
        self._desktop = desktop if desktop is not None else DesktopNotifications(parent=self)
        self._waiting: dict[int, tuple[str, str]] = {}
        self._desktop.shown.connect(self._shown)
        self._desktop.failed.connect(self._failed)
        self._desktop.action_invoked.connect(self.action_invoked)

    def set_tray_icon(self, tray_icon: QSystemTrayIcon | None) -> None:
        self._tray_icon = tray_icon

    def notify(self, title: str, message: str, actions: Sequence[tuple[str, str]] = ()) -> int:
        """Show ``message``; ``actions`` ((key, label) pairs) only on the desktop's
        notifications. Returns a token that ``shown`` pairs with a notification id."""
        if not self._desktop.possible:
            self._local(title, message)
            return 0
        token = self._desktop.notify(title, message, actions)  # answered later, queued
        self._waiting[token] = (title, message)
        return token

    def close(self) -> None:
        self._desktop.close()

    def notify_tray(self, title: str, message: str) -> bool:
        """The tray's balloon, when a tray really shows our icon; False when not."""
        icon = self._tray_icon
        if icon is not None and QSystemTrayIcon.isSystemTrayAvailable() and icon.isVisible():
            icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
            return True
        return False

    def _local(self, title: str, message: str) -> None:
        if not self.notify_tray(title, message):
            self.in_app.emit(title, message)

    def _shown(self, token: int, notification: int) -> None:
        self._waiting.pop(token, None)
        self.shown.emit(token, notification)

    def _failed(self, token: int) -> None:
        waiting = self._waiting.pop(token, None)
        if waiting is not None:
            self._local(*waiting)
