"""Desktop notifications over a private session bus, read by a fake server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from session_bus import FakeNotificationServer, notification_server, session_bus

from app.desktop.identity import APP_ID
from app.services.desktop_notifications import DesktopNotifications

__all__ = ["notification_server", "session_bus"]  # fixtures, used by name


@pytest.fixture
def notes(session_bus: str) -> Iterator[DesktopNotifications]:
    notifications = DesktopNotifications(session_bus)
    yield notifications
    notifications.close()


def test_a_notification_reaches_the_server_with_its_actions(
    qtbot: QtBot, notes: DesktopNotifications, notification_server: FakeNotificationServer
) -> None:
    with qtbot.waitSignal(notes.shown, timeout=5000) as shown:
        token = notes.notify("Facewell", "Time for Morning calm", [("start", "Start now")])
    assert shown.args[0] == token
    (seen,) = notification_server.shown
    assert notification_server.bad_calls == []  # uint32 replaces_id, as the spec says
    assert (seen.summary, seen.body, seen.action_keys) == (
        "Facewell",
        "Time for Morning calm",
        ["start"],
    )
    assert seen.hints["desktop-entry"] == ("s", APP_ID)
    with qtbot.waitSignal(notes.action_invoked, timeout=5000) as clicked:
        notification_server.invoke(shown.args[1], "start")
    assert clicked.args == [shown.args[1], "start"]


def test_no_server_on_the_bus_fails_so_the_caller_falls_back(
    qtbot: QtBot, notes: DesktopNotifications
) -> None:
    with qtbot.waitSignal(notes.failed, timeout=5000) as failed:
        token = notes.notify("Facewell", "Time for a break")
    assert failed.args == [token]


def test_no_bus_at_all_fails_at_once(qtbot: QtBot) -> None:
    notes = DesktopNotifications("")
    assert not notes.possible
    with qtbot.waitSignal(notes.failed, timeout=1000):
        notes.notify("Facewell", "Time for a break")


def test_a_bus_that_is_gone_fails(qtbot: QtBot, tmp_path: object) -> None:
    notes = DesktopNotifications(f"unix:path={tmp_path}/no-such-bus")
    with qtbot.waitSignal(notes.failed, timeout=5000):
        notes.notify("Facewell", "Time for a break")
    notes.close()
