"""The history page on a real History: summary, table, filters, notes, delete and undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.storage.history import History, open_history
from app.ui.context import AppContext
from app.ui.history_page import HistoryPage
from app.ui.main_window import MainWindow
from app.ui.sessions_model import DATE, NOTE, ROUTINE
from app.ui.theme import apply_theme
from tests.ui.layout_check import cut_off

NOW = datetime(2026, 5, 1, 12, 0).astimezone()  # a Friday; the week began on 27 April


def _session(
    history: History,
    routine: str,
    category: str,
    started: datetime,
    elapsed: float,
    status: str = "completed",
    severity_before: int | None = None,
) -> int:
    slug = routine.lower().replace(" ", "-")
    session_id = history.sessions.start(
        routine, slug, category, 600, started_at=started, severity_before=severity_before
    )
    history.sessions.finish(
        session_id, status, elapsed, ended_at=started + timedelta(seconds=elapsed)
    )
    return session_id


@pytest.fixture
def history(data_dir: Path) -> Iterator[History]:
    opened = open_history(data_dir, now=lambda: NOW)
    assert opened.history is not None
    history = opened.history
    _session(history, "Gentle face", "facial", NOW - timedelta(days=11, hours=4), 300)
    _session(history, "Morning calm", "breathing", NOW - timedelta(days=2, hours=4), 600)
    second = _session(
        history, "Gentle face", "facial", NOW - timedelta(days=1, hours=4), 300, severity_before=6
    )
    history.sessions.set_feedback(second, severity_after=3, feeling="better", note="lighter")
    _session(history, "Morning calm", "breathing", NOW - timedelta(hours=4), 120, "stopped")
    yield history
    history.close()


@pytest.fixture
def page(qtbot: QtBot, history: History) -> HistoryPage:
    widget = HistoryPage(lambda: history, now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    return widget


def _column(page: HistoryPage, column: int) -> list[str]:
    proxy = page.proxy
    return [str(proxy.index(row, column).data()) for row in range(proxy.rowCount())]


def test_summary_numbers(page: HistoryPage, history: History) -> None:
    stats = history.stats.summary(NOW.date())
    assert round(stats.minutes_this_week) == 17  # 10 + 5 + 2 minutes since Monday
    assert page.minutes_week_label.text() == "17 minutes"
    assert page.sessions_month_label.text() == "1 session"
    assert page.current_streak_label.text() == "3 days"
    assert page.longest_streak_label.text() == "3 days"


def test_table_rows_newest_first(page: HistoryPage) -> None:
    assert page.proxy.rowCount() == 4
    assert _column(page, ROUTINE) == ["Morning calm", "Gentle face", "Morning calm", "Gentle face"]
    dates = _column(page, DATE)
    assert dates[0] == "Fri 1 May 2026, 08:00"
    assert "Stopped early" in _column(page, 3)[0]
    assert _column(page, 4)[1] == "6 → 3"
    assert _column(page, NOTE)[1] == "lighter"
    assert page.count_label.text() == "4 sessions"


def test_sort_by_date(page: HistoryPage) -> None:
    page.table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
    dates = _column(page, DATE)
    assert dates[0] == "Mon 20 Apr 2026, 08:00"
    assert dates[-1] == "Fri 1 May 2026, 08:00"
    page.table.sortByColumn(ROUTINE, Qt.SortOrder.AscendingOrder)
    assert _column(page, ROUTINE) == ["Gentle face", "Gentle face", "Morning calm", "Morning calm"]


def test_filter_by_routine_and_category(qtbot: QtBot, page: HistoryPage) -> None:
    combo = page.routine_filter
    qtbot.waitUntil(lambda: combo.count() == 3, timeout=1000)  # filled just after showing
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All routines",
        "Gentle face",
        "Morning calm",
    ]
    combo.setCurrentIndex(combo.findData("Gentle face"))
    assert _column(page, ROUTINE) == ["Gentle face", "Gentle face"]
    combo.setCurrentIndex(0)
    page.category_filter.setCurrentIndex(page.category_filter.findData("breathing"))
    assert _column(page, ROUTINE) == ["Morning calm", "Morning calm"]
    page.category_filter.setCurrentIndex(page.category_filter.findData("compress"))
    assert page.proxy.rowCount() == 0
    assert page.count_label.text() == "No sessions match"


def test_edit_note_is_saved(qtbot: QtBot, page: HistoryPage, history: History) -> None:
    assert page.set_note(0, "  short today ")
    newest = history.sessions.page(limit=1)[0]
    assert newest.note == "short today"
    assert _column(page, NOTE)[0] == "short today"


def test_edit_note_in_place(qtbot: QtBot, page: HistoryPage, history: History) -> None:
    page.select_row(1)
    page.edit_button.click()
    editors = page.table.viewport().findChildren(QLineEdit)
    assert len(editors) == 1
    editor = editors[0]
    assert editor.text() == "lighter"
    editor.selectAll()
    qtbot.keyClicks(editor, "calmer after")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop pass
    qtbot.waitUntil(lambda: history.sessions.page(limit=2)[1].note == "calmer after", timeout=1000)
    assert _column(page, NOTE)[1] == "calmer after"


def test_delete_and_undo(qtbot: QtBot, page: HistoryPage, history: History) -> None:
    page.select_row(1)
    deleted_id = page.model.row_data(page.selected_row()).id
    assert page.count_label.text() == "4 sessions"
    page.delete_button.click()
    assert history.sessions.count() == 3
    assert page.proxy.rowCount() == 3
    assert page.count_label.text() == "3 sessions"  # every count on the page, at once
    assert deleted_id not in [s.id for s in history.sessions.page()]
    assert page.undo_banner.isVisible()
    assert "Session deleted" in page.undo_banner.label.text()

    page.undo_banner.button.click()
    assert history.sessions.count() == 4
    restored = history.sessions.get(deleted_id)
    assert restored.note == "lighter"
    assert restored.severity_after == 3
    assert page.proxy.rowCount() == 4
    assert page.count_label.text() == "4 sessions"
    assert not page.undo_banner.isVisible()


def test_the_undo_notice_floats_over_the_table_and_moves_nothing(
    qtbot: QtBot, page: HistoryPage
) -> None:
    page.resize(900, 600)
    page.show()
    qtbot.waitExposed(page)
    for _ in range(3):  # laid out, the scroll bar shown where the page needs one
        QApplication.processEvents()
    table, chart = page.table.geometry(), page.minutes_chart.geometry()
    page.select_row(1)
    page.delete_button.click()
    QApplication.processEvents()
    assert page.undo_banner.isVisible()
    assert (page.table.geometry(), page.minutes_chart.geometry()) == (table, chart)
    assert page.undo_banner.parentWidget() is page.table  # it scrolls with the table
    assert page.table.rect().contains(page.undo_banner.geometry())


def test_without_a_history_the_page_explains(qtbot: QtBot) -> None:
    page = HistoryPage(lambda: None)
    qtbot.addWidget(page)
    page.show()
    assert page.pages.currentWidget().isAncestorOf(page.unavailable)
    assert "can't be shown" in page.unavailable.text()
    assert page.unavailable.isVisible()


def test_empty_history_says_so(qtbot: QtBot, data_dir: Path) -> None:
    opened = open_history(data_dir, now=lambda: NOW)
    assert opened.history is not None
    page = HistoryPage(lambda: opened.history, now=lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    assert page.empty_label.isVisible()
    assert page.minutes_week_label.text() == "0 minutes"
    opened.history.close()


def test_window_refreshes_history_when_shown(
    qtbot: QtBot, context: AppContext, history: History
) -> None:
    window = MainWindow(context, history_provider=lambda: history)
    qtbot.addWidget(window)
    window.nav.setCurrentRow(window.PAGES.index("History"))
    assert window.stack.currentWidget() is window.history_page
    assert window.history_page.proxy.rowCount() == 4
    _session(history, "Quiet mind", "meditation", NOW - timedelta(hours=1), 300)
    window.nav.setCurrentRow(0)
    window.nav.setCurrentRow(window.PAGES.index("History"))
    assert window.history_page.proxy.rowCount() == 5


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_with_sessions_nothing_is_cut_off_on_a_small_screen(
    qtbot: QtBot, history: History, qapp: QApplication, scale: float
) -> None:
    """With a real history at 200 % on 1024x600 the cards read "32 m / this wee", the
    filters "All r", and one row of the table showed; the page now scrolls instead."""
    apply_theme(qapp, "dark", scale)
    try:
        page = HistoryPage(lambda: history, now=lambda: NOW)
        qtbot.addWidget(page)
        page.resize(660, 520)  # what the page gets of a 1024x600 window at 200 %
        page.show()
        page.refresh()
        qtbot.waitUntil(lambda: page.proxy.rowCount() == 4)
        for _ in range(3):
            QApplication.processEvents()
        assert page.minutes_week_label.text() != "—"
        assert cut_off(page) == []
        visible_rows = page.table.viewport().height() // page.table.rowHeight(0)
        assert visible_rows >= 4
    finally:
        apply_theme(qapp, "system", 1.0)
