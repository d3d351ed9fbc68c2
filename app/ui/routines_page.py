"""The routines page: built-in and your own routines, with broken files and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.durations import format_about
from app.core.words import CATEGORY_LABELS
from app.ui.card_list import ACCESSIBLE_TEXT, CardList
from app.ui.columns import ColumnsBox
from app.ui.scrolling import scrolling

if TYPE_CHECKING:  # the parser loads after the first frame (see docs/architecture.md)
    from app.core.library import Entry, Library
    from app.core.routine import Routine

# Qt.ItemDataRole.UserRole and the next role, as plain numbers: naming `Qt` here would
# build all of its enums before the first frame (docs/architecture.md, Start-up).
_ROUTINE = 0x0100
_ENTRY = 0x0101


class _Card(QWidget):
    def __init__(self, entry: Entry) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        title = QLabel()
        title.setObjectName("cardTitle")
        title.setWordWrap(True)
        detail = QLabel()
        detail.setObjectName("muted")
        detail.setWordWrap(True)
        meta = QLabel()
        meta.setObjectName("cardMeta")
        meta.setWordWrap(True)
        if entry.routine is not None:
            routine = entry.routine
            title.setText(routine.name)
            detail.setText(routine.summary)
            owner = "" if entry.builtin else " · yours"
            # As it will play, words included (the player shows the exact total). The
            # compiler is imported here: cards are filled after the first frame.
            from app.core.timeline import compile_timeline

            length = format_about(compile_timeline(routine).total)
            meta.setText(f"{CATEGORY_LABELS[routine.category]} · {length}{owner}")
        else:
            title.setText(f"{entry.path.name} cannot be used")
            detail.setText("\n".join(f"Line {p.line}: {p.message}" for p in entry.problems))
            meta.setText(str(entry.path))
            self.setObjectName("brokenCard")
        layout.addWidget(title)
        layout.addWidget(meta)
        if detail.text():
            layout.addWidget(detail)


class RoutinesPage(QWidget):
    start_requested = Signal(object)  # Routine
    new_requested = Signal()
    edit_requested = Signal(object)  # Entry: edit your own, or open a built-in to duplicate
    import_requested = Signal()
    export_requested = Signal(object)  # Entry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._area: QScrollArea | None = None
        self._plan: QWidget | None = None
        heading = QLabel("Routines")
        heading.setObjectName("pageTitle")
        intro = QLabel(
            "Choose a routine and press Start. You can close your eyes: every step is spoken."
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show category")
        self.filter.addItem("All routines", None)
        for category, label in CATEGORY_LABELS.items():
            self.filter.addItem(label, category)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        filter_label = QLabel("&Show:")
        filter_label.setBuddy(self.filter)
        self.list = CardList()
        self.list.setObjectName("routineList")
        self.list.setAccessibleName("Routines")
        self.list.setSpacing(4)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName("Start the selected routine")
        self.start_button.setToolTip("Start the selected routine (Enter)")
        self.start_button.clicked.connect(self._start_current)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(filter_label)
        top.addWidget(self.filter)
        self.new_button = self._tool("New routine", "Make your own routine (Ctrl+N)")
        self.edit_button = self._tool(
            "Edit", "Edit your routine, or copy a built-in one to change it"
        )
        self.import_button = self._tool("Import…", "Add a routine file someone shared with you")
        self.export_button = self._tool("Export…", "Save the selected routine as a file to share")
        self.new_button.clicked.connect(self.new_requested)
        self.edit_button.clicked.connect(lambda: self._emit_entry(self.edit_requested))
        self.import_button.clicked.connect(self.import_requested)
        self.export_button.clicked.connect(lambda: self._emit_entry(self.export_requested))
        bottom = QHBoxLayout()
        tools = (self.new_button, self.edit_button, self.import_button, self.export_button)
        # The tools take the width left of Start: two rows of two at large text.
        bottom.addWidget(ColumnsBox(tools, most=len(tools)), 1)
        bottom.addWidget(self.start_button)
        # The words, the plan and the cards scroll as one between the heading and the
        # buttons (app/ui/card_list.py); the area is made once the first frame is drawn.
        self._body = QWidget()
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(intro)
        self._plan_slot = QVBoxLayout()
        body.addLayout(self._plan_slot)
        body.addWidget(self.list)
        body.addStretch(1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(28, 20, 28, 20)
        self._layout.addLayout(top)
        self._layout.addWidget(self._body, 1)
        self._layout.addLayout(bottom)
        self._bottom = bottom
        self._selection_changed()  # nothing to start or edit until the routines load

    def set_library(self, library: Library) -> None:
        self._scroll_body()
        self.list.clear()
        for entry in library.entries:
            item = QListWidgetItem(self.list)
            card = _Card(entry)
            item.setData(_ROUTINE, entry.routine)
            item.setData(_ENTRY, entry)
            name = entry.routine.name if entry.routine else f"{entry.path.name} (cannot be used)"
            item.setData(ACCESSIBLE_TEXT, name)
            if entry.routine is None:
                from PySide6.QtCore import Qt  # only for a broken file (see _ROUTINE)

                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.setItemWidget(item, card)
        self._apply_filter()

    def _scroll_body(self) -> None:
        if self._area is not None:
            return
        area = scrolling(self._body)  # takes the body out of the page's layout
        self._layout.insertWidget(1, area, 1)
        area.show()  # now, not at the next turn of the event loop: the list is painted
        self._layout.activate()  # with the window's first full frame
        self._area = area
        self.list.current_card.connect(self._show_card)
        self.list.ready()

    def _show_card(self, card: QWidget) -> None:
        """Scroll the page to ``card`` once the area has taken the list's new height."""
        from PySide6.QtCore import QTimer

        def show() -> None:
            try:
                if self._area is not None and self._area.isAncestorOf(card):
                    self._area.ensureWidgetVisible(card, 0, 8)
            except RuntimeError:  # the card went with a reload first
                pass

        QTimer.singleShot(0, show)

    def _tool(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        return button

    def _emit_entry(self, signal: SignalInstance) -> None:
        item = self._visible()
        entry = item.data(_ENTRY) if item is not None else None
        if entry is not None:
            signal.emit(entry)

    def set_plan_panel(self, panel: QWidget) -> None:
        """Today's plan sits above the list (it arrives once the history is open)."""
        self._plan_slot.addWidget(panel)
        self._plan = panel

    def tab_chain(self) -> list[QWidget]:
        """The routines first, then today's plan, Start, the tools and the filter."""
        from app.ui.keyboard import chain_within

        plan = chain_within(self._plan) if self._plan is not None else []
        tools = [self.new_button, self.edit_button, self.import_button, self.export_button]
        return [self.list, *plan, self.start_button, *tools, self.filter]

    def notice_area(self) -> QRect:
        """A notice floats above the buttons, never over Start (app/ui/banner.py)."""
        return QRect(0, 0, self.width(), self._bottom.geometry().top())

    def routine_at(self, row: int) -> Routine | None:
        item = self.list.item(row)
        routine: Routine | None = item.data(_ROUTINE) if item is not None else None
        return routine

    def select(self, name: str) -> bool:
        """Select the routine called ``name`` and scroll to it; a filter that hides it
        gives way to "All routines" (a routine just saved must be seen)."""
        for row in range(self.list.count()):
            routine = self.routine_at(row)
            if routine is not None and routine.name == name:
                if self.list.item(row).isHidden():
                    self.filter.setCurrentIndex(0)
                self.list.setCurrentRow(row)
                return True
        return False

    def _visible(self) -> QListWidgetItem | None:
        """The current item, if the filter shows it: Start acts on nothing else."""
        item = self.list.currentItem()
        return item if item is not None and not item.isHidden() else None

    def _apply_filter(self) -> None:
        wanted = self.filter.currentData()
        for row in range(self.list.count()):
            item = self.list.item(row)
            routine: Routine | None = item.data(_ROUTINE)
            hidden = wanted is not None and (routine is None or routine.category != wanted)
            item.setHidden(hidden)
        current = self.list.currentItem()
        if current is None or current.isHidden():  # the selection follows the filter
            shown = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
            self.list.setCurrentRow(shown[0] if shown else -1)
        self._selection_changed()
        self.list.fit_cards()

    def _selection_changed(self) -> None:
        item = self._visible()
        self.start_button.setEnabled(item is not None and item.data(_ROUTINE) is not None)
        entry = item.data(_ENTRY) if item is not None else None
        builtin = entry is not None and bool(entry.builtin)
        self.edit_button.setText("Duplicate to edit" if builtin else "Edit")
        self.edit_button.setAccessibleName(self.edit_button.text())
        self.edit_button.setEnabled(entry is not None)
        self.export_button.setEnabled(entry is not None and entry.routine is not None)

    def _activated(self, item: QListWidgetItem) -> None:
        routine = item.data(_ROUTINE)
        if routine is not None:
            self.start_requested.emit(routine)

    def _start_current(self) -> None:
        item = self._visible()
        if item is not None:
            self._activated(item)
