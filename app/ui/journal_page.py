"""The symptom journal: log a spasm episode in seconds, note treatments, see the weeks.

Logging needs no more than a press of Ctrl+Enter: the time defaults to now and the
place to the eyelid. Severity and side start unset and are saved only when chosen, so
the report never counts a rating nobody gave. After each entry the page asks History
whether there is a new reason to show the "when to seek professional help" advice and,
once per reason, emits ``seek_help`` with a HelpNotice (urgent text first when a sudden
sign was noted; the window shows it, then the advice).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.seek_help import help_notice
from app.core.vocabulary import Area, FaceSide, Treatment, Trigger
from app.messages import problem
from app.storage.errors import StorageError
from app.storage.history import History, JournalEntry
from app.ui.charts import chart_view, replace_chart
from app.ui.columns import ColumnsBox
from app.ui.history_charts import draw_weekly
from app.ui.page_edges import PAGE_MARGINS
from app.ui.ranged_spin import inset_text
from app.ui.severity_scale import SeverityScale
from app.ui.signs_box import SignsBox
from app.ui.widgets import (
    UNAVAILABLE,
    UndoBanner,
    card,
    choice_combo,
    muted,
    scrolling,
    show_text,
    unavailable_notice,
)

__all__ = ["JournalPage", "describe_entry"]

RECENT = 40
"""Entries shown in the recent list."""
WEEKS = 12
NO_SIDE = "Side not noted"


def _now() -> datetime:
    return datetime.now().astimezone()


def _short_when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}, {moment:%H:%M}"


def _duration(seconds: float | None) -> str:
    if not seconds:
        return ""
    minutes, rest = divmod(round(seconds), 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    return f"{minutes} min" if minutes else f"{rest} s"


def describe_entry(entry: JournalEntry) -> str:
    """One calm line for the recent-entries list."""
    if entry.kind == "treatment":
        text = f"{entry.at:%a} {entry.at.day} {entry.at:%b} · {entry.treatment.capitalize()}"
    else:
        where = entry.area + (f" ({entry.side})" if entry.side else "")
        parts = [f"{_short_when(entry.at)} · Episode: {where}"]
        if entry.severity is not None:
            parts.append(f"{entry.severity}/10")
        if entry.duration_s:
            parts.append(_duration(entry.duration_s))
        text = ", ".join(parts)
        if entry.triggers:
            text += " · " + ", ".join(entry.triggers)
        if entry.symptoms:
            text += " · noted: " + "; ".join(entry.symptoms)
    if entry.note:
        text += f" · “{entry.note}”"
    return text


class JournalPage(QWidget):
    """Episode and treatment forms, recent entries (delete with undo), weekly chart."""

    seek_help = Signal(object)
    """A HelpNotice: tell it, then show the "when to seek professional help" advice."""
    changed = Signal()
    """An entry was added, deleted or restored."""

    def __init__(
        self,
        history_provider: Callable[[], History | None],
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = _now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("journalPage")
        self.setAccessibleName("Journal")
        self.history_provider = history_provider
        self._now = now
        self._history: History | None = None
        self._deleted: list[JournalEntry] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()  # scrolls up and down, never sideways; follows the focus
        scroll = scrolling(holder)
        outer.addWidget(scroll)
        page = QVBoxLayout(holder)
        page.setContentsMargins(*PAGE_MARGINS)
        page.setSpacing(14)

        title = QLabel("Journal")
        title.setObjectName("pageTitle")
        page.addWidget(title)
        intro = muted(
            "Note a spasm when it happens; over weeks, the pattern shows what helps. "
            "Only the time and place are needed; Ctrl+Enter logs it. Rate it only if you "
            "want to: an unrated episode is saved as unrated."
        )
        page.addWidget(intro)

        self.pages = QStackedWidget()
        page.addWidget(self.pages, 1)
        self.unavailable = unavailable_notice(UNAVAILABLE.replace("sessions", "journal entries"))

        self.content = QWidget()
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(14)
        self.pages.addWidget(self.content)
        self.pages.addWidget(self.unavailable)

        # Side by side when they fit, one above the other when not (a small screen, large
        # text): the scroll area never scrolls sideways, so nothing may be cut off.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(14)
        self.episode_card = self._episode_card()
        self.columns.addWidget(self.episode_card, 3)
        self.side_panel = QWidget()
        right = QVBoxLayout(self.side_panel)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(14)
        right.addWidget(self._treatment_card())
        right.addWidget(self._recent_card(), 1)
        self.columns.addWidget(self.side_panel, 2)
        body.addLayout(self.columns)
        self._scroll = scroll
        scroll.viewport().installEventFilter(self)  # reflow as the visible width changes
        self._set_now()
        today = self._now().astimezone()
        self.treatment_date.setDate(QDate(today.year, today.month, today.day))

        self.weekly_chart = chart_view(lines=15)  # two axis titles besides
        self.weekly_chart.setAccessibleName("Episodes and routine minutes per week")
        body.addWidget(self.weekly_chart)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(self.log_episode)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setContext(context)
        undo.activated.connect(self.undo_delete)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._reflow()
        return super().eventFilter(watched, event)

    def _reflow(self) -> None:
        need = (
            self.episode_card.minimumSizeHint().width()
            + self.side_panel.minimumSizeHint().width()
            + self.columns.spacing()
            + 48  # the page's margins
        )
        wide = self._scroll.viewport().width() >= need
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
            # The enclosing layout keeps its old minimum width until told.
            body = self.content.layout()
            if body is not None:
                body.invalidate()
            self.content.updateGeometry()

    # -- building ----------------------------------------------------------------------

    def _episode_card(self) -> QFrame:
        frame, box = card("Log a spasm episode")
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # large text
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.when.setAccessibleName("When")
        now_button = QPushButton("Now")
        now_button.setAutoDefault(False)
        now_button.setToolTip("Set the time to now")
        now_button.clicked.connect(self._set_now)
        when_row = QHBoxLayout()
        when_row.addWidget(self.when, 1)
        when_row.addWidget(now_button)
        form.addRow("When", when_row)

        self.area = choice_combo("Where", ((area.label, area.value) for area in Area))
        self.side = choice_combo(
            "Side", [(NO_SIDE, ""), *((side.label, side.value) for side in FaceSide)]
        )
        where_row = QHBoxLayout()
        where_row.addWidget(self.area, 1)
        where_row.addWidget(self.side, 1)
        form.addRow("Where", where_row)

        self.severity = SeverityScale(name="Severity")
        self.severity.setToolTip("Optional. Click the chosen number again to clear it.")
        form.addRow("How strong", self.severity)

        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes")
        self.seconds = QSpinBox()
        self.seconds.setRange(0, 59)
        self.seconds.setSingleStep(5)
        self.seconds.setSuffix(" s")
        self.seconds.setAccessibleName("Seconds")
        for spin in (self.minutes, self.seconds):
            inset_text(spin)
        length_row = QHBoxLayout()
        length_row.addWidget(self.minutes)
        length_row.addWidget(self.seconds)
        length_row.addStretch(1)
        form.addRow("How long", length_row)
        box.addLayout(form)

        box.addWidget(muted("Possible triggers"))
        self.trigger_boxes: dict[str, QCheckBox] = {
            trigger.value: QCheckBox(trigger.label) for trigger in Trigger
        }
        box.addWidget(ColumnsBox(self.trigger_boxes.values(), most=3))

        box.addWidget(muted("Along with it, did you notice…"))
        self.signs = SignsBox()
        self.symptom_boxes = self.signs.boxes
        box.addWidget(self.signs)

        self.note = QLineEdit()
        self.note.setPlaceholderText("A note (optional)")
        self.note.setAccessibleName("Note")
        self.note.setMaxLength(500)
        self.note.returnPressed.connect(self.log_episode)
        box.addWidget(self.note)

        actions = QHBoxLayout()
        self.confirmation = muted("")
        self.log_button = QPushButton("Log episode")
        self.log_button.setObjectName("primary")
        self.log_button.setToolTip("Log this episode (Ctrl+Enter)")
        self.log_button.clicked.connect(self.log_episode)
        actions.addWidget(self.confirmation, 1)
        actions.addWidget(self.log_button)
        box.addLayout(actions)
        box.addStretch(1)
        return frame

    def _treatment_card(self) -> QFrame:
        frame, box = card("Treatment")
        # Injections are records of their own on the Cycles page (schema 5).
        offered = (t for t in Treatment if t is not Treatment.BOTULINUM_TOXIN)
        self.treatment = choice_combo("Treatment", ((t.label, t.value) for t in offered))
        self.treatment_date = QDateEdit()
        self.treatment_date.setCalendarPopup(True)
        self.treatment_date.setDisplayFormat("ddd d MMM yyyy")
        self.treatment_date.setAccessibleName("Treatment date")
        box.addWidget(self.treatment)
        box.addWidget(self.treatment_date)
        self.treatment_note = QLineEdit()
        self.treatment_note.setPlaceholderText("A note (optional), e.g. dose or doctor")
        self.treatment_note.setAccessibleName("Treatment note")
        self.treatment_note.returnPressed.connect(self.log_treatment)
        box.addWidget(self.treatment_note)
        actions = QHBoxLayout()
        self.treatment_confirmation = QLabel()
        self.treatment_confirmation.setObjectName("muted")
        self.treatment_button = QPushButton("Log treatment")
        self.treatment_button.clicked.connect(self.log_treatment)
        actions.addWidget(self.treatment_confirmation, 1)
        actions.addWidget(self.treatment_button)
        box.addLayout(actions)
        return frame

    def _recent_card(self) -> QFrame:
        frame, box = card("Recent entries")
        self.undo_banner = UndoBanner()
        self.undo_banner.undo.connect(self.undo_delete)
        self.recent = QListWidget()
        self.undo_banner.float_over(self.recent)
        self.recent.setObjectName("recentEntries")
        self.recent.setAccessibleName("Recent entries")
        self.recent.setWordWrap(True)
        self.recent.setMinimumHeight(140)
        self.recent.setAlternatingRowColors(True)
        self.recent.setSpacing(2)
        box.addWidget(self.recent, 1)
        self.recent_empty = muted("Nothing logged yet.")
        box.addWidget(self.recent_empty)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.recent)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)
        row = QHBoxLayout()
        row.addStretch(1)
        self.delete_button = QPushButton("Delete entry")
        self.delete_button.setToolTip("Delete the selected entry (Delete); you can undo")
        self.delete_button.clicked.connect(self.delete_selected)
        row.addWidget(self.delete_button)
        box.addLayout(row)
        self.message = muted("")
        self.message.hide()
        box.addWidget(self.message)
        return frame

    # -- loading -----------------------------------------------------------------------

    def refresh(self) -> None:
        self._history = self.history_provider()
        if self._history is None:
            self.pages.setCurrentWidget(self.unavailable)
            return
        self.pages.setCurrentWidget(self.content)
        try:
            self._fill_recent()
            self._weekly_chart()
        except StorageError as error:
            self._show_message(f"Your journal couldn't be read: {problem(error)}")

    def _fill_recent(self) -> None:
        assert self._history is not None
        entries = self._history.journal.entries()[:RECENT]
        self.recent.clear()
        for entry in entries:
            item = QListWidgetItem(describe_entry(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.recent.addItem(item)
        self.recent_empty.setVisible(not entries)
        self.delete_button.setEnabled(bool(entries))

    def _weekly_chart(self) -> None:
        assert self._history is not None
        today = self._now().date()
        episodes = self._history.stats.episodes_per_week(today, WEEKS)
        minutes = self._history.stats.minutes_per_week(today, WEEKS)
        treatments = self._history.journal.treatments(
            datetime.combine(episodes[0][0], time(0)).astimezone()
        )
        chart = draw_weekly(episodes, minutes, treatments, WEEKS, self.palette())
        replace_chart(self.weekly_chart, chart)

    # -- logging -----------------------------------------------------------------------

    def _set_now(self) -> None:
        moment = self._now().astimezone()
        self.when.setDateTime(_qdatetime(moment))

    def _show_message(self, text: str) -> None:
        show_text(self.message, text)

    def episode_from_form(self) -> JournalEntry:
        seconds = self.minutes.value() * 60 + self.seconds.value()
        return JournalEntry.new_episode(
            at=_from_qdatetime(self.when.dateTime()),
            area=str(self.area.currentData()),
            side=str(self.side.currentData() or ""),
            severity=self.severity.value(),
            duration_s=float(seconds) if seconds else None,
            triggers=[t for t, box in self.trigger_boxes.items() if box.isChecked()],
            symptoms=self.signs.checked(),
            note=self.note.text().strip(),
        )

    def log_episode(self) -> None:
        history = self._history
        if history is None:
            return
        entry = self.episode_from_form()
        try:
            history.journal.add(entry)
        except StorageError as error:
            self.confirmation.setText(f"This episode couldn't be saved: {problem(error)}")
            return
        self.confirmation.setText(f"Logged at {entry.at:%H:%M}. Take care of yourself.")
        self._reset_episode_form()
        self._after_change()
        self.check_seek_help()

    def _reset_episode_form(self) -> None:
        self._set_now()
        self.minutes.setValue(0)
        self.seconds.setValue(0)
        self.severity.set_value(None)  # each episode is rated afresh, or not at all
        self.side.setCurrentIndex(0)
        for check in self.trigger_boxes.values():
            check.setChecked(False)
        self.signs.clear()
        self.note.clear()

    def log_treatment(self) -> None:
        history = self._history
        if history is None:
            return
        day = self.treatment_date.date().toPython()
        assert isinstance(day, date)
        now = self._now().astimezone()
        moment = now if day == now.date() else datetime.combine(day, time(12)).astimezone()
        entry = JournalEntry.new_treatment(
            at=moment,
            treatment=str(self.treatment.currentData()),
            note=self.treatment_note.text().strip(),
        )
        try:
            history.journal.add(entry)
        except StorageError as error:
            self.treatment_confirmation.setText(f"Not saved: {problem(error)}")
            return
        self.treatment_confirmation.setText("Logged.")
        self.treatment_note.clear()
        self._after_change()

    def check_seek_help(self) -> None:
        """Emit ``seek_help`` once for reasons not shown before, and remember them."""
        history = self._history
        if history is None:
            return
        try:
            prompts = history.help_prompts(self._now().date())
            if not prompts:
                return
            for prompt in prompts:
                history.prompts.mark_shown(prompt.key)
        except StorageError:
            return
        self.seek_help.emit(help_notice(prompts))

    # -- deleting ----------------------------------------------------------------------

    def delete_selected(self) -> None:
        item = self.recent.currentItem()
        history = self._history
        if item is None or history is None:
            return
        entry_id = int(item.data(Qt.ItemDataRole.UserRole))
        try:
            entry = history.journal.delete(entry_id)
        except StorageError as error:
            self._show_message(f"The entry couldn't be deleted: {problem(error)}")
            return
        except KeyError:
            self._after_change()
            return
        self._deleted.append(entry)
        kind = "Treatment" if entry.kind == "treatment" else "Episode"
        self.undo_banner.show_message(f"{kind} of {_short_when(entry.at)} deleted.")
        row = self.recent.currentRow()
        self._after_change()
        if self.recent.count():
            self.recent.setCurrentRow(min(row, self.recent.count() - 1))

    def undo_delete(self) -> None:
        history = self._history
        if not self._deleted or history is None:
            return
        entry = self._deleted.pop()
        try:
            history.journal.restore(entry)
        except StorageError as error:
            self._deleted.append(entry)
            self._show_message(f"The entry couldn't be put back: {problem(error)}")
            return
        if not self._deleted:
            self.undo_banner.dismiss()
        self._after_change()

    def _after_change(self) -> None:
        if self._history is not None:
            try:
                self._fill_recent()
                self._weekly_chart()
            except StorageError as error:
                self._show_message(f"Your journal couldn't be read: {problem(error)}")
        self.changed.emit()


def _qdatetime(moment: datetime) -> QDateTime:
    local = moment.astimezone().replace(tzinfo=None)
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
    )


def _from_qdatetime(value: QDateTime) -> datetime:
    moment = value.toPython()
    assert isinstance(moment, datetime)
    return moment.replace(microsecond=0).astimezone()
