"""Reminders as the person meets them: a chime, a desktop notification with Start now
and In 10 minutes, the tray's menu, and a banner in the window.

The notification goes through the window's Notifier (desktop notifications, else the
tray, else the banner, app/ui/notify.py). The banner with "Start now" is always set as
well, so a reminder missed while away is still there when the window comes up. A
snoozed reminder comes back once, without a second "In 10 minutes"
(app/core/snooze.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.core.reminders import REMINDERS_FILE, Reminder, ScheduleFile, reminder_message
from app.services.reminder_service import ReminderService

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

    from app.core.routine import Routine
    from app.ui.main_window import MainWindow

START = ("start", "Start now")
SNOOZE = ("snooze", "In 10 minutes")
OPEN = ("default", "Open Facewell")


@dataclass(frozen=True)
class _Shown:
    reminder: Reminder
    routine: Routine | None


class ReminderDesk(QObject):
    """Owns the reminder service and answers what a reminder's notification is clicked."""

    def __init__(
        self, window: MainWindow, clock_wall: Callable[[], datetime] = datetime.now
    ) -> None:
        super().__init__(window)
        self.window = window
        self.schedule = ScheduleFile(window.context.data_dir / REMINDERS_FILE)
        self.service = ReminderService(self.schedule, clock_wall, window.timer_running, parent=self)
        self.service.reminder_due.connect(lambda r: self.remind(r, comeback=False))
        self.service.reminder_back.connect(lambda r: self.remind(r, comeback=True))
        self._tokens: dict[int, _Shown] = {}
        self._shown: dict[int, _Shown] = {}
        self._bell: QSoundEffect | None = None
        notifier = window.notifier
        notifier.shown.connect(self._on_shown)
        notifier.action_invoked.connect(self._on_action)

    def has_reminders(self) -> bool:
        """True when some reminder can fire: worth running in the background for."""
        return any(r.days for r in self.schedule().reminders)

    def remind(self, reminder: Reminder, *, comeback: bool) -> None:
        window = self.window
        routine = window.library.find(reminder.routine) if reminder.routine else None
        text = reminder_message(reminder, routine.name if routine else None)
        self._chime()
        actions = [OPEN]
        if routine is not None:
            actions.append(START)
        if not comeback:
            actions.append(SNOOZE)
        token = window.notifier.notify("Facewell", text, actions)
        if token:
            self._tokens[token] = _Shown(reminder, routine)
        if routine is not None:
            window.show_banner(text, "Start now", lambda: window.start_routine(routine))
            if window.tray is not None:
                window.tray.offer_start(routine.name, lambda: window.start_routine(routine))

    def snooze(self, reminder: Reminder) -> None:
        back = self.service.snooze(reminder)
        self.window.show_banner(f"I'll remind you again at {back:%H:%M}.")

    def _on_shown(self, token: int, notification: int) -> None:
        shown = self._tokens.pop(token, None)
        if shown is not None:
            self._shown[notification] = shown

    def _on_action(self, notification: int, key: str) -> None:
        shown = self._shown.pop(notification, None)
        if shown is None:
            return  # not a reminder's (a compress message), or already answered
        if key == SNOOZE[0]:
            self.snooze(shown.reminder)
            return
        self.window.bring_to_front()
        if key == START[0] and shown.routine is not None:
            self.window.start_routine(shown.routine)

    def _chime(self) -> None:
        """A soft bell with the reminder (chimes off in settings: silent)."""
        context = self.window.context
        if not context.settings.chimes_enabled or context.mute:
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QSoundEffect

        from app.resources import audio_dir

        if self._bell is None:
            self._bell = QSoundEffect(self)
            self._bell.setSource(QUrl.fromLocalFile(str(audio_dir() / "bell.wav")))
        self._bell.setVolume(context.settings.volume)
        self._bell.play()


def open_reminders_dialog(window: MainWindow, service: ReminderService | None) -> None:
    """The reminders editor; saving re-arms the running service, if any."""
    from app.ui.reminders_dialog import RemindersDialog

    dialog = RemindersDialog(
        window.context.data_dir / REMINDERS_FILE, window.routine_names(), window
    )
    if service is not None:
        dialog.saved.connect(lambda _schedule: service.reschedule())
    dialog.open()
