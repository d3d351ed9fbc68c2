"""The journal's "did you notice…" tick boxes, in two groups: sudden signs, then calm ones.

The sudden signs come first, under a heading that says what to do, and ticking one shows
"Call your emergency number now" at once, before anything is logged: a person in a hurry
should not have to save an entry to be told. The words and the tiers are
app.core.seek_help's; this only lays them out.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.core.seek_help import CALL_NOW, Tier, offered_signs, sign_note
from app.ui.widgets import wrapping_check

__all__ = ["SignsBox"]

COLUMNS = 1
"""One sign a row: the signs are sentences, and two columns of them made the journal
wider than the window (its right edge was cut off at 1080 px)."""
_HEADINGS = {
    Tier.URGENT: "Came on suddenly? These need help now",
    Tier.SOON: "Worth showing a doctor soon",
}


class SignsBox(QWidget):
    """Tick boxes for every offered sign; ``boxes`` maps the stored value to its box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signsBox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.boxes: dict[str, QCheckBox] = {}
        self.tiers: dict[str, Tier] = {}
        self.headings: dict[Tier, QLabel] = {}
        for tier in (Tier.URGENT, Tier.SOON):
            if tier is Tier.SOON:
                layout.addSpacing(6)
            heading = QLabel(_HEADINGS[tier])
            heading.setWordWrap(True)
            heading.setObjectName("sectionTitle" if tier is Tier.URGENT else "muted")
            self.headings[tier] = heading
            layout.addWidget(heading)
            grid = QGridLayout()
            grid.setHorizontalSpacing(10)
            grid.setVerticalSpacing(2)
            for i, sign in enumerate(offered_signs(tier)):
                row, check = wrapping_check(sign.label)
                row.setToolTip(sign_note(sign))
                check.setToolTip(sign_note(sign))
                check.setAccessibleDescription(sign_note(sign))
                check.toggled.connect(self._update_hint)
                self.boxes[sign.value] = check
                self.tiers[sign.value] = tier
                grid.addWidget(row, i // COLUMNS, i % COLUMNS)
            layout.addLayout(grid)
            if tier is Tier.URGENT:
                self.urgent_hint = QLabel(f"{CALL_NOW} Logging can wait.")
                self.urgent_hint.setObjectName("sectionTitle")
                self.urgent_hint.setWordWrap(True)
                self.urgent_hint.setAccessibleName(CALL_NOW)
                self.urgent_hint.hide()
                layout.addWidget(self.urgent_hint)

    def checked(self) -> list[str]:
        """The ticked signs' stored values, urgent ones first, in the order shown."""
        return [value for value, box in self.boxes.items() if box.isChecked()]

    def clear(self) -> None:
        for box in self.boxes.values():
            box.setChecked(False)

    def _update_hint(self) -> None:
        urgent = any(
            box.isChecked() and self.tiers[value] is Tier.URGENT
            for value, box in self.boxes.items()
        )
        self.urgent_hint.setVisible(urgent)
