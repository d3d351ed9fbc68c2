"""Reminders: times of day for a gentle nudge, and quiet hours. Saved to
DATA_DIR/reminders.json when OK is pressed."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.reminders import (
    ALL_DAYS,
    DAY_NAMES,
    QuietHours,
    Reminder,
    ReminderSchedule,
    describe_days,
    load_schedule,
    reminder_message,
    save_schedule,
)
from app.ui.fitting_dialog import FittingDialog
from app.ui.time_field import TimeField
from app.ui.widgets import show_text, wrapped

__all__ = ["ReminderEditor", "RemindersDialog"]

DEFAULT_QUIET = QuietHours(time(22, 0), time(7, 0), enabled=False)


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _pytime(t: QTime) -> time:
    return time(t.hour(), t.minute())


def _time_field(value: time, name: str) -> TimeField:
    field = TimeField(_qtime(value))
    field.setAccessibleName(name)
    field.setMaximumWidth(field.fontMetrics().horizontalAdvance("00:00 pm") + 40)
    return field


def _said_for(field: TimeField) -> QLabel:
    """The line under ``field`` that says why what was typed isn't a time."""
    said = wrapped("", "fieldError")
    said.hide()
    field.problem.connect(lambda text: show_text(said, text))
    return said


class ReminderEditor(QDialog):
    """One reminder: time, words, routine to offer, days."""

    def __init__(
        self,
        routines: list[tuple[str, str]],
        reminder: Reminder | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit reminder" if reminder else "New reminder")
        self._routines = dict(routines)
        start = reminder or Reminder(time(20, 0), "", None, ALL_DAYS)
        form = QFormLayout()
        self.time_edit = _time_field(start.time, "Time")
        self.time_said = _said_for(self.time_edit)
        form.addRow("Time", self.time_edit)
        form.addRow("", self.time_said)
        self.routine_combo = QComboBox()
        self.routine_combo.addItem("No particular routine", None)
        for slug, name in sorted(routines, key=lambda r: r[1].casefold()):
            self.routine_combo.addItem(name, slug)
        if start.routine is not None:
            index = self.routine_combo.findData(start.routine)
            if index < 0:
                self.routine_combo.addItem(f"{start.routine} (not found)", start.routine)
                index = self.routine_combo.count() - 1
            self.routine_combo.setCurrentIndex(index)
        self.routine_combo.setAccessibleName("Routine to start")
        form.addRow("Routine", self.routine_combo)
        self.label_edit = QLineEdit(start.label)
        self.label_edit.setAccessibleName("Message")
        form.addRow("Message", self.label_edit)
        days_row = QHBoxLayout()
        days_row.setSpacing(8)
        self.day_boxes: list[QCheckBox] = []
        for index, name in enumerate(DAY_NAMES):
            box = QCheckBox(name)
            box.setChecked(index in start.days)
            box.toggled.connect(self._update)
            self.day_boxes.append(box)
            days_row.addWidget(box)
        days_row.addStretch(1)
        form.addRow("Days", days_row)
        self._hint = QLabel()
        self._hint.setObjectName("muted")
        self._hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._hint)
        layout.addWidget(self.buttons)
        self.time_edit.timeChanged.connect(self._update)
        self.routine_combo.currentIndexChanged.connect(self._update)
        self._update()

    def accept(self) -> None:
        if self.time_edit.commit():  # a time typed and then Enter: taken, or said why not
            super().accept()

    def reminder(self) -> Reminder:
        routine = self.routine_combo.currentData()
        return Reminder(
            _pytime(self.time_edit.time()),
            self.label_edit.text().strip(),
            routine if isinstance(routine, str) else None,
            frozenset(i for i, box in enumerate(self.day_boxes) if box.isChecked()),
        )

    def _update(self) -> None:
        current = self.reminder()
        no_days = not current.days
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not no_days)
        name = self._routines.get(current.routine) if current.routine else None
        self.label_edit.setPlaceholderText(
            reminder_message(Reminder(current.time, "", current.routine, ALL_DAYS), name)
        )
        self._hint.setText("Choose at least one day." if no_days else "")
        self._hint.setVisible(no_days)


class RemindersDialog(FittingDialog):
    saved = Signal(object)  # ReminderSchedule, after it was written

    def __init__(
        self,
        path: Path,
        routines: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, width=560)
        self.setWindowTitle("Reminders")
        self._path = path
        self._routines = list(routines)
        schedule, message = load_schedule(path)
        self._reminders = list(schedule.reminders)
        quiet = schedule.quiet or DEFAULT_QUIET

        layout = self.words
        layout.setSpacing(10)
        intro = QLabel(
            "A gentle notification and a soft chime at the times you choose, while "
            "Facewell or its tray icon is running. Never during a routine."
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.list = QListWidget()
        self.list.setAccessibleName("Reminders")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemDoubleClicked.connect(lambda _item: self._edit())
        self.list.currentRowChanged.connect(self._update_buttons)
        layout.addWidget(self.list, 1)
        self._empty = QLabel("No reminders yet.")
        self._empty.setObjectName("muted")
        layout.addWidget(self._empty)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self._add)
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        quiet_title = QLabel("Quiet hours")
        quiet_title.setObjectName("sectionTitle")
        layout.addWidget(quiet_title)
        quiet_row = QHBoxLayout()
        self.quiet_box = QCheckBox("No reminders from")
        self.quiet_box.setChecked(quiet.enabled)
        self.quiet_start = _time_field(quiet.start, "Quiet hours start")
        self.quiet_end = _time_field(quiet.end, "Quiet hours end")
        to_label = QLabel("to")
        # The tick box on its own line: at large text the row would not fit the dialog.
        layout.addWidget(self.quiet_box)
        quiet_row.addSpacing(24)
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(to_label)
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        layout.addLayout(quiet_row)
        self.quiet_said = [_said_for(edit) for edit in (self.quiet_start, self.quiet_end)]
        for said in self.quiet_said:
            layout.addWidget(said)
        quiet_note = QLabel("A reminder that falls in quiet hours is skipped that day.")
        quiet_note.setObjectName("muted")
        quiet_note.setWordWrap(True)
        layout.addWidget(quiet_note)
        self.quiet_box.toggled.connect(self._update_quiet)

        self.message_label = QLabel(message or "")
        self.message_label.setObjectName("banner")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(bool(message))
        layout.addWidget(self.message_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.below(self.buttons)

        self._fill()
        self._update_quiet()

    # -- results -----------------------------------------------------------------------

    def schedule(self) -> ReminderSchedule:
        """The schedule as edited so far (saved only on OK)."""
        return ReminderSchedule(
            list(self._reminders),
            QuietHours(
                _pytime(self.quiet_start.time()),
                _pytime(self.quiet_end.time()),
                self.quiet_box.isChecked(),
            ),
        )

    def set_reminders(self, reminders: list[Reminder]) -> None:
        self._reminders = list(reminders)
        self._fill()

    def accept(self) -> None:
        if not all([self.quiet_start.commit(), self.quiet_end.commit()]):
            return  # said beside the field that isn't a time
        schedule = self.schedule()
        try:
            save_schedule(schedule, self._path)
        except OSError as exc:
            self.message_label.setText(
                f"Your reminders could not be saved ({exc.strerror or exc}). "
                "They are still here; try again or press Cancel."
            )
            self.message_label.show()
            return
        self.saved.emit(schedule)
        super().accept()

    # -- inside ------------------------------------------------------------------------

    def _describe(self, reminder: Reminder) -> str:
        names = dict(self._routines)
        name = names.get(reminder.routine, reminder.routine) if reminder.routine else None
        first = f"{reminder.time.strftime('%H:%M')}  ·  {describe_days(reminder.days)}"
        second = reminder_message(reminder, name)
        if name and reminder.label.strip():
            second += f"  ·  {name}"
        return f"{first}\n{second}"

    def _fill(self) -> None:
        row = self.list.currentRow()
        self.list.clear()
        self._reminders.sort(key=lambda r: (r.time, sorted(r.days)))
        for reminder in self._reminders:
            item = QListWidgetItem(self._describe(reminder))
            self.list.addItem(item)
        self.list.setVisible(bool(self._reminders))
        self._empty.setVisible(not self._reminders)
        if self._reminders:
            self.list.setCurrentRow(min(max(row, 0), len(self._reminders) - 1))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = 0 <= self.list.currentRow() < len(self._reminders)
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _update_quiet(self) -> None:
        on = self.quiet_box.isChecked()
        self.quiet_start.setEnabled(on)
        self.quiet_end.setEnabled(on)

    def _editor(self, reminder: Reminder | None) -> Reminder | None:
        editor = ReminderEditor(self._routines, reminder, self)
        if editor.exec() != QDialog.DialogCode.Accepted:
            return None
        return editor.reminder()

    def _add(self) -> None:
        reminder = self._editor(None)
        if reminder is not None:
            self._reminders.append(reminder)
            self._fill()
            self.list.setCurrentRow(self._reminders.index(reminder))

    def _edit(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._reminders):
            return
        reminder = self._editor(self._reminders[row])
        if reminder is not None:
            self._reminders[row] = reminder
            self._fill()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._reminders):
            del self._reminders[row]
            self._fill()
