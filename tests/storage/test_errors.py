"""classify(): known storage problems become plain-sentence errors; bugs stay bugs."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from app.messages import problem
from app.storage.errors import (
    BusyError,
    CorruptDatabaseError,
    DiskError,
    DiskFullError,
    ReadOnlyError,
    StorageError,
    classify,
)


def _sqlite_error(code: int, cls: type[sqlite3.Error] = sqlite3.OperationalError) -> sqlite3.Error:
    error = cls("boom")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (sqlite3.SQLITE_FULL, DiskFullError),
        (sqlite3.SQLITE_READONLY, ReadOnlyError),
        (sqlite3.SQLITE_CANTOPEN, ReadOnlyError),
        (sqlite3.SQLITE_CORRUPT, CorruptDatabaseError),
        (sqlite3.SQLITE_NOTADB, CorruptDatabaseError),
        (sqlite3.SQLITE_BUSY, BusyError),
        (sqlite3.SQLITE_IOERR, DiskError),
        # Extended codes map by their primary code.
        (sqlite3.SQLITE_READONLY_DBMOVED, ReadOnlyError),
        (sqlite3.SQLITE_IOERR_WRITE, DiskError),
    ],
)
def test_sqlite_codes(code: int, expected: type[StorageError]) -> None:
    error = classify(_sqlite_error(code))
    assert type(error) is expected
    sentence = problem(error)  # what the person is told
    assert sentence.endswith(".")
    assert "sqlite" not in sentence.lower()


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (errno.ENOSPC, DiskFullError),
        (errno.EDQUOT, DiskFullError),
        (errno.EACCES, ReadOnlyError),
        (errno.EPERM, ReadOnlyError),
        (errno.EROFS, ReadOnlyError),
    ],
)
def test_os_errors(number: int, expected: type[StorageError]) -> None:
    assert type(classify(OSError(number, "x"))) is expected


def test_disk_full_message_is_plain_and_reassuring() -> None:
    message = problem(classify(_sqlite_error(sqlite3.SQLITE_FULL)))
    assert "disk is full" in message
    assert "Nothing already saved was lost" in message


@pytest.mark.parametrize(
    "error",
    [
        _sqlite_error(sqlite3.SQLITE_ERROR),  # e.g. a typo in SQL: a bug
        _sqlite_error(sqlite3.SQLITE_CONSTRAINT, sqlite3.IntegrityError),
        sqlite3.ProgrammingError("closed database"),  # no error code at all
        OSError(errno.EINVAL, "bad"),
        FileNotFoundError(errno.ENOENT, "gone"),
    ],
)
def test_bugs_are_raised_again_unchanged(error: Exception) -> None:
    with pytest.raises(type(error)) as raised:
        classify(error)  # type: ignore[arg-type]
    assert raised.value is error


def test_real_not_a_database_error(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"this is not a database at all" * 200)
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError) as raised:
            conn.execute("PRAGMA user_version").fetchone()
    finally:
        conn.close()
    assert isinstance(classify(raised.value), CorruptDatabaseError)
