"""A calm circle that grows on inhale, rests on hold and shrinks on exhale.

It draws whatever level it is given (0 to 1); the level comes from the session's
position through app.core.snapshot, so the circle has no clock of its own.

It repaints only the square its disc covers, and only once the drawn radius has moved
by half a pixel (app.core.pacing): every large antialiased fill wakes Qt's pooled
painting threads, so a repaint the eye cannot see is not made. The dotted guide ring
never changes: it is drawn once per size and colour and then copied.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QRadialGradient,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.pacing import MIN_FRACTION, circle_radius, moved_enough

__all__ = ["MIN_FRACTION", "BreathingCircle"]

_MARGIN = 8
"""Room around the guide ring, in pixels (the whole side, both edges)."""
_PEN = 2


class BreathingCircle(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = 0.5
        self._shown: float | None = None  # the radius on screen (None: not yet known)
        self._ring: QPixmap | None = None
        self._color = QColor("#7fb8a4")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setAccessibleName("Breathing circle")
        # It paints its own background (the window's colour, which it sits on), so a
        # repaint of the circle repaints no widget beneath it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def set_color(self, color: QColor) -> None:
        self._color = QColor(color)
        self._ring = None
        self.update()

    def full_radius(self) -> float:
        """The guide ring's radius: the disc's radius with full lungs."""
        return max(0.0, (min(self.width(), self.height()) - _MARGIN) / 2)

    def set_level(self, level: float) -> None:
        self._level = min(1.0, max(0.0, level))
        radius = circle_radius(self.full_radius(), self._level)
        if moved_enough(self._shown, radius):
            before, self._shown = self._shown, radius
            self.update(self._disc_rect(radius if before is None else max(before, radius)))

    def level(self) -> float:
        return self._level

    def shown_radius(self) -> float:
        """The radius drawn (or about to be): moves in steps of half a pixel or more."""
        if self._shown is None:
            self._shown = circle_radius(self.full_radius(), self._level)
        return self._shown

    def _centre(self) -> QPointF:
        return QPointF(self.width() / 2, self.height() / 2)

    def _disc_rect(self, radius: float) -> QRect:
        """The square a disc of ``radius`` and its outline cover, antialiasing included."""
        centre, reach = self._centre(), radius + _PEN
        square = QRectF(centre.x() - reach, centre.y() - reach, 2 * reach, 2 * reach)
        return square.toAlignedRect().adjusted(-1, -1, 1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._ring = None
        self._shown = circle_radius(self.full_radius(), self._level)
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        painter.drawPixmap(0, 0, self._guide_ring())
        radius = self.shown_radius()
        centre = self._centre()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QRadialGradient(centre, radius)
        inner, outer = QColor(self._color), QColor(self._color)
        inner.setAlphaF(0.55)
        outer.setAlphaF(0.18)
        fill.setColorAt(0.0, inner)
        fill.setColorAt(1.0, outer)
        painter.setPen(QPen(self._color, _PEN))
        painter.setBrush(fill)
        painter.drawEllipse(centre, radius, radius)
        painter.end()

    def _guide_ring(self) -> QPixmap:
        """The dotted ring at full size, drawn once for this size and colour."""
        if self._ring is not None:
            return self._ring
        ratio = self.devicePixelRatioF()
        ring = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        ring.setDevicePixelRatio(ratio)
        ring.fill(Qt.GlobalColor.transparent)
        painter = QPainter(ring)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        guide = QColor(self._color)
        guide.setAlphaF(0.25)
        painter.setPen(QPen(guide, _PEN, Qt.PenStyle.DotLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        full = self.full_radius()
        painter.drawEllipse(self._centre(), full, full)
        painter.end()
        self._ring = ring
        return ring
