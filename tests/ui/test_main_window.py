"""The window's navigation and the routines page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from pytestqt.qtbot import QtBot

from app.ui import main_window, routines_page
from app.ui.context import AppContext
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> MainWindow:
    widget = MainWindow(context)
    qtbot.addWidget(widget)
    widget.show()
    # The routines are read right after the first frame.
    qtbot.waitUntil(lambda: widget.routines.list.count() > 0, timeout=2000)
    return widget


def test_title_and_sections(window: MainWindow) -> None:
    assert window.windowTitle() == "Facewell"
    names = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert names == ["Routines", "Compress", "History", "Journal", "Tips", "Cycles"]


def test_lists_the_built_in_routines(window: MainWindow) -> None:
    assert window.routines.list.count() >= 10
    assert window.routines.select("Gentle face")


def test_category_filter(window: MainWindow) -> None:
    page = window.routines
    page.filter.setCurrentIndex(page.filter.findData("compress"))
    visible = [
        page.routine_at(row)
        for row in range(page.list.count())
        if not page.list.item(row).isHidden()
    ]
    assert visible
    assert all(r is not None and r.category == "compress" for r in visible)


def test_broken_user_routine_is_listed_with_its_error(qtbot: QtBot, context: AppContext) -> None:
    folder = context.data_dir / "routines"
    folder.mkdir()
    (folder / "mine.toml").write_text('name = "Mine"\n[[steps]]\nkind = "dance"\ntitle = "x"\n')
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.reload_routines()
    broken = [
        window.routines.list.item(row)
        for row in range(window.routines.list.count())
        if window.routines.routine_at(row) is None
    ]
    assert len(broken) == 1
    assert "mine.toml" in str(broken[0].data(Qt.ItemDataRole.AccessibleTextRole))


def test_enter_starts_the_selected_routine(qtbot: QtBot, window: MainWindow) -> None:
    window.routines.select("A mindful minute")
    window.routines.list.setFocus()
    with qtbot.waitSignal(window.player.session_started, timeout=2000):
        qtbot.keyClick(window.routines.list, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.player
    window.player.stop()
    assert window.stack.currentWidget() is window.routines


def test_seek_help_is_one_key_away(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.stack.currentWidget() is window.tips


def test_disclaimer_asked_on_first_show(
    qtbot: QtBot, window: MainWindow, no_disclaimer: list[object]
) -> None:
    qtbot.waitUntil(lambda: len(no_disclaimer) == 1, timeout=1000)


def test_plan_and_reminders_start_with_the_services(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    from datetime import time

    from app.core.reminders import Reminder
    from app.storage.history import open_history

    opened = open_history(context.data_dir)
    assert opened.history is not None
    history = opened.history
    window.services_ready(lambda: history)
    assert window.plan_panel is not None
    assert window.reminders is not None
    reminder = Reminder(time(20, 0), "", "evening-4-7-8")
    window.reminders.reminder_due.emit(reminder)
    assert window.notice.label.isVisible()
    assert "4-7-8" in window.notice.label.text()
    assert window.notice.action.isVisible()
    with qtbot.waitSignal(window.player.session_started, timeout=2000):
        window.notice.action.click()
    assert window.player.routine is not None
    assert window.player.routine.slug == "evening-4-7-8"
    window.player.stop()
    history.close()


def test_a_pinned_routine_starts_from_the_plan(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    window.services_ready(lambda: None)
    assert window.plan_panel is not None
    window.plan_panel.add("morning", "morning-calm")
    with qtbot.waitSignal(window.player.session_started, timeout=2000):
        window.plan_panel.start_requested.emit("morning-calm")
    assert window.player.routine is not None
    assert window.player.routine.name == "Morning calm"
    window.player.stop()


def test_opening_history_loads_it_once(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.history_page import HistoryPage

    calls: list[object] = []
    original = HistoryPage.refresh
    monkeypatch.setattr(HistoryPage, "refresh", lambda self: (calls.append(self), original(self)))
    window.nav.setCurrentRow(window.PAGES.index("History"))
    assert len(calls) == 1  # built now: its own load is enough
    window.nav.setCurrentRow(0)
    window.nav.setCurrentRow(window.PAGES.index("History"))
    assert len(calls) == 2  # shown again: reloaded once for fresh data


class _Events(QObject):
    """Records paints, to set them against the first-frame signal."""

    def __init__(self, log: list[str], name: str, when: Callable[[], bool] = lambda: True) -> None:
        super().__init__()
        self.log, self.name, self.when = log, name, when

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.when():
            self.log.append(self.name)
        return False


def test_start_up_work_waits_for_the_first_painted_frame(qtbot: QtBot, context: AppContext) -> None:
    log: list[str] = []
    window = MainWindow(context)
    qtbot.addWidget(window)
    painted = _Events(log, "paint")
    window.installEventFilter(painted)
    routines = window.routines.list
    listed = _Events(log, "routines painted", lambda: routines.count() > 0)
    routines.viewport().installEventFilter(listed)
    window.first_frame_shown.connect(lambda: log.append("first frame"))
    with qtbot.waitSignal(window.first_frame_shown, timeout=2000):
        window.show()
        assert window.routines.list.count() == 0  # nothing parsed before the event loop
        assert not window.routines.start_button.isEnabled()  # nothing to start yet
    assert log[0] == "paint"
    assert log.count("first frame") == 1
    # The filled list reaches the screen before the tray and the services start.
    assert log.index("routines painted") < log.index("first frame")
    assert window.routines.list.count() > 0
    assert window.routines.start_button.isEnabled()
    window.repaint()
    assert log.count("first frame") == 1  # once only


def test_start_up_work_still_runs_when_nothing_is_painted(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_window, "_FIRST_FRAME_FALLBACK_MS", 10)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.setUpdatesEnabled(False)  # no paint events at all
    with qtbot.waitSignal(window.first_frame_shown, timeout=2000):
        window.show()
    assert window.routines.list.count() > 0


def test_item_roles_are_qts_user_roles() -> None:
    # Spelled as numbers so that the first frame does not build Qt's enums.
    roles = (routines_page._ROUTINE, routines_page._ENTRY)
    assert roles == (Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1)
