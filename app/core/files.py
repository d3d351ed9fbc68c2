"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.paths import PRIVATE_FILE, kept_mode


@contextlib.contextmanager
def replacing(path: Path, *, mode: int = PRIVATE_FILE) -> Iterator[Path]:
    """A temporary file beside `path` to write; it replaces `path` when the block ends
    without an error, and is removed otherwise.

    A new file gets `mode`; one that takes the place of an existing file keeps that
    file's mode, less any group and other bits `mode` lacks (app.paths.kept_mode).
    """
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        if os.name == "posix":
            try:
                temp.chmod(kept_mode(path.stat().st_mode, mode))
            except FileNotFoundError:
                temp.chmod(mode)
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_text_atomic(path: Path, text: str, *, mode: int = PRIVATE_FILE) -> None:
    """`text` as UTF-8, flushed to disk before it takes the place of `path`."""
    with replacing(path, mode=mode) as temp, temp.open("w", encoding="utf-8", newline="") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
