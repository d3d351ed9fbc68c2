"""What "nothing is cut off" means, as a check a test can run on any window.

For every widget a person can see: it lies inside its parent, which would clip it, and
inside its window (or inside the scroll
area that holds it, which can be scrolled to, and a page that scrolls only up and down
is no wider than its view); a button, tick box or one-line label is
at least as wide as its words; a wrapping label is as tall as its wrapped words. A
widget squeezed below its own minimum size is clipped by definition.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.storage.history import History
from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from app.ui.theme import apply_theme

__all__ = ["cut_off", "small_window"]


def _inside_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text()
    return (
        f"{type(widget).__name__}({widget.objectName() or widget.accessibleName() or text[:40]!r})"
    )


def cut_off(top: QWidget) -> list[str]:
    """Every visible widget of ``top`` that is clipped, squeezed or outside it."""
    problems: list[str] = []
    frame = QRect(QPoint(0, 0), top.size())
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.width() <= 0:
            continue
        if isinstance(widget, QScrollArea) and (body := widget.widget()) is not None:
            # A page that scrolls only up and down must be no wider than its view: the
            # 200 % Compress page was wider, scrolled sideways and cut at both edges.
            view = widget.viewport().width()
            sideways = widget.horizontalScrollBar()
            if (not sideways.isVisible() and body.width() > view + 1) or sideways.value():
                problems.append(
                    f"{_name(widget)} shows {view} px of {_name(body)}, "
                    f"{body.width()} px wide, from x={sideways.value()}"
                )
        parent = widget.parentWidget()
        if (
            parent is not None
            and parent is not top
            and widget.isWindow() is False
            and not isinstance(parent.parentWidget(), QAbstractScrollArea)  # a viewport's
            and not parent.rect().contains(widget.geometry())
        ):
            # Larger than its parent, or beyond it: the parent clips it (the severity
            # chart's foot, when its stack was given less than the chart's least height).
            problems.append(
                f"{_name(widget)} at {widget.geometry()} runs out of {_name(parent)}, "
                f"{parent.width()}x{parent.height()}"
            )
            continue
        where = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        scrolled = _inside_scroll_area(widget, top)
        if not scrolled and not frame.contains(where):
            problems.append(f"{_name(widget)} lies outside the window: {where} not in {frame}")
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 1:
                    problems.append(
                        f"{_name(widget)} is {widget.height()} px tall, needs {need}: "
                        f"{widget.text()[:40]!r}"
                    )
            elif widget.width() + 1 < widget.minimumSizeHint().width():
                problems.append(
                    f"{_name(widget)} is {widget.width()} px wide, its words need "
                    f"{widget.minimumSizeHint().width()}"
                )
        elif isinstance(widget, (QAbstractButton, QComboBox, QLineEdit)):
            hint = widget.minimumSizeHint()
            if widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height():
                problems.append(
                    f"{_name(widget)} is {widget.width()}x{widget.height()}, "
                    f"needs {hint.width()}x{hint.height()}"
                )
    return problems


@contextmanager
def small_window(
    qtbot: QtBot, context: AppContext, scale: float, history: History | None = None
) -> Iterator[MainWindow]:
    """The main window at 1024x600 with its routines (and ``history``), in the dark
    theme at ``scale`` text (as Settings' text size sets it); the theme is put back
    afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "dark", scale)
    widget = MainWindow(context, history_provider=lambda: history)
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.reload_routines()
    try:
        yield widget
    finally:
        apply_theme(app, "system", 1.0)
