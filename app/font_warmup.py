"""Load the system's font configuration on the other core while the window's code imports.

Qt reads fontconfig's configuration (on Debian some fifty XML files, then the font
caches) the first time a widget measures its words, in the GUI thread: 6-10 ms of the
window's first full draw that a bare window, with no words, never pays (issue 18,
docs/benchmarks.md). fontconfig keeps one configuration per process, made by the first
``FcInit`` and shared by every later one (thread-safe since 2.11), so loading it here,
in a thread started before Qt is imported, leaves Qt's own ``FcInit`` nothing to do. The
configuration is the one Qt would load, from the same files and environment: nothing
about the fonts changes, only when they are read. ctypes lets go of the GIL for the call,
so the imports go on meanwhile.

Where there is no fontconfig (macOS, Windows) or only an older one, nothing happens.
"""

from __future__ import annotations

import sys
import threading

__all__ = ["THREAD_NAME", "warm_fonts"]

THREAD_NAME = "facewell-fonts"
_LIBRARY = "libfontconfig.so.1"
_THREAD_SAFE_SINCE = 21100  # FcGetVersion() of fontconfig 2.11.0


def warm_fonts() -> threading.Thread | None:
    """Start loading the font configuration in the background; None where Qt draws
    text without fontconfig."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    thread = threading.Thread(target=_load, name=THREAD_NAME, daemon=True)
    thread.start()
    return thread


def _load() -> None:
    try:
        import ctypes

        fontconfig = ctypes.CDLL(_LIBRARY)
        if fontconfig.FcGetVersion() >= _THREAD_SAFE_SINCE:
            fontconfig.FcInit()
    except (OSError, AttributeError):  # no fontconfig, or not one we know: Qt loads it
        return
