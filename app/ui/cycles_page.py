"""The Cycles page: the cycle companion between injections.

What it shows comes from the history's stores and app.core (``history.cycle_view``,
``history.daily``, app.core.daily): this page only lays it out and saves what the
person taps, through the stores. Rate today (Ctrl+L, also in the tray), add an
injection, mark started working / best / wearing off with one tap each, note side
effects (trouble swallowing: the urgent advice at once).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.cycle_vocabulary import InjectionMark
from app.core.cycle_words import benefit_text, how_text, rating_saved, window_text
from app.core.cycles import Cycle
from app.core.daily import NOT_PROOF, association_sentence, associations, trick_summary
from app.core.dates import human_date
from app.core.seek_help import help_notice
from app.messages import problem
from app.storage.errors import StorageError
from app.storage.history import History
from app.ui.columns import ColumnsBox
from app.ui.cycle_chart import CycleChart, CycleLegend
from app.ui.cycle_dialogs import InjectionDialog, QuickLogDialog, SideEffectsDialog
from app.ui.page_edges import PAGE_MARGINS
from app.ui.widgets import card, muted, scrolling, show_text, unavailable_notice, wrapped

__all__ = ["SHOWN_CYCLES", "CyclesPage"]

SHOWN_CYCLES = 8
"""Cycles listed, newest first; the rest are in the export and the report."""
ASSOCIATION_DAYS = 365


class CyclesPage(QWidget):
    changed = Signal()
    """A rating, an injection or a mark was saved."""
    seek_help = Signal(object)
    """A HelpNotice (a side effect that needs care): tell it, then show the advice."""

    def __init__(
        self,
        history_provider: Callable[[], History | None],
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cyclesPage")
        self.setAccessibleName("Cycles")
        self.history_provider = history_provider
        self._today = today
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()  # scrolls up and down, never sideways; follows the focus
        outer.addWidget(scrolling(holder))
        page = QVBoxLayout(holder)
        page.setContentsMargins(*PAGE_MARGINS)
        page.setSpacing(14)
        title = QLabel("Cycles")
        title.setObjectName("pageTitle")
        page.addWidget(title)
        page.addWidget(
            muted(
                "Between injections: rate each day in one line (Ctrl+L, or from the tray) "
                "and tap when an injection starts working, is at its best and wears off. "
                "Facewell works out how long each one helped, for you and your "
                "neurologist. It gives no advice on doses; your clinic decides those."
            )
        )
        self.pages = QStackedWidget()
        page.addWidget(self.pages, 1)
        self.content = QWidget()
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(14)
        self.pages.addWidget(self.content)
        self.pages.addWidget(unavailable_notice())

        self.appointment_card, box = card("Next appointment")
        self.appointment = wrapped("")
        box.addWidget(self.appointment)
        self.appointment_card.setVisible(False)
        body.addWidget(self.appointment_card)
        self.status = wrapped("")
        show_text(self.status, "")
        body.addWidget(self.status)

        self.rate_button = QPushButton("Rate today…")
        self.rate_button.setObjectName("primary")
        self.rate_button.clicked.connect(self.rate_today)
        self.add_button = QPushButton("Add an injection…")
        self.add_button.clicked.connect(self.add_injection)
        self.mark_buttons: dict[InjectionMark, QPushButton] = {}
        for mark, words in (
            (InjectionMark.STARTED_WORKING, "Started working today"),
            (InjectionMark.BEST, "At its best today"),
            (InjectionMark.WEARING_OFF, "Wearing off today"),
        ):
            button = QPushButton(words)
            button.clicked.connect(lambda _=False, m=mark: self.mark(m))
            self.mark_buttons[mark] = button
        self.effects_button = QPushButton("Side effects…")
        self.effects_button.clicked.connect(self.side_effects)
        buttons = [
            self.rate_button,
            self.add_button,
            *self.mark_buttons.values(),
            self.effects_button,
        ]
        # Two columns, or one under another where two don't fit (200 % on a small screen).
        body.addWidget(ColumnsBox(buttons, most=2))

        frame, box = card("Severity since each injection")
        self.chart = CycleChart()
        box.addWidget(self.chart)
        self.legend = CycleLegend(self.chart)
        box.addWidget(self.legend)
        self.window_note = muted("")
        box.addWidget(self.window_note)
        body.addWidget(frame)

        frame, box = card("Your cycles")
        self.cycles_label = wrapped("")
        box.addWidget(self.cycles_label)
        body.addWidget(frame)

        frame, box = card("What your days had in common")
        self.associations_label = wrapped("")
        box.addWidget(self.associations_label)
        box.addWidget(muted(NOT_PROOF))
        body.addWidget(frame)
        body.addStretch(1)
        self.refresh()

    def _history(self) -> History | None:
        return self.history_provider()

    def refresh(self) -> None:
        """Reload everything from the history."""
        history = self._history()
        if history is None:
            self.pages.setCurrentIndex(1)
            return
        self.pages.setCurrentIndex(0)
        today = self._today()
        try:
            view = history.cycle_view(today)
            recent = history.daily.between(today - timedelta(days=ASSOCIATION_DAYS - 1), today)
        except StorageError as error:
            show_text(self.status, f"The history can't be read right now: {problem(error)}")
            return
        self.chart.set_view(view)
        self.legend.refresh()
        self.appointment.setText(view.appointment or "")
        self.appointment_card.setVisible(bool(view.appointment))
        self.window_note.setText(window_text(view.window) if view.cycles else "")
        has_injection = bool(view.cycles)
        for button in (*self.mark_buttons.values(), self.effects_button):
            button.setEnabled(has_injection)
        self.cycles_label.setText(self._cycles_text(view.cycles, today, view.earlier))
        lines = [association_sentence(row) for row in associations(recent)[:5]]
        lines += [
            f"{row.trick.capitalize()}: helped {row.helped} of {row.tried} times."
            for row in trick_summary(recent)[:3]
        ]
        self.associations_label.setText(
            "\n".join(lines)
            or "Rate a few weeks of days, good and bad, with what each day held: "
            "then this shows what the days with higher ratings had in common."
        )

    @staticmethod
    def _cycles_text(cycles: Sequence[Cycle], today: date, earlier: int) -> str:
        if not cycles:
            return "No injections yet. Add one with the button above."
        rows = []
        for cycle in list(cycles)[::-1][:SHOWN_CYCLES]:
            injection = cycle.injection
            what = f" · {html.escape(injection.product)}" if injection.product else ""
            how = how_text(cycle)
            effects = (
                f"<br>Side effects: {html.escape(', '.join(injection.side_effects))}"
                if injection.side_effects
                else ""
            )
            rows.append(
                f"<p><b>{human_date(injection.day)}</b>{what}: "
                f"{html.escape(benefit_text(cycle, today))}"
                f"{' (' + html.escape(how) + ')' if how else ''}{effects}</p>"
            )
        older = earlier + max(0, len(cycles) - SHOWN_CYCLES)
        if older > 0:
            rows.append(f"<p>{older} earlier cycles are in the report and the export.</p>")
        return "".join(rows)

    # -- actions ---------------------------------------------------------------------

    def _saved(self, text: str) -> None:
        show_text(self.status, text)
        self.refresh()
        self.changed.emit()

    def _failed(self, error: Exception) -> None:
        message = problem(error) if isinstance(error, StorageError) else str(error)
        show_text(self.status, f"Not saved: {message}")

    def rate_today(self) -> None:
        history = self._history()
        if history is None:
            return
        today = self._today()
        rating = QuickLogDialog.ask(self, today)
        if rating is None:
            return
        try:
            saved = history.daily.log(rating)
        except (StorageError, ValueError) as error:
            self._failed(error)
            return
        self._saved(rating_saved(saved, today))

    def add_injection(self) -> None:
        history = self._history()
        if history is None:
            return
        injection = InjectionDialog.ask(self, self._today())
        if injection is None:
            return
        try:
            history.injections.add(injection)
        except (StorageError, ValueError) as error:
            self._failed(error)
            return
        self._saved(f"Saved the injection of {human_date(injection.day)}.")

    def mark(self, mark: InjectionMark) -> None:
        history = self._history()
        latest = history.injections.latest() if history is not None else None
        if history is None or latest is None:
            return
        try:
            history.injections.mark(latest.id, mark, self._today())
        except (StorageError, ValueError) as error:
            self._failed(error)
            return
        self._saved(f"Marked the injection of {human_date(latest.day)}: {mark.value} today.")

    def side_effects(self) -> None:
        history = self._history()
        latest = history.injections.latest() if history is not None else None
        if history is None or latest is None:
            return
        updated = SideEffectsDialog.ask(self, latest)
        if updated is None:
            return
        try:
            history.injections.update(updated)
        except (StorageError, ValueError) as error:
            self._failed(error)
            return
        self._saved("Side effects saved.")
        self.check_seek_help()

    def check_seek_help(self) -> None:
        """Emit ``seek_help`` once for reasons not shown before, and remember them."""
        history = self._history()
        if history is None:
            return
        try:
            prompts = history.help_prompts(self._today())
            for prompt in prompts:
                history.prompts.mark_shown(prompt.key)
        except StorageError:
            return
        if prompts:
            self.seek_help.emit(help_notice(prompts))
