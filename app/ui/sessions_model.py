"""The sessions table's model: plain rows loaded from the history a page at a time.

The model holds plain tuples and loads sessions PAGE_SIZE at a time (``fetchMore``)
from :class:`~app.storage.history.History`, so a history of 100,000 sessions opens as
fast as one of ten. Filters by routine and category are asked of the database; sorting
happens in SessionsProxy over the rows loaded so far. Only the note is editable.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QWidget

from app.core.words import counted
from app.messages import problem
from app.storage.errors import StorageError
from app.storage.history import History, SessionRecord

__all__ = [
    "COLUMNS",
    "ID_ROLE",
    "SORT_ROLE",
    "SessionRow",
    "SessionsModel",
    "SessionsProxy",
    "format_length",
    "format_severity",
    "format_when",
]

PAGE_SIZE = 200
"""Sessions loaded at a time as the table scrolls."""

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Date", "Routine", "Length", "Status", "Severity", "Note")
DATE, ROUTINE, LENGTH, STATUS, SEVERITY, NOTE = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_LABELS = {
    "completed": "Completed",
    "stopped": "Stopped early",
    "interrupted": "Interrupted",
    "running": "Running",
}


class SessionRow(NamedTuple):
    """One table row: plain values only, no widgets."""

    id: int
    started_at: datetime
    routine: str
    elapsed_s: float
    planned_s: float
    status: str
    severity_before: int | None
    severity_after: int | None
    feeling: str
    note: str
    skipped: tuple[str, ...] = ()

    @classmethod
    def of(cls, record: SessionRecord) -> SessionRow:
        return cls(
            record.id,
            record.started_at,
            record.routine,
            record.elapsed_s,
            record.planned_s,
            record.status,
            record.severity_before,
            record.severity_after,
            record.feeling,
            record.note,
            record.skipped,
        )


def format_when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment:%H:%M}"


def format_length(seconds: float) -> str:
    if seconds < 60:
        return f"{round(seconds)} s"
    return f"{round(seconds / 60)} min"


def format_severity(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    if before is None:
        return f"— → {after}"
    if after is None:
        return f"{before} → —"
    return f"{before} → {after}"


# -- the table model ---------------------------------------------------------------------


class SessionsModel(QAbstractTableModel):
    """Sessions newest first, loaded PAGE_SIZE at a time. Editable note column."""

    failed = Signal(str)
    """A plain sentence when saving a change did not work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._history: History | None = None
        self._rows: list[SessionRow] = []
        self._total = 0
        self._routine: str | None = None
        self._category: str | None = None

    # loading

    def load(
        self, history: History | None, routine: str | None = None, category: str | None = None
    ) -> None:
        """Start again from the newest session (with these filters)."""
        self.beginResetModel()
        self._history = history
        self._routine = routine
        self._category = category
        self._rows = []
        self._total = 0
        if history is not None:
            self._total = history.sessions.count(routine=routine, category=category)
            self._rows = self._page(0)
        self.endResetModel()

    def _page(self, offset: int, limit: int = PAGE_SIZE) -> list[SessionRow]:
        assert self._history is not None
        records = self._history.sessions.page(
            routine=self._routine, category=self._category, limit=limit, offset=offset
        )
        return [SessionRow.of(record) for record in records]

    @property
    def total(self) -> int:
        """Sessions matching the filters, loaded or not."""
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._history is None:
            return
        self._append(self._page(len(self._rows)))

    def fetch_all(self) -> None:
        """Load every remaining row (used before sorting a modest history)."""
        if self._history is not None and len(self._rows) < self._total:
            self._append(self._page(len(self._rows), self._total - len(self._rows)))

    def _append(self, rows: list[SessionRow]) -> None:
        if not rows:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_data(self, row: int) -> SessionRow:
        return self._rows[row]

    def row_of(self, session_id: int) -> int:
        for row, item in enumerate(self._rows):
            if item.id == session_id:
                return row
        return -1

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._total -= 1
        self.endRemoveRows()

    # Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {
                SEVERITY: "Spasm severity before → after the routine (0 none, 10 severe)",
                NOTE: "Double-click a note to edit it",
            }.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == NOTE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(item, column)
        if role == Qt.ItemDataRole.EditRole:
            return item.note if column == NOTE else self._display(item, column)
        if role == SORT_ROLE:
            return self._sort_key(item, column)
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS and item.skipped:
            return "Skipped with Next: " + ", ".join(item.skipped)
        if role == Qt.ItemDataRole.ToolTipRole and column in (NOTE, LENGTH):
            if column == NOTE:
                return item.note or "Double-click to add a note"
            return f"{format_length(item.elapsed_s)} of {format_length(item.planned_s)} planned"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (LENGTH, SEVERITY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(item: SessionRow, column: int) -> str:
        if column == DATE:
            return format_when(item.started_at)
        if column == ROUTINE:
            return item.routine
        if column == LENGTH:
            return format_length(item.elapsed_s)
        if column == STATUS:
            label = STATUS_LABELS.get(item.status, item.status)
            if item.skipped:
                return f"{label}, {counted(len(item.skipped), 'step')} skipped"
            return label
        if column == SEVERITY:
            return format_severity(item.severity_before, item.severity_after)
        return item.note

    @staticmethod
    def _sort_key(item: SessionRow, column: int) -> Any:
        if column == DATE:
            return item.started_at.timestamp()
        if column == ROUTINE:
            return item.routine.casefold()
        if column == LENGTH:
            return item.elapsed_s
        if column == STATUS:
            return item.status
        if column == SEVERITY:
            after = -1 if item.severity_after is None else item.severity_after
            before = -1 if item.severity_before is None else item.severity_before
            return after * 100 + before
        return item.note.casefold()

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != NOTE
            or self._history is None
        ):
            return False
        item = self._rows[index.row()]
        note = str(value).strip()
        if note == item.note:
            return False
        try:
            self._history.sessions.update_note(item.id, note)
        except StorageError as error:
            self.failed.emit(f"The note couldn't be saved: {problem(error)}")
            return False
        except KeyError:
            self.failed.emit("That session is no longer in your history.")
            return False
        self._rows[index.row()] = item._replace(note=note)
        self.dataChanged.emit(index, index)
        return True


class SessionsProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE; the source already applies the filters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
