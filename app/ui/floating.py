"""A widget that floats at the foot of another instead of taking room in a layout.

Notices come and go; in a layout each one pushed the page down by its height, under
the person's eyes and mouse. Floating, they cover a part of the page that can spare it
for a few seconds and move nothing. The host names that part with ``notice_area()``
(in its own coordinates): above the Routines page's buttons, over the player's circle;
without one, its whole rect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QWidget

__all__ = ["FootOf", "notice_area"]

_MARGIN = 12
"""Between the floating widget and the edges of the area it floats in."""

_LINE_CHARACTERS = 72
"""The widest line, in average characters: a line the eye takes in at once."""


def notice_area(host: QWidget) -> QRect:
    """The part of ``host`` a notice may cover, in the host's own coordinates."""
    own = getattr(host, "notice_area", None)
    area = own() if callable(own) else None
    return area if isinstance(area, QRect) and area.isValid() else host.rect()


class FootOf(QObject):
    """Keeps ``widget`` at the foot of ``host()``'s notice area, centred, as wide as a
    comfortable line and as tall as its words; placed again when it shows, when its
    words change and when any of ``watched`` moves or resizes. ``widget``'s parent must
    hold the host. ``arrange(width)``, if given, runs before the height is asked (a
    notice puts its buttons under its words when narrow)."""

    def __init__(
        self,
        widget: QWidget,
        host: Callable[[], QWidget | None],
        watched: Sequence[QWidget],
        arrange: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(widget)
        self._widget, self._host, self._arrange = widget, host, arrange
        self._watched = tuple(watched)
        widget.installEventFilter(self)
        for other in self._watched:
            other.installEventFilter(self)

    def place(self) -> None:
        widget, parent, host = self._widget, self._widget.parentWidget(), self._host()
        if widget.isHidden() or host is None or parent is None:
            return
        area = notice_area(host)
        corner = host.mapTo(parent, area.topLeft())
        widest = widget.fontMetrics().averageCharWidth() * _LINE_CHARACTERS
        width = max(1, min(area.width() - 2 * _MARGIN, widest))
        if self._arrange is not None:
            self._arrange(width)
        height = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
        height = max(height, widget.sizeHint().height())
        # Taller than its area (large text), it grows up over the host's top, which
        # holds headings, never down over what lies below the area.
        top = host.mapTo(parent, host.rect().topLeft()).y()
        y = max(top, corner.y() + area.height() - height - _MARGIN)
        widget.setGeometry(corner.x() + (area.width() - width) // 2, y, width, height)
        widget.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._widget:
            if kind in (QEvent.Type.Show, QEvent.Type.LayoutRequest):  # new words too
                self.place()
        elif kind in (QEvent.Type.Resize, QEvent.Type.Move):
            self.place()
        return False
