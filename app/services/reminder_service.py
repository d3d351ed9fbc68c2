"""Fires reminders while the app (or its tray) runs.

One single-shot timer is armed for the next reminder, recomputed from the wall clock
each time, and never for longer than RECHECK_MS: a changed clock or a suspended machine
is noticed within a minute. Each check asks :meth:`ReminderSchedule.due` what fell in
the time since the last check, so missed reminders are not stacked and nothing fires
during a running routine; a reminder fires at most once a calendar day even when the
clock is set back over it. Showing the notification and playing the chime are left to
whoever listens to :attr:`ReminderService.reminder_due`; a reminder snoozed with
:meth:`ReminderService.snooze` comes back once through :attr:`reminder_back`
(app/core/snooze.py has the rules).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app.core.reminders import Reminder, ReminderSchedule, reminder_message
from app.core.snooze import SnoozeBook

__all__ = ["RECHECK_MS", "ReminderService", "reminder_message"]

RECHECK_MS = 60_000
"""The longest the service sleeps between two looks at the wall clock."""


class ReminderService(QObject):
    reminder_due = Signal(object)  # Reminder
    reminder_back = Signal(object)  # Reminder, snoozed earlier: offer no second snooze

    def __init__(
        self,
        schedule_provider: Callable[[], ReminderSchedule],
        clock_wall: Callable[[], datetime],
        is_routine_running: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._schedule = schedule_provider
        self._wall = clock_wall
        self._running = is_routine_running
        self._last_check = clock_wall()
        self._next: datetime | None = None
        self._fired: dict[Reminder, date] = {}
        self._snoozed = SnoozeBook()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.check_now)
        self._arm()

    # -- for the lead and the tests ----------------------------------------------------

    def armed_ms(self) -> int | None:
        """Milliseconds the timer was last armed for, or None when stopped."""
        return self._timer.interval() if self._timer.isActive() else None

    def next_due(self) -> datetime | None:
        """When the next reminder falls (as computed when the timer was armed)."""
        return self._next

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def reschedule(self) -> None:
        """Arm again now: call after the reminders were edited."""
        self._arm()

    def snooze(self, reminder: Reminder) -> datetime:
        """Bring ``reminder`` back once, SNOOZE from now; return when."""
        back = self._snoozed.snooze(reminder, self._wall())
        self._arm()
        return back

    @Slot()
    def check_now(self) -> None:
        """Fire what fell due since the last check, then arm for the next one."""
        now = self._wall()
        schedule = self._schedule()
        running = self._running()
        for reminder in self._snoozed.due(now, schedule.quiet, routine_running=running):
            self.reminder_back.emit(reminder)
        due = schedule.due(self._last_check, now, routine_running=running)
        self._last_check = now
        for reminder in due:
            if self._fired.get(reminder) == now.date():
                continue  # the clock was set back (or summer time ended): once a day
            self._fired[reminder] = now.date()
            self.reminder_due.emit(reminder)
        self._arm()

    # -- inside ------------------------------------------------------------------------

    def _arm(self) -> None:
        now = self._wall()
        found = self._schedule().next_due(now)
        self._next = found[0] if found else None
        back = self._snoozed.next_due()
        if back is not None and (self._next is None or back < self._next):
            self._next = back
        delay = RECHECK_MS
        if self._next is not None:
            wait_ms = math.ceil((self._next - now).total_seconds() * 1000)
            delay = max(1, min(RECHECK_MS, wait_ms))
        self._timer.start(delay)
