"""The floor for an animating window: a bare Qt window with a breathing circle at 30 fps.

`python -m bench.bare_circle [SECONDS]` opens one plain QWidget window as large as
Facewell's and redraws it 30 times a second; the circle (solid, antialiased, as large
as the player's) grows for 4 s and shrinks for 6 s. No styles, no sound, no
threads of its own: what any Qt app pays to move a circle on this machine. The power
bench (bench/power.py) measures it beside Facewell.
"""

from __future__ import annotations

import math
import sys
import time

FPS = 30
INHALE_S, EXHALE_S = 4.0, 6.0
SIZE = (1080, 760)
FULL_RADIUS = 160.0


def level_at(seconds: float) -> float:
    """0 to 1 and back, eased, one breath every INHALE_S + EXHALE_S seconds."""
    t = seconds % (INHALE_S + EXHALE_S)
    if t < INHALE_S:
        return (1 - math.cos(math.pi * t / INHALE_S)) / 2
    return (1 + math.cos(math.pi * (t - INHALE_S) / EXHALE_S)) / 2


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QPointF, Qt, QTimer
    from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
    from PySide6.QtWidgets import QApplication, QWidget

    class Circle(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.started = time.monotonic()
            self.setWindowTitle("bare circle")

        def paintEvent(self, event: QPaintEvent) -> None:
            level = level_at(time.monotonic() - self.started)
            radius = FULL_RADIUS * (0.42 + 0.58 * level)
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor("#7fb8a4"), 2))
            painter.setBrush(QColor(127, 184, 164, 90))
            painter.drawEllipse(QPointF(self.width() / 2, self.height() / 2), radius, radius)
            painter.end()

    app = QApplication(argv[:1])
    window = Circle()
    window.resize(*SIZE)
    window.show()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(window.update)
    timer.start(round(1000 / FPS))
    if len(argv) > 1:
        QTimer.singleShot(round(float(argv[1]) * 1000), app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
