"""The launcher, icon, metainfo and autostart entry in the user's XDG folders. No Qt.

``facewell --install-desktop`` copies the project's own files (assets/desktop) under
XDG_DATA_HOME (applications/, metainfo/, icons/hicolor/) with their Exec lines pointing
at the Facewell that was run, and ``--uninstall-desktop`` removes exactly those files.
The "Start Facewell when I log in" setting writes or removes XDG_CONFIG_HOME/autostart/
<id>.desktop (freedesktop Desktop Application Autostart). Only files named after the app
id are ever written or removed; nothing else in those folders is touched.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from app.desktop.identity import APP_ID, DESKTOP_FILE, ICON_NAME, ICON_SIZES, METAINFO_FILE
from app.resources import desktop_dir

__all__ = [
    "AUTOSTART_FLAG",
    "autostart_entry",
    "autostart_is_on",
    "autostart_path",
    "config_home",
    "data_home",
    "desktop_exec",
    "install_desktop",
    "launch_command",
    "set_autostart",
    "uninstall_desktop",
]

AUTOSTART_FLAG = "--hidden"
"""What the autostart entry adds: start with no window, reminders running."""

_PUBLIC_FILE = 0o644
"""Launchers and icons name only the program: the desktop's menu must read them."""


def _xdg_home(variable: str, fallback: str, env: Mapping[str, str] | None) -> Path:
    """The spec's rule: the variable when it holds an absolute path, else ~/fallback."""
    environ = os.environ if env is None else env
    value = environ.get(variable, "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(environ.get("HOME") or Path.home()) / fallback


def data_home(env: Mapping[str, str] | None = None) -> Path:
    return _xdg_home("XDG_DATA_HOME", ".local/share", env)


def config_home(env: Mapping[str, str] | None = None) -> Path:
    return _xdg_home("XDG_CONFIG_HOME", ".config", env)


def launch_command(data_dir: Path | None = None) -> list[str]:
    """How to start this same Facewell again: the installed ``facewell`` script that is
    running, or this Python with the checkout's main.py; plus --data-dir when one was
    chosen, so the launcher opens the same history."""
    program = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if program is not None and program.name == "facewell" and program.is_file():
        command = [str(program)]
    elif program is not None and program.suffix == ".py" and program.is_file():
        command = [sys.executable, str(program)]
    else:
        command = [sys.executable, "-m", "app.cli"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir.resolve())]
    return command


_RESERVED = re.compile(r"[\s\"'\\><~|&;$*?#()`]")


def desktop_exec(arguments: Sequence[str]) -> str:
    """An Exec value for ``arguments`` (Desktop Entry spec, "The Exec key"): arguments
    with reserved characters in double quotes with ``"`$\\`` escaped, ``%`` doubled;
    then the string-value escape for backslashes."""
    words = []
    for argument in arguments:
        word = argument.replace("%", "%%")
        if _RESERVED.search(word):
            word = '"' + re.sub(r'(["`$\\])', r"\\\1", word) + '"'
        words.append(word)
    return " ".join(words).replace("\\", "\\\\")


def _with_command(template: str, command: Sequence[str]) -> str:
    """The template's ``Exec=facewell ...`` lines run ``command ...`` instead."""
    program = desktop_exec(command)

    def exec_line(match: re.Match[str]) -> str:
        return f"Exec={program}{match.group(1)}"

    text = re.sub(r"(?m)^Exec=facewell((?: .*)?)$", exec_line, template)
    return re.sub(r"(?m)^TryExec=.*$", f"TryExec={desktop_exec(command[:1])}", text)


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a temp file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(temp).chmod(_PUBLIC_FILE)
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _icon_files(root: Path) -> list[tuple[Path, str]]:
    """(source, path under icons/hicolor) of every icon the project ships."""
    hicolor = root / "icons" / "hicolor"
    names = [f"scalable/apps/{ICON_NAME}.svg"]
    names += [f"{n}x{n}/apps/{ICON_NAME}.png" for n in ICON_SIZES]
    return [(hicolor / name, name) for name in names]


def installed_paths(home: Path) -> list[Path]:
    """Every file --install-desktop writes under the XDG data folder ``home``."""
    paths = [home / "applications" / DESKTOP_FILE, home / "metainfo" / METAINFO_FILE]
    paths += [home / "icons" / "hicolor" / name for _src, name in _icon_files(desktop_dir())]
    return paths


def install_desktop(command: Sequence[str], home: Path | None = None) -> list[Path]:
    """Put the launcher, metainfo and icons under ``home`` (XDG_DATA_HOME); return them."""
    home = data_home() if home is None else home
    source = desktop_dir()
    launcher = (source / DESKTOP_FILE).read_text(encoding="utf-8")
    written = [home / "applications" / DESKTOP_FILE, home / "metainfo" / METAINFO_FILE]
    _write(written[0], _with_command(launcher, command).encode("utf-8"))
    _write(written[1], (source / METAINFO_FILE).read_bytes())
    for icon, name in _icon_files(source):
        target = home / "icons" / "hicolor" / name
        _write(target, icon.read_bytes())
        written.append(target)
    return written


def uninstall_desktop(home: Path | None = None) -> list[Path]:
    """Remove what install_desktop wrote (and only that); return what was there."""
    removed = []
    for path in installed_paths(data_home() if home is None else home):
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


# -- start at login -------------------------------------------------------------------


def autostart_path(home: Path | None = None) -> Path:
    return (config_home() if home is None else home) / "autostart" / DESKTOP_FILE


def autostart_entry(command: Sequence[str]) -> str:
    """The autostart file: Facewell with no window (reminders in the background)."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Facewell\n"
        "Comment=Keeps your Facewell reminders running in the background\n"
        f"Icon={ICON_NAME}\n"
        f"Exec={desktop_exec([*command, AUTOSTART_FLAG])}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        f"X-Facewell-Id={APP_ID}\n"
    )


def autostart_is_on(home: Path | None = None) -> bool:
    """True when our autostart entry exists and is not switched off (Hidden=true)."""
    path = autostart_path(home)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"(?m)^Hidden\s*=\s*true\s*$", text) is None


def set_autostart(on: bool, command: Sequence[str], home: Path | None = None) -> Path:
    """Write (on) or remove (off) the autostart entry; return its path. Raises OSError."""
    path = autostart_path(home)
    if on:
        _write(path, autostart_entry(command).encode("utf-8"))
    else:
        path.unlink(missing_ok=True)
    return path


class AutostartSwitch:
    """The Settings checkbox's model: "Start Facewell when I log in" is on exactly when
    our autostart entry is there (the file is the truth, so a desktop's own
    "Startup Applications" tool and Facewell never disagree)."""

    def __init__(self, command: Sequence[str], home: Path | None = None) -> None:
        self.command = list(command)
        self.home = home

    @classmethod
    def for_data_dir(cls, data_dir: Path, default: Path) -> AutostartSwitch:
        """Started at login on the same data folder: --data-dir only when not default."""
        chosen = None if data_dir.resolve() == default.resolve() else data_dir
        return cls(launch_command(chosen))

    def is_on(self) -> bool:
        return autostart_is_on(self.home)

    def set(self, on: bool) -> str | None:
        """Write or remove the entry; a plain sentence when that failed, else None."""
        try:
            set_autostart(on, self.command, self.home)
        except OSError as exc:
            what = "turned on" if on else "turned off"
            place = exc.filename or autostart_path(self.home)
            return f"Starting at login couldn't be {what}: {place}: {exc.strerror or exc}."
        return None
