"""Snoozed reminders: "In 10 minutes" brings a reminder back once. No Qt here.

A reminder snoozed at ``now`` comes back at ``now + SNOOZE``, once: the reminder that
comes back offers Start but no second snooze (a reminder that can be pushed on for
ever stops being one). It is dropped, not moved, when it would come back inside quiet
hours, while a routine runs, or more than LATE_LIMIT late (the laptop slept through it),
the same rules a scheduled reminder follows (docs/plan-and-reminders.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.core.reminders import LATE_LIMIT, QuietHours, Reminder

__all__ = ["SNOOZE", "SnoozeBook"]

SNOOZE = timedelta(minutes=10)


@dataclass
class SnoozeBook:
    """The snoozed reminders waiting to come back, each with its time."""

    waiting: dict[Reminder, datetime] = field(default_factory=dict)

    def snooze(self, reminder: Reminder, now: datetime) -> datetime:
        """Bring ``reminder`` back at now + SNOOZE (a second snooze only moves it)."""
        back = now + SNOOZE
        self.waiting[reminder] = back
        return back

    def next_due(self) -> datetime | None:
        return min(self.waiting.values(), default=None)

    def due(
        self, now: datetime, quiet: QuietHours | None, *, routine_running: bool
    ) -> list[Reminder]:
        """The snoozed reminders whose time has come, in time order; each leaves the
        book, so it comes back at most once. Those that fall in quiet hours, during a
        routine or too late are dropped, not returned."""
        ready = sorted(
            (back, i, r) for i, (r, back) in enumerate(self.waiting.items()) if back <= now
        )
        back_now: list[Reminder] = []
        for back, _, reminder in ready:
            del self.waiting[reminder]
            if routine_running or now - back >= LATE_LIMIT:
                continue
            if quiet is not None and quiet.contains(back.time()):
                continue
            back_now.append(reminder)
        return back_now
