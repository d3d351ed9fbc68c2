"""The tips page: short, kind self-care notes, with when to seek help at the top.

The seek-help card says its urgent advice first, in bold (call your emergency number for
sudden signs; care at once for trouble swallowing, speaking or breathing after an
injection), then the calm "see a doctor soon" list.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.seek_help import URGENT_ADVICE
from app.core.tips import DISCLAIMER, SEEK_HELP, TIPS, TipSection
from app.ui.page_edges import PAGE_MARGINS

__all__ = ["TipsPage"]

#: A comfortable line length for reading, in average characters.
LINE_CHARS = 70


def _text_label(
    text: str, object_name: str = "", *, body: bool = False, strong: bool = False
) -> QLabel:
    """A wrapped, selectable label; ``body`` text gets a little more room between lines,
    ``strong`` body text is bold (the urgent advice)."""
    if body:
        words = f"<b>{html.escape(text)}</b>" if strong else html.escape(text)
        label = QLabel(f'<p style="line-height: 130%; margin: 0;">{words}</p>')
        label.setTextFormat(Qt.TextFormat.RichText)
    else:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(text)
    if object_name:
        label.setObjectName(object_name)
    return label


class TipsPage(QWidget):
    """A scrollable page built from ``app.core.tips``.

    ``sections`` holds one frame per section in reading order; the first is
    ``seek_help_card``. Other pages call ``show_seek_help()`` to bring it into view.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tipsPage")
        self.setAccessibleName("Tips")

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("tipsScroll")
        self.scroll_area.setAccessibleName("Tips for calmer days")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

        holder = self._holder = QWidget()
        holder.setObjectName("tipsHolder")
        row = QHBoxLayout(holder)
        row.setContentsMargins(*PAGE_MARGINS)
        self.column = QWidget()
        self.column.setObjectName("tipsColumn")
        row.addStretch(1)
        row.addWidget(self.column, 100)
        row.addStretch(1)
        self.scroll_area.setWidget(holder)

        layout = QVBoxLayout(self.column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)

        self.title = _text_label("Tips for calmer days", "pageTitle")
        self.title.setAccessibleName("Tips for calmer days")
        layout.addWidget(self.title)

        self.disclaimer = _text_label(DISCLAIMER, "muted", body=True)
        self.disclaimer.setAccessibleDescription("Not medical advice")
        layout.addWidget(self.disclaimer)

        self.seek_help_card = self._section(SEEK_HELP, card=True)
        self.sections: list[QFrame] = [self.seek_help_card]
        layout.addWidget(self.seek_help_card)
        for section in TIPS:
            frame = self._section(section, card=False)
            self.sections.append(frame)
            layout.addWidget(frame)
        layout.addStretch(1)

        self._fit_column()

    # -- building ----------------------------------------------------------------------

    def _section(self, section: TipSection, *, card: bool) -> QFrame:
        frame = QFrame()
        frame.setObjectName("accentCard" if card else "tipSection")
        frame.setAccessibleName(section.title)
        frame.setAccessibleDescription(section.text())
        box = QVBoxLayout(frame)
        if card:
            box.setContentsMargins(20, 16, 20, 18)
            frame.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        else:
            box.setContentsMargins(0, 4, 0, 4)
        box.setSpacing(8)

        title = _text_label(section.title, "accentTitle" if card else "sectionTitle")
        box.addWidget(title)
        for paragraph in section.paragraphs:
            urgent = card and paragraph in URGENT_ADVICE
            box.addWidget(
                _text_label(paragraph, "urgentAdvice" if urgent else "", body=True, strong=urgent)
            )
        if section.bullets:
            bullets = QVBoxLayout()
            bullets.setContentsMargins(4, 2, 0, 0)
            bullets.setSpacing(4)
            for text in section.bullets:
                line = QHBoxLayout()
                line.setSpacing(10)
                dot = QLabel("•")
                dot.setAccessibleName("")
                dot.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
                dot.setFixedWidth(dot.fontMetrics().horizontalAdvance("•") + 6)
                line.addWidget(dot, 0, Qt.AlignmentFlag.AlignTop)
                line.addWidget(_text_label(text, body=True), 1)
                bullets.addLayout(line)
            box.addLayout(bullets)
        return frame

    def _fit_column(self) -> None:
        """Keep lines near ``LINE_CHARS`` characters long at the current font size."""
        width = self.fontMetrics().averageCharWidth() * LINE_CHARS
        self.column.setMaximumWidth(max(320, width))

    # -- behaviour ---------------------------------------------------------------------

    def show_seek_help(self) -> None:
        """Scroll "When to seek professional help" into view, mark it and focus it."""
        card = self.seek_help_card
        card.setProperty("highlighted", True)
        card.style().unpolish(card)
        card.style().polish(card)
        top = card.mapTo(self._holder, card.rect().topLeft()).y()
        self.scroll_area.verticalScrollBar().setValue(max(0, top - 16))
        card.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_column()
        super().changeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self.seek_help_card.property("highlighted"):
            self.seek_help_card.setProperty("highlighted", False)
            self.seek_help_card.style().unpolish(self.seek_help_card)
            self.seek_help_card.style().polish(self.seek_help_card)
        super().hideEvent(event)
