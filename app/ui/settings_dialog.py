"""Preferences: voice, sound, look, routine start and the condition routines fit.

Nothing is saved until OK; Cancel (or Escape) leaves every setting as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.core.condition import CONDITION_LABELS, parse_condition
from app.desktop.entries import AutostartSwitch
from app.services.settings import Settings
from app.speech.settings import VoiceSettings
from app.speech.voices import VoiceInfo
from app.ui.voice_picker import SAMPLE_TEXT, VoicePicker
from app.ui.wheel import wheel_scrolls_page
from app.ui.widgets import fit_dialog, scrolling

if TYPE_CHECKING:
    from app.services.speech_service import SpeechService

__all__ = ["CONDITION_NOTE", "RATE_RANGE", "TEXT_SCALES", "THEME_CHOICES", "SettingsDialog"]

RATE_RANGE = (100, 220)
THEME_CHOICES: tuple[tuple[str, str], ...] = (
    ("Follow system", "system"),
    ("Dark", "dark"),
    ("Light", "light"),
    ("High contrast", "high-contrast"),
)
TEXT_SCALES: tuple[float, ...] = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
CONDITION_NOTE = (
    "Movements that may not suit it are left out or made gentler, and the routine says "
    "so. Your answer stays on this computer."
)

AT_LOGIN_NOTE = (
    "It starts without a window, so your reminders come all day; open it from the tray "
    "or the applications menu."
)


def _percent(scale: float) -> str:
    return f"{round(scale * 100)}%"


class SettingsDialog(QDialog):
    """Edits ``settings``; on OK saves every value, then emits ``applied``.

    ``hear_requested`` asks for a sample of a voice at the chosen rate; the answer comes
    back through `play_sample`."""

    applied = Signal()
    hear_requested = Signal(object, int)  # voice id or None, words per minute

    def __init__(
        self,
        settings: Settings,
        voices: list[VoiceInfo],
        parent: QWidget | None = None,
        autostart: AutostartSwitch | None = None,
        locale: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._autostart = autostart
        #: A plain sentence when the login entry could not be written (shown once).
        self.autostart_problem: str | None = None
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.setObjectName("settingsDialog")

        # -- sound ---------------------------------------------------------------------
        self.voice_enabled = QCheckBox("Speak the &instructions")
        self.voice_enabled.setAccessibleName("Speak the instructions")
        self.voice_enabled.setChecked(settings.voice_enabled)

        self.voice_picker = VoicePicker(voices, settings.voice, locale)
        self.voice = self.voice_picker.combo
        self.hear = self.voice_picker.hear
        self.voice_picker.hear_requested.connect(self._hear)

        self.rate = QSlider(Qt.Orientation.Horizontal)
        self.rate.setAccessibleName("Speaking rate")
        self.rate.setAccessibleDescription("Words per minute")
        self.rate.setRange(*RATE_RANGE)
        self.rate.setSingleStep(5)
        self.rate.setPageStep(10)
        self.rate.setValue(settings.rate)
        self.rate_value = QLabel()
        self.rate_value.setAccessibleName("Speaking rate value")

        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setAccessibleName("Volume")
        self.volume.setAccessibleDescription("Volume of speech and chimes, in percent")
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setValue(round(settings.volume * 100))
        self.volume_value = QLabel()
        self.volume_value.setAccessibleName("Volume value")

        self.chimes_enabled = QCheckBox("Play &chimes between phases")
        self.chimes_enabled.setAccessibleName("Play chimes between phases")
        self.chimes_enabled.setChecked(settings.chimes_enabled)

        # -- look ----------------------------------------------------------------------
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for label, value in THEME_CHOICES:
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))

        self.text_scale = QComboBox()
        self.text_scale.setAccessibleName("Text size")
        scales = sorted({*TEXT_SCALES, round(settings.text_scale, 2)})
        for scale in scales:
            self.text_scale.addItem(_percent(scale), scale)
        self.text_scale.setCurrentIndex(self.text_scale.findData(round(settings.text_scale, 2)))

        # -- routines ------------------------------------------------------------------
        self.lead_in = QCheckBox("3-second &lead-in before a routine starts")
        self.lead_in.setAccessibleName("3-second lead-in before a routine starts")
        self.lead_in.setChecked(settings.lead_in)
        self.ask_before = QCheckBox("Ask how the spasms feel &before a routine")
        self.ask_before.setAccessibleName("Ask how the spasms feel before a routine")
        self.ask_before.setChecked(settings.ask_severity_before)
        self.condition = QComboBox()
        self.condition.setAccessibleName("Your condition")
        self.condition.setAccessibleDescription(CONDITION_NOTE)
        self.condition.addItem("Not chosen", "")
        for value, label in CONDITION_LABELS.items():
            self.condition.addItem(label, str(value))
        self.condition.setCurrentIndex(max(0, self.condition.findData(settings.condition or "")))

        # -- background ----------------------------------------------------------------
        self.at_login = QCheckBox("Start Facewell when I &log in")
        self.at_login.setAccessibleName("Start Facewell when I log in")
        self.at_login.setAccessibleDescription(AT_LOGIN_NOTE)
        self.at_login.setChecked(autostart is not None and autostart.is_on())
        self.at_login.setEnabled(autostart is not None)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setAccessibleName("Dialog buttons")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setAccessibleName("OK")
        ok.setObjectName("primary")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self._lay_out()
        self.rate.valueChanged.connect(self._show_rate)
        self.volume.valueChanged.connect(self._show_volume)
        self.voice_enabled.toggled.connect(self._enable_voice_controls)
        self._show_rate(self.rate.value())
        self._show_volume(self.volume.value())
        self._enable_voice_controls(self.voice_enabled.isChecked())
        self.setTabOrder(self.voice_enabled, self.voice)
        self.setTabOrder(self.voice, self.hear)
        self.setTabOrder(self.hear, self.rate)
        self.setTabOrder(self.rate, self.volume)
        self.setTabOrder(self.volume, self.chimes_enabled)
        self.setTabOrder(self.chimes_enabled, self.theme)
        self.setTabOrder(self.theme, self.text_scale)
        self.setTabOrder(self.text_scale, self.lead_in)
        self.setTabOrder(self.lead_in, self.ask_before)
        self.setTabOrder(self.ask_before, self.condition)
        self.setTabOrder(self.condition, self.at_login)
        self.setTabOrder(self.at_login, ok)
        self.setTabOrder(ok, cancel)
        self.voice_enabled.setFocus()

    def _lay_out(self) -> None:
        def form(group: QGroupBox) -> QFormLayout:
            layout = QFormLayout(group)
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            layout.setHorizontalSpacing(16)
            layout.setVerticalSpacing(10)
            return layout

        labels: list[QLabel] = []

        def buddy(text: str, widget: QWidget) -> QLabel:
            label = QLabel(text)
            label.setBuddy(widget)
            labels.append(label)
            return label

        def with_value(slider: QSlider, value: QLabel) -> QHBoxLayout:
            row = QHBoxLayout()
            row.setSpacing(12)
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("220 words/min") + 4)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            slider.setMinimumWidth(slider.fontMetrics().averageCharWidth() * 22)
            row.addWidget(slider, 1)
            row.addWidget(value)
            return row

        sound = QGroupBox("Sound")
        sound.setAccessibleName("Sound")
        sound_form = form(sound)
        sound_form.addRow(self.voice_enabled)
        sound_form.addRow(buddy("&Voice:", self.voice), self.voice_picker)
        sound_form.addRow("", self.voice_picker.licence)
        sound_form.addRow(
            buddy("Speaking &rate:", self.rate), with_value(self.rate, self.rate_value)
        )
        sound_form.addRow(
            buddy("V&olume:", self.volume), with_value(self.volume, self.volume_value)
        )
        sound_form.addRow(self.chimes_enabled)

        look = QGroupBox("Look")
        look.setAccessibleName("Look")
        look_form = form(look)
        look_form.addRow(buddy("&Theme:", self.theme), self.theme)
        look_form.addRow(buddy("Text &size:", self.text_scale), self.text_scale)

        routines = QGroupBox("Routines")
        routines.setAccessibleName("Routines")
        routines_form = form(routines)
        routines_form.addRow(self.lead_in)
        routines_form.addRow(self.ask_before)
        routines_form.addRow(buddy("Your &condition:", self.condition), self.condition)
        note = QLabel(CONDITION_NOTE)
        note.setObjectName("muted")
        note.setWordWrap(True)
        routines_form.addRow(note)

        background = QGroupBox("Background")
        background.setAccessibleName("Background")
        background_form = form(background)
        background_form.addRow(self.at_login)
        login_note = QLabel(AT_LOGIN_NOTE)
        login_note.setObjectName("muted")
        login_note.setWordWrap(True)
        background_form.addRow(login_note)

        # Line the fields of both forms up on one edge.
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

        # The groups scroll above OK and Cancel: at 200 % text a small screen is shorter
        # than the dialog, and OK must stay in reach.
        body = QWidget()
        self._groups = QVBoxLayout(body)
        self._groups.setContentsMargins(0, 0, 6, 0)
        self._groups.setSpacing(14)
        self._groups.addWidget(sound)
        self._groups.addWidget(look)
        self._groups.addWidget(routines)
        self._groups.addWidget(background)
        self._groups.addStretch(1)
        self.area = scrolling(body)
        main = self._main = QVBoxLayout(self)
        main.setContentsMargins(20, 18, 14, 16)
        main.setSpacing(14)
        main.addWidget(self.area, 1)
        main.addWidget(self.buttons)
        self._fitted = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:
            self._fitted = True
            # As wide as the groups want, as tall as they are, within the screen.
            below = self._main.spacing() + self.buttons.sizeHint().height()
            margins = self._main.contentsMargins()
            bar = self.area.verticalScrollBar().sizeHint().width()
            width = self._groups.totalSizeHint().width() + margins.left() + margins.right()
            fit_dialog(self, self.area, self._groups, below, width + bar)
            wheel_scrolls_page(self)  # scrolling past Theme no longer changes it
        super().showEvent(event)

    # -- reactions -----------------------------------------------------------------------

    def _show_rate(self, value: int) -> None:
        self.rate_value.setText(f"{value} words/min")
        self.rate.setAccessibleDescription(f"{value} words per minute")

    def _show_volume(self, value: int) -> None:
        self.volume_value.setText(f"{value}%")
        self.volume.setAccessibleDescription(f"{value} percent")

    def _enable_voice_controls(self, on: bool) -> None:
        for widget in (self.voice, self.hear, self.rate, self.rate_value):
            widget.setEnabled(on)

    def _hear(self, voice: str) -> None:
        self.hear_requested.emit(voice or None, self.rate.value())

    def exec_with(self, speech: SpeechService | None) -> int:
        """Run the dialog, its "Hear it" rendered by ``speech`` (None: no voice)."""
        if speech is None:
            self.hear.setEnabled(False)
            self.hear.setToolTip("Spoken cues are off")
            return self.exec()

        def hear(voice: str | None, rate: int) -> None:
            speech.hear(VoiceSettings(voice, rate), SAMPLE_TEXT)

        self.hear_requested.connect(hear)
        speech.sample_ready.connect(self.play_sample)
        try:
            return self.exec()
        finally:
            speech.sample_ready.disconnect(self.play_sample)

    def play_sample(self, path: Path | None) -> None:
        """The "Hear it" sample, at the volume the slider shows."""
        self.voice_picker.play_sample(path, self.volume.value() / 100)

    def done(self, result: int) -> None:
        self.voice_picker.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.voice_picker.stop()
        super().closeEvent(event)

    # -- result ----------------------------------------------------------------------------

    def accept(self) -> None:
        """Save every value through ``Settings``, tell listeners, and close."""
        s = self._settings
        s.voice_enabled = self.voice_enabled.isChecked()
        s.chimes_enabled = self.chimes_enabled.isChecked()
        voice = self.voice.currentData()
        s.voice = str(voice) if voice else None
        s.rate = self.rate.value()
        s.volume = self.volume.value() / 100
        s.theme = str(self.theme.currentData())
        s.text_scale = float(self.text_scale.currentData())
        s.lead_in = self.lead_in.isChecked()
        s.ask_severity_before = self.ask_before.isChecked()
        condition = parse_condition(self.condition.currentData())
        if condition != s.condition:
            s.condition = condition
        if self._autostart is not None and self.at_login.isChecked() != self._autostart.is_on():
            self.autostart_problem = self._autostart.set(self.at_login.isChecked())
        self.applied.emit()
        super().accept()
