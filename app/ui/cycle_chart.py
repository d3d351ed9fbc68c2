"""The cycle chart: severity against days since the injection, cycles overlaid.

Each of the last cycles (app.core.cycles.CURVES) is one line (its 7-day mean, so a day's noise does
not jump about), the current cycle strongest; the predicted wear-off window is a quiet
band; today is a rule. Colours come from the palette, so a dark theme stays dark and
nothing flashes bright. The points are built once per data change, never per paint.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from app.core.cycles import CycleView

__all__ = ["CycleChart", "CycleLegend"]
SMOOTH_DAYS = 7
_BAND_ALPHA = 40
"""The wear-off band: the accent colour this opaque over the card."""


def _earlier_alpha(index: int) -> int:
    """Earlier cycles fade with age: the oldest shown is the faintest."""
    return 100 + 30 * index


def _smoothed(curve: Sequence[tuple[int, int]]) -> list[tuple[int, float]]:
    points: list[tuple[int, float]] = []
    window: list[tuple[int, int]] = []
    total = 0
    for day, rating in curve:
        window.append((day, rating))
        total += rating
        while window[0][0] <= day - SMOOTH_DAYS:
            total -= window.pop(0)[1]
        points.append((day, total / len(window)))
    return points


class CycleChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cycleChart")
        self.setAccessibleName("Cycle chart: severity against days since the injection")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._fit()
        self._curves: list[list[tuple[int, float]]] = []
        self._today: int | None = None
        self._window: tuple[int, int] | None = None
        self._span = 120

    @property
    def keys(self) -> tuple[bool, bool, bool]:
        """What the chart draws, for its legend: this cycle, earlier ones, the band."""
        current = self._today is not None
        return (
            current and bool(self._curves),
            len(self._curves) > (1 if current else 0),
            self._window is not None,
        )

    def sizeHint(self) -> QSize:
        return QSize(600, max(220, self.minimumHeight()))

    def _fit(self) -> None:
        """Ten lines of its text tall, at least 160 px: at 200 % a fixed 160 px left the
        curves some hundred pixels, squashed flat under their labels."""
        self.setMinimumHeight(max(160, 10 * self.fontMetrics().height()))
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def set_view(self, view: CycleView) -> None:
        curves = [_smoothed(curve) for curve in view.curves]
        self._curves = [c for c in curves if c]
        self._today = view.today_offset
        self._window = (view.window.first, view.window.last) if view.cycles else None
        longest = max((c[-1][0] for c in self._curves), default=0)
        self._span = max(120, longest, (self._today or 0) + 7, (self._window or (0, 0))[1] + 7)
        summary = f"{len(self._curves)} cycles shown"
        if self._today is not None:
            summary += f"; today is day {self._today} since the last injection"
        self.setAccessibleDescription(summary)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        text = palette.windowText().color()
        muted = QColor(text)
        muted.setAlpha(110)
        accent = palette.highlight().color()
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            metrics = painter.fontMetrics()
            left = metrics.horizontalAdvance("10") + 12
            bottom = metrics.height() * 2 + 12
            plot = QRectF(left, 8 + metrics.height() / 2, self.width() - left - 12, 0)
            plot.setBottom(self.height() - bottom)
            if plot.width() < 40 or plot.height() < 40:
                return

            def at(day: float, level: float) -> QPointF:
                return QPointF(
                    plot.left() + plot.width() * day / self._span,
                    plot.bottom() - plot.height() * level / 10,
                )

            if self._window is not None:
                band = QColor(accent)
                band.setAlpha(_BAND_ALPHA)
                first, last = self._window
                painter.fillRect(QRectF(at(first, 10), at(min(last, self._span), 0)), band)
            for level in (0, 5, 10):
                painter.setPen(QPen(muted, 0.8))
                painter.drawLine(at(0, level), at(self._span, level))
                painter.setPen(text)
                line = metrics.height()  # boxes as tall and wide as the text (200 %)
                painter.drawText(
                    QRectF(0, at(0, level).y() - line / 2, left - 6, line),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    str(level),
                )
            half = metrics.horizontalAdvance("wk 00") / 2 + 4
            for week in range(0, self._span + 1, 28):
                x = min(max(at(week, 0).x(), half), self.width() - half)  # never cut at an edge
                painter.drawText(
                    QRectF(x - half, plot.bottom() + 6, 2 * half, metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter,
                    f"wk {week // 7}",
                )
            painter.drawText(
                QRectF(
                    plot.left(),
                    plot.bottom() + metrics.height() + 2,
                    plot.width(),
                    metrics.height(),
                ),
                Qt.AlignmentFlag.AlignHCenter,
                "weeks since the injection",
            )
            for index, curve in enumerate(self._curves):
                current = index == len(self._curves) - 1 and self._today is not None
                colour = QColor(accent if current else text)
                if not current:
                    colour.setAlpha(_earlier_alpha(index))
                painter.setPen(QPen(colour, 2.6 if current else 1.4))
                painter.drawPolyline(QPolygonF([at(d, v) for d, v in curve]))
            if self._today is not None:
                painter.setPen(QPen(accent, 1.6, Qt.PenStyle.DashLine))
                painter.drawLine(at(self._today, 0), at(self._today, 10))
                painter.drawText(at(self._today, 10) + QPointF(4, metrics.ascent()), "today")
        finally:
            painter.end()


def _blend(front: QColor, alpha: int, back: QColor) -> str:
    """``front`` at ``alpha`` over ``back``, as rich text can name it (#rrggbb)."""
    share = alpha / 255
    parts = (front.red(), front.green(), front.blue()), (back.red(), back.green(), back.blue())
    mixed = (round(f * share + b * (1 - share)) for f, b in zip(*parts, strict=True))
    return "#" + "".join(f"{value:02x}" for value in mixed)


class CycleLegend(QLabel):
    """What the chart's lines and band are, in the chart's own colours: the earlier
    cycles' faint lines and the band were unexplained. Only what is drawn is named."""

    def __init__(self, chart: CycleChart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("muted")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self._chart = chart

    def refresh(self) -> None:
        palette = self._chart.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        back = palette.color(QPalette.ColorRole.Window)
        now, earlier, band = self._chart.keys
        keys = []
        if now:
            keys.append((accent.name(), "━━", "this cycle"))
        if earlier:
            keys.append(
                (_blend(text, _earlier_alpha(1), back), "──", "earlier cycles, older fainter")
            )
        if band:
            keys.append((_blend(accent, 2 * _BAND_ALPHA, back), "██", "when they usually wore off"))
        shown = "&nbsp;&nbsp; ".join(  # each key whole on its line
            f'<span style="color:{colour}">{mark}</span>&nbsp;{words.replace(" ", "&nbsp;")}'
            for colour, mark, words in keys
        )
        self.setText(shown)
        self.setVisible(bool(keys))
        self.setAccessibleName("Chart key: " + "; ".join(words for *_, words in keys))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.refresh()
