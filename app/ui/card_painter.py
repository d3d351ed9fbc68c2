"""A routine's card drawn straight onto the list: its name, category and length, summary.

The cards were widgets of three labels each, and building and polishing thirty-three
labels took some 30 ms of the window's first full draw (issue 18: within 1.5 times a
bare window). Drawn by a delegate they cost one small text document each, laid out once
per width and text size, and wrap the same way: every word at the list's width, the card
as tall as its words.

A document, not ``QPainter.drawText``: giving the painter a pen builds the Python types
of the whole ``Qt`` namespace (some 40 ms), which the first frame must not do
(tests/ui/test_first_frame_cost.py); a document carries its colours in its words.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect
from PySide6.QtGui import QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QListWidget, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.core.card_words import CardWords
from app.ui.theme import quiet_colour

__all__ = ["WORDS", "CardPainter"]

#: The item's CardWords (Qt.ItemDataRole.UserRole + 2, as a plain number).
WORDS = 0x0102
# As the widget cards had it: 14 px inside the 4 px selection bar, labels' own 2 px.
_LEFT, _TOP, _RIGHT, _BOTTOM, _GAP = 18, 12, 14, 12, 2
_TITLE_SCALE = 1.2  # as the page's section titles (app/ui/theme.py)
_KEPT = 64  # cards kept: a few text sizes and themes of a dozen or so cards


def _escape(text: str) -> str:
    """The text as HTML (the html module's escape imports ~2 ms of entity tables)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _colours(palette: QPalette, selected: bool) -> tuple[str, str, str]:
    """Title, length and summary colours: the accent and the quiet colour where the
    app's own themes set them (their selection is a soft tint), else the platform's
    text colour, or its highlighted text on its selection (a placeholder grey can be
    too faint to read)."""
    role = QPalette.ColorRole
    quiet = quiet_colour()
    if quiet is None:
        text = palette.color(role.HighlightedText if selected else role.Text).name()
        return text, text, text
    return palette.color(role.Text).name(), palette.color(role.Accent).name(), quiet


def _html(words: CardWords, font: QFont, colours: tuple[str, str, str]) -> str:
    if font.pointSizeF() > 0:
        size = f"{font.pointSizeF() * _TITLE_SCALE:.1f}pt"
    else:
        size = f"{round(font.pixelSize() * _TITLE_SCALE)}px"
    title, meta, quiet = colours
    blocks = [
        f'<div style="color:{title}; font-weight:600; font-size:{size}">'
        f"{_escape(words.title)}</div>",
        f'<div style="color:{meta}; margin-top:{_GAP}px">{_escape(words.meta)}</div>',
    ]
    if words.detail:
        blocks.append(
            f'<div style="color:{quiet}; margin-top:{_GAP}px; white-space:pre-wrap">'
            f"{_escape(words.detail)}</div>"
        )
    return "".join(blocks)


class CardPainter(QStyledItemDelegate):
    """Draws each item's :data:`WORDS` over the item's own panel (the style sheet's
    background, selection bar and focus ring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._laid_out: dict[tuple[CardWords, str, tuple[str, str, str]], QTextDocument] = {}

    def card_height(self, words: CardWords, font: QFont, palette: QPalette, width: int) -> int:
        """How tall the card of ``words`` is at ``width`` pixels: every word shown."""
        document = self._document(words, font, palette, width, selected=False)
        return _TOP + round(document.size().height()) + _BOTTOM

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)  # the panel: the items hold no display text
        words = index.data(WORDS)
        if not isinstance(words, CardWords):
            return
        rect: QRect = option.rect
        view = self.parent()
        item = view.item(index.row()) if isinstance(view, QListWidget) else None
        selected = item is not None and item.isSelected()
        document = self._document(words, option.font, option.palette, rect.width(), selected)
        painter.save()
        painter.translate(rect.left() + _LEFT, rect.top() + _TOP)
        document.drawContents(painter)
        painter.restore()

    def _document(
        self, words: CardWords, font: QFont, palette: QPalette, width: int, selected: bool
    ) -> QTextDocument:
        """The card's words as a document laid out at ``width``. A document is kept per
        words, text size and colours, and only re-wrapped for a new width: the first
        frame wraps each card two or three times (a guessed width, the page's, then the
        page's less its scroll bar), and reading the HTML again each time cost more than
        all of the wrapping."""
        colours = _colours(palette, selected)
        key = (words, font.key(), colours)
        text_width = max(1, width - _LEFT - _RIGHT)
        document = self._laid_out.get(key)
        if document is None:
            if len(self._laid_out) >= _KEPT:
                self._laid_out.clear()
            document = QTextDocument()
            document.setDocumentMargin(0)
            document.setDefaultFont(font)
            document.setTextWidth(text_width)  # before the words: wrapped once, not twice
            document.setHtml(_html(words, font, colours))
            self._laid_out[key] = document
        elif document.textWidth() != text_width:
            document.setTextWidth(text_width)
        return document
