"""The wheel carries the built-in routines, sounds and pictures, and finds them installed."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("hatchling") is None:
        pytest.fail("building with --no-build-isolation needs hatchling: pip install -e '.[test]'")
    repo = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(out),
            ".",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("facewell-*.whl")
    return built


def test_wheel_contains_the_data_and_the_entry_point(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points_name = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        entry_points = archive.read(entry_points_name).decode("utf-8")
    exercises = [n for n in names if n.startswith("app/_data/exercises/") and n.endswith(".toml")]
    assert len(exercises) >= 10
    for sound in ("start", "end", "bell", "tick"):
        assert f"app/_data/audio/{sound}.wav" in names
    assert any(n.startswith("app/_data/images/") and n.endswith(".svg") for n in names)
    # What `facewell --install-desktop` copies (docs/desktop.md).
    for name in (
        "io.github.facewell.Facewell.desktop",
        "io.github.facewell.Facewell.metainfo.xml",
        "icons/hicolor/scalable/apps/io.github.facewell.Facewell.svg",
        "icons/hicolor/48x48/apps/io.github.facewell.Facewell.png",
    ):
        assert f"app/_data/desktop/{name}" in names
    assert "app/cli.py" in names
    assert "app/core/loader.py" in names
    assert "[gui_scripts]" in entry_points
    section = entry_points.split("[gui_scripts]", 1)[1]
    assert "facewell = app.launch:main" in section.replace("  ", " ")


def test_installed_wheel_finds_its_routines(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    code = (
        "import sys; "
        f"sys.path.insert(0, {str(target)!r}); "
        "from app.cli import main; "
        "sys.exit(main(['list', '--json']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"XDG_DATA_HOME": str(tmp_path / "xdg"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    valid = [e for e in entries if e["valid"]]
    assert len(valid) >= 10
    packaged = target / "app" / "_data" / "exercises"
    assert all(Path(e["path"]).parent == packaged for e in valid)
