"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FILE = 0o600


@contextlib.contextmanager
def replacing(path: Path, *, mode: int = PRIVATE_FILE) -> Iterator[Path]:
    """A temporary file beside `path` to write; it replaces `path` (with `mode`) when
    the block ends without an error, and is removed otherwise."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        if os.name == "posix":
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
