"""The routine editor's list of steps: a list model over the RoutineDocument, and its view.

The rows are the document's steps, so there is no second copy to keep in step: adding,
removing and moving (by drag and drop, the buttons or Alt+Up/Down) change the document
and the view follows. A row reads "1. Title" over the step's kind and length; a step
with a problem says so in its tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from app.core.durations import format_duration
from app.core.loader import Problem
from app.core.routine_doc import RoutineDocument
from app.core.words import STEP_KIND_LABELS
from app.ui.step_fields import field_text

__all__ = ["PROBLEM_ROLE", "StepList", "StepListModel"]

Index = QModelIndex | QPersistentModelIndex

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1
"""True for a step that has a problem."""


class StepListModel(QAbstractListModel):
    """One row a step of ``document``; structural changes go through the document."""

    def __init__(self, document: RoutineDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._flagged: set[int] = set()
        self._texts: dict[int, str] = {}  # a row's length takes a parse: worked out once
        self._editable = True

    @property
    def document(self) -> RoutineDocument:
        return self._document

    def set_editable(self, editable: bool) -> None:
        """A read-only routine's steps can't be moved, added or removed."""
        self._editable = editable

    def reload(self) -> None:
        """Everything again from the document (after it changed outside the model)."""
        self.beginResetModel()
        self._texts.clear()
        self._flagged.clear()
        self.endResetModel()

    def refresh(self, problems: Iterable[Problem] = ()) -> None:
        """The steps' fields changed, and these are the routine's problems now."""
        self._texts.clear()
        self._flagged = {p.step for p in problems if p.step is not None}
        self._all_changed()

    # -- changing the steps ---------------------------------------------------------------

    def insert_step(self, kind: str, row: int | None = None) -> int:
        """Add a step of ``kind`` with gentle defaults at ``row`` (the end when None);
        return where it went, or -1 for a read-only routine."""
        if not self._editable:
            return -1
        count = len(self._document)
        position = count if row is None else max(0, min(row, count))
        self.beginInsertRows(QModelIndex(), position, position)
        try:
            added = self._document.add_step(kind, position)
        except ValueError:
            self.endInsertRows()
            self.reload()  # nothing was added: the view must not count a row
            raise
        self._texts.clear()
        self.endInsertRows()
        self._all_changed()  # the rows below it are numbered again
        return added

    def remove_step(self, row: int) -> bool:
        """Remove the step at ``row``; False when there is none (or read-only)."""
        if not self._editable or not 0 <= row < len(self._document):
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        self._document.remove_step(row)
        self._texts.clear()
        self.endRemoveRows()
        self._all_changed()
        return True

    def move_step(self, row: int, to: int) -> bool:
        """Move the step at ``row`` so that it ends up at ``to``."""
        return self.moveRow(QModelIndex(), row, QModelIndex(), to + 1 if to > row else to)

    def moveRows(
        self,
        sourceParent: Index,
        sourceRow: int,
        count: int,
        destinationParent: Index,
        destinationChild: int,
    ) -> bool:
        """What a drop in the view and the move buttons do: one step, within the list."""
        rows = len(self._document)
        if (
            not self._editable
            or count != 1
            or sourceParent.isValid()
            or destinationParent.isValid()
            or not 0 <= sourceRow < rows
            or not 0 <= destinationChild <= rows
        ):
            return False
        to = destinationChild if destinationChild < sourceRow else destinationChild - 1
        if to == sourceRow or not self.beginMoveRows(
            QModelIndex(), sourceRow, sourceRow, QModelIndex(), destinationChild
        ):
            return False
        self._document.move_step(sourceRow, to)
        self._texts.clear()
        self.endMoveRows()
        self._all_changed()
        return True

    def _all_changed(self) -> None:
        if len(self._document):
            self.dataChanged.emit(self.index(0), self.index(len(self._document) - 1))

    # -- what the view shows --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._document)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._document):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "This step needs a look." if row in self._flagged else None
        if role == PROBLEM_ROLE:
            return row in self._flagged
        return None

    def _text(self, row: int) -> str:
        text = self._texts.get(row)
        if text is None:
            step = self._document.step(row)
            kind = str(step.get("kind", "?"))
            seconds = self._document.step_seconds(row)
            length = format_duration(seconds) if seconds is not None else "needs a look"
            title = field_text(step.get("title")) or "(no title)"
            text = f"{row + 1}. {title}\n     {STEP_KIND_LABELS.get(kind, kind)} · {length}"
            self._texts[row] = text
        return text

    # -- drag and drop: a move within the list, nothing else ------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():  # between the rows: where a dragged step may land
            return Qt.ItemFlag.ItemIsDropEnabled if self._editable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsDragEnabled if self._editable else flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        # The view moves a dropped step with moveRows; a copy of one never comes in.
        return False


class StepList(QListView):
    """The steps, one current at a time; Alt+Up and Alt+Down move the current one."""

    move_requested = Signal(int)  # -1: up, +1: down
    current_row_changed = Signal(int)  # -1: none

    def __init__(self, model: StepListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.current_row_changed.emit(current.row())
        )

    def currentRow(self) -> int:
        """The current step's row, or -1."""
        return self.currentIndex().row()

    def setCurrentRow(self, row: int) -> None:
        """Make the step at ``row`` current and selected (none for -1)."""
        self.setCurrentIndex(self.model().index(row, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        ):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)
