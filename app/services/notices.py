"""Messages for the user from worker threads, delivered on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal


class ThreadNotices(QObject):
    """Call `post(text)` from any thread; `posted(text)` fires on this object's thread."""

    posted = Signal(str)
    _relay = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay.connect(self.posted.emit, Qt.ConnectionType.QueuedConnection)

    def post(self, text: str) -> None:
        self._relay.emit(text)
