"""One Facewell window per data folder: a second launch hands its wish to the first.

The window that holds the history's lock (app/ownership.py) also listens on a local
socket named after the app id and the data folder; a later ``facewell`` (or ``facewell
run ROUTINE``, or a launcher action) connects, sends one JSON line, waits for ``ok`` and
exits 0. The lock stays the arbiter: only its holder listens, so two launches at once
can't both become recorders; the loser waits for the winner's socket instead.

The socket lives in XDG_RUNTIME_DIR (else the temp folder) and only this user may
connect to it (mode 0600). It is a plain Unix socket watched by a QSocketNotifier:
QtNetwork's QLocalServer did the same and kept some 2.7 MiB of network libraries
resident in an app that never opens a network connection (issue 18).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from app.desktop.identity import APP_ID
from app.digest import sha256

if TYPE_CHECKING:  # imported when first used: the first frame need not wait ~9 ms
    import socket

__all__ = ["InstanceServer", "forward", "socket_path"]

REPLY_TIMEOUT_MS = 3000
"""How long a second launch waits for the first to answer before saying so."""
CONNECT_TIMEOUT_S = 0.5
_MAX_REQUEST = 64 * 1024
_MAX_PATH = 104
"""A Unix socket's path must fit sockaddr_un.sun_path (108 bytes on Linux, 104 on BSD)."""


def socket_path(data_dir: Path) -> str:
    """The socket for ``data_dir``: one per data folder, as the history lock is."""
    digest = sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
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
    path = socket_path(data_dir)
    deadline = time.monotonic() + wait
    while True:
        if _ours(Path(path)):  # else nobody listens, and that needs no socket to tell
            import socket

            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                client.settimeout(CONNECT_TIMEOUT_S)
                try:
                    client.connect(path)
                except OSError:  # nobody listening, or too slow to accept
                    pass
                else:
                    return _send_and_read_ok(client, payload)
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


def _ours(path: Path) -> bool:
    """A socket of this user's: in the shared temp folder another user could make one
    by that name first, to be handed the wish (or to answer ok for us)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


def _send_and_read_ok(client: socket.socket, payload: bytes) -> bool:
    deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
    reply = b""
    try:
        client.settimeout(REPLY_TIMEOUT_MS / 1000)
        client.sendall(payload)
        while b"\n" not in reply:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            client.settimeout(left)
            chunk = client.recv(256)
            if not chunk:
                break
            reply += chunk
    except OSError:  # the window went away mid-answer, or took too long
        return False
    return reply.strip() == b"ok"


class InstanceServer(QObject):
    """Listens for later launches; ``requested`` carries each one's wish (a dict)."""

    requested = Signal(object)  # a dict; Signal(dict) converts, and crashed pytest-qt

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = socket_path(data_dir)
        self._file = Path(self._path)
        self._listener: socket.socket | None = None
        self._listening: QSocketNotifier | None = None
        self._bound: tuple[int, int] | None = None  # the socket file's (device, inode)
        self._peers: dict[int, tuple[socket.socket, QSocketNotifier, bytearray]] = {}

    def listen(self) -> bool:
        """Start listening. Only the history's owner calls this, so a socket file left
        by a Facewell that was killed is stale and may be removed."""
        if self._listener is not None:
            return True
        import socket

        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # Bound in a folder only this user can enter, made private, then moved into
        # place: no moment open to others, and no process-wide umask change.
        private = Path(tempfile.mkdtemp(prefix=".facewell-", dir=self._file.parent))
        try:
            born = private / "s"
            listener.bind(str(born))
            born.chmod(0o600)
            listener.listen(8)
            listener.setblocking(False)
            self._file.unlink(missing_ok=True)
            born.rename(self._file)
            info = self._file.stat()
        except OSError:
            listener.close()
            return False
        finally:
            with contextlib.suppress(OSError):
                (private / "s").unlink(missing_ok=True)
                private.rmdir()
        self._listener, self._bound = listener, (info.st_dev, info.st_ino)
        self._listening = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._listening.activated.connect(self._accept)
        return True

    def close(self) -> None:
        for fd in list(self._peers):
            self._drop(fd)
        if self._listening is not None:
            self._listening.setEnabled(False)
            self._listening.deleteLater()
            self._listening = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            self._remove_own_file()

    def _remove_own_file(self) -> None:
        """Remove the socket file, unless another Facewell has put its own there."""
        with contextlib.suppress(OSError):
            info = self._file.stat()
            if stat.S_ISSOCK(info.st_mode) and (info.st_dev, info.st_ino) == self._bound:
                self._file.unlink()

    def _accept(self) -> None:
        if self._listener is None:
            return
        while True:
            try:
                peer, _ = self._listener.accept()
            except BlockingIOError:
                return
            except OSError:  # out of file descriptors, say: try again in a second,
                self._pause_accepting()  # not at once (the notifier would spin)
                return
            peer.setblocking(False)
            notifier = QSocketNotifier(peer.fileno(), QSocketNotifier.Type.Read, self)
            fd = peer.fileno()
            self._peers[fd] = (peer, notifier, bytearray())
            notifier.activated.connect(lambda *_, fd=fd: self._read(fd))
            self._give_up_on(fd, peer)

    def _give_up_on(self, fd: int, peer: socket.socket) -> None:
        """A peer that sends no whole line within the reply timeout is let go."""

        def expire() -> None:
            entry = self._peers.get(fd)
            if entry is not None and entry[0] is peer:  # not a later peer on that fd
                self._drop(fd)

        QTimer.singleShot(REPLY_TIMEOUT_MS, self, expire)

    def _pause_accepting(self) -> None:
        listening = self._listening
        if listening is None:
            return
        listening.setEnabled(False)

        def resume() -> None:
            if listening is self._listening:
                listening.setEnabled(True)

        QTimer.singleShot(1000, resume)

    def _read(self, fd: int) -> None:
        entry = self._peers.get(fd)
        if entry is None:
            return
        peer, _, data = entry
        try:
            chunk = peer.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:  # the other side gave up before a whole line
            self._drop(fd)
            return
        data += chunk
        if len(data) > _MAX_REQUEST:
            self._drop(fd)
            return
        if b"\n" not in data:
            return
        line = bytes(data).split(b"\n", 1)[0]
        try:
            request = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            request = None
        if not isinstance(request, dict):
            self._reply(fd, b"bad request\n")
            return
        self._reply(fd, b"ok\n")
        self.requested.emit(request)

    def _reply(self, fd: int, answer: bytes) -> None:
        entry = self._peers.get(fd)
        if entry is not None:
            with contextlib.suppress(OSError):  # a few bytes: the buffer has room
                entry[0].send(answer)
        self._drop(fd)

    def _drop(self, fd: int) -> None:
        entry = self._peers.pop(fd, None)
        if entry is None:
            return
        peer, notifier, _ = entry
        notifier.setEnabled(False)
        notifier.deleteLater()
        peer.close()
