"""Opening a history: create, migrate, repair, recover, back up; or read it only.

Nothing here raises for a known problem: an :class:`OpenResult` carries the history
(None when nothing can be used) and :class:`Notice` records of what happened, which the
app tells the person in plain words (app/messages.py). Only the owner of the history
repairs it (app/storage/owner.py; docs/history.md, "One owner of a history").

Threads: any thread; the History it returns belongs to the thread that opened it
(the window opens on a worker thread, closes that, and attaches its own).
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.jsonfile import keep_aside
from app.paths import ensure_private_dir
from app.storage import database
from app.storage.errors import (
    CorruptDatabaseError,
    DiskFullError,
    NewerDatabaseError,
    NotAFolderError,
    ReadOnlyError,
    StorageError,
    classify,
)
from app.storage.history.files import (
    BACKUP_DIR,
    HISTORY_FILE,
    Verdict,
    backup_to,
    daily_backup,
    inspect,
    list_backups,
    move_aside,
    stamp,
)
from app.storage.history.rows import known_errors
from app.storage.owner import HistoryInUse, HistoryLock
from app.storage.pending import pending_files, read_pending

if TYPE_CHECKING:
    from app.storage.history import History

__all__ = ["Notice", "NoticeKind", "OpenResult", "open_history", "open_read_only", "restore_backup"]


def _aware_now() -> datetime:
    return datetime.now().astimezone()


class NoticeKind(StrEnum):
    CANT_SAVE = "cant_save"
    """``error`` keeps anything from being saved; the routines still work."""
    CANT_READ = "cant_read"
    """``error`` keeps the history from being read."""
    NEWER = "newer"
    """Made by a newer Facewell (``version``): left exactly as it was."""
    DAMAGED = "damaged"
    """Kept aside as ``path``, a fresh history started; ``other``: a backup to offer."""
    DAMAGED_IN_USE = "damaged_in_use"
    """Damaged, but another Facewell uses it: left alone."""
    DAMAGED_UNREADABLE = "damaged_unreadable"
    """Damaged, or not a history, and can't be read here."""
    OLD_FORMAT = "old_format"
    """An older format that can't be brought up to date here."""
    BACKUP_FAILED = "backup_failed"
    """Today's backup could not be made (``error``); the history itself is fine."""
    RESTORED = "restored"
    """Restored from ``path``; ``other``: where the history it replaced was kept."""
    BACKUP_UNREADABLE = "backup_unreadable"
    """That backup can't be read (``error``)."""
    BACKUP_DAMAGED = "backup_damaged"
    """That backup is damaged: the history was not changed."""


@dataclass(frozen=True)
class Notice:
    """Something about the history the person should hear of, once."""

    kind: NoticeKind
    error: StorageError | None = None
    version: int = 0
    path: Path | None = None
    other: Path | None = None


@dataclass
class OpenResult:
    """What opening found. Tell the person every notice."""

    history: History | None
    notices: list[Notice] = field(default_factory=list)
    moved_aside: Path | None = None
    """Where a damaged history file was kept, if it was."""
    newest_backup: Path | None = None
    """The newest backup in DATA_DIR/backups, to offer with :func:`restore_backup`."""
    writable: bool = True
    """False when ``history`` can only be read (a read-only file, a full disk)."""


def _history(conn: sqlite3.Connection, data_dir: Path, now: Callable[[], datetime]) -> History:
    from app.storage.history import History

    return History(conn, data_dir, now)


def open_history(
    data_dir: Path,
    *,
    now: Callable[[], datetime] = _aware_now,
    lock: HistoryLock | None = None,
) -> OpenResult:
    """Open (creating, migrating, repairing as needed) DATA_DIR/history.sqlite3.

    A newer file is refused untouched; a read-only file or a full disk gives a
    read-only ``history`` (``writable`` False) that can still be read and exported.

    Only the owner of the history repairs it: it moves a damaged file aside and starts
    a fresh one, saves pending sessions, marks rows left "running" by a crash as
    "interrupted", and makes the daily backup (the newest 7 kept). The owner is the
    process that passes its held ``lock``, or, without one, this call when it can take
    the lock for itself because nobody else is recording; it gives it back on return.
    Anyone else gets a connection that leaves other processes' rows alone.
    """
    result = OpenResult(history=None)
    try:
        ensure_private_dir(data_dir)
    except (FileExistsError, NotADirectoryError):
        result.notices.append(Notice(NoticeKind.CANT_SAVE, NotAFolderError(data_dir)))
        return result
    except OSError as exc:
        result.notices.append(Notice(NoticeKind.CANT_SAVE, classify(exc)))
        return result
    borrowed: HistoryLock | None = None
    if lock is None or not lock.held:
        with contextlib.suppress(HistoryInUse, OSError):
            borrowed = HistoryLock.acquire(data_dir, "command")
    try:
        _open(data_dir, now, result, owner=borrowed is not None or lock is not None)
    finally:
        if borrowed is not None:
            borrowed.release()
    return result


def _open(data_dir: Path, now: Callable[[], datetime], result: OpenResult, *, owner: bool) -> None:
    path = data_dir / HISTORY_FILE
    backups = list_backups(data_dir)
    result.newest_backup = backups[0] if backups else None

    if path.exists():
        try:
            verdict, version = inspect(path)
        except StorageError as error:
            result.notices.append(Notice(NoticeKind.CANT_SAVE, error))
            return
        if verdict == Verdict.NEWER:
            result.notices.append(Notice(NoticeKind.NEWER, version=version))
            return
        if verdict == Verdict.DAMAGED:
            if not owner:
                result.notices.append(Notice(NoticeKind.DAMAGED_IN_USE))
                return
            if not _set_aside(path, now, result):
                return

    failure: StorageError | None = None
    for _attempt in range(2):
        try:
            conn = database.connect(path)
        except (sqlite3.Error, OSError) as exc:
            failure = classify(exc)
        else:
            try:
                result.history = _prepare(conn, data_dir, now, result, owner=owner)
                return
            except NewerDatabaseError as newer:
                conn.close()
                result.notices.append(Notice(NoticeKind.NEWER, version=newer.version))
                return
            except StorageError as storage_error:
                conn.close()
                failure = storage_error
            except BaseException:
                conn.close()
                raise
        # Damage that quick_check missed: set the file aside once and start afresh.
        aside = result.moved_aside is not None
        if not owner or not isinstance(failure, CorruptDatabaseError) or aside:
            break
        if not _set_aside(path, now, result):
            return
    assert failure is not None
    result.notices.append(Notice(NoticeKind.CANT_SAVE, failure))
    if isinstance(failure, ReadOnlyError | DiskFullError) and path.exists():
        # Nothing new can be saved, but everything saved can still be read.
        with contextlib.suppress(sqlite3.Error, OSError):
            result.history = _history(database.connect_read_only(path), data_dir, now)
            result.writable = False


def open_read_only(data_dir: Path, *, now: Callable[[], datetime] = _aware_now) -> OpenResult:
    """The history for reading only (``facewell history``, ``report``): reads through
    a read-only connection, never recovers rows and takes no lock of its own.

    No history yet gives an empty one. A damaged file, or one in an older format, is
    first handed to :func:`open_history`, which keeps a damaged file aside (never
    deleting it) or brings an old one up to date, but only when nobody else uses it.
    """
    from app.storage.history import History

    path = data_dir / HISTORY_FILE
    if not path.exists():
        return OpenResult(History.empty(data_dir, now), writable=False)
    try:
        verdict, version = inspect(path)
    except StorageError as error:
        return OpenResult(None, [Notice(NoticeKind.CANT_READ, error)])
    if verdict == Verdict.NEWER:
        return OpenResult(None, [Notice(NoticeKind.NEWER, version=version)])
    if verdict == Verdict.DAMAGED:
        repaired = open_history(data_dir, now=now)
        if repaired.moved_aside is None and repaired.history is not None:
            repaired.history.close()
            return OpenResult(None, [*repaired.notices, Notice(NoticeKind.DAMAGED_UNREADABLE)])
        return repaired
    if version < database.CURRENT_VERSION:
        upgraded = open_history(data_dir, now=now)
        if upgraded.history is None or not upgraded.writable:
            if upgraded.history is not None:
                upgraded.history.close()
            return OpenResult(None, [*upgraded.notices, Notice(NoticeKind.OLD_FORMAT)])
        upgraded.history.close()
    try:
        conn = database.connect_read_only(path)
    except sqlite3.Error as exc:
        return OpenResult(None, [Notice(NoticeKind.CANT_READ, classify(exc))])
    return OpenResult(History(conn, data_dir, now), writable=False)


def _set_aside(path: Path, now: Callable[[], datetime], result: OpenResult) -> bool:
    """Move a damaged history aside and say so; False (and a notice) if it can't be."""
    try:
        result.moved_aside = move_aside(path, "corrupt", now())
    except OSError as exc:
        result.notices.append(Notice(NoticeKind.CANT_SAVE, classify(exc)))
        return False
    result.notices.append(
        Notice(NoticeKind.DAMAGED, path=result.moved_aside, other=result.newest_backup)
    )
    return True


def _prepare(
    conn: sqlite3.Connection,
    data_dir: Path,
    now: Callable[[], datetime],
    result: OpenResult,
    *,
    owner: bool,
) -> History:
    """Migrate (after a backup); for the owner, also save pending sessions, recover
    crashed ones and make the daily backup."""
    with known_errors():
        version = database.user_version(conn)
        if version > database.CURRENT_VERSION:  # a newer Facewell got there first
            raise NewerDatabaseError(version)
        if 0 < version < database.CURRENT_VERSION:
            folder = ensure_private_dir(data_dir / BACKUP_DIR)
            target = folder / f"history-before-v{database.CURRENT_VERSION}-{stamp(now())}.sqlite3"
            backup_to(conn, target)
        database.migrate(conn)
    history = _history(conn, data_dir, now)
    if owner:
        _save_pending(history, data_dir)
    with known_errors(), database.transaction(conn):
        if owner:
            # Only the lock's holder: a running row of a living recorder is never seen
            # here, because that recorder would hold the lock.
            conn.execute(
                "UPDATE sessions SET status = 'interrupted',"
                " ended_at = COALESCE(checkpoint_at, started_at) WHERE status = 'running'"
            )
        # A write on every start: a read-only file is found now, not mid-routine.
        conn.execute(f"PRAGMA user_version = {database.CURRENT_VERSION:d}")
    if not owner:
        return history
    try:
        made = daily_backup(conn, data_dir, now().date())
    except (sqlite3.Error, OSError) as exc:
        if isinstance(exc, OSError) and exc.errno in (errno.EEXIST, errno.ENOTDIR):
            error: StorageError = NotAFolderError(data_dir / BACKUP_DIR)
        else:
            error = classify(exc)
        result.notices.append(Notice(NoticeKind.BACKUP_FAILED, error))
    else:
        if made is not None and result.newest_backup is None:
            result.newest_backup = made
    return history


def _save_pending(history: History, data_dir: Path) -> None:
    """Save the sessions an earlier process kept on disk because it could not write
    them (app.storage.pending); each file goes once its session has landed."""
    for path in pending_files(data_dir):
        state = read_pending(path)
        if state is None:
            continue  # kept aside by read_pending: never lost, never retried forever
        try:
            history.sessions.save_state(state)
        except ValueError:
            with contextlib.suppress(OSError):
                keep_aside(path)
            continue
        with contextlib.suppress(OSError):
            path.unlink()


def restore_backup(
    data_dir: Path,
    backup: Path,
    *,
    now: Callable[[], datetime] = _aware_now,
    lock: HistoryLock | None = None,
) -> OpenResult:
    """Put ``backup`` in place of the history (the current file is kept aside, never
    deleted, as history.sqlite3.replaced-YYYYMMDD-HHMMSS) and open it (with ``lock``,
    as :func:`open_history` does).

    Close any open History on DATA_DIR first.
    """
    try:
        verdict, version = inspect(backup)
    except StorageError as error:
        return OpenResult(None, [Notice(NoticeKind.BACKUP_UNREADABLE, error)])
    if verdict == Verdict.NEWER:
        return OpenResult(None, [Notice(NoticeKind.NEWER, version=version)])
    if verdict == Verdict.DAMAGED:
        return OpenResult(None, [Notice(NoticeKind.BACKUP_DAMAGED)])
    path = data_dir / HISTORY_FILE
    try:
        source = database.connect_read_only(backup)
        try:
            staged = data_dir / f".{HISTORY_FILE}.restoring"
            backup_to(source, staged)
        finally:
            source.close()
        aside = move_aside(path, "replaced", now()) if path.exists() else None
        staged.replace(path)
    except (sqlite3.Error, OSError) as exc:
        return OpenResult(None, [Notice(NoticeKind.CANT_SAVE, classify(exc))])
    result = open_history(data_dir, now=now, lock=lock)
    result.notices.insert(0, Notice(NoticeKind.RESTORED, path=backup, other=aside))
    return result
