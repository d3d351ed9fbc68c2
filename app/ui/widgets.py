"""Small widgets the pages share: cards, calm labels, the undo banner.

Each page used to build its own; here they are made one way, so a card or a muted line
looks the same on every page and a change of look is made once.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.scrolling import scrolling  # here too: one place to find the shared widgets

__all__ = [
    "UNAVAILABLE",
    "UNDO_MS",
    "UndoBanner",
    "card",
    "choice_combo",
    "fit_dialog",
    "muted",
    "scrolling",
    "show_text",
    "stat_card",
    "unavailable_notice",
    "wrapped",
    "wrapping_check",
]

UNAVAILABLE = (
    "Your history can't be shown right now.\n\n"
    "Facewell couldn't open the file where it keeps your sessions (it said why when it "
    "started). Your routines and timers still work as usual; sessions just aren't being "
    "saved until the history can be opened again."
)
"""What a page of the history says while the history can't be opened."""

UNDO_MS = 20000
"""How long the undo banner stays."""


class UndoBanner(QFrame):
    """ "Session deleted. Undo" — stays a while, then folds away. With ``float_over``
    it floats at the foot of the list it is about, moving nothing (app/ui/floating.py)."""

    undo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName("Undo")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)  # opaque over the list in every theme
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 6, 8, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton("Undo")
        self.button.setToolTip("Put it back (Ctrl+Z)")
        self.button.clicked.connect(self.undo)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def float_over(self, host: QWidget) -> None:
        """Float at the foot of ``host``, the list or table it is about, over its last
        rows: inside it, so it scrolls with the page and never lies off screen."""
        from app.ui.floating import FootOf

        self.setParent(host)
        self.hide()
        FootOf(self, lambda: host, [host])

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()
        self._timer.start(UNDO_MS)

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()


def stat_card(caption: str) -> tuple[QFrame, QLabel]:
    """A big number above its caption; returns the card and the label to fill in."""
    card = QFrame()
    card.setObjectName("card")
    box = QVBoxLayout(card)
    box.setContentsMargins(16, 10, 16, 12)
    box.setSpacing(2)
    value = QLabel("—")
    value.setObjectName("pageTitle")
    label = QLabel(caption)
    label.setObjectName("muted")
    box.addWidget(value)
    box.addWidget(label)
    card.setAccessibleName(caption)
    return card, value


def card(title: str) -> tuple[QFrame, QVBoxLayout]:
    """A titled card; returns the frame and the layout its contents go in."""
    frame = QFrame()
    frame.setObjectName("card")
    frame.setAccessibleName(title)
    box = QVBoxLayout(frame)
    box.setContentsMargins(18, 14, 18, 16)
    box.setSpacing(10)
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)  # "What your days had in common" was wider than 1024x600 at 200 %
    box.addWidget(label)
    return frame, box


def choice_combo(accessible_name: str, choices: Iterable[tuple[str, object]]) -> QComboBox:
    """A combo box of (label, value) choices, named for screen readers."""
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    for label, value in choices:
        combo.addItem(label, value)
    return combo


def wrapped(text: str, object_name: str = "") -> QLabel:
    """A label that wraps rather than widens the page; the theme styles it by name."""
    label = QLabel(text)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def muted(text: str) -> QLabel:
    """A quiet line of secondary text that wraps rather than widens the page."""
    return wrapped(text, "muted")


def show_text(label: QLabel, text: str) -> None:
    """Say ``text`` in ``label``; an empty text hides it, so it takes no room."""
    label.setText(text)
    label.setVisible(bool(text))


def unavailable_notice(text: str = UNAVAILABLE) -> QLabel:
    """The calm explanation a page shows in place of a history it can't open."""
    label = muted(text)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setMaximumWidth(620)
    return label


def fit_dialog(dialog: QDialog, area: QScrollArea, words: QLayout, below: int, width: int) -> None:
    """Size ``dialog`` to its words (``words``, the layout in ``area``) and the ``below``
    pixels under them, ``width`` wide, within its screen.

    Qt caps a dialog's own size at two thirds of the screen's height, which cut wrapped
    lines short; at 200 % text on a small screen the OK button fell off the screen.
    With the words in a scroll area the dialog takes what it needs, up to the screen.
    """
    room = dialog.screen().availableGeometry()
    outer = dialog.layout()
    margins = outer.contentsMargins() if outer is not None else None
    side = margins.left() + margins.right() if margins is not None else 0
    top = margins.top() + margins.bottom() if margins is not None else 0
    width = min(room.width() - 32, max(width, dialog.minimumSizeHint().width()))
    inner = width - side - area.verticalScrollBar().sizeHint().width()
    tall = words.totalHeightForWidth(inner) if words.hasHeightForWidth() else -1
    if tall < 0:
        tall = words.totalSizeHint().height()
    dialog.resize(width, min(room.height() - 48, tall + top + below))


class _ClickLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


def wrapping_check(text: str) -> tuple[QWidget, QCheckBox]:
    """A tick box whose words wrap (a QCheckBox's never do, so a sentence-long one makes
    its page wider than the window at large text sizes). Returns the row to lay out and
    the box; clicking the words ticks it, and the box is named by them for screen readers."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    check = QCheckBox()
    check.setAccessibleName(text)
    words = _ClickLabel(text)
    words.setWordWrap(True)
    words.setBuddy(check)
    words.clicked.connect(check.toggle)
    words.clicked.connect(check.setFocus)
    layout.addWidget(check, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(words, 1)
    return row, check
