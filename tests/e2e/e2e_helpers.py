"""The end-to-end tests' X server, window manager and xdotool, shared.

Imported as a top-level module (tests/e2e is on sys.path through its conftest.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is needed for the end-to-end tests (bash .ci/run installs it)")
    return path


@pytest.fixture
def display() -> Iterator[str]:
    """A private Xvfb screen; -displayfd tells us which number it took."""
    read, write = os.pipe()
    server = subprocess.Popen(
        [need("Xvfb"), "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def window_manager(display: str) -> Iterator[str]:
    """openbox on ``display``: windows can be minimised and raised as on a desktop."""
    manager = subprocess.Popen(
        [need("openbox"), "--sm-disable"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # openbox names itself on the root window
        done = subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            text=True,
            check=False,
        )
        if "window id" in done.stdout:
            break
        time.sleep(0.05)
    try:
        yield display
    finally:
        manager.terminate()
        manager.wait(timeout=10)


def xdotool(display: str, *args: str, check: bool = True) -> str:
    env = {**os.environ, "DISPLAY": display}
    done = subprocess.run(
        [need("xdotool"), *args], env=env, check=check, timeout=20, capture_output=True, text=True
    )
    return done.stdout


def quiet_data_folder(tmp_path: Path) -> Path:
    """A data folder whose first-run questions were answered, and no lead-in."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.ini").write_text(
        "[routine]\nlead_in=false\n[app]\ndisclaimer_seen=true\n[profile]\nasked=true\n"
    )
    return data


def window_env(tmp_path: Path, display: str) -> dict[str, str]:
    """The environment of a real window on ``display``, its XDG data in ``tmp_path``."""
    return {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
    }
