"""Every page of the real window, at 100 % and 200 % text on a 1024x600 screen, with an
empty history and with a year of it: nothing is cut off and nothing runs off the right.

Each page had its own test at its own size, with the data that test needed; the
History page's "No sessions yet" line, shown only with no sessions, was one line 879 px
wide at 200 % and pushed the whole page past its view (its cards read "0 sessi"). Here
every page is seen as a person opens it, in the window, with both kinds of history.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.sample_cycles import cycle_year
from app.storage.history import History, open_history
from app.storage.history import exchange as history_exchange
from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from tests.ui.layout_check import cut_off, small_window


@pytest.fixture(params=["empty", "a year"])
def history(request: pytest.FixtureRequest, data_dir: Path) -> Iterator[History]:
    opened = open_history(data_dir)
    assert opened.history is not None
    if request.param == "a year":
        start = date.today() - timedelta(days=364)
        history_exchange.import_data(opened.history, cycle_year(start))
    yield opened.history
    opened.history.close()


@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["100%", "200%"])
@pytest.mark.parametrize("name", MainWindow.PAGES)
def test_the_page_fits_the_small_window(
    name: str, scale: float, qtbot: QtBot, context: AppContext, history: History
) -> None:
    with small_window(qtbot, context, scale, history) as window:
        window.nav.setCurrentRow(window.PAGES.index(name))
        for _ in range(5):
            QApplication.processEvents()
        page = window.stack.currentWidget()
        assert page.isVisible()
        assert cut_off(window) == []
