"""A snoozed reminder comes back once, ten minutes on, unless quiet hours or a routine
are in the way."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from app.core.reminders import QuietHours, Reminder
from app.core.snooze import SNOOZE, SnoozeBook

EVENING = Reminder(time(20, 0), "", "evening-4-7-8")
NOON = Reminder(time(12, 0), "Stretch", None)
AT_EIGHT = datetime(2026, 3, 2, 20, 0)


def test_it_comes_back_ten_minutes_later_and_only_once() -> None:
    book = SnoozeBook()
    assert book.snooze(EVENING, AT_EIGHT) == AT_EIGHT + timedelta(minutes=10) == AT_EIGHT + SNOOZE
    assert book.next_due() == AT_EIGHT + SNOOZE
    assert book.due(AT_EIGHT + timedelta(minutes=9), None, routine_running=False) == []
    assert book.due(AT_EIGHT + SNOOZE, None, routine_running=False) == [EVENING]
    assert book.due(AT_EIGHT + SNOOZE * 2, None, routine_running=False) == []
    assert book.next_due() is None


def test_two_snoozed_come_back_in_their_order() -> None:
    book = SnoozeBook()
    book.snooze(NOON, AT_EIGHT + timedelta(minutes=1))
    book.snooze(EVENING, AT_EIGHT)
    assert book.due(AT_EIGHT + timedelta(minutes=12), None, routine_running=False) == [
        EVENING,
        NOON,
    ]


def test_snoozing_into_quiet_hours_drops_it() -> None:
    book = SnoozeBook()
    late = datetime(2026, 3, 2, 21, 55)
    book.snooze(EVENING, late)
    quiet = QuietHours(time(22, 0), time(7, 0))
    assert book.due(late + SNOOZE, quiet, routine_running=False) == []
    assert book.next_due() is None


def test_a_routine_running_or_a_long_sleep_drops_it() -> None:
    book = SnoozeBook()
    book.snooze(EVENING, AT_EIGHT)
    assert book.due(AT_EIGHT + SNOOZE, None, routine_running=True) == []
    book.snooze(EVENING, AT_EIGHT)
    assert book.due(AT_EIGHT + timedelta(hours=3), None, routine_running=False) == []
