"""Two panels side by side where both fit, else the second under the first.

The routine editor put a routine's steps and the chosen step's fields side by side at
every size; at 200 % text on a 1024x600 screen the fields got some 100 pixels and showed
"Instru…", "Spoke…" and no boxes at all. Here each panel keeps at least the width its
contents need, and when the two do not fit beside each other they stack, and the
dialog's own scroll area takes them up and down.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget

from app.ui.columns import least_width

__all__ = ["TwoColumns"]


class TwoColumns(QWidget):
    """``first`` and ``second`` in a row, sharing its width by ``stretch``; one under the
    other where the row would squeeze either below its least width."""

    def __init__(
        self,
        first: QWidget,
        second: QWidget,
        *,
        stretch: tuple[int, int] = (1, 1),
        spacing: int = 16,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._panels = (first, second)
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(spacing)
        self._box.addWidget(first, stretch[0])
        self._box.addWidget(second, stretch[1])

    @property
    def side_by_side(self) -> bool:
        return self._box.direction() == QBoxLayout.Direction.LeftToRight

    def _row_width(self) -> int:
        return sum(map(least_width, self._panels)) + self._box.spacing()

    def _arrange(self, width: int) -> None:
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if width >= self._row_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self._box.direction() != wanted:
            self._box.setDirection(wanted)
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider panel (they can stack), as tall as they are now."""
        width = max(map(least_width, self._panels))
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def event(self, event: QEvent) -> bool:
        """A panel asked for another size (another kind of step, other fields): the row
        is measured again at this width."""
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self._arrange(self.width())
        return super().event(event)
