"""The reminder service arms one timer for the next reminder and fires on a fake clock."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from pytestqt.qtbot import QtBot

from app.core.reminders import QuietHours, Reminder, ReminderSchedule
from app.services.reminder_service import RECHECK_MS, ReminderService

EVENING = Reminder(time(20, 0), "Time for your evening routine", "4-7-8", frozenset(range(7)))


class WallClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class Running:
    def __init__(self) -> None:
        self.value = False

    def __call__(self) -> bool:
        return self.value


def make(
    qtbot: QtBot, start: datetime, *reminders: Reminder, quiet: QuietHours | None = None
) -> tuple[ReminderService, WallClock, Running]:
    wall = WallClock(start)
    running = Running()
    schedule = ReminderSchedule(list(reminders), quiet)
    service = ReminderService(lambda: schedule, wall, running)
    return service, wall, running


def test_armed_for_the_time_left_when_close(qtbot: QtBot) -> None:
    service, _, _ = make(qtbot, datetime(2026, 5, 4, 19, 59, 30), EVENING)
    assert service.armed_ms() == 30_000
    assert service.next_due() == datetime(2026, 5, 4, 20, 0)
    service.stop()


def test_never_armed_longer_than_a_minute(qtbot: QtBot) -> None:
    service, _, _ = make(qtbot, datetime(2026, 5, 4, 8, 0), EVENING)
    assert service.armed_ms() == RECHECK_MS
    empty, _, _ = make(qtbot, datetime(2026, 5, 4, 8, 0))
    assert empty.armed_ms() == RECHECK_MS
    assert empty.next_due() is None
    service.stop()
    empty.stop()


def test_emits_when_the_clock_reaches_the_minute(qtbot: QtBot) -> None:
    service, wall, _ = make(qtbot, datetime(2026, 5, 4, 19, 59, 30), EVENING)
    with qtbot.assertNotEmitted(service.reminder_due):
        wall.advance(seconds=29)
        service.check_now()
    assert service.armed_ms() == 1000
    wall.advance(seconds=1)
    with qtbot.waitSignal(service.reminder_due, timeout=1000) as blocker:
        service.check_now()
    assert blocker.args == [EVENING]
    # Armed again, for tomorrow (capped at a minute), and it does not fire twice.
    assert service.next_due() == datetime(2026, 5, 5, 20, 0)
    assert service.armed_ms() == RECHECK_MS
    with qtbot.assertNotEmitted(service.reminder_due):
        wall.advance(seconds=30)
        service.check_now()
    service.stop()


def test_the_timer_itself_fires_the_reminder(qtbot: QtBot) -> None:
    # The wall clock is already past the minute when the short timer runs out.
    service, wall, _ = make(qtbot, datetime(2026, 5, 4, 19, 59, 59, 990_000), EVENING)
    assert service.armed_ms() == 10
    wall.advance(seconds=1)
    with qtbot.waitSignal(service.reminder_due, timeout=2000) as blocker:
        pass
    assert blocker.args == [EVENING]
    service.stop()


def test_not_emitted_while_a_routine_runs(qtbot: QtBot) -> None:
    service, wall, running = make(qtbot, datetime(2026, 5, 4, 19, 59, 30), EVENING)
    running.value = True
    with qtbot.assertNotEmitted(service.reminder_due):
        wall.advance(seconds=45)
        service.check_now()
    # Dropped, not deferred: the routine ends and nothing comes late.
    running.value = False
    with qtbot.assertNotEmitted(service.reminder_due):
        wall.advance(minutes=5)
        service.check_now()
    service.stop()


def test_after_a_long_sleep_at_most_one_and_only_if_recent(qtbot: QtBot) -> None:
    service, wall, _ = make(qtbot, datetime(2026, 5, 4, 19, 0), EVENING)
    wall.advance(days=3, hours=1, minutes=10)  # woke at 20:10 three days later
    with qtbot.waitSignals([service.reminder_due], timeout=1000):
        service.check_now()
    late, wall2, _ = make(qtbot, datetime(2026, 5, 4, 19, 0), EVENING)
    wall2.advance(days=3, hours=2)  # 21:00: an hour late
    with qtbot.assertNotEmitted(late.reminder_due):
        late.check_now()
    service.stop()
    late.stop()


def test_quiet_hours_skip_and_arm_for_the_next_allowed_time(qtbot: QtBot) -> None:
    night = Reminder(time(22, 30), "", None, frozenset(range(7)))
    service, wall, _ = make(
        qtbot, datetime(2026, 5, 4, 22, 29, 30), night, EVENING, quiet=QuietHours(time(22), time(7))
    )
    assert service.next_due() == datetime(2026, 5, 5, 20, 0)
    with qtbot.assertNotEmitted(service.reminder_due):
        wall.advance(minutes=1)
        service.check_now()
    service.stop()


def test_a_clock_set_back_does_not_fire_twice_the_same_day(qtbot: QtBot) -> None:
    service, wall, _ = make(qtbot, datetime(2026, 5, 4, 19, 59, 30), EVENING)
    wall.advance(seconds=30)
    with qtbot.waitSignal(service.reminder_due, timeout=1000):
        service.check_now()
    wall.advance(hours=-1)
    with qtbot.assertNotEmitted(service.reminder_due):
        service.check_now()
    assert service.armed_ms() == RECHECK_MS
    wall.advance(hours=1, seconds=1)  # 20:00 passes again on the same day
    with qtbot.assertNotEmitted(service.reminder_due):
        service.check_now()
    wall.advance(days=1)  # but the next day it fires
    with qtbot.waitSignal(service.reminder_due, timeout=1000):
        service.check_now()
    service.stop()


def test_reschedule_picks_up_an_edited_schedule(qtbot: QtBot) -> None:
    wall = WallClock(datetime(2026, 5, 4, 19, 0))
    current = ReminderSchedule()
    service = ReminderService(lambda: current, wall, lambda: False)
    assert service.next_due() is None
    current = ReminderSchedule([Reminder(time(19, 1), "", None, frozenset(range(7)))])
    service.reschedule()
    assert service.armed_ms() == 60_000
    assert service.next_due() == datetime(2026, 5, 4, 19, 1)
    service.stop()
