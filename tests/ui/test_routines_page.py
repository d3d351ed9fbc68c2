"""The Routines page says how long a routine will really take, words included."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.ui.context import AppContext
from app.ui.main_window import MainWindow


def test_a_card_shows_the_length_that_will_play(qtbot: QtBot, context: AppContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.reload_routines()
    page = window.routines
    row = next(
        r
        for r in range(page.list.count())
        if getattr(page.routine_at(r), "name", "") == "Cold compress"
    )
    card = page.list.itemWidget(page.list.item(row))
    meta = next(
        label.text() for label in card.findChildren(QLabel) if label.objectName() == "cardMeta"
    )
    # 3 rounds of 4 minutes and 2 breaks (14 min) plus a minute to get ready and the
    # spoken welcome, plan and skin checks: not the 14 min 20 s of the steps alone.
    assert meta == "Compresses · about 16 min"
