"""The single-instance socket: a later launch's wish reaches the open window."""

from __future__ import annotations

import json
import os
import socket as pysocket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.single_instance import InstanceServer, forward, socket_path


def _forward_in_thread(data_dir: Path, wish: dict[str, object]) -> list[bytes]:
    """What forward() sends, from a plain socket on a thread (the server needs this
    thread's event loop; Qt's sockets belong to Qt threads). Returns the reply, later."""
    replies: list[bytes] = []

    def send() -> None:
        with pysocket.socket(pysocket.AF_UNIX) as client:
            client.connect(socket_path(data_dir))
            client.sendall(json.dumps(wish).encode() + b"\n")
            replies.append(client.recv(100))

    threading.Thread(target=send, daemon=True).start()
    return replies


def test_a_wish_reaches_the_server_and_is_acknowledged(qtbot: QtBot, data_dir: Path) -> None:
    server = InstanceServer(data_dir)
    assert server.listen()
    got: list[object] = []
    server.requested.connect(got.append)
    answered = _forward_in_thread(data_dir, {"raise": True, "run": "Morning calm"})
    qtbot.waitUntil(lambda: got != [], timeout=5000)
    assert got == [{"raise": True, "run": "Morning calm"}]
    qtbot.waitUntil(lambda: answered == [b"ok\n"], timeout=5000)
    server.close()


def test_nobody_listening_means_no_window_is_open(data_dir: Path) -> None:
    assert forward(data_dir, {"raise": True}) is False


def test_a_socket_left_by_a_killed_facewell_is_replaced(qtbot: QtBot, data_dir: Path) -> None:
    stale = pysocket.socket(pysocket.AF_UNIX)
    stale.bind(socket_path(data_dir))
    stale.close()  # the file stays, nobody listens: as after a SIGKILL
    server = InstanceServer(data_dir)
    assert server.listen()
    got: list[object] = []
    server.requested.connect(got.append)
    _forward_in_thread(data_dir, {"raise": True})
    qtbot.waitUntil(lambda: got == [{"raise": True}], timeout=5000)
    server.close()


def test_garbage_is_refused_and_not_acted_on(qtbot: QtBot, data_dir: Path) -> None:
    server = InstanceServer(data_dir)
    assert server.listen()
    seen: list[object] = []
    server.requested.connect(seen.append)
    replies: list[bytes] = []

    def send() -> None:
        with pysocket.socket(pysocket.AF_UNIX) as client:
            client.connect(socket_path(data_dir))
            client.sendall(b"[1, 2]\n")
            replies.append(client.recv(100))

    thread = threading.Thread(target=send)
    thread.start()
    qtbot.waitUntil(lambda: replies != [], timeout=5000)
    thread.join()
    assert replies == [b"bad request\n"]
    assert seen == []
    server.close()


def test_each_data_folder_has_its_own_socket(tmp_path: Path) -> None:
    assert socket_path(tmp_path / "a") != socket_path(tmp_path / "b")
    assert socket_path(tmp_path / "a") == socket_path(tmp_path / "x" / ".." / "a")


def test_only_this_user_may_connect(qtbot: QtBot, data_dir: Path) -> None:
    server = InstanceServer(data_dir)
    assert server.listen()
    assert stat.S_IMODE(Path(socket_path(data_dir)).stat().st_mode) == 0o600
    server.close()


def test_forward_is_answered_by_the_open_window(qtbot: QtBot, data_dir: Path) -> None:
    server = InstanceServer(data_dir)
    assert server.listen()
    got: list[object] = []
    server.requested.connect(got.append)
    answers: list[bool] = []
    thread = threading.Thread(target=lambda: answers.append(forward(data_dir, {"raise": True})))
    thread.start()
    qtbot.waitUntil(lambda: answers != [], timeout=5000)
    thread.join()
    assert answers == [True] and got == [{"raise": True}]
    server.close()


def test_closing_removes_its_own_socket_and_no_other(qtbot: QtBot, data_dir: Path) -> None:
    path = Path(socket_path(data_dir))
    first = InstanceServer(data_dir)
    assert first.listen()
    first.close()
    assert not path.exists()  # a later launch finds nobody, at once
    first = InstanceServer(data_dir)
    assert first.listen()
    second = InstanceServer(data_dir)  # took the name over (a lock handed over)
    assert second.listen()
    first.close()
    assert path.exists()  # the second one's socket stays
    second.close()
    assert not path.exists()


def test_an_endless_request_is_cut_off_and_not_acted_on(qtbot: QtBot, data_dir: Path) -> None:
    server = InstanceServer(data_dir)
    assert server.listen()
    seen: list[object] = []
    server.requested.connect(seen.append)
    ended: list[bool] = []

    def send() -> None:
        with pysocket.socket(pysocket.AF_UNIX) as client:
            client.settimeout(5)  # a server that never cuts it off fails the test
            client.connect(socket_path(data_dir))
            try:
                for _ in range(100):  # 100 KiB with no end of line
                    client.sendall(b"x" * 1024)
                ended.append(client.recv(100) == b"")
            except OSError:  # reset by the server: cut off too
                ended.append(True)

    thread = threading.Thread(target=send)
    thread.start()
    qtbot.waitUntil(lambda: ended != [], timeout=5000)
    thread.join()
    assert ended == [True] and seen == []
    server.close()


def test_the_window_loads_no_network_module_and_no_openssl(tmp_path: Path) -> None:
    """Issue 18: QtNetwork and OpenSSL's libcrypto weighed some 6 MiB, resident all
    session, in an app that never opens a network connection."""
    code = (
        "import sys, app.gui, app.ui.main_window, app.services.speech_service, "
        "app.speech.voices\n"
        "print(sorted(m for m in ('PySide6.QtNetwork', '_hashlib', '_ssl') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_socket_of_another_user_is_not_trusted(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the shared temp folder another user could make the socket first: a launch
    would hand it the wish and take its "ok" for an open window."""
    server = InstanceServer(data_dir)
    assert server.listen()
    assert server.listen()  # twice is harmless: one listener
    got: list[object] = []
    server.requested.connect(got.append)
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)
    assert forward(data_dir, {"raise": True}) is False
    qtbot.wait(100)
    assert got == []
    server.close()


def test_the_socket_is_born_private_without_touching_the_umask(
    qtbot: QtBot, data_dir: Path
) -> None:
    before = os.umask(0o022)
    try:
        server = InstanceServer(data_dir)
        assert server.listen()
        assert os.umask(0o022) == 0o022  # listen() left the process's umask alone
        path = Path(socket_path(data_dir))
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert [p.name for p in path.parent.iterdir() if p.name.startswith(".facewell-")] == []
        server.close()
    finally:
        os.umask(before)


def test_a_peer_that_never_sends_is_let_go(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.services.single_instance.REPLY_TIMEOUT_MS", 200)
    server = InstanceServer(data_dir)
    assert server.listen()
    with pysocket.socket(pysocket.AF_UNIX) as silent:
        silent.settimeout(5)
        silent.connect(socket_path(data_dir))
        qtbot.waitUntil(lambda: len(server._peers) == 1, timeout=3000)
        qtbot.waitUntil(lambda: server._peers == {}, timeout=3000)
        assert silent.recv(10) == b""  # closed by the server, not left open
    got: list[object] = []
    server.requested.connect(got.append)
    _forward_in_thread(data_dir, {"raise": True})  # a later launch is still answered
    qtbot.waitUntil(lambda: got == [{"raise": True}], timeout=5000)
    server.close()
