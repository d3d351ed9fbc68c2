"""The voice list: natural then system voices, the person's language first, each voice's
licence shown, and "Hear it" asking for a sample without waiting for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.settings import Settings
from app.speech.voices import NATURAL, VoiceInfo, system_voice
from app.ui.settings_dialog import SettingsDialog
from app.ui.voice_picker import VoicePicker

JOE = VoiceInfo(
    id="piper:en_US-joe-medium",
    name="Joe, English (United States)",
    engine=NATURAL,
    language="en_US",
    licence="CC0 for its recordings, but it was made by retraining the lessac voice",
    model=Path("/nowhere/en_US-joe-medium.onnx"),
)
THORSTEN = VoiceInfo(
    "piper:de_DE-thorsten-medium",
    "Thorsten, German (Germany)",
    NATURAL,
    "de_DE",
    "CC0",
    Path("/nowhere/de.onnx"),
)
SYSTEM = [
    system_voice("gmw/en", "English (Great Britain)", "en-gb"),
    system_voice("gmw/de", "German", "de"),
    system_voice("roa/fr", "French", "fr"),
]


def _entries(picker: VoicePicker) -> list[str]:
    return [picker.combo.itemText(i).strip() for i in range(picker.combo.count())]


def test_groups_with_the_persons_language_first(qtbot: QtBot) -> None:
    picker = VoicePicker([JOE, THORSTEN, *SYSTEM], None, locale="de_DE")
    qtbot.addWidget(picker)
    assert _entries(picker) == [
        "Default: Joe (natural)",  # the packaged voice
        "Natural voice",
        "Thorsten, German (Germany)",
        "Joe, English (United States)",
        "System voice",
        "German",
        "English (Great Britain)",
        "French",
    ]
    model = picker.combo.model()
    for row in (1, 4):  # the headings can't be chosen
        assert not model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsEnabled


def test_the_natural_voice_is_the_default_and_its_licence_is_shown(qtbot: QtBot) -> None:
    picker = VoicePicker([JOE, *SYSTEM], None, locale="en_GB")
    qtbot.addWidget(picker)
    assert picker.combo.currentIndex() == 0
    assert picker.chosen() == JOE
    assert (
        "lessac" in picker.licence.text() and "(eSpeak NG) speaks instead" in picker.licence.text()
    )
    picker.combo.setCurrentIndex(picker.combo.findData("gmw/de"))
    assert picker.licence.text() == "Licence: GPL-3.0-or-later (eSpeak NG)."


def test_without_natural_voices_the_default_is_the_system_voice(qtbot: QtBot) -> None:
    picker = VoicePicker(SYSTEM, None, locale="fr_FR")
    qtbot.addWidget(picker)
    assert _entries(picker)[:3] == ["Default system voice", "System voice", "French"]
    assert "Natural voice" not in _entries(picker)
    assert picker.chosen() is None
    assert "eSpeak NG" in picker.licence.text()


def test_hear_it_asks_and_comes_back(qtbot: QtBot, tmp_path: Path) -> None:
    picker = VoicePicker([JOE, *SYSTEM], "gmw/de", locale="en_GB")
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.hear_requested, timeout=1000) as asked:
        picker.hear.click()
    assert asked.args == ["gmw/de"]
    assert not picker.hear.isEnabled()  # once: a second click waits for the first
    picker.play_sample(None, 0.5)
    assert picker.hear.isEnabled()
    assert "could not" in picker.licence.text()


@pytest.mark.parametrize("voice", [None, "gmw/de"])
def test_the_dialog_asks_for_the_chosen_voice_at_the_chosen_rate(
    data_dir: Path, qtbot: QtBot, voice: str | None
) -> None:
    settings = Settings(data_dir)
    settings.voice = voice
    dialog = SettingsDialog(settings, [JOE, *SYSTEM], locale="en_GB")
    qtbot.addWidget(dialog)
    dialog.rate.setValue(120)
    with qtbot.waitSignal(dialog.hear_requested, timeout=1000) as asked:
        dialog.hear.click()
    assert asked.args == [voice, 120]
    dialog.play_sample(None)
    assert dialog.hear.isEnabled()


def test_with_no_locale_english_comes_first(qtbot: QtBot) -> None:
    picker = VoicePicker(SYSTEM, None, locale="C")
    qtbot.addWidget(picker)
    assert _entries(picker)[2] == "English (Great Britain)"
