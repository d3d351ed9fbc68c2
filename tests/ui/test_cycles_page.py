"""The Cycles page on an imported year: four cycles with their weeks of benefit, the
chart, the booking note; rating today in one line (the page, Ctrl+L, the tray), one-tap
marks, side effects with the urgent advice; and nothing cut off at 200 % on 1024x600."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.cycle_vocabulary import InjectionMark
from app.core.records import DailyRating
from app.core.sample_cycles import cycle_year
from app.storage.history import History, open_history
from app.storage.history import exchange as history_exchange
from app.ui.context import AppContext
from app.ui.cycle_dialogs import QuickLogDialog, SideEffectsDialog
from app.ui.cycles_page import CyclesPage
from app.ui.main_window import MainWindow
from app.ui.theme import apply_theme
from tests.ui.layout_check import cut_off

START = date(2025, 5, 1)
TODAY = START + timedelta(days=364)


@pytest.fixture
def history(data_dir: Path) -> Iterator[History]:
    result = open_history(data_dir)
    assert result.history is not None
    history_exchange.import_data(result.history, cycle_year(START))
    yield result.history
    result.history.close()


@pytest.fixture
def page(qtbot: QtBot, history: History) -> CyclesPage:
    widget = CyclesPage(lambda: history, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    return widget


def test_four_cycles_with_their_weeks_of_benefit(page: CyclesPage) -> None:
    text = page.cycles_label.text()
    assert text.count("<p><b>") == 4
    assert text.count(" weeks (from your daily ratings)") == 3
    assert "still working, day 70" in text
    assert len(page.chart._curves) == 4
    assert page.chart._today == 70
    assert "usually worn off after about 12 weeks" in page.window_note.text()
    assert not page.appointment_card.isHidden()  # due within four weeks
    assert "On days with bright light your rating was" in page.associations_label.text()


def test_the_quick_log_reads_one_line_and_says_a_problem_once(qtbot: QtBot) -> None:
    dialog = QuickLogDialog(TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.line, "eleven")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.rating is None
    assert "a number from 0 to 10" in dialog.problem.text()
    dialog.line.clear()
    qtbot.keyClicks(dialog.line, "3 wind, +looking down")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    assert dialog.rating is not None
    assert (dialog.rating.rating, dialog.rating.exposures) == (3, ("wind",))
    assert dialog.rating.tricks == (("looking down", True),)


def test_rate_today_saves_through_the_store(
    page: CyclesPage, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))
    monkeypatch.setattr(
        QuickLogDialog, "ask", classmethod(lambda cls, parent, day: DailyRating.new(day, 2))
    )
    page.rate_button.click()
    saved = history.daily.get(TODAY)
    assert saved is not None and saved.rating == 2
    assert "Saved. Today: 2 (mild)." in page.status.text()
    assert changed == [True]


def test_one_tap_marks_the_last_injection(page: CyclesPage, history: History) -> None:
    page.mark_buttons[InjectionMark.WEARING_OFF].click()
    latest = history.injections.latest()
    assert latest is not None and latest.wearing_off == TODAY
    assert "70 days" not in page.cycles_label.text()
    assert "10.0 weeks (you marked it wearing off)" in page.cycles_label.text()


def test_trouble_swallowing_shows_the_urgent_advice_then_prompts(
    qtbot: QtBot, page: CyclesPage, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    latest = history.injections.latest()
    assert latest is not None
    dialog = SideEffectsDialog(latest)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.urgent.isHidden()
    dialog.checks["trouble swallowing"].setChecked(True)
    assert not dialog.urgent.isHidden() and "call your emergency number now" in dialog.urgent.text()
    dialog.save()
    monkeypatch.setattr(
        SideEffectsDialog, "ask", classmethod(lambda cls, parent, i: dialog.result_injection)
    )
    notices: list[object] = []
    page.seek_help.connect(notices.append)
    page._today = lambda: latest.day + timedelta(days=3)
    page.effects_button.click()
    (notice,) = notices
    assert notice.tier == "urgent"  # type: ignore[attr-defined]


def test_ctrl_l_and_the_tray_open_the_quick_log(
    qtbot: QtBot, context: AppContext, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[date] = []

    def ask(cls: object, parent: object, day: date) -> None:
        asked.append(day)

    monkeypatch.setattr(QuickLogDialog, "ask", classmethod(ask))
    window = MainWindow(context, history_provider=lambda: history)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_frame_shown, timeout=5000):  # the shortcuts with it
        window.show()
    (shortcut,) = [s for s in window.findChildren(QShortcut) if s.key().toString() == "Ctrl+L"]
    shortcut.activated.emit()
    assert window.stack.currentWidget() is window.cycles_page
    assert len(asked) == 1
    window._start_tray()
    assert window.tray is not None
    window.tray.log_action.trigger()
    assert len(asked) == 2


def test_nothing_is_cut_off_at_200_percent_with_data(
    qtbot: QtBot, context: AppContext, history: History
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "dark", 2.0)
    try:
        window = MainWindow(context, history_provider=lambda: history)
        qtbot.addWidget(window)
        window.resize(1024, 600)
        window.show()
        window.nav.setCurrentRow(window.PAGES.index("Cycles"))
        qtbot.waitUntil(window.cycles_page.isVisible)
        for _ in range(3):
            QApplication.processEvents()
        assert cut_off(window) == []
        chart = window.cycles_page.chart
        # The curves get ten lines of the text, not 160 px squashed under big labels.
        assert chart.height() >= 10 * chart.fontMetrics().height()
    finally:
        apply_theme(app, "system", 1.0)


def test_the_chart_has_a_key_to_what_it_draws(qtbot: QtBot, page: CyclesPage) -> None:
    """The earlier cycles' faint lines and the wear-off band were unexplained."""
    page.show()
    qtbot.waitExposed(page)
    key = page.legend.text()
    assert page.legend.isVisible()
    for words in ("this&nbsp;cycle", "earlier&nbsp;cycles", "usually&nbsp;wore&nbsp;off"):
        assert words in key
    assert page.legend.accessibleName().startswith("Chart key: this cycle; earlier cycles")


def test_with_nothing_drawn_there_is_no_key(qtbot: QtBot, data_dir: Path) -> None:
    opened = open_history(data_dir)
    assert opened.history is not None
    history = opened.history
    try:
        page = CyclesPage(lambda: history, today=lambda: TODAY)
        qtbot.addWidget(page)
        page.show()
        assert page.legend.isHidden()
    finally:
        history.close()
