"""The launcher, icons, metainfo and autostart entry, in a temporary XDG home; the
files pass the freedesktop validators (desktop-file-validate, appstreamcli)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.desktop.entries import (
    AutostartSwitch,
    autostart_path,
    desktop_exec,
    install_desktop,
    installed_paths,
    set_autostart,
    uninstall_desktop,
)
from app.desktop.identity import APP_ID, DESKTOP_FILE, ICON_SIZES, METAINFO_FILE
from app.resources import desktop_dir


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is needed (bash .ci/run installs it)")
    return path


def _validate_desktop(path: Path) -> None:
    done = subprocess.run(
        [_need("desktop-file-validate"), str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_shipped_launcher_passes_desktop_file_validate() -> None:
    _validate_desktop(desktop_dir() / DESKTOP_FILE)


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    done = subprocess.run(
        [_need("appstreamcli"), "validate", "--no-net", str(desktop_dir() / METAINFO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = (desktop_dir() / METAINFO_FILE).read_text()
    assert f"<id>{APP_ID}</id>" in text
    assert "<internet>offline-only</internet>" in text  # no network, ever
    assert "docs/screenshots/routines.png" in text


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def test_the_png_icons_have_their_sizes() -> None:
    hicolor = desktop_dir() / "icons" / "hicolor"
    for size in ICON_SIZES:
        assert _png_size(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()


def test_install_puts_every_file_under_xdg_data_home_and_uninstall_takes_them_back(
    tmp_path: Path,
) -> None:
    home = tmp_path / "share"
    (home / "applications").mkdir(parents=True)
    neighbour = home / "applications" / "other.desktop"
    neighbour.write_text("[Desktop Entry]\n")
    command = [sys.executable, str(tmp_path / "my folder" / "main.py"), "--data-dir", "/x y"]
    written = install_desktop(command, home)
    assert sorted(written) == sorted(installed_paths(home))
    launcher = home / "applications" / DESKTOP_FILE
    text = launcher.read_text()
    assert f"Exec={desktop_exec(command)}\n" in text
    assert f"Exec={desktop_exec(command)} --open cold-compress\n" in text
    assert "Terminal=false" in text
    _validate_desktop(launcher)
    assert (home / "metainfo" / METAINFO_FILE).is_file()
    assert (home / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").is_file()
    assert sorted(uninstall_desktop(home)) == sorted(written)
    assert not any(path.exists() for path in written)
    assert neighbour.read_text() == "[Desktop Entry]\n"  # not ours: left alone
    assert uninstall_desktop(home) == []


def test_exec_quoting_follows_the_desktop_entry_spec() -> None:
    assert desktop_exec(["/usr/bin/facewell"]) == "/usr/bin/facewell"
    assert desktop_exec(["/a b/facewell", "50%"]) == '"/a b/facewell" 50%%'
    # Inside quotes `"$\ are escaped; then every backslash is doubled for the string.
    assert desktop_exec(['/x"$y']) == '"/x\\\\"\\\\$y"'


def test_the_command_line_installs_and_uninstalls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert main(["--install-desktop"]) == 0
    assert (tmp_path / "share" / "applications" / DESKTOP_FILE).is_file()
    assert "Installed the launcher" in capsys.readouterr().out
    assert main(["--uninstall-desktop"]) == 0
    assert not (tmp_path / "share" / "applications" / DESKTOP_FILE).exists()


def test_the_autostart_toggle_writes_and_removes_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    switch = AutostartSwitch(["/opt/facewell/bin/facewell"])
    entry = tmp_path / "config" / "autostart" / DESKTOP_FILE
    assert autostart_path() == entry
    assert not switch.is_on()
    assert switch.set(True) is None
    assert switch.is_on()
    text = entry.read_text()
    assert "Exec=/opt/facewell/bin/facewell --hidden\n" in text
    _validate_desktop(entry)
    assert switch.set(False) is None
    assert not entry.exists() and not switch.is_on()
    assert switch.set(False) is None  # already off: fine


def test_an_entry_switched_off_by_the_desktop_reads_as_off(tmp_path: Path) -> None:
    set_autostart(True, ["facewell"], tmp_path)
    path = autostart_path(tmp_path)
    path.write_text(path.read_text() + "Hidden=true\n")
    assert not AutostartSwitch(["facewell"], tmp_path).is_on()


def test_an_unwritable_autostart_folder_is_said_plainly(tmp_path: Path) -> None:
    (tmp_path / "autostart").write_text("a file in the way")
    problem = AutostartSwitch(["facewell"], tmp_path).set(True)
    assert problem is not None and problem.startswith("Starting at login couldn't be turned on")


def test_a_chosen_data_folder_goes_into_the_login_command(tmp_path: Path) -> None:
    default = tmp_path / "default"
    assert "--data-dir" not in AutostartSwitch.for_data_dir(default, default).command
    chosen = AutostartSwitch.for_data_dir(tmp_path / "mine", default).command
    assert chosen[-2:] == ["--data-dir", str((tmp_path / "mine").resolve())]
