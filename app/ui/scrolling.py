"""A frameless area that scrolls up and down, and follows the focus inside it.

The Routines page puts its list in one as part of the window's first full frame, so,
like app/ui/card_list.py, this module never names ``Qt``: touching that namespace builds
its ninety-odd Python enums, some 25 ms that the list would wait for
(tests/ui/test_first_frame_cost.py). The two policies are set as Qt properties, by
number, which Qt converts to its own enums without PySide building Python ones.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

__all__ = ["scroll_bars_off", "scrolling"]

# Qt.ScrollBarPolicy.ScrollBarAlwaysOff and Qt.FocusPolicy.NoFocus as plain numbers.
_ALWAYS_OFF = 1
_NO_FOCUS = 0


def scroll_bars_off(area: QWidget, *, horizontal: bool = True, vertical: bool = True) -> None:
    """No scroll bar on ``area`` (a QAbstractScrollArea), without naming ``Qt``."""
    if horizontal:
        area.setProperty("horizontalScrollBarPolicy", _ALWAYS_OFF)
    if vertical:
        area.setProperty("verticalScrollBarPolicy", _ALWAYS_OFF)


_MARGIN = 12
"""Between a field that takes the focus and the edge of the view it is scrolled into."""


class _FollowFocus(QObject):
    """Scrolls its area to the field that takes the focus, however it came: Qt does it
    only for Tab from a field inside the area, not from a button below it, nor for the
    arrow keys that move between radio buttons."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self._area = area
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.follow)

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        try:
            body = self._area.widget()
        except RuntimeError:  # the area went with its dialog before this did
            return
        if new is not None and body is not None and body.isAncestorOf(new):
            # The whole field: ensureWidgetVisible shows only a text field's or spin
            # box's text cursor, and at 200 % left half the box below the window's edge.
            # A field taller than the view keeps its cursor in view, as Qt does.
            if new.height() + 2 * _MARGIN > self._area.viewport().height():
                self._area.ensureWidgetVisible(new, 0, _MARGIN)
                return
            centre = new.mapTo(body, new.rect().center())
            half_w, half_h = new.width() // 2, new.height() // 2
            self._area.ensureVisible(centre.x(), centre.y(), half_w, half_h + _MARGIN)


def scrolling(body: QWidget) -> QScrollArea:
    """``body`` in a frameless area that scrolls up and down, never sideways, and takes
    no focus of its own: keys go to the fields, and the area follows them."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    scroll_bars_off(area, vertical=False)
    area.setProperty("focusPolicy", _NO_FOCUS)
    area.setWidget(body)
    _FollowFocus(area)
    return area
