"""The cycle companion's dialogs: the quick log (a daily rating in one line), a new
injection, and side effects after one. Each returns a record; the page or the window
saves it through the history's stores (no SQL here).

The quick log takes the same line as ``facewell log``: "6 bright light, screens,
+humming", Enter saves. A problem is said once under the field, and nothing closes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.core.cycle_vocabulary import COMMON_PRODUCTS, URGENT_SIDE_EFFECTS, SideEffect
from app.core.daily import QUICK_LOG_HELP, parse_quick_log
from app.core.records import DailyRating, Injection
from app.core.seek_help import INJECTION_ADVICE
from app.ui.fitting_dialog import FittingDialog
from app.ui.widgets import muted, show_text, wrapped, wrapping_check

__all__ = ["InjectionDialog", "QuickLogDialog", "SideEffectsDialog"]


def _buttons(dialog: FittingDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.rejected.connect(dialog.reject)
    dialog.below(buttons)
    return buttons


class QuickLogDialog(FittingDialog):
    """How today was, 0-10, and what it held, in one line; Enter saves."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent, width=560)
        self.setObjectName("quickLogDialog")
        self.setWindowTitle("Rate today")
        self.today = today
        self.rating: DailyRating | None = None
        heading = QLabel("How was today?")
        heading.setObjectName("sectionTitle")
        self.words.addWidget(heading)
        self.words.addWidget(muted(QUICK_LOG_HELP))
        self.line = QLineEdit()
        self.line.setAccessibleName("Today's rating and what the day held")
        self.line.setPlaceholderText("6 bright light, screens")
        self.words.addWidget(self.line)
        self.problem = wrapped("", "problem")
        show_text(self.problem, "")
        self.words.addWidget(self.problem)
        self.buttons = _buttons(self, "Save")
        self.buttons.accepted.connect(self.save)
        self.line.returnPressed.connect(self.save)
        self.line.setFocus()

    def save(self) -> None:
        try:
            parsed = parse_quick_log(self.line.text())
        except ValueError as error:
            show_text(self.problem, str(error))
            return
        self.rating = DailyRating.new(
            self.today, parsed.rating, exposures=parsed.exposures, tricks=parsed.tricks
        )
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, today: date) -> DailyRating | None:
        """The rating typed, or None when cancelled (tests monkeypatch this)."""
        dialog = cls(today, parent)
        dialog.exec()
        return dialog.rating


class InjectionDialog(FittingDialog):
    """A new injection: the date, and optionally the product, dose and sites."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent, width=520)
        self.setObjectName("injectionDialog")
        self.setWindowTitle("Add an injection")
        self.injection: Injection | None = None
        self.words.addWidget(
            muted(
                "Only the date is needed. The weeks it helps are worked out from your daily "
                "ratings and the days you mark; you never have to count them."
            )
        )
        form = QFormLayout()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.setAccessibleName("Injection date")
        self.product = QComboBox()
        self.product.setEditable(True)
        self.product.addItems(["", *COMMON_PRODUCTS])
        self.product.setAccessibleName("Product")
        # As wide as the form, not as the longest name (wider than the screen at 200 %).
        self.product.setMinimumContentsLength(12)
        self.product.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.dose = QLineEdit()
        self.dose.setAccessibleName("Dose")
        self.dose.setPlaceholderText("as the clinic said it, e.g. 25 units each side")
        self.sites = QLineEdit()
        self.sites.setAccessibleName("Sites")
        form.addRow("Date", self.day)
        form.addRow("Product", self.product)
        form.addRow("Dose", self.dose)
        form.addRow("Sites", self.sites)
        self.words.addLayout(form)
        buttons = _buttons(self, "Add")
        buttons.accepted.connect(self.save)

    def save(self) -> None:
        picked = self.day.date()
        self.injection = Injection.new(
            date(picked.year(), picked.month(), picked.day()),
            product=" ".join(self.product.currentText().split()),
            dose=self.dose.text().strip(),
            sites=self.sites.text().strip(),
        )
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, today: date) -> Injection | None:
        dialog = cls(today, parent)
        dialog.exec()
        return dialog.injection


class SideEffectsDialog(FittingDialog):
    """Side effects after an injection. Trouble swallowing shows the urgent advice at
    once, before anything else."""

    def __init__(self, injection: Injection, parent: QWidget | None = None) -> None:
        super().__init__(parent, width=520)
        self.setObjectName("sideEffectsDialog")
        self.setWindowTitle("Side effects")
        self.original = injection
        self.result_injection: Injection | None = None
        self.words.addWidget(muted("Tick what you noticed after this injection."))
        self.checks = {}
        for effect in SideEffect:
            row, check = wrapping_check(effect.value.capitalize())
            check.setChecked(effect.value in injection.side_effects)
            self.checks[effect.value] = check
            self.words.addWidget(row)
        self.urgent = wrapped(INJECTION_ADVICE, "problem")
        show_text(self.urgent, "")
        self.words.addWidget(self.urgent)
        for effect in URGENT_SIDE_EFFECTS:
            self.checks[effect].toggled.connect(self._urgent_changed)
        self._urgent_changed()
        buttons = _buttons(self, "Save")
        buttons.accepted.connect(self.save)

    def _urgent_changed(self) -> None:
        ticked = any(self.checks[e].isChecked() for e in URGENT_SIDE_EFFECTS)
        show_text(self.urgent, INJECTION_ADVICE if ticked else "")

    def save(self) -> None:
        own = [e for e in self.original.side_effects if e not in self.checks]
        ticked = [e for e, check in self.checks.items() if check.isChecked()]
        self.result_injection = replace(self.original, side_effects=(*ticked, *own))
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, injection: Injection) -> Injection | None:
        dialog = cls(injection, parent)
        dialog.exec()
        return dialog.result_injection
