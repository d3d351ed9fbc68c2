"""Today's plan: routines pinned to the morning, midday and evening, each checked off
once it was done today (from the history). Calm and compact: it sits above the list of
routines. Edits are saved at once to DATA_DIR/plan.json.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.plan import (
    PART_TITLES,
    PARTS,
    DailyPlan,
    PlanItem,
    SessionLike,
    done_today,
    load_plan,
    save_plan,
)
from app.ui.columns import ColumnsBox
from app.ui.widgets import muted, show_text

__all__ = ["DONE_MARK", "TODO_MARK", "PlanPanel"]

DONE_MARK = "✓"
TODO_MARK = "○"


class PlanPanel(QWidget):
    start_requested = Signal(str)  # routine slug
    plan_changed = Signal()

    def __init__(
        self,
        plan_path: Path,
        routines: list[tuple[str, str]],
        done_provider: Callable[[], dict[PlanItem, bool]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planPanel")
        self.setStyleSheet(
            "QLabel#planDone { color: palette(highlight); font-weight: 600; }"
            " QWidget#planPanel QToolButton { padding: 2px 6px; }"
        )
        self._path = plan_path
        self._routines = list(routines)
        self._done_provider = done_provider
        self._plan, message = load_plan(plan_path)
        self._message = message

        frame = QFrame()
        frame.setObjectName("card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)

        header = QHBoxLayout()
        title = QLabel("Today")
        title.setObjectName("sectionTitle")
        header.addWidget(title)
        header.addStretch(1)
        self._summary = QLabel()
        self._summary.setObjectName("muted")
        header.addWidget(self._summary)
        layout.addLayout(header)

        self._notice = muted("")
        layout.addWidget(self._notice)

        self._body = QWidget()
        layout.addWidget(self._body)
        self._frame_layout = layout
        self.rows: dict[PlanItem, QWidget] = {}
        """The row of each item on show (for tests and the lead's keyboard focus)."""

        add_row = QHBoxLayout()
        add_row.setSpacing(6)
        add_label = QLabel("Add to today's plan:")
        add_label.setObjectName("muted")
        self.part_combo = QComboBox()
        for part in PARTS:
            self.part_combo.addItem(PART_TITLES[part], part)
        self.part_combo.setAccessibleName("Part of the day")
        self.routine_combo = QComboBox()
        self.routine_combo.setAccessibleName("Routine to add")
        self.routine_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.routine_combo.setMinimumContentsLength(12)
        self.routine_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add to today's plan")
        self.add_button.clicked.connect(self._add_chosen)
        add_label.setBuddy(self.routine_combo)
        # One row when it fits; two, or one under another, at large text.
        parts = (add_label, self.part_combo, self.routine_combo, self.add_button)
        add_row.addWidget(ColumnsBox(parts, most=len(parts)))
        layout.addLayout(add_row)

        self._fill_routine_combo()
        self.refresh()

    # -- for the lead ------------------------------------------------------------------

    @classmethod
    def from_sessions(
        cls,
        plan_path: Path,
        routines: list[tuple[str, str]],
        sessions_provider: Callable[[], Iterable[SessionLike]],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> PlanPanel:
        """A panel whose check marks come from ``sessions_provider`` (for example
        ``lambda: history.sessions.page(limit=200) if history else []``; newest first is fine,
        only today's sessions matter)."""
        holder: list[PlanPanel] = []

        def provider() -> dict[PlanItem, bool]:
            if not holder:
                return {}
            panel = holder[0]
            return done_today(panel.plan, sessions_provider(), today(), names=panel.names())

        panel = cls(plan_path, routines, provider, parent)
        holder.append(panel)
        panel.refresh()
        return panel

    @property
    def plan(self) -> DailyPlan:
        return self._plan

    @property
    def message(self) -> str | None:
        """A problem met when loading or saving the plan, if any (also shown inline)."""
        return self._message

    def names(self) -> dict[str, str]:
        return dict(self._routines)

    def set_routines(self, routines: list[tuple[str, str]]) -> None:
        """The library changed (a routine was added, renamed or deleted)."""
        self._routines = list(routines)
        self._fill_routine_combo()
        self.refresh()

    def refresh(self) -> None:
        """Ask again what was done today and redraw the plan."""
        try:
            done = self._done_provider()
        except Exception:  # a broken history must not take the plan down with it
            done = {}
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        old = self._body
        self._frame_layout.replaceWidget(old, body)
        old.hide()
        old.deleteLater()  # later: this may run inside a click on one of its buttons
        self._body = body
        self.rows = {}
        items = self._plan.items()
        finished = sum(1 for item in items if done.get(item, False))
        self._summary.setText(f"{finished} of {len(items)} done" if items else "")
        show_text(self._notice, self._message or "")
        if not items:
            empty = muted(
                "Nothing pinned yet. Pin routines for the morning, midday or evening "
                "and they are checked off as you do them."
            )
            box.addWidget(empty)
            return
        for part in PARTS:
            part_items = self._plan.items(part)
            if not part_items:
                continue
            heading = QLabel(PART_TITLES[part])
            heading.setObjectName("muted")
            box.addWidget(heading)
            for item in part_items:
                row = self._row(item, done.get(item, False), last=item.order == len(part_items) - 1)
                self.rows[item] = row
                box.addWidget(row)

    # -- inside ------------------------------------------------------------------------

    def _name(self, slug: str) -> str:
        return dict(self._routines).get(slug, slug)

    def _known(self, slug: str) -> bool:
        return any(s == slug for s, _ in self._routines)

    def _fill_routine_combo(self) -> None:
        current = self.routine_combo.currentData()
        self.routine_combo.clear()
        for slug, name in sorted(self._routines, key=lambda r: r[1].casefold()):
            self.routine_combo.addItem(name, slug)
        index = self.routine_combo.findData(current)
        self.routine_combo.setCurrentIndex(max(0, index))
        self.add_button.setEnabled(bool(self._routines))

    def _row(self, item: PlanItem, done: bool, *, last: bool) -> QWidget:
        row = QWidget()
        row.setObjectName("planRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(4)
        name = self._name(item.routine)
        known = self._known(item.routine)
        mark = QLabel(DONE_MARK if done else TODO_MARK)
        mark.setObjectName("planDone" if done else "muted")
        mark.setFixedWidth(mark.fontMetrics().horizontalAdvance("✓○") + 2)
        mark.setAccessibleName("done" if done else "not done yet")
        mark.setToolTip("Done today" if done else "Not done yet today")
        text = QLabel(name if known else f"{name} (not found)")
        text.setAccessibleName(f"{name}, {'done' if done else 'not done yet'}")
        if done:
            text.setObjectName("muted")
        layout.addWidget(mark)
        layout.addWidget(text, 1)

        start = QPushButton("Start")
        start.setAccessibleName(f"Start {name}")
        start.setEnabled(known)
        start.clicked.connect(lambda: self.start_requested.emit(item.routine))
        layout.addWidget(start)
        for symbol, label, handler, enabled in (
            ("↑", f"Move {name} up", lambda: self._move(item, -1), item.order > 0),
            ("↓", f"Move {name} down", lambda: self._move(item, 1), not last),
            ("✕", f"Remove {name} from today's plan", lambda: self._remove(item), True),
        ):
            button = QToolButton()
            button.setText(symbol)
            button.setAccessibleName(label)
            button.setToolTip(label)
            button.setEnabled(enabled)
            button.setAutoRaise(True)
            button.clicked.connect(handler)
            layout.addWidget(button)
        row.setProperty("planItem", (item.part, item.routine, item.order))
        return row

    def _add_chosen(self) -> None:
        slug = self.routine_combo.currentData()
        part = self.part_combo.currentData()
        if isinstance(slug, str) and isinstance(part, str):
            self.add(part, slug)

    def add(self, part: str, slug: str) -> PlanItem:
        item = self._plan.add(part, slug)
        self._changed()
        return item

    def _move(self, item: PlanItem, delta: int) -> None:
        self._plan.move(item, delta)
        self._changed()

    def _remove(self, item: PlanItem) -> None:
        self._plan.remove(item)
        self._changed()

    def _changed(self) -> None:
        try:
            save_plan(self._plan, self._path)
        except OSError as exc:
            self._message = f"Today's plan could not be saved ({exc.strerror or exc})."
        else:
            self._message = None
        self.refresh()
        self.plan_changed.emit()
