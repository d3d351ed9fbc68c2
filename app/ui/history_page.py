"""The history page: a summary, the sessions table and two calm charts.

The table shows app.ui.sessions_model, which loads sessions a page at a time; for a
history of up to SORT_ALL_LIMIT sessions every row is loaded before a sort, so the sort
is exact. All numbers come from History; nothing here does SQL or date arithmetic
beyond labels.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.words import CATEGORY_LABELS, counted
from app.messages import problem
from app.storage.errors import StorageError
from app.storage.history import History, SessionRecord
from app.storage.history.exchange import ImportResult
from app.ui import exchange
from app.ui.charts import chart_view, replace_chart
from app.ui.columns import ColumnsBox
from app.ui.exchange import BackgroundWrite
from app.ui.history_charts import draw_minutes_per_day, draw_severity
from app.ui.page_edges import PAGE_MARGINS
from app.ui.sessions_model import (
    DATE,
    LENGTH,
    NOTE,
    ROUTINE,
    SEVERITY,
    STATUS,
    SessionsModel,
    SessionsProxy,
    format_when,
)
from app.ui.two_columns import TwoColumns
from app.ui.widgets import (
    UndoBanner,
    muted,
    scrolling,
    show_text,
    stat_card,
    unavailable_notice,
)

__all__ = ["HistoryPage"]

SORT_ALL_LIMIT = 5000
"""Up to this many sessions, sorting loads them all first so the order is exact."""
MINUTES_DAYS = 30
"""The minutes chart shows this many days."""
SEVERITY_DAYS = 90
"""The severity chart shows this many days."""


class RoutineCombo(QComboBox):
    """A combo box that says when it is about to open, so it can be filled late."""

    about_to_open = Signal()

    def showPopup(self) -> None:
        self.about_to_open.emit()
        super().showPopup()


# -- the page ----------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now().astimezone()


class HistoryPage(QWidget):
    """Summary, sessions table (sort, filter, edit note, delete with undo) and charts."""

    changed = Signal()
    """A session was edited, deleted or restored."""

    def __init__(
        self,
        history_provider: Callable[[], History | None],
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = _now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        self.setAccessibleName("History")
        self.history_provider = history_provider
        self._now = now
        self._deleted: list[SessionRecord] = []
        self._history: History | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(*PAGE_MARGINS)
        outer.setSpacing(12)
        title = QLabel("History")
        title.setObjectName("pageTitle")
        title_row = QHBoxLayout()
        title_row.addWidget(title)
        title_row.addStretch(1)
        self.export_button = QPushButton("Export…")
        self.export_button.setAccessibleName("Export your history")
        self.export_button.setToolTip(
            "Save all your sessions and journal entries as a JSON file (to import "
            "elsewhere) or as CSV tables (for a spreadsheet)"
        )
        export_menu = QMenu(self.export_button)
        self.export_json_action = export_menu.addAction("As a JSON file…")
        self.export_json_action.setToolTip("Everything, to import into Facewell again")
        self.export_json_action.triggered.connect(self.export_json)
        self.export_csv_action = export_menu.addAction("As CSV tables…")
        self.export_csv_action.setToolTip("sessions.csv and journal.csv, for a spreadsheet")
        self.export_csv_action.triggered.connect(self.export_csv)
        self.export_button.setMenu(export_menu)
        self.import_button = QPushButton("Import…")
        self.import_button.setAccessibleName("Import a history")
        self.import_button.setToolTip(
            "Add sessions and journal entries from a Facewell JSON export; "
            "anything already here is skipped"
        )
        self.import_button.clicked.connect(self.import_json)
        self.report_button = QPushButton("Report for your doctor…")
        self.report_button.setAccessibleName("Report for your doctor")
        self.report_button.setToolTip(
            "Save a PDF of the last 30 to 365 days: sessions, severity, episodes, treatments"
        )
        self.report_button.clicked.connect(self._report_clicked)
        buttons = (self.export_button, self.import_button, self.report_button)
        title_row.addWidget(ColumnsBox(buttons, most=len(buttons)))  # stacked at large text
        self._writes: list[BackgroundWrite] = []

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)

        self.unavailable = unavailable_notice()
        self.unavailable.setAccessibleName("History unavailable")

        content = QWidget()
        self.content = content
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)
        # The title and its buttons scroll with the page: held above it, at 200 % on
        # 1024x600 they kept 225 of the 600 px (three buttons stacked) from the history.
        box.addLayout(title_row)

        cards = [
            stat_card("this week"),
            stat_card("this month"),
            stat_card("in a row, to today"),
            stat_card("your longest run"),
        ]
        # Four across, or two by two (or one under another) where four would cut
        # their words ("32 m / this wee" at 200 % on 1024x600).
        summary = ColumnsBox([card for card, _ in cards], most=len(cards))
        (
            self.minutes_week_label,
            self.sessions_month_label,
            self.current_streak_label,
            self.longest_streak_label,
        ) = (value for _, value in cards)
        box.addWidget(summary)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.routine_filter = RoutineCombo()
        self.routine_filter.addItem("All routines", None)
        self.routine_filter.about_to_open.connect(self.load_routines)
        # Listing the routines of a long history takes a moment; it happens just after
        # the page is shown (or when the menu opens), never before the page appears.
        self._routines_stale = True
        self._routines_timer = QTimer(self)
        self._routines_timer.setSingleShot(True)
        self._routines_timer.timeout.connect(self.load_routines)
        self.routine_filter.setAccessibleName("Show routine")
        self.routine_filter.setMinimumContentsLength(14)
        self.category_filter = QComboBox()
        self.category_filter.setAccessibleName("Show kind")
        self.category_filter.addItem("All kinds", None)
        for value, label in CATEGORY_LABELS.items():
            self.category_filter.addItem(label, value)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.edit_button = QPushButton("Edit note…")
        self.edit_button.setToolTip("Edit the note of the selected session (F2)")
        self.edit_button.clicked.connect(self.edit_note)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected session (Delete); you can undo")
        self.delete_button.clicked.connect(self.delete_selected)
        show = QLabel("Show")
        show.setBuddy(self.routine_filter)
        # In one row when it fits, else in as many columns as fit (200 %).
        row = (
            show,
            self.routine_filter,
            self.category_filter,
            self.count_label,
            self.edit_button,
            self.delete_button,
        )
        filters.addWidget(ColumnsBox(row, most=len(row)), 1)
        box.addLayout(filters)

        self.undo_banner = UndoBanner()
        self.undo_banner.undo.connect(self.undo_delete)
        self.message = muted("")
        self.message.hide()
        box.addWidget(self.message)

        self.model = SessionsModel(self)
        self.model.failed.connect(self._show_message)
        self.proxy = SessionsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("sessionsTable")
        self.table.setAccessibleName("Sessions")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.undo_banner.float_over(self.table)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        chars = self.fontMetrics().averageCharWidth()
        # The widest date as it is drawn (24 average letters cut "Wed 25 Nov 2026, 08:…"
        # at 200 %: digits are wider than the average letter).
        widest = self.fontMetrics().horizontalAdvance("Wed 30 Nov 2026, 00:00")
        self.table.setColumnWidth(DATE, widest + 3 * chars)
        for column, width in (
            (ROUTINE, 18),
            (LENGTH, 8),
            (STATUS, 15),
            (SEVERITY, 10),
        ):
            self.table.setColumnWidth(column, chars * width)
        header.sortIndicatorChanged.connect(self._sort_changed)
        # Four rows and the header at any text size (150 px showed one row at 200 %).
        self.table.setMinimumHeight(6 * (self.fontMetrics().height() + 12))

        # Wrapping: at 200 % on one line it was 879 px, and widened the page past its view.
        self.empty_label = muted(
            "No sessions yet. After your first routine, it will be listed here."
        )
        self.empty_label.hide()

        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)

        self.minutes_chart = chart_view()
        self.minutes_chart.setAccessibleName("Minutes per day, last 30 days")
        self.severity_chart = chart_view()
        self.severity_chart.setAccessibleName("Spasm severity before and after routines")
        self.severity_empty = muted(
            "Spasm severity appears here once you answer the short question after a routine."
        )
        self.severity_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.severity_stack = QStackedWidget()
        self.severity_stack.addWidget(self.severity_chart)
        self.severity_stack.addWidget(self.severity_empty)
        # Side by side, or one under the other where two would squeeze their labels to
        # "…" (200 % on a small screen); as tall as their text needs (app/ui/charts.py:
        # nine lines left the severity values "…" at 200 %), the stack as its chart.
        for chart in (self.minutes_chart, self.severity_stack):
            chart.setMinimumWidth(34 * chars)
        charts = TwoColumns(self.minutes_chart, self.severity_stack, spacing=12)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(charts)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([300, 290])
        # Above the splitter, not in its pane: a splitter gives a pane its least
        # height without asking how tall wrapped words are, and the table ran out of it.
        box.addWidget(self.empty_label)
        box.addWidget(self.splitter, 1)

        # The page scrolls once its least height is more than the window has (200 % on
        # a small screen); otherwise the table and the charts share the height as before.
        self._content_area = scrolling(content)
        self.pages.addWidget(self._content_area)
        self._unavailable_page = QWidget()
        alone = QVBoxLayout(self._unavailable_page)
        alone.setContentsMargins(0, 0, 0, 0)
        alone.setSpacing(12)
        heading = QLabel("History")
        heading.setObjectName("pageTitle")
        alone.addWidget(heading)
        alone.addWidget(self.unavailable)
        alone.addStretch(1)
        self.pages.addWidget(self._unavailable_page)

        self.routine_filter.currentIndexChanged.connect(self._filters_changed)
        self.category_filter.currentIndexChanged.connect(self._filters_changed)
        self.table.doubleClicked.connect(self._double_clicked)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected),
            (QKeySequence(QKeySequence.StandardKey.Undo), self.undo_delete),
        ):
            shortcut = QShortcut(key, self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.refresh()

    # -- loading -----------------------------------------------------------------------

    @property
    def history(self) -> History | None:
        return self._history

    def refresh(self) -> None:
        """Read everything again from the history (cheap: one page of rows, SQL stats)."""
        self._history = self.history_provider()
        for button in (self.export_button, self.import_button, self.report_button):
            button.setEnabled(self._history is not None)
        if self._history is None:
            self.pages.setCurrentWidget(self._unavailable_page)
            self.model.load(None)
            return
        self.pages.setCurrentWidget(self._content_area)
        self._routines_stale = True
        self._routines_timer.start(0)
        try:
            self._load_table()
            self._refresh_summary()
            self._refresh_charts()
        except StorageError as error:
            self._show_message(f"Part of your history couldn't be read: {problem(error)}")

    def _today(self) -> date:
        return self._now().date()

    def load_routines(self) -> None:
        """Fill the routine filter from the history (if not done since the last refresh)."""
        if not self._routines_stale or self._history is None:
            return
        self._routines_stale = False
        current = self.routine_filter.currentData()
        try:
            routines = self._history.sessions.routines()
        except StorageError as error:
            self._show_message(f"Your routines couldn't be listed: {problem(error)}")
            return
        names = sorted({name for name, _slug in routines}, key=str.casefold)
        self.routine_filter.blockSignals(True)
        self.routine_filter.clear()
        self.routine_filter.addItem("All routines", None)
        for name in names:
            self.routine_filter.addItem(name, name)
        index = self.routine_filter.findData(current) if current is not None else 0
        self.routine_filter.setCurrentIndex(max(0, index))
        self.routine_filter.blockSignals(False)

    def _filters(self) -> tuple[str | None, str | None]:
        return self.routine_filter.currentData(), self.category_filter.currentData()

    def _load_table(self) -> None:
        routine, category = self._filters()
        self.model.load(self._history, routine, category)
        if self.model.total <= SORT_ALL_LIMIT and not self._default_order():
            self.model.fetch_all()
        self._show_count()
        self._update_buttons()

    def _show_count(self) -> None:
        routine, category = self._filters()
        filtered = routine is not None or category is not None
        self.empty_label.setVisible(self.model.total == 0 and not filtered)
        if self.model.total == 0 and filtered:
            self.count_label.setText("No sessions match")
        else:
            noun = "session" if self.model.total == 1 else "sessions"
            self.count_label.setText(f"{self.model.total:,} {noun}")

    def _default_order(self) -> bool:
        header = self.table.horizontalHeader()
        return (
            header.sortIndicatorSection() == DATE
            and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        )

    def _sort_changed(self, _column: int, _order: Qt.SortOrder) -> None:
        if self.model.total <= SORT_ALL_LIMIT and not self._default_order():
            self.model.fetch_all()

    def _filters_changed(self) -> None:
        if self._history is None:
            return
        try:
            self._load_table()
        except StorageError as error:
            self._show_message(f"Your sessions couldn't be read: {problem(error)}")

    def _refresh_summary(self) -> None:
        assert self._history is not None
        stats = self._history.stats.summary(self._today())
        self.minutes_week_label.setText(counted(round(stats.minutes_this_week), "minute"))
        self.sessions_month_label.setText(counted(stats.sessions_this_month, "session"))
        self.current_streak_label.setText(counted(stats.current_streak, "day"))
        self.longest_streak_label.setText(counted(stats.longest_streak, "day"))

    def _refresh_charts(self) -> None:
        assert self._history is not None
        palette = self.palette()
        per_day = self._history.stats.minutes_per_day(self._today(), MINUTES_DAYS)
        replace_chart(self.minutes_chart, draw_minutes_per_day(per_day, MINUTES_DAYS, palette))
        since = self._now() - timedelta(days=SEVERITY_DAYS)
        points = [item for item in self._history.stats.severity_series() if item[0] >= since]
        treatments = self._history.journal.treatments(since)
        if not points:
            self.severity_stack.setCurrentWidget(self.severity_empty)
            return
        self.severity_stack.setCurrentWidget(self.severity_chart)
        chart = draw_severity(points, treatments, self._now(), SEVERITY_DAYS, palette)
        replace_chart(self.severity_chart, chart)

    # -- export, import, report --------------------------------------------------------

    def export_json(self) -> BackgroundWrite | None:
        """Ask where, then save everything as JSON (written on a worker thread)."""
        if self._history is None:
            return None
        return self._track(exchange.export_json(self, self._history))

    def export_csv(self) -> BackgroundWrite | None:
        """Ask for a folder, then save sessions.csv and journal.csv there."""
        if self._history is None:
            return None
        return self._track(exchange.export_csv(self, self._history))

    def _track(self, write: BackgroundWrite | None) -> BackgroundWrite | None:
        if write is not None:
            self._writes.append(write)
            self._show_message("Saving…")
            write.finished.connect(self._write_done)
        return write

    def _write_done(self, _ok: bool, text: str) -> None:
        self._show_message(text)
        for write in [item for item in self._writes if item.ok is not None]:
            self._writes.remove(write)
            write.deleteLater()

    def _report_clicked(self) -> None:
        self.save_report()

    def import_json(self) -> ImportResult | None:
        """Ask for a Facewell JSON export and add what isn't here yet; then refresh."""
        if self._history is None:
            return None
        result = exchange.import_json(self, self._history, self._show_message)
        if result is None:
            return None
        self.refresh()
        self._show_message(exchange.import_summary(result))
        if result.sessions or result.entries:
            self.changed.emit()
        return result

    def save_report(self, days: int | None = None) -> str | None:
        """Ask for the period and the file, then save the PDF report for the doctor."""
        if self._history is None:
            return None
        saved = exchange.save_report(self, self._history, days)
        if saved is not None:
            self._show_message(saved)
        return saved

    # -- editing -----------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        show_text(self.message, text)

    def _update_buttons(self) -> None:
        has_rows = self.proxy.rowCount() > 0
        self.edit_button.setEnabled(has_rows)
        self.delete_button.setEnabled(has_rows)

    def selected_row(self) -> int:
        """The source row of the selected (or current) session, or -1."""
        index = self.table.currentIndex()
        if not index.isValid():
            return -1
        return self.proxy.mapToSource(index).row()

    def select_row(self, proxy_row: int) -> None:
        self.table.selectRow(proxy_row)
        self.table.setCurrentIndex(self.proxy.index(proxy_row, NOTE))

    def _double_clicked(self, index: QModelIndex) -> None:
        # The note column edits in place (the view's edit trigger); other columns too.
        if index.column() != NOTE:
            self.table.edit(self.proxy.index(index.row(), NOTE))

    def edit_note(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            if self.proxy.rowCount() == 0:
                return
            index = self.proxy.index(0, NOTE)
        note_index = self.proxy.index(index.row(), NOTE)
        self.table.setCurrentIndex(note_index)
        self.table.edit(note_index)

    def set_note(self, proxy_row: int, note: str) -> bool:
        """Save ``note`` for the session shown at ``proxy_row`` (as an edit would)."""
        return self.proxy.setData(self.proxy.index(proxy_row, NOTE), note)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row < 0 or self._history is None:
            return
        item = self.model.row_data(row)
        try:
            record = self._history.sessions.delete(item.id)
        except StorageError as error:
            self._show_message(f"The session couldn't be deleted: {problem(error)}")
            return
        except KeyError:
            record = None
        self.model.remove(row)
        if record is not None:
            self._deleted.append(record)
            when = format_when(record.started_at)
            self.undo_banner.show_message(f"Session deleted: {record.routine}, {when}.")
        self._after_change()
        if self.proxy.rowCount():
            self.select_row(min(self.table.currentIndex().row(), self.proxy.rowCount() - 1))

    def undo_delete(self) -> None:
        if not self._deleted or self._history is None:
            return
        record = self._deleted.pop()
        try:
            self._history.sessions.restore(record)
        except StorageError as error:
            self._deleted.append(record)
            self._show_message(f"The session couldn't be put back: {problem(error)}")
            return
        if not self._deleted:
            self.undo_banner.dismiss()
        self._load_table()
        row = self.model.row_of(record.id)
        if row >= 0:
            proxy_row = self.proxy.mapFromSource(self.model.index(row, 0)).row()
            self.select_row(proxy_row)
        self._after_change()

    def _after_change(self) -> None:
        """After a delete, an undo or an edit, every count on the page at once."""
        self._show_count()
        self._update_buttons()
        if self._history is not None:
            try:
                self._refresh_summary()
                self._refresh_charts()
            except StorageError as error:
                self._show_message(f"Part of your history couldn't be read: {problem(error)}")
        self.changed.emit()
