"""A reminder reaches the desktop's notifications (a private D-Bus session and a server
the test reads and clicks): Start now and In 10 minutes; Snooze brings it back once."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from session_bus import FakeNotificationServer, notification_server, session_bus

from app.core.reminders import REMINDERS_FILE, Reminder, ReminderSchedule, save_schedule
from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from app.ui.reminder_desk import ReminderDesk

__all__ = ["notification_server", "session_bus"]  # fixtures, used by name

EVENING = Reminder(time(20, 0), "", "evening-4-7-8")


class WallClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def window(
    qtbot: QtBot, context: AppContext, session_bus: str, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    save_schedule(ReminderSchedule([EVENING]), context.data_dir / REMINDERS_FILE)
    widget = MainWindow(context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.routines.list.count() > 0, timeout=2000)
    return widget


def _desk(window: MainWindow, wall: WallClock) -> ReminderDesk:
    desk = ReminderDesk(window, wall)
    window.reminder_desk, window.reminders = desk, desk.service
    return desk


def test_a_reminder_offers_start_and_snooze_and_snooze_brings_it_back_once(
    qtbot: QtBot, window: MainWindow, notification_server: FakeNotificationServer
) -> None:
    wall = WallClock(datetime(2026, 3, 2, 19, 59, 30))
    desk = _desk(window, wall)
    wall.now = datetime(2026, 3, 2, 20, 0, 5)
    desk.service.check_now()
    qtbot.waitUntil(lambda: len(notification_server.shown) == 1, timeout=5000)
    first = notification_server.shown[0]
    assert first.action_keys == ["default", "start", "snooze"]
    assert "Start now" in first.actions and "In 10 minutes" in first.actions
    assert "4-7-8" in first.body
    assert notification_server.bad_calls == []

    notification_server.invoke(first.id, "snooze")
    qtbot.waitUntil(
        lambda: desk.service.next_due() == wall.now + timedelta(minutes=10), timeout=5000
    )
    assert "again at 20:10" in window.notice.label.text()

    wall.now += timedelta(minutes=9)
    desk.service.check_now()
    assert len(notification_server.shown) == 1  # not yet
    wall.now += timedelta(minutes=1)
    desk.service.check_now()
    qtbot.waitUntil(lambda: len(notification_server.shown) == 2, timeout=5000)
    back = notification_server.shown[1]
    assert back.body == first.body
    assert back.action_keys == ["default", "start"]  # back once: no second snooze

    for _ in range(3):
        wall.now += timedelta(minutes=10)
        desk.service.check_now()
    qtbot.wait(200)
    assert len(notification_server.shown) == 2  # it came back once, and only once


def test_start_now_on_the_notification_starts_the_routine(
    qtbot: QtBot, window: MainWindow, notification_server: FakeNotificationServer
) -> None:
    wall = WallClock(datetime(2026, 3, 2, 19, 59, 30))
    desk = _desk(window, wall)
    wall.now = datetime(2026, 3, 2, 20, 0, 5)
    desk.service.check_now()
    qtbot.waitUntil(lambda: len(notification_server.shown) == 1, timeout=5000)
    with qtbot.waitSignal(window.player.session_started, timeout=5000):
        notification_server.invoke(notification_server.shown[0].id, "start")
    assert window.player.routine is not None
    assert window.player.routine.slug == "evening-4-7-8"
    window.player.stop()


def test_without_a_notification_server_the_banner_still_offers_start(
    qtbot: QtBot, window: MainWindow
) -> None:
    wall = WallClock(datetime(2026, 3, 2, 19, 59, 30))
    desk = _desk(window, wall)
    wall.now = datetime(2026, 3, 2, 20, 0, 5)
    desk.service.check_now()
    assert "4-7-8" in window.notice.label.text()
    assert window.notice.action.isVisible()


def test_closing_with_reminders_set_offers_to_keep_them(
    qtbot: QtBot, window: MainWindow, closing_quits_with_reminders: list[bool]
) -> None:
    _desk(window, WallClock(datetime(2026, 3, 2, 12, 0)))
    window.close()
    assert closing_quits_with_reminders == [False]  # asked; no tray here


def test_keeping_them_without_a_tray_minimises_instead_of_hiding(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import questions

    monkeypatch.setattr(
        questions.KeepRemindersQuestion, "ask", classmethod(lambda cls, parent, tray: True)
    )
    _desk(window, WallClock(datetime(2026, 3, 2, 12, 0)))
    window.close()
    assert window.isVisible()
    assert window.isMinimized()
    window.quit()


def test_start_hidden_without_a_tray_is_minimised_and_starts_the_services(
    qtbot: QtBot, context: AppContext, data_dir: Path
) -> None:
    widget = MainWindow(context)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.first_frame_shown, timeout=5000):
        widget.start_hidden()
    assert widget.isMinimized()
