"""Tell the user something happened, even when the window is not in front.

Through the tray's balloon only when a system tray really exists and our icon is
showing in it; otherwise `in_app` asks the window for a calm banner.
`supportsMessages()` is not consulted: it says true where nothing is ever shown.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

MESSAGE_MS = 8000


class Notifier(QObject):
    in_app = Signal(str, str)  # title, message

    def __init__(
        self, tray_icon: QSystemTrayIcon | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tray_icon = tray_icon

    def set_tray_icon(self, tray_icon: QSystemTrayIcon | None) -> None:
        self._tray_icon = tray_icon

    def notify(self, title: str, message: str) -> None:
        icon = self._tray_icon
        if icon is not None and QSystemTrayIcon.isSystemTrayAvailable() and icon.isVisible():
            icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        else:
            self.in_app.emit(title, message)
