"""app/core, app/storage and the command line's list/check never import Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_SCRIPT = """
import importlib
import pkgutil
import sys

import app.core
import app.storage

names = ["app.resources", "app.paths", "app.cli"]
for package in (app.core, app.storage):
    names += [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in names:
    importlib.import_module(name)
print("\\n".join(sorted(names)))
qt = sorted(m for m in sys.modules if m == "PySide6" or m.startswith("PySide6."))
if qt:
    raise SystemExit("Qt was imported: " + ", ".join(qt))
"""


def test_core_storage_and_cli_import_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported = result.stdout.split()
    for name in ("app.core.loader", "app.core.session", "app.core.timeline", "app.cli"):
        assert name in imported
