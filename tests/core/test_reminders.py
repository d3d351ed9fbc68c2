"""Reminders fire at the chosen minute, respect days and quiet hours, are never
stacked after a sleep and never interrupt a running routine."""

from __future__ import annotations

import os
import stat
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from app.core.reminders import (
    QuietHours,
    Reminder,
    ReminderSchedule,
    ScheduleFile,
    describe_days,
    load_schedule,
    reminder_message,
    save_schedule,
)

MONDAY = datetime(2026, 5, 4)  # a Monday
EVENING = Reminder(time(20, 0), "Time for your evening routine", "4-7-8", frozenset(range(7)))


def moment(hh: int, mm: int, ss: int = 0, day: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hh, minutes=mm, seconds=ss)


def schedule(*reminders: Reminder, quiet: QuietHours | None = None) -> ReminderSchedule:
    return ReminderSchedule(list(reminders), quiet)


def test_fires_at_the_chosen_minute() -> None:
    s = schedule(EVENING)
    assert s.due(moment(19, 59, 30), moment(20, 0, 0), routine_running=False) == [EVENING]


def test_not_before_the_chosen_minute() -> None:
    s = schedule(EVENING)
    assert s.due(moment(19, 59, 0), moment(19, 59, 59), routine_running=False) == []


def test_fires_once_not_again_on_the_next_check() -> None:
    s = schedule(EVENING)
    assert s.due(moment(19, 59), moment(20, 0, 30), routine_running=False) == [EVENING]
    assert s.due(moment(20, 0, 30), moment(20, 1, 30), routine_running=False) == []


def test_next_due_is_today_then_tomorrow() -> None:
    s = schedule(EVENING)
    assert s.next_due(moment(8, 0)) == (moment(20, 0), EVENING)
    assert s.next_due(moment(20, 0)) == (moment(20, 0, day=1), EVENING)


def test_days_of_the_week() -> None:
    weekdays = Reminder(time(8, 0), "", None, frozenset(range(5)))
    s = schedule(weekdays)
    saturday, sunday = 5, 6
    assert (
        s.due(moment(7, 59, day=saturday), moment(8, 0, day=saturday), routine_running=False) == []
    )
    assert s.due(moment(7, 59, day=sunday), moment(8, 0, day=sunday), routine_running=False) == []
    assert s.due(moment(7, 59, day=7), moment(8, 0, day=7), routine_running=False) == [weekdays]
    # From Friday evening, the next one is Monday morning.
    assert s.next_due(moment(9, 0, day=4)) == (moment(8, 0, day=7), weekdays)


def test_no_days_means_never() -> None:
    never = Reminder(time(8, 0), "", None, frozenset())
    assert schedule(never).next_due(moment(0, 0)) is None


def test_quiet_hours_skip_a_reminder_not_move_it() -> None:
    late = Reminder(time(22, 30), "", None, frozenset(range(7)))
    s = schedule(late, EVENING, quiet=QuietHours(time(22, 0), time(7, 0)))
    assert s.due(moment(22, 29), moment(22, 31), routine_running=False) == []
    assert s.due(moment(6, 59, day=1), moment(7, 1, day=1), routine_running=False) == []
    assert s.next_due(moment(20, 0)) == (moment(20, 0, day=1), EVENING)


def hm(text: str) -> time:
    return time.fromisoformat(text)


@pytest.mark.parametrize(
    ("start", "end", "inside", "outside"),
    [
        ("22:00", "07:00", ["22:00", "23:59", "00:00", "06:59"], ["07:00", "21:59", "12:00"]),
        ("13:00", "14:00", ["13:00", "13:59"], ["12:59", "14:00", "00:00"]),
        ("09:00", "09:00", [], ["09:00", "00:00"]),
    ],
)
def test_quiet_hours_bounds(start: str, end: str, inside: list[str], outside: list[str]) -> None:
    quiet = QuietHours(hm(start), hm(end))
    for t in inside:
        assert quiet.contains(hm(t)), t
    for t in outside:
        assert not quiet.contains(hm(t)), t


def test_quiet_hours_wrapping_midnight_skip_a_reminder_after_midnight() -> None:
    night = Reminder(time(0, 30), "", None, frozenset(range(7)))
    s = schedule(night, quiet=QuietHours(time(22, 0), time(7, 0)))
    assert s.due(moment(0, 29, day=1), moment(0, 31, day=1), routine_running=False) == []
    assert s.next_due(moment(12, 0)) is None


def test_quiet_hours_switched_off() -> None:
    late = Reminder(time(22, 30), "", None, frozenset(range(7)))
    s = schedule(late, quiet=QuietHours(time(22, 0), time(7, 0), enabled=False))
    assert s.due(moment(22, 29), moment(22, 31), routine_running=False) == [late]


def test_missed_reminders_are_not_stacked_after_days_asleep() -> None:
    s = schedule(EVENING)
    # Asleep three days, woken ten minutes after the fourth evening reminder: one.
    assert s.due(moment(19, 0), moment(20, 10, day=3), routine_running=False) == [EVENING]


def test_missed_reminders_more_than_30_minutes_late_never_fire() -> None:
    s = schedule(EVENING)
    assert s.due(moment(19, 0), moment(20, 31, day=3), routine_running=False) == []
    assert s.due(moment(19, 0), moment(20, 30), routine_running=False) == []  # exactly 30
    assert s.due(moment(19, 0), moment(20, 29, 59), routine_running=False) == [EVENING]


def test_several_reminders_in_one_span_each_fire_once_in_order() -> None:
    a = Reminder(time(20, 0), "a", None, frozenset(range(7)))
    b = Reminder(time(20, 5), "b", None, frozenset(range(7)))
    s = schedule(b, a)
    assert s.due(moment(19, 59), moment(20, 6), routine_running=False) == [b, a]


def test_never_during_a_running_routine_and_dropped_not_deferred() -> None:
    s = schedule(EVENING)
    assert s.due(moment(19, 59, 30), moment(20, 0), routine_running=True) == []
    # The routine ended at 20:10; the next check does not bring the 20:00 one back.
    assert s.due(moment(20, 0), moment(20, 10), routine_running=False) == []


def test_clock_going_backwards_fires_nothing() -> None:
    s = schedule(EVENING)
    assert s.due(moment(20, 30), moment(19, 0), routine_running=False) == []


def test_aware_times_work() -> None:
    from datetime import timezone

    tz = timezone(timedelta(hours=2))
    s = schedule(EVENING)
    last = datetime(2026, 5, 4, 19, 59, 30, tzinfo=tz)
    now = datetime(2026, 5, 4, 20, 0, 0, tzinfo=tz)
    assert s.due(last, now, routine_running=False) == [EVENING]


def test_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "reminders.json"
    s = schedule(
        EVENING,
        Reminder(time(7, 15), "", None, frozenset({0, 2, 4})),
        quiet=QuietHours(time(22, 0), time(7, 0), enabled=False),
    )
    save_schedule(s, path)
    loaded, message = load_schedule(path)
    assert message is None
    assert loaded == s
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content",
    [
        "nope",
        '{"reminders": {}}',
        '{"reminders": [{"time": "25:00"}]}',
        '{"reminders": [{"time": "20:00", "days": [7]}]}',
        '{"quiet_hours": {"start": "22:00"}}',
    ],
)
def test_broken_file_is_kept_aside(tmp_path: Path, content: str) -> None:
    path = tmp_path / "reminders.json"
    path.write_text(content)
    loaded, message = load_schedule(path, now=datetime(2026, 5, 4, 9, 0, 0))
    assert loaded == ReminderSchedule()
    assert message is not None and "reminders.json.broken-20260504-090000" in message
    assert (tmp_path / "reminders.json.broken-20260504-090000").read_text() == content
    assert not path.exists()


def test_schedule_file_reloads_when_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "reminders.json"
    provider = ScheduleFile(path)
    assert provider().reminders == []
    save_schedule(schedule(EVENING), path)
    assert provider().reminders == [EVENING]
    path.write_text("{")
    assert provider().reminders == []
    message = provider.take_message()
    assert message is not None and "kept as reminders.json.broken-" in message
    assert provider.take_message() is None


def test_messages() -> None:
    assert reminder_message(EVENING) == "Time for your evening routine"
    bare = Reminder(time(7, 0), "", "morning-calm", frozenset(range(7)))
    assert reminder_message(bare) == "Time for your morning routine"
    assert reminder_message(bare, "Morning calm") == "Time for morning calm"
    assert reminder_message(bare, "A mindful minute") == "Time for a mindful minute"
    assert reminder_message(bare, "4-7-8 for the evening") == "Time for 4-7-8 for the evening"
    assert describe_days(range(7)) == "Every day"
    assert describe_days(range(5)) == "Weekdays"
    assert describe_days({0, 2}) == "Mon, Wed"
