"""A calm circle that grows on inhale, rests on hold and shrinks on exhale.

It draws whatever level it is given (0 to 1); the level comes from the session's
position through app.core.snapshot, so the circle has no clock of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QRadialGradient
from PySide6.QtWidgets import QSizePolicy, QWidget

MIN_FRACTION = 0.42


class BreathingCircle(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = 0.5
        self._color = QColor("#7fb8a4")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setAccessibleName("Breathing circle")

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def set_color(self, color: QColor) -> None:
        self._color = QColor(color)
        self.update()

    def set_level(self, level: float) -> None:
        level = min(1.0, max(0.0, level))
        if abs(level - self._level) > 1e-4:
            self._level = level
            self.update()

    def level(self) -> float:
        return self._level

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height()) - 8
        centre = QPointF(self.width() / 2, self.height() / 2)
        full = side / 2
        radius = full * (MIN_FRACTION + (1 - MIN_FRACTION) * self._level)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        guide = QColor(self._color)
        guide.setAlphaF(0.25)
        painter.setPen(QPen(guide, 2, Qt.PenStyle.DotLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, full, full)
        fill = QRadialGradient(centre, radius)
        inner, outer = QColor(self._color), QColor(self._color)
        inner.setAlphaF(0.55)
        outer.setAlphaF(0.18)
        fill.setColorAt(0.0, inner)
        fill.setColorAt(1.0, outer)
        painter.setPen(QPen(self._color, 2))
        painter.setBrush(fill)
        painter.drawEllipse(
            QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        )
        painter.end()
