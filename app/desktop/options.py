"""The command line's desktop options: install the launcher, start hidden, open a page.

Kept out of app/cli.py so that file stays about the routines and the history. No Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PAGES = ("cold-compress", "journal")
"""What --open (the launcher's actions) can open in the window."""


def add_desktop_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("desktop")
    group.add_argument(
        "--install-desktop",
        action="store_true",
        help="add Facewell to your applications menu (launcher, icon, metainfo)",
    )
    group.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove what --install-desktop added",
    )
    group.add_argument(
        "--hidden",
        action="store_true",
        help="start with no window, reminders running (in the tray where there is one)",
    )
    group.add_argument(
        "--open", choices=PAGES, default=None, metavar="PAGE", help="open cold-compress or journal"
    )


def cmd_desktop(args: argparse.Namespace, data_dir: Path | None) -> int:
    """--install-desktop / --uninstall-desktop: say what was written or removed."""
    from app.desktop.entries import install_desktop, launch_command, uninstall_desktop

    try:
        if args.uninstall_desktop:
            removed = uninstall_desktop()
            print(f"Removed {len(removed)} files." if removed else "Nothing to remove.")
            return 0
        written = install_desktop(launch_command(data_dir))
    except OSError as exc:
        name = exc.filename or "a file"
        print(f"facewell: couldn't write {name}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Installed the launcher {written[0]}")
    print(f"and {len(written) - 1} more files (metainfo and icons).")
    return 0
