"""One place that announces that the history changed, after the write has landed.

The recorder posts ``sessions_changed`` from its writer thread once a finished session
is committed; the History and Journal pages emit after their own writes (a delete, an
undo, a note, an import, a journal entry). History, Journal and today's plan subscribe,
so a routine finished now ticks off the plan at once, with nothing else to refresh it.
Shaped after Anki's aqt/operations (one place announces that data changed).

Threads: ``post_*`` may be called from any thread; the signals arrive on the thread of
this object (the GUI thread): a signal emitted from another thread is queued.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

__all__ = ["HistoryEvents"]


class HistoryEvents(QObject):
    sessions_changed = Signal(object)
    """(origin): the object whose write it was (a page), or None (the recorder). A
    page that made the change has shown it already and need not reload."""
    journal_changed = Signal(object)
    _sessions_posted = Signal(object)
    _journal_posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Auto connections: queued when posted from another thread, direct otherwise.
        self._sessions_posted.connect(self.sessions_changed)
        self._journal_posted.connect(self.journal_changed)

    def post_sessions_changed(self, origin: object = None) -> None:
        """A session landed or went; safe from any thread."""
        self._sessions_posted.emit(origin)

    def post_journal_changed(self, origin: object = None) -> None:
        """A journal entry landed or went; safe from any thread."""
        self._journal_posted.emit(origin)
