"""Reminders at times the user picks, with quiet hours. No Qt here.

Times are wall-clock times of day. Pass the wall clock as a naive local ``datetime``
(``datetime.now()``); an aware one works too, and the reminders are then placed in its
``tzinfo``. The rules (what fires, what is skipped, what is dropped) are written down in
docs/plan-and-reminders.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path

from app.core.jsonfile import keep_aside, read_json, write_json_atomic
from app.core.words import sentence_case
from app.paths import REMINDERS_FILE

__all__ = [
    "ALL_DAYS",
    "DAY_NAMES",
    "LATE_LIMIT",
    "REMINDERS_FILE",
    "QuietHours",
    "Reminder",
    "ReminderSchedule",
    "ScheduleFile",
    "describe_days",
    "load_schedule",
    "part_of_day",
    "reminder_message",
    "save_schedule",
]

REMINDERS_VERSION = 1
ALL_DAYS: frozenset[int] = frozenset(range(7))
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

LATE_LIMIT = timedelta(minutes=30)
"""A missed reminder still fires when it is less late than this (once); later, never."""


@dataclass(frozen=True)
class Reminder:
    time: time
    """Time of day; seconds are ignored (a reminder is for a minute)."""
    label: str
    """What the notification says; empty for the default sentence."""
    routine: str | None
    """Slug of the routine to offer with Start, or None."""
    days: frozenset[int] = ALL_DAYS
    """Weekdays it fires on, 0 = Monday … 6 = Sunday. Empty: never."""

    def at(self, day: datetime) -> datetime:
        """This reminder on the date of ``day``, in ``day``'s tzinfo."""
        return datetime.combine(
            day.date(), time(self.time.hour, self.time.minute), tzinfo=day.tzinfo
        )


@dataclass
class QuietHours:
    """From ``start`` (included) to ``end`` (excluded); wraps midnight when start > end
    (22:00-07:00). start == end means no quiet hours."""

    start: time
    end: time
    enabled: bool = True

    def contains(self, moment: time) -> bool:
        if not self.enabled or self.start == self.end:
            return False
        t = time(moment.hour, moment.minute, moment.second, moment.microsecond)
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end


@dataclass
class ReminderSchedule:
    reminders: list[Reminder] = field(default_factory=list)
    quiet: QuietHours | None = None

    def _fires_at(self, reminder: Reminder, moment: datetime) -> bool:
        if moment.weekday() not in reminder.days:
            return False
        return self.quiet is None or not self.quiet.contains(moment.time())

    def occurrences(self, start: datetime, end: datetime) -> Iterator[tuple[datetime, Reminder]]:
        """Every firing in (start, end], in time order (days and quiet hours respected)."""
        found: list[tuple[datetime, int, Reminder]] = []
        day = start - timedelta(days=1)
        while day.date() <= end.date():
            for index, reminder in enumerate(self.reminders):
                moment = reminder.at(day)
                if start < moment <= end and self._fires_at(reminder, moment):
                    found.append((moment, index, reminder))
            day += timedelta(days=1)
        for moment, _, reminder in sorted(found, key=lambda f: (f[0], f[1])):
            yield moment, reminder

    def next_due(self, after: datetime) -> tuple[datetime, Reminder] | None:
        """The first firing strictly after ``after``, or None when nothing ever fires.
        A reminder inside quiet hours is skipped that day, not moved."""
        return next(self.occurrences(after, after + timedelta(days=8)), None)

    def due(self, last_check: datetime, now: datetime, *, routine_running: bool) -> list[Reminder]:
        """Reminders to fire now, for the time that passed in (last_check, now].

        - Each reminder fires at most once, for its latest time in that span, and only
          when that time is less than LATE_LIMIT ago: after a sleep or with the app
          closed, missed reminders are not stacked, and old ones are not shown at all.
        - Nothing fires while a routine runs; those reminders are dropped, not deferred.
        - If the clock went backwards (now <= last_check) nothing fires.
        """
        if routine_running or now <= last_check:
            return []
        start = max(last_check, now - LATE_LIMIT)
        latest: dict[int, Reminder] = {}
        for index, reminder in enumerate(self.reminders):
            for moment, _ in ReminderSchedule([reminder], self.quiet).occurrences(start, now):
                if now - moment < LATE_LIMIT:
                    latest[index] = reminder
        return [latest[index] for index in sorted(latest)]

    # -- file form ---------------------------------------------------------------------

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "version": REMINDERS_VERSION,
            "reminders": [
                {
                    "time": r.time.strftime("%H:%M"),
                    "label": r.label,
                    "routine": r.routine,
                    "days": sorted(r.days),
                }
                for r in self.reminders
            ],
        }
        if self.quiet is not None:
            data["quiet_hours"] = {
                "start": self.quiet.start.strftime("%H:%M"),
                "end": self.quiet.end.strftime("%H:%M"),
                "enabled": self.quiet.enabled,
            }
        return data

    @classmethod
    def from_json(cls, data: object) -> ReminderSchedule:
        """Raises ValueError with a plain sentence when ``data`` is not a schedule."""
        if not isinstance(data, dict):
            raise ValueError("it is not a JSON object")
        raw = data.get("reminders", [])
        if not isinstance(raw, list):
            raise ValueError("'reminders' must be a list")
        reminders = [_reminder_from_json(item, i) for i, item in enumerate(raw)]
        quiet = None
        raw_quiet = data.get("quiet_hours")
        if raw_quiet is not None:
            if not isinstance(raw_quiet, dict):
                raise ValueError("'quiet_hours' must be an object with 'start' and 'end'")
            enabled = raw_quiet.get("enabled", True)
            if not isinstance(enabled, bool):
                raise ValueError("'quiet_hours.enabled' must be true or false")
            quiet = QuietHours(
                _parse_time(raw_quiet.get("start"), "quiet_hours.start"),
                _parse_time(raw_quiet.get("end"), "quiet_hours.end"),
                enabled,
            )
        return cls(reminders, quiet)


def _parse_time(value: object, where: str) -> time:
    if not isinstance(value, str):
        raise ValueError(f"'{where}' must be a time like \"20:00\"")
    try:
        parsed = time.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{where}' must be a time like \"20:00\", not {value!r}") from None
    return time(parsed.hour, parsed.minute)


def _reminder_from_json(item: object, index: int) -> Reminder:
    where = f"reminders[{index}]"
    if not isinstance(item, dict):
        raise ValueError(f"{where} must be an object with 'time'")
    label = item.get("label", "")
    routine = item.get("routine")
    days = item.get("days", list(ALL_DAYS))
    if not isinstance(label, str):
        raise ValueError(f"'{where}.label' must be text")
    if routine is not None and not (isinstance(routine, str) and routine.strip()):
        raise ValueError(f"'{where}.routine' must be a routine name or null")
    if not isinstance(days, list) or not all(
        isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in days
    ):
        raise ValueError(f"'{where}.days' must be a list of weekdays 0 (Monday) to 6 (Sunday)")
    return Reminder(_parse_time(item.get("time"), f"{where}.time"), label, routine, frozenset(days))


def load_schedule(
    path: Path, *, now: datetime | None = None
) -> tuple[ReminderSchedule, str | None]:
    """The schedule in ``path`` (empty if there is none) and a message to show, if any.
    A broken file is kept aside as ``reminders.json.broken-STAMP``, never deleted."""
    try:
        data = read_json(path)
        if data is None:
            return ReminderSchedule(), None
        return ReminderSchedule.from_json(data), None
    except ValueError as exc:
        try:
            aside = keep_aside(path, now)
        except OSError:
            return ReminderSchedule(), (
                f"Your reminders could not be read ({exc}), so none are set. "
                f"The file {path.name} was left as it was."
            )
        return ReminderSchedule(), (
            f"Your reminders could not be read ({exc}), so none are set. "
            f"The old file was kept as {aside.name}."
        )
    except OSError as exc:
        return ReminderSchedule(), (
            f"Your reminders could not be opened ({exc.strerror or exc}), so none are set."
        )


def save_schedule(schedule: ReminderSchedule, path: Path) -> None:
    """Write ``schedule`` to ``path`` atomically (0600). Raises OSError."""
    write_json_atomic(path, schedule.to_json())


class ScheduleFile:
    """A schedule provider for the reminder service: reads ``path`` again only when the
    file changed (so the reminders dialog's save is picked up). ``message`` holds the
    last problem to show, if any; ``take_message()`` hands it over once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._schedule = ReminderSchedule()
        self.message: str | None = None

    def _current_stamp(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def __call__(self) -> ReminderSchedule:
        stamp = self._current_stamp()
        if stamp != self._stamp or stamp is None:
            self._schedule, message = load_schedule(self.path)
            self.message = message or self.message
            self._stamp = self._current_stamp()
        return self._schedule

    def take_message(self) -> str | None:
        message, self.message = self.message, None
        return message


def part_of_day(moment: time) -> str:
    """ "morning" before 11:00, "midday" before 17:00, otherwise "evening"."""
    if moment < time(11):
        return "morning"
    if moment < time(17):
        return "midday"
    return "evening"


def reminder_message(reminder: Reminder, routine_name: str | None = None) -> str:
    """The notification's sentence: the label as written, or "Time for <routine>", or
    "Time for your evening routine". The name is in sentence case ("Time for a mindful
    minute")."""
    if reminder.label.strip():
        return reminder.label.strip()
    if routine_name:
        return f"Time for {sentence_case(routine_name)}"
    return f"Time for your {part_of_day(reminder.time)} routine"


def describe_days(days: Iterable[int]) -> str:
    """ "Every day", "Weekdays", "Weekends", "Never" or "Mon, Wed, Fri"."""
    chosen = frozenset(days)
    if chosen == ALL_DAYS:
        return "Every day"
    if chosen == frozenset(range(5)):
        return "Weekdays"
    if chosen == frozenset({5, 6}):
        return "Weekends"
    if not chosen:
        return "Never"
    return ", ".join(DAY_NAMES[d] for d in sorted(chosen))
