"""The routines page: built-in and your own routines, with broken files and why."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.card_words import CardWords
from app.core.words import CATEGORY_LABELS
from app.ui.card_list import ACCESSIBLE_DESCRIPTION, ACCESSIBLE_TEXT, WORDS, CardList
from app.ui.columns import ColumnsBox
from app.ui.page_edges import PAGE_MARGINS
from app.ui.scrolling import scrolling

if TYPE_CHECKING:  # the parser loads after the first frame (see docs/architecture.md)
    from app.core.library import Entry, Library
    from app.core.routine import Routine

# Qt.ItemDataRole.UserRole and the next roles, as plain numbers: naming `Qt` here would
# build all of its enums before the first frame (docs/architecture.md, Start-up).
_ROUTINE = 0x0100
_ENTRY = 0x0101


class RoutinesPage(QWidget):
    start_requested = Signal(object)  # Routine
    new_requested = Signal()
    edit_requested = Signal(object)  # Entry: edit your own, or open a built-in to duplicate
    import_requested = Signal()
    export_requested = Signal(object)  # Entry
    #: Cards drawn from the cache and something asked for their routines: read them now.
    library_needed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan: QWidget | None = None
        self._filled = False
        # Laid out from the page down, so that each widget is put in its place once, as
        # it is made (see MainWindow: a built widget moved restyles all of it).
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(*PAGE_MARGINS)
        top = QHBoxLayout()
        self._layout.addLayout(top)
        # The words, the plan and the cards scroll as one between the heading and the
        # buttons (app/ui/card_list.py).
        self._body = QWidget()
        self._area = scrolling(self._body)  # while the body is empty: a cheap move
        self._layout.addWidget(self._area, 1)
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        bottom = QHBoxLayout()
        self._layout.addLayout(bottom)
        self._bottom = bottom

        heading = QLabel("Routines")
        heading.setObjectName("pageTitle")
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show category")
        self.filter.addItem("All routines", None)
        for category, label in CATEGORY_LABELS.items():
            self.filter.addItem(label, category)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        filter_label = QLabel("&Show:")
        filter_label.setBuddy(self.filter)
        top.addWidget(heading, 1)
        top.addWidget(filter_label)
        top.addWidget(self.filter)

        intro = QLabel(
            "Choose a routine and press Start. You can close your eyes: every step is spoken."
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        body.addWidget(intro)
        self._plan_slot = QVBoxLayout()
        body.addLayout(self._plan_slot)
        self.list = CardList()
        self.list.setObjectName("routineList")
        self.list.setAccessibleName("Routines")
        self.list.setSpacing(4)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.list.current_card.connect(self._show_card)
        body.addWidget(self.list)
        body.addStretch(1)

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
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName("Start the selected routine")
        self.start_button.setToolTip("Start the selected routine (Enter)")
        self.start_button.clicked.connect(self._start_current)
        tools = (self.new_button, self.edit_button, self.import_button, self.export_button)
        # The tools take the width left of Start: two rows of two at large text.
        bottom.addWidget(ColumnsBox(tools, most=len(tools)), 1)
        bottom.addWidget(self.start_button)
        self._selection_changed()  # nothing to start or edit until the routines load

    def show_cards(self, cards: Sequence[CardWords]) -> None:
        """The cards as the cache has them, for the first frame: their routines come
        with :meth:`set_library` (Start reads them at once if pressed before)."""
        self._fill([(words, None) for words in cards])

    def set_library(self, library: Library, cards: Sequence[CardWords]) -> None:
        """The routines of ``library`` behind the cards (``cards``: their words, in
        order); the cards are built again only if they say something else."""
        shown = [self.list.item(row).data(WORDS) for row in range(self.list.count())]
        if shown != list(cards):
            self._fill(list(zip(cards, library.entries, strict=True)))
            return
        for row, entry in enumerate(library.entries):
            item = self.list.item(row)
            item.setData(_ROUTINE, entry.routine)
            item.setData(_ENTRY, entry)
        self._selection_changed()

    def _fill(self, cards: Sequence[tuple[CardWords, Entry | None]]) -> None:
        self._first_fill()
        self.list.clear()
        for words, entry in cards:
            item = QListWidgetItem(self.list)
            item.setData(WORDS, words)
            if entry is not None:
                item.setData(_ROUTINE, entry.routine)
                item.setData(_ENTRY, entry)
            item.setData(ACCESSIBLE_TEXT, words.name)
            item.setData(ACCESSIBLE_DESCRIPTION, f"{words.meta}. {words.detail}".strip(". "))
            if words.broken:
                from PySide6.QtCore import Qt  # only for a broken file (see _ROUTINE)

                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self._apply_filter()

    def _loaded(self, item: QListWidgetItem | None) -> QListWidgetItem | None:
        """``item`` with its routine. A card from the cache asks for the library first;
        if the cards then say something else, nothing is acted on: the person sees the
        new list instead of starting what was under their finger a moment ago."""
        if item is None or item.data(_ENTRY) is not None:
            return item
        row, words = self.list.row(item), item.data(WORDS)
        self.library_needed.emit()
        fresh = self.list.item(row)
        return fresh if fresh is not None and fresh.data(WORDS) == words else None

    def _first_fill(self) -> None:
        if self._filled:
            return
        self._filled = True
        self.list.ready()  # from now on the list is as tall as its cards

    def _show_card(self, row: int) -> None:
        """Scroll the page to the card in ``row`` once the area has taken the list's
        new height (a reload may have taken the row away by then)."""
        from PySide6.QtCore import QTimer

        def show() -> None:
            area, item = self._area, self.list.item(row)
            body = area.widget()
            if body is None or item is None:
                return
            card = self.list.visualItemRect(item)
            middle = self.list.mapTo(body, card.center())
            # The area's own height, not its viewport's (the same: no frame, no bar
            # across): this runs before the first frame, and the viewport would be the
            # first QWidget made in C++ that Python sees, for which PySide6 loads every
            # QWidget subclass's type to find its class: 10-17 ms (docs/benchmarks.md).
            if row == self._first_shown() and middle.y() < area.height():
                area.ensureVisible(0, 0)  # the top of the page: the intro, the plan
                return
            # Else the card itself, even the first: at 200 % on a small screen today's
            # plan filled the view, and Enter started a routine no one could see.
            area.ensureVisible(middle.x(), middle.y(), 0, card.height() // 2 + 8)

        QTimer.singleShot(0, self.list, show)  # not once the list is gone

    def _tool(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        return button

    def _emit_entry(self, signal: SignalInstance) -> None:
        item = self._loaded(self._visible())
        entry = item.data(_ENTRY) if item is not None else None
        if entry is not None:
            signal.emit(entry)

    def set_plan_panel(self, panel: QWidget) -> None:
        """Today's plan sits above the list (it arrives once the history is open)."""
        self._plan_slot.addWidget(panel)
        self._plan = panel
        if self.list.currentRow() >= 0:  # the plan pushed the cards down: follow the one
            self._show_card(self.list.currentRow())

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
        if wanted is not None and self.list.count() and self.list.item(0).data(_ENTRY) is None:
            self.library_needed.emit()  # the categories come with the routines
        for row in range(self.list.count()):
            item = self.list.item(row)
            routine: Routine | None = item.data(_ROUTINE)
            hidden = wanted is not None and (routine is None or routine.category != wanted)
            item.setHidden(hidden)
        current = self.list.currentItem()
        if current is None or current.isHidden():  # the selection follows the filter
            self.list.setCurrentRow(self._first_shown())
        self._selection_changed()
        self.list.fit_cards()

    def _first_shown(self) -> int:
        shown = (r for r in range(self.list.count()) if not self.list.item(r).isHidden())
        return next(shown, -1)

    def _selection_changed(self) -> None:
        item = self._visible()
        words: CardWords | None = item.data(WORDS) if item is not None else None
        usable = words is not None and not words.broken
        self.start_button.setEnabled(usable)
        builtin = words is not None and words.builtin
        self.edit_button.setText("Duplicate to edit" if builtin else "Edit")
        self.edit_button.setAccessibleName(self.edit_button.text())
        self.edit_button.setEnabled(words is not None)
        self.export_button.setEnabled(usable)

    def _activated(self, item: QListWidgetItem) -> None:
        loaded = self._loaded(item)
        routine = loaded.data(_ROUTINE) if loaded is not None else None
        if routine is not None:
            self.start_requested.emit(routine)

    def _start_current(self) -> None:
        item = self._visible()
        if item is not None:
            self._activated(item)
