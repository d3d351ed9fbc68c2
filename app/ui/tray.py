"""The tray icon and its menu, only where a system tray really exists.

On GNOME without the AppIndicator extension (and in headless tests) there is none:
`available` is then false, no icon is created, and the window must never hide into it.
The actions exist either way, so the same menu can be reused or tested.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.resources import images_dir

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

TEAL = QColor("#5fa8a0")
TEAL_DARK = QColor("#3f7f78")


def calm_icon(size: int = 64) -> QIcon:
    """A soft teal circle with a gentle ring: reads well on light and dark panels."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    centre = QPointF(size / 2, size / 2)
    painter.setPen(QPen(TEAL_DARK, max(1.0, size / 16)))
    painter.setBrush(QBrush(TEAL))
    radius = size / 2 - size / 12
    painter.drawEllipse(centre, radius, radius)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(255, 255, 255, 150)))
    painter.drawEllipse(centre, radius * 0.32, radius * 0.32)
    painter.end()
    return QIcon(pixmap)


def app_icon() -> QIcon:
    svg = images_dir() / "relax-face.svg"
    icon = QIcon(str(svg)) if svg.is_file() else QIcon()
    return icon if not icon.isNull() else calm_icon()


class Tray(QObject):
    open_requested = Signal()
    compress_requested = Signal(str)  # "cold" or "warm"
    log_requested = Signal()
    """Rate today: the quick log (one line, Enter saves)."""
    pause_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._available = QSystemTrayIcon.isSystemTrayAvailable()
        self.open_action = QAction("Open Facewell", self)
        # "&R": from the open menu, R then the line then Enter: one keyboard gesture.
        self.log_action = QAction("&Rate today…", self)
        self.log_action.triggered.connect(self.log_requested)
        self.cold_action = QAction("Start cold compress", self)
        self.warm_action = QAction("Start warm compress", self)
        self.pause_action = QAction("Pause", self)
        self.quit_action = QAction("Quit", self)
        self.pause_action.setEnabled(False)
        # "Start <routine>" after a reminder; hidden until a reminder offers one.
        self.start_action = QAction("Start", self)
        self.start_action.setVisible(False)
        self.start_action.triggered.connect(self._start_offered)
        self._offered: Callable[[], None] | None = None
        self.open_action.triggered.connect(self.open_requested)
        self.cold_action.triggered.connect(lambda: self.compress_requested.emit("cold"))
        self.warm_action.triggered.connect(lambda: self.compress_requested.emit("warm"))
        self.pause_action.triggered.connect(self.pause_requested)
        self.quit_action.triggered.connect(self.quit_requested)

        self._menu: QMenu | None = None
        self._icon: QSystemTrayIcon | None = None
        if self._available:
            self._menu = QMenu()
            for action in (
                self.open_action,
                self.log_action,
                self.start_action,
                self.cold_action,
                self.warm_action,
            ):
                self._menu.addAction(action)
            self._menu.addAction(self.pause_action)
            self._menu.addSeparator()
            self._menu.addAction(self.quit_action)
            self._icon = QSystemTrayIcon(icon if icon is not None else calm_icon(), self)
            self._icon.setToolTip("Facewell")
            self._icon.setContextMenu(self._menu)
            self._icon.activated.connect(self._on_activated)
            self._icon.messageClicked.connect(self._start_offered)

    @property
    def available(self) -> bool:
        return self._available

    @property
    def tray_icon(self) -> QSystemTrayIcon | None:
        """The real icon, for the Notifier; None where there is no tray."""
        return self._icon

    def show(self) -> None:
        if self._icon is not None:
            self._icon.show()

    def hide(self) -> None:
        if self._icon is not None:
            self._icon.hide()

    def set_running(self, running: bool, paused: bool = False) -> None:
        """Keep Pause/Resume in step with the compress timer."""
        self.pause_action.setEnabled(running)
        self.pause_action.setText("Resume" if running and paused else "Pause")

    def offer_start(self, name: str, start: Callable[[], None]) -> None:
        """After a reminder: "Start <name>" in the menu, and a click on the notification."""
        self._offered = start
        self.start_action.setText(f"Start {name}")
        self.start_action.setVisible(True)

    def _start_offered(self) -> None:
        start, self._offered = self._offered, None
        self.start_action.setVisible(False)
        if start is not None:
            self.open_requested.emit()
            start()

    def set_tooltip(self, text: str) -> None:
        if self._icon is not None:
            self._icon.setToolTip(text or "Facewell")

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()


def attach_tray(window: MainWindow) -> Tray:
    """The window's icon, and its tray wired to it (shown where the desktop has one)."""
    icon = app_icon()
    window.setWindowIcon(icon)
    tray = Tray(icon, window)
    window.notifier.set_tray_icon(tray.tray_icon)
    tray.open_requested.connect(window.bring_to_front)
    tray.compress_requested.connect(window.start_compress)
    tray.log_requested.connect(window.rate_today)
    tray.pause_requested.connect(lambda: window.compress.toggle_pause())
    tray.quit_requested.connect(window.quit)
    if tray.available:
        tray.show()
    return tray
