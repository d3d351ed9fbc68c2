"""Widgets laid out in as many columns as fit.

Kept apart from app/ui/widgets.py on purpose: the Routines page builds one before the
window's first frame, and this module must not name ``Qt`` (building its enums costs the
first frame some 40 ms, tests/ui/test_first_frame_cost.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget, QWidgetItem

__all__ = ["ColumnsBox", "least_width"]


class ColumnsBox(QWidget):
    """Widgets in as many columns as fit, up to ``most``: three across in a wide window,
    one under another at large text on a small screen (a grid of fixed columns makes
    its page wider than the window)."""

    def __init__(self, widgets: Iterable[QWidget], most: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._widgets = list(widgets)
        self._most = max(1, most)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self._columns = 0
        self._place(self._most)

    def _cell(self) -> int:
        """The widest of the widgets' least widths."""
        return max(map(least_width, self._widgets), default=0)

    def _fits(self, width: int) -> int:
        """The most columns whose widest widgets fit side by side in ``width``: each
        column as wide as its own widest, not every column as the widest of all (two
        buttons at large text, one long and one short, fit where two long ones would
        not)."""
        least = [least_width(w) for w in self._widgets]
        gap = self._grid.horizontalSpacing()
        for columns in range(min(self._most, len(least)), 1, -1):
            widths = [max(least[col::columns]) for col in range(columns)]
            if sum(widths) + gap * (columns - 1) <= width:
                return columns
        return 1

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for widget in self._widgets:
            self._grid.removeWidget(widget)
        for index, widget in enumerate(self._widgets):
            self._grid.addWidget(widget, index // columns, index % columns)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return QSize(self._cell(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        """As wide as ``most`` columns, whatever it shows now: between two stretches (the
        player's buttons) a box once narrowed to one column asked for one column's width
        and kept it, five buttons one under another in a wide window."""
        cell, gap = self._cell(), self._grid.horizontalSpacing()
        widest = max(self._most * cell + (self._most - 1) * gap, super().sizeHint().width())
        return QSize(widest, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(self._fits(event.size().width()))

    def event(self, event: QEvent) -> bool:
        """A widget asked for another size (a button's text changed: "Edit" became
        "Duplicate to edit"): the columns that fit are counted again at this width."""
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self._place(self._fits(self.width()))
        return super().event(event)


def least_width(widget: QWidget) -> int:
    """The narrowest a layout will make ``widget``, as the layout itself reckons it: its
    minimum size hint, or its size hint where its size policy does not let it shrink (a
    spin box or a button), and a set minimum width counts too. The size hints alone made
    three columns seem to fit at 150 % where the spin box then took more and squeezed its
    label."""
    return QWidgetItem(widget).minimumSize().width()
