"""The tray: absent trays are reported, never crashed on; the menu's actions emit."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from app.ui.notify import Notifier
from app.ui.tray import Tray, app_icon, calm_icon


@pytest.fixture
def no_tray(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))


@pytest.mark.usefixtures("no_tray")
def test_unavailable_tray_says_so_and_does_not_crash(qtbot: QtBot) -> None:
    tray = Tray()
    assert tray.available is False
    assert tray.tray_icon is None
    tray.show()
    tray.set_running(True, paused=True)
    tray.set_tooltip("Cold compress 3:59 — Facewell")
    tray.hide()


@pytest.mark.usefixtures("no_tray")
def test_actions_emit_signals(qtbot: QtBot) -> None:
    tray = Tray()
    with qtbot.waitSignal(tray.open_requested, timeout=1000):
        tray.open_action.trigger()
    with qtbot.waitSignal(tray.compress_requested, timeout=1000) as cold:
        tray.cold_action.trigger()
    assert cold.args == ["cold"]
    with qtbot.waitSignal(tray.compress_requested, timeout=1000) as warm:
        tray.warm_action.trigger()
    assert warm.args == ["warm"]
    tray.set_running(True)
    with qtbot.waitSignal(tray.pause_requested, timeout=1000):
        tray.pause_action.trigger()
    with qtbot.waitSignal(tray.quit_requested, timeout=1000):
        tray.quit_action.trigger()


@pytest.mark.usefixtures("no_tray")
def test_pause_action_follows_the_timer() -> None:
    tray = Tray()
    assert not tray.pause_action.isEnabled()
    tray.set_running(True)
    assert tray.pause_action.isEnabled() and tray.pause_action.text() == "Pause"
    tray.set_running(True, paused=True)
    assert tray.pause_action.text() == "Resume"
    tray.set_running(False)
    assert not tray.pause_action.isEnabled()


def test_icons_are_drawn(qtbot: QtBot) -> None:
    assert not calm_icon().isNull()
    assert not app_icon().isNull()


@pytest.mark.usefixtures("no_tray")
def test_notifier_falls_back_in_app_without_a_tray(qtbot: QtBot) -> None:
    notifier = Notifier(Tray().tray_icon)
    with qtbot.waitSignal(notifier.in_app, timeout=1000) as blocker:
        notifier.notify("Facewell", "Remove it and check your skin")
    assert blocker.args == ["Facewell", "Remove it and check your skin"]


def test_notifier_uses_a_visible_tray_icon(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    shown: list[tuple[str, str]] = []
    icon = QSystemTrayIcon(calm_icon())
    monkeypatch.setattr(icon, "isVisible", lambda: True)
    monkeypatch.setattr(
        icon, "showMessage", lambda title, message, *rest: shown.append((title, message))
    )
    notifier = Notifier(icon)
    in_app: list[tuple[str, str]] = []
    notifier.in_app.connect(lambda t, m: in_app.append((t, m)))
    notifier.notify("Facewell", "Reapply the compress")
    assert shown == [("Facewell", "Reapply the compress")]
    assert in_app == []
