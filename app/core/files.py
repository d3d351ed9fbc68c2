"""Writing files so that a crash or a full disk never leaves half a file behind, and
reading files someone else may have put there without hanging or running out of memory."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
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


class UnreadableFileError(Exception):
    """A file that was not read, and why, as a plain sentence for a person:
    "not a regular file (a named pipe)", "larger than 1 MiB", "not UTF-8 text: ..."."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


def write_all_or_none(files: Sequence[tuple[Path, str]]) -> None:
    """Write every file or none, each readable by the user only (it is health data).

    Each text goes to a temporary name beside its file (:func:`replacing`), and
    the files are moved in only once all are written: a failure halfway never truncates
    an earlier export. A device such as /dev/stdout is written to, never replaced.
    Raises OSError with the file's name in ``filename2`` or ``filename``.
    """
    with contextlib.ExitStack() as stack:
        for path, text in files:
            try:
                if path.exists() and not path.is_file():
                    with path.open("w", encoding="utf-8", newline="") as device:
                        device.write(text)
                    continue
                temp = stack.enter_context(replacing(path))
                with temp.open("w", encoding="utf-8", newline="") as out:
                    out.write(text)
                    out.flush()
                    os.fsync(out.fileno())
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(path)) from exc


def read_bounded_text(path: Path, limit: int, *, encoding: str = "utf-8") -> str:
    """The text of `path` if it is a regular file (symlinks followed) of at most `limit`
    bytes; raises UnreadableFileError otherwise.

    For files anyone may have put in a folder or handed over: a named pipe, a device
    such as /dev/zero or a folder is refused before it is opened, the file is opened
    non-blocking (a pipe swapped in after the check cannot block) and at most `limit` + 1
    bytes are read, so a file that grows while it is read cannot exhaust memory either.
    The bytes are decoded as they are: no newline translation.
    """
    try:
        kind = _kind_of(path.stat().st_mode)  # after symlinks
        if kind is None:
            fd = os.open(path, os.O_RDONLY | _NO_BLOCK)
            try:
                kind = _kind_of(os.fstat(fd).st_mode)
                data = b"" if kind else _read_at_most(fd, limit + 1)
            finally:
                os.close(fd)
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read the file: {exc.strerror or exc}") from None
    if kind is not None:
        raise UnreadableFileError(path, f"not a regular file ({kind})")
    if len(data) > limit:
        raise UnreadableFileError(path, f"larger than {_size(limit)}")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(path, f"not {encoding.upper()} text: {exc.reason}") from None


# Opening never waits for a pipe's writer, never makes a terminal ours, never translates.
_NO_BLOCK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def _kind_of(mode: int) -> str | None:
    """None for a regular file, else what it is in plain words."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _size(limit: int) -> str:
    for unit, factor in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if limit >= factor and limit % factor == 0:
            return f"{limit // factor} {unit}"
    return f"{limit} bytes"
