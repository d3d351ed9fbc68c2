"""Storage errors split into "known" (tell the user, keep the routine running) and bugs.

Following qutebrowser's misc/sql.py: a full disk, a read-only file or a damaged database
are facts of life, which the app tells the user in a plain sentence (app/messages.py:
storage writes no sentence of its own); anything else is a bug in Facewell and is
re-raised untouched so it reaches the crash handler.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

__all__ = [
    "BusyError",
    "CorruptDatabaseError",
    "DiskError",
    "DiskFullError",
    "NewerDatabaseError",
    "NotAFolderError",
    "ReadOnlyError",
    "StorageError",
    "classify",
]


class StorageError(Exception):
    """A known storage problem; app.messages.problem() says it in plain words."""


class NewerDatabaseError(StorageError):
    """The history file was written by a newer Facewell; it is left untouched."""

    def __init__(self, version: int) -> None:
        super().__init__(f"history format {version}")
        self.version = version


class CorruptDatabaseError(StorageError):
    """The history file is damaged or is not a database at all."""


class ReadOnlyError(StorageError):
    """The history file or its folder cannot be written (permissions, read-only disk)."""


class DiskFullError(StorageError):
    """No space left on the disk (or over quota)."""


class BusyError(StorageError):
    """Another process holds the history's write lock (an import, say); it usually
    clears within seconds, so a writer may simply try again."""


class DiskError(StorageError):
    """The disk failed to read or write (a failing or unplugged disk)."""


class NotAFolderError(StorageError):
    """A folder the history needs is a file (or lies inside one)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


# Primary result codes (the low byte of an extended code), from sqlite3.h. Python 3.11
# exposes them as sqlite3.SQLITE_*; spelled out here so the mapping is readable.
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

_ERRNO_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_ERRNO_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}


def classify(exc: sqlite3.Error | OSError) -> StorageError:
    """Turn a known sqlite3 or OS error into a StorageError; re-raise anything else.

    SQLite: FULL → DiskFullError; READONLY and CANTOPEN → ReadOnlyError; CORRUPT and
    NOTADB → CorruptDatabaseError; BUSY/LOCKED (another process is writing) →
    BusyError; IOERR (a failing or unplugged disk) → DiskError. OS: ENOSPC/EDQUOT →
    DiskFullError; EACCES/EPERM/EROFS → ReadOnlyError. Any other error is a bug and is
    raised again, unchanged.

    Use as ``raise classify(exc) from exc``.
    """
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None:
            raise exc
        primary = code & 0xFF
        if primary == _SQLITE_FULL:
            return DiskFullError()
        if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN):
            return ReadOnlyError()
        if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return CorruptDatabaseError()
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return BusyError()
        if primary == _SQLITE_IOERR:
            return DiskError()
        raise exc
    if exc.errno in _ERRNO_FULL:
        return DiskFullError()
    if exc.errno in _ERRNO_READ_ONLY:
        return ReadOnlyError()
    raise exc
