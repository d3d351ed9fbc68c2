"""Nothing is cut off at the right edge: every page fits a 1024x600 window (a small
laptop), at the normal text size and at twice it. The pages scroll down, never sideways,
so a page whose content is wider than its window loses words (the journal did, at
1080 px, with its two columns of signs)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from app.ui.theme import apply_theme


def _overflow(page: QWidget) -> list[str]:
    """Scroll areas that never scroll sideways but hold content wider than they show."""
    found = []
    for area in page.findChildren(QScrollArea):
        inner = area.widget()
        if inner is None or not area.isVisibleTo(page):
            continue
        if area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            continue
        if inner.width() > area.viewport().width() + 1:
            found.append(
                f"{area.objectName() or type(inner).__name__}: "
                f"{inner.width()} > {area.viewport().width()}"
            )
    return found


@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["100%", "200%"])
def test_every_page_fits_a_small_window(qtbot: QtBot, context: AppContext, scale: float) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "dark", scale)  # as the Settings' text size does
    try:
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.resize(1024, 600)
        window.show()
        pages = (
            window.routines,
            window.compress,
            window.history_page,
            window.journal_page,
            window.tips,
        )
        problems = {}
        for index, page in enumerate(pages):
            window.nav.setCurrentRow(index)
            qtbot.waitUntil(lambda p=page: p.isVisible())
            QApplication.processEvents()
            if found := _overflow(page):
                problems[window.PAGES[index]] = found
        assert window.width() <= 1024
        assert problems == {}
    finally:
        apply_theme(app, "system", 1.0)
