"""The voice choice in Settings: natural and system voices, "Hear it", and each licence.

The list is grouped ("Natural voice", then "System voice"), the person's language first
in each group. "Hear it" asks for a sample through ``hear_requested``; whoever owns the
speech service renders it off the GUI thread and hands the file to `play_sample`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtMultimedia import QSoundEffect
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.speech.voices import NATURAL, SYSTEM, VoiceInfo, language_first

__all__ = ["SAMPLE_TEXT", "VoicePicker"]

SAMPLE_TEXT = "Breathe in slowly, and let your face soften."
GROUPS = ((NATURAL, "Natural voice"), (SYSTEM, "System voice"))
SYSTEM_LICENCE = "GPL-3.0-or-later (eSpeak NG)"
MIN_CHARACTERS = 20


class VoicePicker(QWidget):
    """A combo of voices (data: the voice id, "" for the default) and "Hear it"; its
    ``licence`` label is laid out by the owner, under it."""

    hear_requested = Signal(str)  # the voice id, "" for the default

    def __init__(
        self,
        voices: list[VoiceInfo],
        current: str | None,
        locale: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._voices = {voice.id: voice for voice in voices}
        locale = locale or QLocale.system().name()
        natural = [v for v in voices if v.engine == NATURAL]
        self._default = natural[0] if natural else None

        self.combo = QComboBox()
        self.combo.setAccessibleName("Voice")
        # As wide as the form gives, not as wide as the longest name: at 200 % text the
        # names ("English (Received Pronunciation)") would push the dialog off a small
        # screen. The open list shows them whole.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(MIN_CHARACTERS)
        short = self._default.name.split(",")[0] if self._default else ""
        default = f"Default: {short} (natural)" if self._default else "Default system voice"
        self.combo.addItem(default, "")
        model = self.combo.model()
        for engine, heading in GROUPS:
            group = language_first([v for v in voices if v.engine == engine], locale)
            if not group:
                continue
            self.combo.addItem(heading, None)
            if isinstance(model, QStandardItemModel):  # a heading, not a choice
                item = model.item(self.combo.count() - 1)
                item.setEnabled(False)
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            for voice in group:
                self.combo.addItem(f"    {voice.name}", voice.id)
        wanted = current or ""
        index = self.combo.findData(wanted)
        if index < 0:
            self.combo.addItem(f"{wanted} (not installed)", wanted)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

        self.hear = QPushButton("&Hear it")
        self.hear.setAccessibleName("Hear it")
        self.hear.setAccessibleDescription("Say a sample line in the chosen voice")
        self.hear.clicked.connect(self._ask)

        self.licence = QLabel()
        self.licence.setObjectName("muted")
        self.licence.setWordWrap(True)
        # Under the voice it belongs to: a form row measured for a narrower width is
        # taller than the words, and centred they floated between the rows.
        self.licence.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.licence.setAccessibleName("Voice licence")
        self.licence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # The licence is not in this row: the form gives it a row of its own, the whole
        # width (a wrapped label squeezed beside a button was cut off at its last line).
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.combo, 1)
        row.addWidget(self.hear)
        self._effect: QSoundEffect | None = None
        self.combo.currentIndexChanged.connect(self._show_licence)
        self._show_licence()

    def chosen(self) -> VoiceInfo | None:
        """The voice that will speak with the current choice (None: the system default)."""
        data = self.combo.currentData()
        return self._voices.get(str(data)) if data else self._default

    def _show_licence(self) -> None:
        voice = self.chosen()
        if voice is None:
            text = f"Licence: {SYSTEM_LICENCE}."
        elif voice.engine == NATURAL:
            text = (
                f"Licence: {voice.licence}. If this voice can't be used, the system voice "
                "(eSpeak NG) speaks instead."
            )
        else:
            text = f"Licence: {voice.licence or SYSTEM_LICENCE}."
        self.licence.setText(text)

    def _ask(self) -> None:
        self.hear.setEnabled(False)
        self.hear.setText("Getting ready…")
        data = self.combo.currentData()
        self.hear_requested.emit(str(data) if data else "")

    def play_sample(self, path: Path | None, volume: float) -> None:
        """Play the rendered sample (no file: nothing to play, the button comes back)."""
        self.hear.setEnabled(True)
        self.hear.setText("&Hear it")
        if path is None:
            self.licence.setText("That voice could not say the sample.")
            return
        if self._effect is None:
            self._effect = QSoundEffect(self)
        self._effect.stop()
        self._effect.setVolume(max(0.0, min(1.0, volume)))
        self._effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effect.play()

    def stop(self) -> None:
        if self._effect is not None:
            self._effect.stop()
