"""One Facewell window per data folder: a second launch hands its wish to the first.

The window that holds the history's lock (app/ownership.py) also listens on a local
socket named after the app id and the data folder; a later ``facewell`` (or ``facewell
run ROUTINE``, or a launcher action) connects, sends one JSON line, waits for ``ok`` and
exits 0. The lock stays the arbiter: only its holder listens, so two launches at once
can't both become recorders; the loser waits for the winner's socket instead.

The socket lives in XDG_RUNTIME_DIR (else the temp folder) and only this user may
connect to it (QLocalServer.UserAccessOption).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.desktop.identity import APP_ID

__all__ = ["InstanceServer", "forward", "socket_path"]

REPLY_TIMEOUT_MS = 3000
"""How long a second launch waits for the first to answer before saying so."""
_MAX_REQUEST = 64 * 1024
_MAX_PATH = 104
"""A Unix socket's path must fit sockaddr_un.sun_path (108 bytes on Linux, 104 on BSD)."""


def socket_path(data_dir: Path) -> str:
    """The socket for ``data_dir``: one per data folder, as the history lock is."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    name = f"{APP_ID}.{digest}.sock"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_dir() and len(str(Path(runtime) / name)) < _MAX_PATH:
        return str(Path(runtime) / name)
    # No runtime folder, or one so deep that a socket's name can't hold it.
    return str(Path(tempfile.gettempdir()) / name)


def forward(data_dir: Path, request: dict[str, Any], *, wait: float = 0.0) -> bool:
    """Hand ``request`` to the Facewell already open on ``data_dir``; True once it said
    ok. With ``wait``, keep trying to reach it that many seconds (it may be starting)."""
    payload = json.dumps(request).encode("utf-8") + b"\n"
    deadline = time.monotonic() + wait
    while True:
        socket = QLocalSocket()
        socket.connectToServer(socket_path(data_dir))
        if socket.waitForConnected(500):
            socket.write(payload)
            socket.flush()  # often writes it all at once: then nothing is left to wait for
            written = socket.bytesToWrite() == 0 or socket.waitForBytesWritten(REPLY_TIMEOUT_MS)
            answered = written and _read_ok(socket)
            socket.disconnectFromServer()
            return answered
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


def _read_ok(socket: QLocalSocket) -> bool:
    reply = b""
    deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
    while b"\n" not in reply and time.monotonic() < deadline:
        if (
            not socket.waitForReadyRead(100)
            and socket.state() != QLocalSocket.LocalSocketState.ConnectedState
        ):
            break
        reply += bytes(socket.readAll().data())
    return reply.strip() == b"ok"


class InstanceServer(QObject):
    """Listens for later launches; ``requested`` carries each one's wish (a dict)."""

    requested = Signal(object)  # a dict; Signal(dict) converts, and crashed pytest-qt

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._path = socket_path(data_dir)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening. Only the history's owner calls this, so a socket file left
        by a Facewell that was killed is stale and may be removed."""
        QLocalServer.removeServer(self._path)
        return self._server.listen(self._path)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > _MAX_REQUEST:
            socket.abort()
            return
        self._buffers[socket] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            request = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            request = None
        if not isinstance(request, dict):
            socket.write(b"bad request\n")
            socket.disconnectFromServer()
            return
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        self.requested.emit(request)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
