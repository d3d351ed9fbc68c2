"""Close the network to a speech process: no byte of anything leaves the machine.

Piper can download models for some languages, and any library may phone home; the
speech processes need neither. An audit hook (PEP 578, which can't be removed) refuses
every Internet socket, address lookup and connection in the process; local pipes and
Unix sockets (how the process talks to the app) are left alone. Each refusal is
remembered in ``refused`` so a test can show none was even tried.
"""

from __future__ import annotations

import socket
import sys
from typing import Any

__all__ = ["NetworkRefused", "forbid_network", "refused"]

refused: list[str] = []
_installed = False
_LOCAL = {getattr(socket, "AF_UNIX", -1)}


class NetworkRefused(OSError):
    """Raised inside the speech process instead of opening a connection."""


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event == "socket.__new__":
        local = len(args) > 1 and args[1] in _LOCAL
    elif event == "socket.connect":
        local = bool(args) and getattr(args[0], "family", None) in _LOCAL
    else:
        local = event not in ("socket.getaddrinfo", "socket.gethostbyname")
    if local:
        return
    refused.append(f"{event} {args[1:2]!r}")
    raise NetworkRefused(f"Facewell's speech works offline: {event} refused")


def forbid_network() -> None:
    """Refuse Internet sockets in this process from now on (idempotent)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
