"""Desktop notifications with actions, through org.freedesktop.Notifications on D-Bus.

GNOME, KDE, XFCE, dunst and mako all serve this interface, tray or no tray, so a
reminder shows even when Facewell has no window in front. All D-Bus traffic happens on
one worker thread (jeepney, pure Python; QtDBus can't send the spec's uint32 from
PySide6, docs/desktop.md): the GUI thread only queues a request and later gets a
signal. No session bus, no server, or a call that fails: :attr:`failed` says so and the
caller falls back (tray, then the in-app banner).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.desktop.identity import APP_ID, ICON_NAME

__all__ = ["DesktopNotifications"]

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
CALL_TIMEOUT = 3.0
"""Seconds a notification server may take to answer before we fall back."""
_STOP = object()


class DesktopNotifications(QObject):
    """``notify()`` returns a token; ``shown(token, id)`` or ``failed(token)`` follows.

    ``action_invoked(id, key)`` comes when the person clicks an action (``default``
    for the notification's body); ``closed(id)`` when it goes away.
    """

    shown = Signal(int, int)
    failed = Signal(int)
    action_invoked = Signal(int, str)
    closed = Signal(int)

    def __init__(self, address: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._address = (
            address if address is not None else os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
        )
        self._tokens = itertools.count(1)
        self._work: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._broken = not self._address

    @property
    def possible(self) -> bool:
        """False when there is no session bus at all (or it failed): don't even try."""
        return not self._broken

    def notify(self, summary: str, body: str, actions: Sequence[tuple[str, str]] = ()) -> int:
        """Ask for a notification; ``actions`` are (key, label) pairs. Never blocks."""
        token = next(self._tokens)
        if self._broken:
            # Later, as from the worker: the caller has noted the token by then.
            QTimer.singleShot(0, lambda: self.failed.emit(token))
            return token
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._serve, name="facewell-notifications", daemon=True
            )
            self._thread.start()
        flat = [word for pair in actions for word in pair]
        self._work.put(("notify", token, summary, body, flat))
        return token

    def close(self) -> None:
        """Stop the worker (it holds no state worth waiting for)."""
        if self._thread is not None:
            self._work.put(_STOP)
            self._thread.join(timeout=2)
            self._thread = None

    # -- the worker thread ---------------------------------------------------------------

    def _serve(self) -> None:
        from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
        from jeepney.io.common import RouterClosed
        from jeepney.io.threading import DBusRouter, Proxy, open_dbus_connection

        class Router(DBusRouter):  # type: ignore[misc]
            """WORKAROUND: jeepney's receiver thread dies with a traceback when the
            bus goes away (the session ends); then the next call fails, quietly."""

            def _receiver(self) -> None:
                with contextlib.suppress(OSError):
                    super()._receiver()

        try:
            connection = open_dbus_connection(self._address, auth_timeout=CALL_TIMEOUT)
        except (OSError, ValueError, RuntimeError, StopIteration, KeyError):
            self._fail_all()
            return
        router = Router(connection)
        server = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        handles = []
        try:
            bus = Proxy(message_bus, router, timeout=CALL_TIMEOUT)
            for member in ("ActionInvoked", "NotificationClosed"):
                rule = MatchRule(type="signal", interface=BUS_NAME, member=member, path=OBJECT_PATH)
                bus.AddMatch(rule)
                handles.append(router.filter(rule, queue=self._work, bufsize=0))
            while True:
                item = self._work.get()
                if item is _STOP:
                    return
                if isinstance(item, tuple):
                    _kind, token, summary, body, actions = item
                    hints = {"desktop-entry": ("s", APP_ID), "urgency": ("y", 1)}
                    call = new_method_call(
                        server,
                        "Notify",
                        "susssasa{sv}i",
                        ("Facewell", 0, ICON_NAME, summary, body, actions, hints, -1),
                    )
                    try:
                        reply = router.send_and_get_reply(call, timeout=CALL_TIMEOUT)
                    except (OSError, TimeoutError, RuntimeError, RouterClosed):
                        self.failed.emit(token)
                        continue
                    if reply.header.message_type.name != "method_return" or not reply.body:
                        self.failed.emit(token)  # no server (ServiceUnknown), or it refused
                        continue
                    self.shown.emit(token, int(reply.body[0]))
                else:
                    self._signal(item)
        except (OSError, TimeoutError, RuntimeError, RouterClosed):
            self._fail_all()
        finally:
            for handle in handles:
                handle.close()
            router.close()
            connection.close()

    def _signal(self, message: Any) -> None:
        member = message.header.fields.get(_member_field())
        body = message.body
        if member == "ActionInvoked" and len(body) == 2:
            self.action_invoked.emit(int(body[0]), str(body[1]))
        elif member == "NotificationClosed" and body:
            self.closed.emit(int(body[0]))

    def _fail_all(self) -> None:
        """No bus: every request, queued now or later, fails (so the caller falls back)
        until close()."""
        self._broken = True
        while (item := self._work.get()) is not _STOP:
            if isinstance(item, tuple):
                self.failed.emit(item[1])


def _member_field() -> Any:
    from jeepney.low_level import HeaderFields

    return HeaderFields.member
