"""The settings dialog saves every control on OK, and nothing on Cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSlider, QWidget
from pytestqt.qtbot import QtBot

from app.core.condition import Condition
from app.services.settings import Settings
from app.speech.voices import system_voice
from app.ui.settings_dialog import SettingsDialog

VOICES = [system_voice("en-gb", "English (Great Britain)"), system_voice("de", "German")]


@pytest.fixture
def dialog(data_dir: Path, qtbot: QtBot) -> SettingsDialog:
    widget = SettingsDialog(Settings(data_dir), VOICES)
    qtbot.addWidget(widget)
    return widget


def _change_everything(d: SettingsDialog) -> None:
    d.voice.setCurrentIndex(d.voice.findData("de"))
    d.rate.setValue(190)
    d.volume.setValue(35)
    d.voice_enabled.setChecked(False)
    d.chimes_enabled.setChecked(False)
    d.theme.setCurrentIndex(d.theme.findData("high-contrast"))
    d.text_scale.setCurrentIndex(d.text_scale.findData(1.5))
    d.lead_in.setChecked(False)


def test_shows_current_settings(data_dir: Path, qtbot: QtBot) -> None:
    settings = Settings(data_dir)
    settings.voice = "en-gb"
    settings.rate = 170
    settings.volume = 0.5
    settings.theme = "light"
    settings.text_scale = 1.3
    d = SettingsDialog(settings, VOICES)
    qtbot.addWidget(d)
    assert d.voice.currentText().strip() == "English (Great Britain)"
    assert d.voice.itemText(0) == "Default system voice"
    assert d.rate.value() == 170
    assert d.rate_value.text() == "170 words/min"
    assert d.volume.value() == 50
    assert d.volume_value.text() == "50%"
    assert d.theme.currentText() == "Light"
    assert d.text_scale.currentText() == "130%"
    assert (d.rate.minimum(), d.rate.maximum()) == (100, 220)
    assert d.text_scale.itemData(0) == 0.8
    assert d.text_scale.itemData(d.text_scale.count() - 1) == 2.0


def test_ok_persists_every_control_and_emits_applied(
    dialog: SettingsDialog, data_dir: Path, qtbot: QtBot
) -> None:
    _change_everything(dialog)
    assert dialog.volume_value.text() == "35%"
    with qtbot.waitSignal(dialog.applied, timeout=1000):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert dialog.result() == SettingsDialog.DialogCode.Accepted

    saved = Settings(data_dir)
    assert saved.voice == "de"
    assert saved.rate == 190
    assert saved.volume == pytest.approx(0.35)
    assert saved.voice_enabled is False
    assert saved.chimes_enabled is False
    assert saved.theme == "high-contrast"
    assert saved.text_scale == pytest.approx(1.5)
    assert saved.lead_in is False


def test_default_voice_is_saved_as_none(data_dir: Path, qtbot: QtBot) -> None:
    settings = Settings(data_dir)
    settings.voice = "de"
    d = SettingsDialog(settings, VOICES)
    qtbot.addWidget(d)
    d.voice.setCurrentIndex(0)
    d.accept()
    assert Settings(data_dir).voice is None


def test_cancel_persists_nothing(dialog: SettingsDialog, data_dir: Path, qtbot: QtBot) -> None:
    emitted: list[bool] = []
    dialog.applied.connect(lambda: emitted.append(True))
    _change_everything(dialog)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert dialog.result() == SettingsDialog.DialogCode.Rejected
    assert emitted == []
    fresh = Settings(data_dir)
    assert (fresh.voice, fresh.rate, fresh.volume) == (None, 150, pytest.approx(0.8))
    assert (fresh.voice_enabled, fresh.chimes_enabled, fresh.lead_in) == (True, True, True)
    assert (fresh.theme, fresh.text_scale) == ("dark", 1.0)


def test_an_unknown_saved_voice_is_kept(data_dir: Path, qtbot: QtBot) -> None:
    settings = Settings(data_dir)
    settings.voice = "gone"
    d = SettingsDialog(settings, VOICES)
    qtbot.addWidget(d)
    assert d.voice.currentData() == "gone"
    d.accept()
    assert Settings(data_dir).voice == "gone"


def test_voice_controls_follow_the_voice_switch(dialog: SettingsDialog) -> None:
    dialog.voice_enabled.setChecked(False)
    assert not dialog.voice.isEnabled() and not dialog.rate.isEnabled()
    assert dialog.volume.isEnabled()
    dialog.voice_enabled.setChecked(True)
    assert dialog.voice.isEnabled() and dialog.rate.isEnabled()


def test_accessible_names_buddies_and_tab_order(dialog: SettingsDialog) -> None:
    controls: list[QWidget] = [
        dialog.voice_enabled,
        dialog.voice,
        dialog.hear,
        dialog.rate,
        dialog.volume,
        dialog.chimes_enabled,
        dialog.theme,
        dialog.text_scale,
        dialog.lead_in,
        dialog.ask_before,
        dialog.condition,
    ]
    for control in dialog.findChildren(QComboBox) + dialog.findChildren(QSlider):
        assert control.accessibleName()
    for box in dialog.findChildren(QCheckBox):
        assert box.accessibleName() and "&" in box.text()
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert buddies == {
        dialog.voice,
        dialog.rate,
        dialog.volume,
        dialog.theme,
        dialog.text_scale,
        dialog.condition,
    }
    for label in dialog.findChildren(QLabel):
        if label.buddy() is not None:
            assert "&" in label.text()
    chain = [controls[0]]
    widget = controls[0].nextInFocusChain()
    while widget is not controls[0] and len(chain) < len(controls):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == controls


def test_settings_changes_the_condition(qtbot: QtBot, data_dir: Path) -> None:
    settings = Settings(data_dir)
    settings.condition = Condition.HEMIFACIAL_SPASM
    dialog = SettingsDialog(settings, [])
    qtbot.addWidget(dialog)
    assert dialog.condition.currentText() == "Hemifacial spasm"
    dialog.condition.setCurrentIndex(dialog.condition.findData("blepharospasm"))
    dialog.accept()
    assert Settings(data_dir).condition is Condition.BLEPHAROSPASM
    back = SettingsDialog(Settings(data_dir), [])
    qtbot.addWidget(back)
    back.condition.setCurrentIndex(back.condition.findText("Not chosen"))
    back.reject()  # Cancel keeps it
    assert Settings(data_dir).condition is Condition.BLEPHAROSPASM
    back.condition.setCurrentIndex(back.condition.findText("Not chosen"))
    back.accept()
    assert Settings(data_dir).condition is None
    assert Settings(data_dir).condition_asked  # chosen in Settings: never asked at start


def test_the_fields_scroll_above_ok_and_follow_the_focus(qtbot: QtBot, data_dir: Path) -> None:
    """At 200 % text a small screen is shorter than the dialog: OK stays in reach and
    the field that takes the focus scrolls into view, even from OK, below the area."""
    dialog = SettingsDialog(Settings(data_dir), VOICES)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.resize(dialog.width(), 300)
    bar = dialog.area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not dialog.area.isAncestorOf(ok)
    ok.setFocus()
    qtbot.keyClick(ok, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.condition
    assert bar.value() > 0
    viewport = dialog.area.viewport()
    top = dialog.condition.mapTo(viewport, dialog.condition.rect().topLeft()).y()
    assert top >= 0 and top + dialog.condition.height() <= viewport.height()


def test_start_at_login_writes_and_removes_the_autostart_entry(
    data_dir: Path, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.desktop.entries import AutostartSwitch, autostart_path

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "io.github.facewell.Facewell.desktop"
    assert autostart_path() == entry
    switch = AutostartSwitch(["/usr/bin/facewell"])
    d = SettingsDialog(Settings(data_dir), VOICES, None, switch)
    qtbot.addWidget(d)
    assert d.at_login.isEnabled() and not d.at_login.isChecked()
    d.at_login.setChecked(True)
    d.accept()
    assert d.autostart_problem is None
    assert "Exec=/usr/bin/facewell --hidden" in entry.read_text()

    again = SettingsDialog(Settings(data_dir), VOICES, None, switch)
    qtbot.addWidget(again)
    assert again.at_login.isChecked()  # the file is the truth
    again.at_login.setChecked(False)
    again.accept()
    assert not entry.exists()


def test_start_at_login_that_cannot_be_written_is_said(
    data_dir: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    from app.desktop.entries import AutostartSwitch

    (tmp_path / "autostart").write_text("a file in the way")
    d = SettingsDialog(Settings(data_dir), VOICES, None, AutostartSwitch(["f"], tmp_path))
    qtbot.addWidget(d)
    d.at_login.setChecked(True)
    d.accept()
    assert d.autostart_problem is not None
    assert "couldn't be turned on" in d.autostart_problem
