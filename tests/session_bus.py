"""A private D-Bus session bus and a notification server the tests can read and click.

Imported as a top-level module (tests/ is on sys.path through tests/conftest.py). The
server speaks org.freedesktop.Notifications with jeepney on its own thread, checks each
Notify call's signature as strict servers (GNOME Shell, dunst) do, and records it.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from jeepney import (
    DBusAddress,
    HeaderFields,
    MessageType,
    message_bus,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.io.blocking import open_dbus_connection

NOTIFY_SIGNATURE = "susssasa{sv}i"


@pytest.fixture
def session_bus() -> Iterator[str]:
    """A private ``dbus-daemon --session``; yields its address."""
    daemon_path = shutil.which("dbus-daemon")
    if daemon_path is None:
        pytest.fail("dbus-daemon is needed (package dbus; bash .ci/run installs it)")
    daemon = subprocess.Popen(
        [daemon_path, "--session", "--print-address", "--nofork", "--nopidfile"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
        daemon.stdout.close()


@dataclass
class Shown:
    id: int
    summary: str
    body: str
    actions: list[str]
    hints: dict[str, Any]

    @property
    def action_keys(self) -> list[str]:
        return self.actions[0::2]


class FakeNotificationServer:
    """Owns org.freedesktop.Notifications on ``address``; ``shown`` lists each Notify."""

    def __init__(self, address: str) -> None:
        self.shown: list[Shown] = []
        self.bad_calls: list[str] = []
        self._outgoing: queue.Queue[tuple[str, int, str]] = queue.Queue()
        self._stop = threading.Event()
        self._connection = open_dbus_connection(address)
        reply = self._connection.send_and_get_reply(
            message_bus.RequestName("org.freedesktop.Notifications")
        )
        assert reply.body == (1,), reply.body  # primary owner
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def invoke(self, notification: int, key: str) -> None:
        """As if the person clicked the action ``key``: ActionInvoked, then closed."""
        self._outgoing.put(("ActionInvoked", notification, key))
        self._outgoing.put(("NotificationClosed", notification, ""))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._connection.close()

    def _serve(self) -> None:
        emitter = DBusAddress(
            "/org/freedesktop/Notifications", interface="org.freedesktop.Notifications"
        )
        while not self._stop.is_set():
            while not self._outgoing.empty():
                member, notification, key = self._outgoing.get()
                if member == "ActionInvoked":
                    self._connection.send(new_signal(emitter, member, "us", (notification, key)))
                else:
                    self._connection.send(new_signal(emitter, member, "uu", (notification, 2)))
            try:
                message = self._connection.receive(timeout=0.02)
            except TimeoutError:
                continue
            if message.header.message_type is not MessageType.method_call:
                continue
            self._answer(message)

    def _answer(self, message: Any) -> None:
        member = message.header.fields.get(HeaderFields.member)
        signature = message.header.fields.get(HeaderFields.signature, "")
        if member == "Notify":
            if signature != NOTIFY_SIGNATURE:
                self.bad_calls.append(signature)
                self._connection.send(
                    new_error(message, "org.freedesktop.DBus.Error.InvalidArgs", "s", ("bad",))
                )
                return
            _app, _replaces, _icon, summary, body, actions, hints, _timeout = message.body
            shown = Shown(len(self.shown) + 1, summary, body, list(actions), dict(hints))
            self.shown.append(shown)
            self._connection.send(new_method_return(message, "u", (shown.id,)))
        elif member == "GetCapabilities":
            self._connection.send(new_method_return(message, "as", (["actions", "body"],)))
        else:
            self._connection.send(
                new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", ("no",))
            )


@pytest.fixture
def notification_server(session_bus: str) -> Iterator[FakeNotificationServer]:
    server = FakeNotificationServer(session_bus)
    try:
        yield server
    finally:
        server.close()
