"""Spare the app PySide6's source read of every module imported after it.

Once PySide6 is loaded, each later import runs its ``__feature__`` check
(``shibokensupport.feature.feature_imported``), which asks whether the module's
source names "PySide6" by calling ``inspect.getsource``. That fills ``linecache``
with every module's lines and keeps them for the life of the process: about 7 MiB
of Python strings for Facewell's 340 modules, and some 10 ms of start-up
(issue 18, docs/benchmarks.md). The same question is answered here from the file's
bytes, keeping nothing. Where PySide6 no longer has that function, nothing is
replaced and the app runs as before.

Imported first by app/gui.py, before the rest of the window's modules.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import PySide6  # noqa: F401  (loads shibokensupport, whose check is replaced below)

_MARK = "_facewell_reads_bytes"


def names_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether ``module``'s source file names PySide6, as PySide6's own check asks."""
    path = getattr(module, "__file__", None)
    # PySide6's own embedded modules have relative names: its check handles those.
    if isinstance(path, str) and path.endswith(".py") and Path(path).is_absolute():
        try:
            return b"PySide6" in Path(path).read_bytes()
        except OSError:
            pass
    return fallback(module)


def install() -> bool:
    """Replace PySide6's check (once); False where there is none to replace."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, _MARK, False):
        return True

    def check(module: ModuleType) -> bool:
        return names_pyside(module, original)

    setattr(check, _MARK, True)
    feature._mod_uses_pyside = check  # type: ignore[attr-defined]
    # The modules imported before this one were read already: their lines go too.
    linecache.clearcache()
    return True


install()
