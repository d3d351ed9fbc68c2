"""Small JSON files in the data folder (plan, reminders), written safely. No Qt here.

Writes go to a private temporary file in the same folder which then replaces the old
file, so a crash leaves either the old or the new file, never half of one. Files are
0600. A file that cannot be read as what it should be is never deleted: it is renamed
to ``NAME.broken-YYYYmmdd-HHMMSS`` and the caller starts empty with a plain message.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from app.core.files import write_text_atomic
from app.paths import ensure_private_dir

FILE_MODE = 0o600


def write_json_atomic(path: Path, data: object) -> None:
    """Write ``data`` as pretty JSON to ``path`` (0600), atomically. Raises OSError."""
    ensure_private_dir(path.parent)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_text_atomic(path, text, mode=FILE_MODE)


def read_json(path: Path) -> object | None:
    """The parsed content, or None when the file does not exist.

    Raises ValueError when it is not valid UTF-8 JSON; OSError for other read problems.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data: object = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(str(exc)) from None
    return data


def keep_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a broken ``path`` to ``path.broken-STAMP`` (never overwriting anything)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    base = path.with_name(f"{path.name}.broken-{stamp}")
    aside = base
    counter = 1
    while aside.exists():
        counter += 1
        aside = base.with_name(f"{base.name}-{counter}")
    path.replace(aside)
    return aside
