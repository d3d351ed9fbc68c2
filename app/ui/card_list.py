"""A list of cards that is as tall as its cards, inside a page that scrolls.

At 200 % text on a 600-pixel screen the Routines page could not hold its heading, today's
plan, a list that scrolls on its own and the buttons: the plan was squeezed to half a
line and the list to half a card. Here the list shows every card, each as tall as its
wrapped words (drawn by app/ui/card_painter.py), and the page scrolls as one, like a
document; the list keeps the current card in view and finds routines by their first
letters as the person types.

Like app/ui/columns.py, this module must not name ``Qt`` at import time: the Routines
page builds its list before the window's first frame (tests/ui/test_first_frame_cost.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QWidget

from app.core.card_words import CardWords
from app.ui.card_painter import WORDS, CardPainter
from app.ui.scrolling import scroll_bars_off

__all__ = ["ACCESSIBLE_DESCRIPTION", "ACCESSIBLE_TEXT", "WORDS", "CardList"]

# Qt.ItemDataRole.AccessibleTextRole and AccessibleDescriptionRole as plain numbers
# (see the module docstring).
ACCESSIBLE_TEXT = 11
ACCESSIBLE_DESCRIPTION = 12
_SHORTEST_CARD = 64


class CardList(QListWidget):
    """Cards one under another, all shown: the page around it scrolls, not the list."""

    current_card = Signal(int)  # the current card's row, to keep in view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready = False
        self._stale = False
        self._typed = ""
        self._typed_at = 0.0
        self._painter = CardPainter(self)
        self.setItemDelegate(self._painter)
        self.currentRowChanged.connect(self._follow_current)

    def ready(self) -> None:
        """Called once the first frame is drawn: from now on the list sizes itself."""
        self._ready = True
        scroll_bars_off(self)
        self.fit_cards()

    def fit_cards(self) -> None:
        """Each card as tall as its wrapped words at the list's width, and the list as
        tall as its shown cards: after a resize, a filter, a new text size. Not while
        the list is hidden: its width is not its own yet (before the window's first
        frame, the cards would be wrapped at a width they are never shown at); it fits
        them when it shows."""
        if not self._ready:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        # The viewport's width less the spacing, with no scroll bar: asking for
        # viewport() itself would build the Python types (and enums) of every QWidget
        # subclass, some 12 ms.
        guess = max(1, self.width() - 2 * self.frameWidth() - 2 * self.spacing())
        self._fit_at(lambda _item: guess)
        # Placed, the cards are as wide as guessed (the usual case: nothing more to
        # do); if a style placed them otherwise, wrap them again at their real widths.
        placed = [self.visualItemRect(item).width() for item in self._shown_items()]
        if any(width not in (0, guess) for width in placed):
            self._fit_at(lambda item: self.visualItemRect(item).width() or guess)
        self._follow_current(self.currentRow())

    def _fit_at(self, width_of: Callable[[QListWidgetItem], int]) -> None:
        font, palette = self.font(), self.palette()
        total = 0
        for row in range(self.count()):
            item = self.item(row)
            words = item.data(WORDS)
            height = _SHORTEST_CARD
            if isinstance(words, CardWords):
                card = self._painter.card_height(words, font, palette, width_of(item))
                height = max(height, card)
            if item.sizeHint().height() != height:
                item.setSizeHint(QSize(0, height))
            if not item.isHidden():
                total += height + 2 * self.spacing()
        frame = 2 * self.frameWidth()
        self.setFixedHeight(max(_SHORTEST_CARD, total) + frame)
        self.doItemsLayout()  # places the cards now, at their new heights

    def _shown_items(self) -> list[QListWidgetItem]:
        items = (self.item(row) for row in range(self.count()))
        return [item for item in items if not item.isHidden()]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:  # something changed while hidden (or it was never fitted)
            self.fit_cards()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_cards()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.fit_cards()  # a new text size: the cards re-wrap at once

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height())

    def keyboardSearch(self, search: str) -> None:
        """Type-ahead over the routines' names (the cards draw the names, so the items
        hold them only as their accessible text, which Qt's own search does not read)."""
        now = time.monotonic()
        if now - self._typed_at > QApplication.keyboardInputInterval() / 1000:
            self._typed = ""
        self._typed_at = now
        self._typed += search
        wanted = self._typed.casefold()
        start = max(0, self.currentRow())
        rows = [*range(start, self.count()), *range(start)]
        if len(self._typed) == 1:  # the same letter again moves on to the next match
            rows = rows[1:] + rows[:1]
        for row in rows:
            item = self.item(row)
            name = str(item.data(ACCESSIBLE_TEXT) or "")
            if not item.isHidden() and name.casefold().startswith(wanted):
                self.setCurrentRow(row)
                return

    def _follow_current(self, row: int) -> None:
        if 0 <= row < self.count():
            self.current_card.emit(row)
