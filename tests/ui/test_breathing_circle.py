"""The breathing circle repaints only its disc's square, only once its edge has moved
half a pixel, and never makes the widgets beneath it repaint (issue 18)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.core.pacing import REPAINT_STEP_PX, circle_radius
from app.ui.breathing_circle import BreathingCircle


class Paints(QObject):
    """The rectangles of the paint events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())  # type: ignore[attr-defined]
        return False


def shown_circle(qtbot: QtBot) -> tuple[QWidget, BreathingCircle]:
    parent = QWidget()
    circle = BreathingCircle()
    QVBoxLayout(parent).addWidget(circle)
    parent.resize(500, 400)
    qtbot.addWidget(parent)
    parent.show()
    qtbot.waitExposed(parent)
    circle.set_level(0.3)
    settle()
    return parent, circle


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def level_for(circle: BreathingCircle, radius: float) -> float:
    full = circle.full_radius()
    return (radius / full - 0.42) / (1 - 0.42)


def test_a_change_under_half_a_pixel_paints_nothing(qtbot: QtBot) -> None:
    _parent, circle = shown_circle(qtbot)
    paints = Paints(circle)
    radius = circle.shown_radius()
    circle.set_level(level_for(circle, radius + REPAINT_STEP_PX * 0.8))
    settle()
    assert paints.rects == []
    assert circle.shown_radius() == radius  # still the one drawn
    circle.set_level(circle.level())  # the same level again: nothing either
    settle()
    assert paints.rects == []


def test_a_moved_edge_repaints_the_disc_square_only(qtbot: QtBot) -> None:
    _parent, circle = shown_circle(qtbot)
    paints = Paints(circle)
    before = circle.shown_radius()
    circle.set_level(level_for(circle, before + 3))
    settle()
    assert len(paints.rects) == 1
    dirty = paints.rects[0]
    assert circle.rect().contains(dirty)
    assert dirty != circle.rect()  # not the whole widget
    centre = circle.rect().center()
    assert dirty.contains(centre)
    reach = circle.shown_radius() + 2  # the outline's pen
    assert dirty.width() >= 2 * reach
    assert dirty.width() <= 2 * reach + 6
    assert circle.shown_radius() == circle_radius(circle.full_radius(), circle.level())


def test_a_shrinking_disc_repaints_where_it_was(qtbot: QtBot) -> None:
    _parent, circle = shown_circle(qtbot)
    circle.set_level(0.9)
    settle()
    paints = Paints(circle)
    big = circle.shown_radius()
    circle.set_level(0.2)
    settle()
    assert len(paints.rects) == 1
    assert paints.rects[0].width() >= 2 * big  # the old, larger disc is wiped


def test_the_widgets_beneath_do_not_repaint_with_it(qtbot: QtBot) -> None:
    parent, circle = shown_circle(qtbot)
    beneath = Paints(parent)
    for level in (0.4, 0.5, 0.6, 0.7):
        circle.set_level(level)
        settle()
    assert beneath.rects == []
