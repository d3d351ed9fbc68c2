"""The history of routine sessions and the symptom journal, kept in SQLite. No Qt here.

Open it with :func:`open_history`, which never raises for the known problems (damaged,
newer, read-only, full): it returns an :class:`OpenResult` whose ``notices`` are plain
sentences to show the user, and whose ``history`` is ``None`` when nothing can be saved
(the routines still run). Every write on :class:`History` commits before it returns and
raises :class:`~app.storage.errors.StorageError` (never a raw ``sqlite3`` error) for the
known problems. Decisions are written down in docs/history.md.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import math
import re
import sqlite3
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from app.core.jsonfile import keep_aside
from app.core.routine import Category
from app.paths import ensure_private_dir
from app.storage import database
from app.storage.errors import (
    CorruptDatabaseError,
    DiskFullError,
    NewerDatabaseError,
    ReadOnlyError,
    StorageError,
    classify,
)
from app.storage.owner import HistoryInUse, HistoryLock
from app.storage.pending import PendingSession, pending_files, read_pending

__all__ = [
    "AREAS",
    "FEELINGS",
    "RED_FLAG_SYMPTOMS",
    "SIDES",
    "STATUSES",
    "TREATMENTS",
    "TRIGGERS",
    "HelpPrompt",
    "History",
    "JournalEntry",
    "OpenResult",
    "SessionRecord",
    "Stats",
    "list_backups",
    "open_history",
    "open_read_only",
    "restore_backup",
]

HISTORY_FILE = "history.sqlite3"
BACKUP_DIR = "backups"
DAILY_BACKUPS_KEPT = 7

CATEGORIES = tuple(category.value for category in Category)
STATUSES = ("running", "completed", "stopped", "interrupted")
FINISHED_STATUSES = ("completed", "stopped")
AREAS = ("eyelid", "around the eye", "cheek", "mouth", "jaw", "whole side")
SIDES = ("left", "right", "both")
TRIGGERS = ("stress", "fatigue", "poor sleep", "caffeine", "screen time", "bright light", "other")
RED_FLAG_SYMPTOMS = ("vision changes", "balance problems", "numbness")
TREATMENTS = ("botulinum toxin injection", "doctor visit", "medication change")
FEELINGS = ("better", "same", "worse")
"""Suggested answers to "how did it feel"; any short text is accepted."""

STREAK_MIN_SECONDS = 60.0
"""A day counts for a streak with one completed, stopped or interrupted session this long."""


def _aware_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True)
class SessionRecord:
    """One routine session. Times are timezone-aware, in the offset they were recorded in."""

    id: int
    routine: str
    slug: str
    category: str
    started_at: datetime
    ended_at: datetime | None
    planned_s: float
    elapsed_s: float
    status: str
    """"running", "completed", "stopped" or "interrupted"."""
    step_index: int
    severity_before: int | None
    """Spasm severity 0-10 before the routine, if asked."""
    severity_after: int | None
    """Spasm severity 0-10 after the routine, if given."""
    feeling: str
    note: str
    uid: str
    """Stable unique id: survives export/import, used to skip duplicates."""


@dataclass(frozen=True)
class JournalEntry:
    """A spasm episode or a treatment event in the symptom journal."""

    id: int
    kind: str
    """"episode" or "treatment"."""
    at: datetime
    area: str
    """One of AREAS for an episode; "" for a treatment."""
    side: str
    """One of SIDES, or ""."""
    severity: int | None
    """1-10, episodes only."""
    duration_s: float | None
    triggers: tuple[str, ...]
    """Each one of TRIGGERS."""
    symptoms: tuple[str, ...]
    """Free short texts; RED_FLAG_SYMPTOMS raise the seek-help advice."""
    treatment: str
    """One of TREATMENTS for a treatment; "" for an episode."""
    note: str
    uid: str

    @classmethod
    def new_episode(
        cls,
        *,
        at: datetime,
        area: str,
        side: str = "",
        severity: int | None = None,
        duration_s: float | None = None,
        triggers: tuple[str, ...] | list[str] = (),
        symptoms: tuple[str, ...] | list[str] = (),
        note: str = "",
    ) -> JournalEntry:
        """A new episode (id 0, a fresh uid) ready for :meth:`History.add_journal`."""
        return cls(
            id=0,
            kind="episode",
            at=at,
            area=area,
            side=side,
            severity=severity,
            duration_s=duration_s,
            triggers=tuple(triggers),
            symptoms=tuple(symptoms),
            treatment="",
            note=note,
            uid=str(uuid.uuid4()),
        )

    @classmethod
    def new_treatment(cls, *, at: datetime, treatment: str, note: str = "") -> JournalEntry:
        """A new treatment event (id 0, a fresh uid) ready for :meth:`History.add_journal`."""
        return cls(
            id=0,
            kind="treatment",
            at=at,
            area="",
            side="",
            severity=None,
            duration_s=None,
            triggers=(),
            symptoms=(),
            treatment=treatment,
            note=note,
            uid=str(uuid.uuid4()),
        )


@dataclass(frozen=True)
class Stats:
    """Summary numbers for the history page and ``facewell history --stats``.

    A "day" is the calendar date on the user's clock when a session started. A day
    counts for a streak when it has at least one completed, stopped or interrupted
    session of at least STREAK_MIN_SECONDS. ``current_streak`` ends today, or yesterday
    while today has no qualifying session yet (the day is not over).
    """

    sessions: int
    total_minutes: float
    minutes_this_week: float
    """Monday to today."""
    sessions_this_month: int
    """From the 1st of today's month to today."""
    current_streak: int
    longest_streak: int

    def as_dict(self) -> dict[str, int | float]:
        return {
            "sessions": self.sessions,
            "total_minutes": self.total_minutes,
            "minutes_this_week": self.minutes_this_week,
            "sessions_this_month": self.sessions_this_month,
            "current_streak": self.current_streak,
            "longest_streak": self.longest_streak,
        }


@dataclass(frozen=True)
class HelpPrompt:
    """A reason to show the "when to seek professional help" advice, once."""

    key: str
    """Pass to :meth:`History.mark_prompt_shown` once shown: "symptom:<uid>" or
    "rising:<monday of the third rising week>"."""
    message: str


@dataclass
class OpenResult:
    """What :func:`open_history` found. Show every notice to the user."""

    history: History | None
    notices: list[str] = field(default_factory=list)
    moved_aside: Path | None = None
    """Where a damaged history file was kept, if it was."""
    newest_backup: Path | None = None
    """The newest backup in DATA_DIR/backups, to offer with :func:`restore_backup`."""
    writable: bool = True
    """False when ``history`` can only be read (a read-only file, a full disk)."""


# -- opening -------------------------------------------------------------------------


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S")


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _human_date(day: date) -> str:
    """ "3 May 2026": spelled out in English like the rest of the sentence (``%B`` would
    follow the locale, which Qt sets)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_DAILY_RE = re.compile(r"^history-(\d{4}-\d{2}-\d{2})\.sqlite3$")
_BEFORE_RE = re.compile(r"^history-before-v\d+-(\d{8})-\d{6}\.sqlite3$")


def list_backups(data_dir: Path) -> list[Path]:
    """Backups in DATA_DIR/backups (daily and before-migration), newest first."""
    folder = data_dir / BACKUP_DIR
    try:
        files = [p for p in folder.iterdir() if p.is_file() and _backup_day(p) is not None]
    except OSError:
        return []
    return sorted(files, key=lambda p: (_backup_day(p) or date.min, p.stat().st_mtime_ns, p.name))[
        ::-1
    ]


def _backup_day(path: Path) -> date | None:
    """The day a backup was made, from its name (None: not a Facewell backup)."""
    if match := _DAILY_RE.match(path.name):
        return date.fromisoformat(match[1])
    if match := _BEFORE_RE.match(path.name):
        text = match[1]
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return None


def _cant_save(error: StorageError) -> str:
    return f"Your sessions can't be saved right now: {error.message} The routines still work."


def _cant_read(error: StorageError) -> str:
    return f"Your history can't be read right now: {error.message}"


def _damaged_in_use_notice() -> str:
    return (
        "Your history file looks damaged, and another Facewell is using it, so it was "
        "left as it is. Close the other Facewell and open Facewell again to repair it."
    )


def _damaged_read_notice() -> str:
    return "Your history file is damaged or is not a Facewell history, so it can't be read."


def _old_format_notice() -> str:
    return (
        "Your history is in an older format and can't be updated here; open the Facewell "
        "window once to bring it up to date."
    )


def _newer_notice(version: int) -> str:
    return (
        f"Your history was made by a newer Facewell (history format {version}; this "
        f"version reads up to {database.CURRENT_VERSION}), so it was left exactly as it was. "
        "Update Facewell to see and add to it. The routines still work, but sessions "
        "won't be saved until then."
    )


def _damaged_notice(aside: Path, backup: Path | None) -> str:
    text = (
        f"Your history file was damaged. It was kept as {aside.name} and a new history was started."
    )
    if backup is not None:
        day = _backup_day(backup)
        when = _human_date(day) if day else backup.name
        text += f" A backup from {when} can be restored."
    return text


def _move_aside(path: Path, label: str, moment: datetime) -> Path:
    """Rename ``path`` and its -wal/-shm/-journal to ``path.label-STAMP…`` (never delete)."""
    base = path.with_name(f"{path.name}.{label}-{_stamp(moment)}")
    aside = base
    counter = 1
    while aside.exists() or any(s.exists() for s in database.sidecar_files(aside)):
        counter += 1
        aside = base.with_name(f"{base.name}-{counter}")
    path.replace(aside)
    for old, new in zip(database.sidecar_files(path), database.sidecar_files(aside), strict=True):
        if old.exists():
            old.replace(new)
    return aside


class _Verdict:
    OK = "ok"
    DAMAGED = "damaged"
    NEWER = "newer"


def _header_version(path: Path) -> int | None:
    """``user_version`` read from the file header, when that is the whole truth (no WAL
    file beside it). Lets a newer file be refused without SQLite creating -wal/-shm
    files next to it. -1 when the header is not a sane SQLite header at all.

    Opens and closes a descriptor of the file: call it only before this process has
    a connection to it (closing one would drop SQLite's POSIX locks).
    """
    if database.sidecar_files(path)[0].exists():
        return None
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError:
        return None  # SQLite will say what is wrong
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    page_size = int.from_bytes(header[16:18], "big")
    sane_page = page_size == 1 or (512 <= page_size <= 32768 and page_size & (page_size - 1) == 0)
    if not sane_page or header[21:24] != b"\x40\x20\x20":
        return -1  # payload fractions are fixed at 64, 32, 32: this header is damaged
    return int.from_bytes(header[60:64], "big")


MAX_PLAUSIBLE_VERSION = 10_000
"""A ``user_version`` above this was set by another program, not a newer Facewell."""


def _expected_columns(version: int) -> dict[str, set[str]]:
    """The tables and columns a Facewell history of ``version`` has, built by running
    the migrations on an empty in-memory database."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        database.migrate(conn, target=version)
        return _columns(conn)
    finally:
        conn.close()


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: {row[1] for row in conn.execute(f"PRAGMA table_info({_quoted(table)})")}
        for table in tables
    }


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _is_ours(conn: sqlite3.Connection, version: int) -> bool:
    """True when ``conn`` looks like a Facewell history of ``version``.

    Up to this version: every table and column that version has. Newer: a plausible
    version and a ``sessions`` table (a newer Facewell may have changed the rest, and
    its file must never be set aside). Another program's database, or one that lost a
    table or column, is not a history this version can use.
    """
    if not 0 < version <= MAX_PLAUSIBLE_VERSION:
        return False  # user_version is a signed 32-bit number: others set negative ones
    found = _columns(conn)
    if version > database.CURRENT_VERSION:
        return "sessions" in found
    expected = _expected_columns(version)
    return all(columns <= found.get(table, set()) for table, columns in expected.items())


def _inspect(path: Path) -> tuple[str, int]:
    """Look at an existing file without writing to it: (verdict, user_version).

    A file that is damaged, has lost a table or column, or belongs to another program
    is DAMAGED (kept aside by the owner, never deleted); one from a newer Facewell is
    NEWER (left alone). Raises StorageError for problems that are not the file's fault
    (permissions, locks, disk errors): such a file is never moved aside.
    """
    version = _header_version(path)
    if version == -1:
        return _Verdict.DAMAGED, 0
    if version is not None and version >= 2**31:
        version -= 2**32  # the header holds it unsigned; SQLite reads it signed
    if version is not None and version > database.CURRENT_VERSION:
        # Read the tables without creating -wal/-shm beside a file we may not touch.
        return _inspect_header_only(path, version)
    try:
        conn = database.connect_read_only(path)
    except sqlite3.Error as exc:
        error = classify(exc)
        if isinstance(error, CorruptDatabaseError):
            return _Verdict.DAMAGED, 0
        raise error from exc
    try:
        version = database.user_version(conn)
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            return _Verdict.DAMAGED, version
        if version == 0:
            # Tables but no version: not a Facewell history. Kept aside like a damaged one.
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            return (_Verdict.DAMAGED if has_tables else _Verdict.OK), version
        if not _is_ours(conn, version):
            return _Verdict.DAMAGED, version
        if version > database.CURRENT_VERSION:
            return _Verdict.NEWER, version
        return _Verdict.OK, version
    except sqlite3.Error as exc:
        error = classify(exc)
        if isinstance(error, CorruptDatabaseError):
            return _Verdict.DAMAGED, 0
        raise error from exc
    finally:
        conn.close()


def _inspect_header_only(path: Path, version: int) -> tuple[str, int]:
    """A file whose header claims a newer version: NEWER if its tables are Facewell's,
    else DAMAGED. Opened ``immutable``, so SQLite makes no side files and takes no lock."""
    try:
        conn = database.connect_read_only(path, immutable=True)
    except sqlite3.Error:
        return _Verdict.DAMAGED, version
    try:
        ours = _is_ours(conn, version)
    except sqlite3.Error:
        ours = False
    finally:
        conn.close()
    return (_Verdict.NEWER if ours else _Verdict.DAMAGED), version


def _backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of ``conn``'s database at ``target`` (0600), via a temp name."""
    temp = target.with_name(f".{target.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    try:
        database.private_file(temp)
        dest = sqlite3.connect(temp)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        temp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _daily_backup(conn: sqlite3.Connection, data_dir: Path, today: date) -> Path | None:
    """Back up once per local day into DATA_DIR/backups; keep the newest daily ones."""
    folder = ensure_private_dir(data_dir / BACKUP_DIR)
    target = folder / f"history-{today.isoformat()}.sqlite3"
    if target.exists():
        return None
    _backup_to(conn, target)
    daily = sorted(p for p in folder.iterdir() if _DAILY_RE.match(p.name))
    for old in daily[:-DAILY_BACKUPS_KEPT]:
        old.unlink()
    return target


def open_history(
    data_dir: Path,
    *,
    now: Callable[[], datetime] = _aware_now,
    lock: HistoryLock | None = None,
) -> OpenResult:
    """Open (creating, migrating, repairing as needed) DATA_DIR/history.sqlite3.

    Never raises for known problems: a newer file is refused untouched; a read-only
    file or a full disk gives a read-only ``history`` (``writable`` False) that can
    still be read and exported. Programming errors still raise.

    Only the owner of the history (see app.storage.owner) repairs it: it moves a
    damaged file aside and starts a fresh one, marks rows left "running" by a crash as
    "interrupted", and makes the daily backup (the newest 7 kept). The owner is the
    process that passes its held ``lock``, or, without one, this call when it can take
    the lock for itself because nobody else is recording; it gives it back on return.
    Anyone else gets a connection that leaves other processes' rows alone.
    """
    result = OpenResult(history=None)
    try:
        ensure_private_dir(data_dir)
    except (FileExistsError, NotADirectoryError):
        result.notices.append(
            _cant_save(StorageError(f"the data folder {data_dir} is a file, not a folder."))
        )
        return result
    except OSError as exc:
        result.notices.append(_cant_save(classify(exc)))
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
            verdict, version = _inspect(path)
        except StorageError as error:
            result.notices.append(_cant_save(error))
            return
        if verdict == _Verdict.NEWER:
            result.notices.append(_newer_notice(version))
            return
        if verdict == _Verdict.DAMAGED:
            if not owner:
                result.notices.append(_damaged_in_use_notice())
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
                result.notices.append(newer.message)
                return
            except StorageError as storage_error:
                conn.close()
                failure = storage_error
            except BaseException:
                conn.close()
                raise
        # Damage that quick_check missed: set the file aside once and start afresh.
        if (
            not owner
            or not isinstance(failure, CorruptDatabaseError)
            or result.moved_aside is not None
        ):
            break
        if not _set_aside(path, now, result):
            return
    assert failure is not None
    result.notices.append(_cant_save(failure))
    if isinstance(failure, ReadOnlyError | DiskFullError) and path.exists():
        # Nothing new can be saved, but everything saved can still be read.
        with contextlib.suppress(sqlite3.Error, OSError):
            result.history = History(database.connect_read_only(path), data_dir, now)
            result.writable = False


def open_read_only(data_dir: Path, *, now: Callable[[], datetime] = _aware_now) -> OpenResult:
    """The history for reading only (``facewell history``, ``report``): reads through
    a read-only connection, never recovers rows and takes no lock of its own.

    No history yet gives an empty one. A damaged file, or one in an older format, is
    first handed to :func:`open_history`, which keeps a damaged file aside (never
    deleting it) or brings an old one up to date, but only when nobody else uses it.
    """
    path = data_dir / HISTORY_FILE
    if not path.exists():
        return OpenResult(History.empty(data_dir, now), writable=False)
    try:
        verdict, version = _inspect(path)
    except StorageError as error:
        return OpenResult(None, [_cant_read(error)])
    if verdict == _Verdict.NEWER:
        return OpenResult(None, [_newer_notice(version)])
    if verdict == _Verdict.DAMAGED:
        repaired = open_history(data_dir, now=now)
        if repaired.moved_aside is None and repaired.history is not None:
            repaired.history.close()
            return OpenResult(None, [*repaired.notices, _damaged_read_notice()])
        return repaired
    if version < database.CURRENT_VERSION:
        upgraded = open_history(data_dir, now=now)
        if upgraded.history is None or not upgraded.writable:
            if upgraded.history is not None:
                upgraded.history.close()
            return OpenResult(None, [*upgraded.notices, _old_format_notice()])
        upgraded.history.close()
    try:
        conn = database.connect_read_only(path)
    except sqlite3.Error as exc:
        return OpenResult(None, [_cant_read(classify(exc))])
    return OpenResult(History(conn, data_dir, now), writable=False)


def _set_aside(path: Path, now: Callable[[], datetime], result: OpenResult) -> bool:
    """Move a damaged history aside and say so; False (and a notice) if it can't be."""
    try:
        result.moved_aside = _move_aside(path, "corrupt", now())
    except OSError as exc:
        result.notices.append(_cant_save(classify(exc)))
        return False
    result.notices.append(_damaged_notice(result.moved_aside, result.newest_backup))
    return True


def _prepare(
    conn: sqlite3.Connection,
    data_dir: Path,
    now: Callable[[], datetime],
    result: OpenResult,
    *,
    owner: bool,
) -> History:
    """Migrate (after a backup); for the owner, also recover crashed sessions and make
    the daily backup."""
    with _known_errors():
        version = database.user_version(conn)
        if version > database.CURRENT_VERSION:  # a newer Facewell got there first
            raise NewerDatabaseError(_newer_notice(version))
        if 0 < version < database.CURRENT_VERSION:
            folder = ensure_private_dir(data_dir / BACKUP_DIR)
            target = folder / (
                f"history-before-v{database.CURRENT_VERSION}-{_stamp(now())}.sqlite3"
            )
            _backup_to(conn, target)
        database.migrate(conn)
    history = History(conn, data_dir, now)
    if owner:
        _save_pending(history, data_dir)
    with _known_errors(), database.transaction(conn):
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
        made = _daily_backup(conn, data_dir, now().date())
    except (sqlite3.Error, OSError) as exc:
        if isinstance(exc, OSError) and exc.errno in (errno.EEXIST, errno.ENOTDIR):
            reason = f"{data_dir / BACKUP_DIR} is not a folder."
        else:
            reason = classify(exc).message
        result.notices.append(
            f"Today's backup of your history couldn't be made: {reason} "
            "Your history itself is fine."
        )
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
            history.save_state(state)
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

    Close any open :class:`History` on DATA_DIR first.
    """
    try:
        verdict, version = _inspect(backup)
    except StorageError as error:
        return OpenResult(None, [f"That backup can't be read: {error.message}"])
    if verdict == _Verdict.NEWER:
        return OpenResult(None, [_newer_notice(version)])
    if verdict == _Verdict.DAMAGED:
        return OpenResult(None, ["That backup is damaged, so your history was not changed."])
    path = data_dir / HISTORY_FILE
    try:
        source = database.connect_read_only(backup)
        try:
            staged = data_dir / f".{HISTORY_FILE}.restoring"
            _backup_to(source, staged)
        finally:
            source.close()
        aside = _move_aside(path, "replaced", now()) if path.exists() else None
        staged.replace(path)
    except (sqlite3.Error, OSError) as exc:
        return OpenResult(None, [_cant_save(classify(exc))])
    result = open_history(data_dir, now=now, lock=lock)
    restored = f"Your history was restored from {backup.name}."
    if aside is not None:
        restored += f" The history it replaced was kept as {aside.name}."
    result.notices.insert(0, restored)
    return result


@contextlib.contextmanager
def _known_errors() -> Iterator[None]:
    """Raise the known sqlite3/OS errors as StorageError; let bugs through."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        raise classify(exc) from exc


# -- validation helpers --------------------------------------------------------------


def _aware(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be a datetime with a time zone, not {value!r}")
    return value


def _severity(value: int | None, low: int, high: int, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, not {value!r}")
    return value


def _seconds(value: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number of seconds, not {value!r}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be zero or more seconds, not {value!r}")
    return float(value)


def _text(value: str, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {value!r}")
    return value


def _check_category(category: str) -> str:
    if category not in CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    return category


def _check_entry(entry: JournalEntry) -> None:
    _aware(entry.at, "at")
    if entry.side not in (*SIDES, ""):
        raise ValueError(f"side must be one of {', '.join(SIDES)} or empty, not {entry.side!r}")
    _text(entry.note, "note")
    if entry.kind == "episode":
        if entry.area not in AREAS:
            raise ValueError(f"area must be one of {', '.join(AREAS)}, not {entry.area!r}")
        _severity(entry.severity, 1, 10, "severity")
        if entry.duration_s is not None:
            _seconds(entry.duration_s, "duration_s")
        for trigger in entry.triggers:
            if trigger not in TRIGGERS:
                raise ValueError(
                    f"each trigger must be one of {', '.join(TRIGGERS)}, not {trigger!r}"
                )
        for symptom in entry.symptoms:
            if not isinstance(symptom, str) or not symptom.strip():
                raise ValueError(f"each symptom must be a short text, not {symptom!r}")
        if entry.treatment:
            raise ValueError("an episode has no treatment")
    elif entry.kind == "treatment":
        if entry.treatment not in TREATMENTS:
            raise ValueError(
                f"treatment must be one of {', '.join(TREATMENTS)}, not {entry.treatment!r}"
            )
        if entry.area or entry.severity is not None or entry.triggers or entry.symptoms:
            raise ValueError("a treatment has no area, severity, triggers or symptoms")
        if entry.duration_s is not None:
            _seconds(entry.duration_s, "duration_s")
    else:
        raise ValueError(f"kind must be 'episode' or 'treatment', not {entry.kind!r}")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _safe_cell(value: object) -> str | int | float:
    """A CSV cell a spreadsheet will not run as a formula: text starting with
    = + - @ tab or CR gets a leading apostrophe (OWASP's advice)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_SESSION_COLUMNS = (
    "id, routine, slug, category, started_at, ended_at, planned_s, elapsed_s, status,"
    " step_index, severity_before, severity_after, feeling, note, uid"
)
_JOURNAL_COLUMNS = (
    "id, kind, at, area, side, severity, duration_s, triggers, symptoms, treatment, note, uid"
)

_SESSION_EXPORT_KEYS = (
    "routine",
    "slug",
    "category",
    "started_at",
    "ended_at",
    "planned_s",
    "elapsed_s",
    "status",
    "severity_before",
    "severity_after",
    "feeling",
    "note",
    "uid",
)
_JOURNAL_EXPORT_KEYS = (
    "kind",
    "at",
    "area",
    "side",
    "severity",
    "duration_s",
    "triggers",
    "symptoms",
    "treatment",
    "note",
    "uid",
)

EXPORT_FORMAT = "facewell-history"
EXPORT_VERSION = 1
_IMPORT_NAMESPACE = uuid.UUID("6f1c5e0a-3b1d-4c1e-9a57-2f0c7d6f4e11")

_SessionRow = tuple[
    int,
    str,
    str,
    str,
    str,
    str | None,
    float,
    float,
    str,
    int,
    int | None,
    int | None,
    str,
    str,
    str,
]
_JournalRow = tuple[int, str, str, str, str, int | None, float | None, str, str, str, str, str]


def _session_from_row(row: _SessionRow) -> SessionRecord:
    ended = row[5]
    return SessionRecord(
        id=row[0],
        routine=row[1],
        slug=row[2],
        category=row[3],
        started_at=database.parse_stored_time(row[4]),
        ended_at=None if ended is None else database.parse_stored_time(ended),
        planned_s=row[6],
        elapsed_s=row[7],
        status=row[8],
        step_index=row[9],
        severity_before=row[10],
        severity_after=row[11],
        feeling=row[12],
        note=row[13],
        uid=row[14],
    )


def _journal_from_row(row: _JournalRow) -> JournalEntry:
    return JournalEntry(
        id=row[0],
        kind=row[1],
        at=database.parse_stored_time(row[2]),
        area=row[3],
        side=row[4],
        severity=row[5],
        duration_s=row[6],
        triggers=tuple(json.loads(row[7])),
        symptoms=tuple(json.loads(row[8])),
        treatment=row[9],
        note=row[10],
        uid=row[11],
    )


class History:
    """The open history database. Create it with :func:`open_history`.

    Not thread-safe: use it from the thread that opened it. Every write commits before
    it returns (WAL, synchronous=FULL) and raises StorageError for known problems;
    ValueError for arguments out of range; KeyError for an unknown id.
    """

    def __init__(
        self, conn: sqlite3.Connection, data_dir: Path, now: Callable[[], datetime]
    ) -> None:
        self._conn = conn
        self.data_dir = data_dir
        self.path = data_dir / HISTORY_FILE
        self._now = now

    @classmethod
    def empty(cls, data_dir: Path, now: Callable[[], datetime] = _aware_now) -> History:
        """An empty history in memory: what a reader sees before anything was saved."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        database.migrate(conn)
        return cls(conn, data_dir, now)

    @classmethod
    def attach(
        cls,
        data_dir: Path,
        *,
        now: Callable[[], datetime] = _aware_now,
        read_only: bool = False,
    ) -> History:
        """A connection to a history that :func:`open_history` has already prepared:
        cheap (no check, recovery or backup), for another thread or the GUI thread;
        ``read_only`` where it could only be opened so. Raises StorageError for known
        problems."""
        path = data_dir / HISTORY_FILE
        try:
            conn = database.connect_read_only(path) if read_only else database.connect(path)
        except (sqlite3.Error, OSError) as exc:
            raise classify(exc) from exc
        return cls(conn, data_dir, now)

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _write(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        with _known_errors():
            return self._conn.execute(sql, params)

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        with _known_errors():
            return self._conn.execute(sql, params).fetchall()

    # -- sessions --------------------------------------------------------------------

    def start_session(
        self,
        routine: str,
        slug: str,
        category: str,
        planned_s: float,
        *,
        started_at: datetime,
        severity_before: int | None = None,
    ) -> int:
        """Record a session as "running" and return its id."""
        _aware(started_at, "started_at")
        _check_category(category)
        _text(routine, "routine")
        _text(slug, "slug")
        planned = _seconds(planned_s, "planned_s")
        _severity(severity_before, 0, 10, "severity_before")
        stamp = started_at.isoformat()
        cursor = self._write(
            "INSERT INTO sessions (routine, slug, category, started_at, started_us, day,"
            " checkpoint_at, planned_s, elapsed_s, status, step_index, severity_before, uid)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'running', 0, ?, ?)",
            (
                routine,
                slug,
                category,
                stamp,
                database.epoch_us(started_at),
                started_at.date().isoformat(),
                stamp,
                planned,
                severity_before,
                str(uuid.uuid4()),
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def save_state(self, state: PendingSession) -> int:
        """Bring the session with ``state.uid`` to ``state``, inserting it if it is not
        there yet, in one transaction; return its id.

        What the recorder calls with the latest state it holds, as often as it likes:
        a retry after a failure, or a state kept on disk by an earlier process, lands
        the same way.
        """
        _aware(state.started_at, "started_at")
        _check_category(state.category)
        _text(state.routine, "routine")
        _text(state.slug, "slug")
        planned = _seconds(state.planned_s, "planned_s")
        elapsed = _seconds(state.elapsed_s, "elapsed_s")
        _severity(state.severity_before, 0, 10, "severity_before")
        if state.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        checkpoint = _aware(state.checkpoint_at or state.started_at, "checkpoint_at")
        ended = None if state.ended_at is None else _aware(state.ended_at, "ended_at")
        if state.feedback is not None:
            _severity(state.feedback[0], 0, 10, "severity_after")
            _text(state.feedback[1], "feeling")
            _text(state.feedback[2], "note")
        started = state.started_at.isoformat()
        with _known_errors(), database.transaction(self._conn):
            execute = self._conn.execute
            row = execute("SELECT id FROM sessions WHERE uid = ?", (state.uid,)).fetchone()
            if row is None:
                cursor = execute(
                    "INSERT INTO sessions (routine, slug, category, started_at, started_us,"
                    " day, planned_s, status, severity_before, uid)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)",
                    (
                        state.routine,
                        state.slug,
                        state.category,
                        started,
                        database.epoch_us(state.started_at),
                        state.started_at.date().isoformat(),
                        planned,
                        state.severity_before,
                        state.uid,
                    ),
                )
                assert cursor.lastrowid is not None
                session_id = cursor.lastrowid
            else:
                session_id = int(row[0])
            execute(
                "UPDATE sessions SET elapsed_s = ?, step_index = ?, checkpoint_at = ?,"
                " status = ?, ended_at = ? WHERE id = ?",
                (
                    elapsed,
                    state.step_index,
                    (ended or checkpoint).isoformat(),
                    state.status,
                    None if ended is None else ended.isoformat(),
                    session_id,
                ),
            )
            if state.feedback is not None:
                execute(
                    "UPDATE sessions SET severity_after = ?, feeling = ?, note = ? WHERE id = ?",
                    (*state.feedback, session_id),
                )
        return session_id

    def checkpoint(
        self, session_id: int, elapsed_s: float, step_index: int, *, at: datetime
    ) -> None:
        """Save progress of a running session: one UPDATE, one commit.

        Ignored once the session has finished. A row another Facewell marked
        "interrupted" meanwhile becomes "running" again.
        """
        _aware(at, "at")
        self._write(
            "UPDATE sessions SET elapsed_s = ?, step_index = ?, checkpoint_at = ?,"
            " status = 'running', ended_at = NULL"
            " WHERE id = ? AND status IN ('running', 'interrupted')",
            (_seconds(elapsed_s, "elapsed_s"), step_index, at.isoformat(), session_id),
        )

    def finish_session(
        self, session_id: int, status: str, elapsed_s: float, *, ended_at: datetime
    ) -> None:
        """Close a session as "completed" or "stopped". KeyError if there is no such id."""
        if status not in FINISHED_STATUSES:
            raise ValueError(f"status must be 'completed' or 'stopped', not {status!r}")
        _aware(ended_at, "ended_at")
        stamp = ended_at.isoformat()
        cursor = self._write(
            "UPDATE sessions SET status = ?, elapsed_s = ?, ended_at = ?, checkpoint_at = ?"
            " WHERE id = ?",
            (status, _seconds(elapsed_s, "elapsed_s"), stamp, stamp, session_id),
        )
        if cursor.rowcount == 0:
            raise KeyError(session_id)

    def _update(self, session_id: int, assignments: str, params: Sequence[object]) -> None:
        cursor = self._write(
            f"UPDATE sessions SET {assignments} WHERE id = ?", (*params, session_id)
        )
        if cursor.rowcount == 0:
            raise KeyError(session_id)

    def set_feedback(
        self, session_id: int, *, severity_after: int | None, feeling: str, note: str
    ) -> None:
        """Save the after-routine answers (severity 0-10 or None)."""
        _severity(severity_after, 0, 10, "severity_after")
        self._update(
            session_id,
            "severity_after = ?, feeling = ?, note = ?",
            (severity_after, _text(feeling, "feeling"), _text(note, "note")),
        )

    def set_severity_before(self, session_id: int, severity: int | None) -> None:
        """Save the optional before-routine severity (0-10 or None)."""
        _severity(severity, 0, 10, "severity_before")
        self._update(session_id, "severity_before = ?", (severity,))

    def update_note(self, session_id: int, note: str) -> None:
        self._update(session_id, "note = ?", (_text(note, "note"),))

    def session(self, session_id: int) -> SessionRecord:
        """One session; KeyError if there is none."""
        rows = self._read(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise KeyError(session_id)
        return _session_from_row(rows[0])

    def delete_session(self, session_id: int) -> SessionRecord:
        """Delete and return the session, for undo with :meth:`restore_session`."""
        with _known_errors(), database.transaction(self._conn):
            record = self.session(session_id)
            self._conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        return record

    def restore_session(self, record: SessionRecord) -> None:
        """Put a deleted session back with its id and uid (no-op if the uid is present)."""
        _aware(record.started_at, "started_at")
        if record.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        ended = None if record.ended_at is None else _aware(record.ended_at, "ended_at")
        with _known_errors(), database.transaction(self._conn):
            if self._conn.execute("SELECT 1 FROM sessions WHERE uid = ?", (record.uid,)).fetchone():
                return
            taken = self._conn.execute(
                "SELECT 1 FROM sessions WHERE id = ?", (record.id,)
            ).fetchone()
            self._insert_session(record, None if taken else record.id, ended)

    def _insert_session(
        self, record: SessionRecord, session_id: int | None, ended: datetime | None
    ) -> None:
        started = record.started_at.isoformat()
        ended_text = None if ended is None else ended.isoformat()
        self._conn.execute(
            "INSERT INTO sessions (id, routine, slug, category, started_at, started_us, day,"
            " ended_at, checkpoint_at, planned_s, elapsed_s, status, step_index,"
            " severity_before, severity_after, feeling, note, uid)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                record.routine,
                record.slug,
                record.category,
                started,
                database.epoch_us(record.started_at),
                record.started_at.date().isoformat(),
                ended_text,
                ended_text or started,
                record.planned_s,
                record.elapsed_s,
                record.status,
                record.step_index,
                record.severity_before,
                record.severity_after,
                record.feeling,
                record.note,
                record.uid,
            ),
        )

    @staticmethod
    def _filters(
        routine: str | None, category: str | None, slug: str | None
    ) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        for column, value in (("routine", routine), ("category", category), ("slug", slug)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def sessions(
        self,
        *,
        routine: str | None = None,
        category: str | None = None,
        slug: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[SessionRecord]:
        """Sessions, newest first, optionally filtered by routine name, category or slug.

        For a long history ask for a page (``limit``/``offset``) and use
        :meth:`count_sessions` for the total.
        """
        where, params = self._filters(routine, category, slug)
        rows = self._read(
            f"SELECT {_SESSION_COLUMNS} FROM sessions{where}"
            " ORDER BY started_us DESC, id DESC LIMIT ? OFFSET ?",
            (*params, -1 if limit is None else limit, offset),
        )
        return [_session_from_row(row) for row in rows]

    def count_sessions(
        self, *, routine: str | None = None, category: str | None = None, slug: str | None = None
    ) -> int:
        where, params = self._filters(routine, category, slug)
        return int(self._read(f"SELECT count(*) FROM sessions{where}", params)[0][0])

    def routines(self) -> list[tuple[str, str]]:
        """(routine, slug) pairs that appear in the history, for the filter menu."""
        return [
            (row[0], row[1])
            for row in self._read(
                "SELECT DISTINCT routine, slug FROM sessions ORDER BY routine, slug"
            )
        ]

    def _bulk_insert_sessions(self, rows: Iterable[Sequence[object]]) -> None:
        """For app.storage.bulk: rows of (routine, slug, category, started_at, started_us,
        day, ended_at, planned_s, elapsed_s, status, step_index, uid), one transaction."""
        with _known_errors(), database.transaction(self._conn):
            self._conn.execute("PRAGMA cache_size = -65536")  # 64 MiB while filling
            self._conn.executemany(
                "INSERT INTO sessions (routine, slug, category, started_at, started_us, day,"
                " ended_at, checkpoint_at, planned_s, elapsed_s, status, step_index, uid)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                # checkpoint_at is ended_at. A numbered "?7" would be a named parameter,
                # which Python 3.12 deprecates with sequence parameters.
                ((*row[:7], row[6], *row[7:]) for row in rows),
            )
            self._conn.execute("PRAGMA cache_size = -2000")  # back to SQLite's default

    # -- journal ---------------------------------------------------------------------

    def add_journal(self, entry: JournalEntry) -> int:
        """Store an entry (its id is ignored) and return the new id. ValueError if a
        field is out of range; an entry whose uid is already stored is not added twice
        (the stored entry's id is returned)."""
        _check_entry(entry)
        with _known_errors(), database.transaction(self._conn):
            return self._insert_journal(entry, None)

    def _insert_journal(self, entry: JournalEntry, entry_id: int | None) -> int:
        existing = self._conn.execute(
            "SELECT id FROM journal WHERE uid = ?", (entry.uid,)
        ).fetchone()
        if existing:
            return int(existing[0])
        cursor = self._conn.execute(
            "INSERT INTO journal (id, uid, kind, at, at_us, day, area, side, severity,"
            " duration_s, triggers, symptoms, treatment, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry_id,
                entry.uid or str(uuid.uuid4()),
                entry.kind,
                entry.at.isoformat(),
                database.epoch_us(entry.at),
                entry.at.date().isoformat(),
                entry.area,
                entry.side,
                entry.severity,
                None if entry.duration_s is None else float(entry.duration_s),
                json.dumps(list(entry.triggers)),
                json.dumps(list(entry.symptoms)),
                entry.treatment,
                entry.note,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def journal(self, kind: str | None = None) -> list[JournalEntry]:
        """Journal entries, newest first; kind "episode", "treatment" or None for all."""
        if kind is None:
            rows = self._read(
                f"SELECT {_JOURNAL_COLUMNS} FROM journal ORDER BY at_us DESC, id DESC"
            )
        else:
            rows = self._read(
                f"SELECT {_JOURNAL_COLUMNS} FROM journal WHERE kind = ?"
                " ORDER BY at_us DESC, id DESC",
                (kind,),
            )
        return [_journal_from_row(row) for row in rows]

    def journal_entry(self, entry_id: int) -> JournalEntry:
        """One journal entry; KeyError if there is none."""
        rows = self._read(f"SELECT {_JOURNAL_COLUMNS} FROM journal WHERE id = ?", (entry_id,))
        if not rows:
            raise KeyError(entry_id)
        return _journal_from_row(rows[0])

    def delete_journal(self, entry_id: int) -> JournalEntry:
        """Delete and return an entry (for undo with :meth:`restore_journal`)."""
        with _known_errors(), database.transaction(self._conn):
            entry = self.journal_entry(entry_id)
            self._conn.execute("DELETE FROM journal WHERE id = ?", (entry_id,))
        return entry

    def restore_journal(self, entry: JournalEntry) -> None:
        """Put a deleted entry back with its id and uid (no-op if the uid is present)."""
        _check_entry(entry)
        with _known_errors(), database.transaction(self._conn):
            taken = self._conn.execute("SELECT 1 FROM journal WHERE id = ?", (entry.id,)).fetchone()
            self._insert_journal(entry, None if taken else entry.id)

    # -- statistics and charts -------------------------------------------------------

    def stats(self, today: date) -> Stats:
        """Totals, this week (Monday to today), this month and streaks; see :class:`Stats`.

        All aggregates run in SQL on the (day, status, elapsed_s) index; streaks are
        computed from the list of distinct qualifying days (a few thousand at most).
        """
        week_start = _monday(today).isoformat()
        month_start = today.replace(day=1).isoformat()
        end = today.isoformat()
        with _known_errors():
            execute = self._conn.execute
            count, total_s = execute("SELECT count(*), total(elapsed_s) FROM sessions").fetchone()
            week_s = execute(
                "SELECT total(elapsed_s) FROM sessions WHERE day BETWEEN ? AND ?",
                (week_start, end),
            ).fetchone()[0]
            month_count = execute(
                "SELECT count(*) FROM sessions WHERE day BETWEEN ? AND ?", (month_start, end)
            ).fetchone()[0]
            days = execute(
                "SELECT DISTINCT day FROM sessions WHERE day <= ?"
                " AND status IN ('completed', 'stopped', 'interrupted') AND elapsed_s >= ?"
                " ORDER BY day",
                (end, STREAK_MIN_SECONDS),
            ).fetchall()
        current, longest = _streaks([date.fromisoformat(row[0]) for row in days], today)
        return Stats(
            sessions=int(count),
            total_minutes=float(total_s) / 60,
            minutes_this_week=float(week_s) / 60,
            sessions_this_month=int(month_count),
            current_streak=current,
            longest_streak=longest,
        )

    def _per_day(
        self, table: str, aggregate: str, where: str, first: date, last: date
    ) -> dict[date, float]:
        rows = self._read(
            f"SELECT day, {aggregate} FROM {table} WHERE day BETWEEN ? AND ?{where} GROUP BY day",
            (first.isoformat(), last.isoformat()),
        )
        return {date.fromisoformat(day): float(value) for day, value in rows}

    def minutes_per_day(self, today: date, days: int = 30) -> list[tuple[date, float]]:
        """Minutes of all sessions per day, oldest first, ``days`` days ending today."""
        first = today - timedelta(days=days - 1)
        totals = self._per_day("sessions", "total(elapsed_s)", "", first, today)
        return [
            (day, totals.get(day, 0.0) / 60)
            for day in (first + timedelta(days=i) for i in range(days))
        ]

    def _per_week(
        self, table: str, aggregate: str, where: str, today: date, weeks: int
    ) -> list[tuple[date, float]]:
        last_monday = _monday(today)
        first = last_monday - timedelta(weeks=weeks - 1)
        totals = self._per_day(table, aggregate, where, first, last_monday + timedelta(days=6))
        buckets = {first + timedelta(weeks=i): 0.0 for i in range(weeks)}
        for day, value in totals.items():
            buckets[_monday(day)] += value
        return list(buckets.items())

    def minutes_per_week(self, today: date, weeks: int = 12) -> list[tuple[date, float]]:
        """(Monday, minutes) oldest first, ``weeks`` weeks ending with today's week."""
        return [
            (monday, seconds / 60)
            for monday, seconds in self._per_week("sessions", "total(elapsed_s)", "", today, weeks)
        ]

    def episodes_per_week(self, today: date, weeks: int = 12) -> list[tuple[date, int]]:
        """(Monday, episodes) oldest first, ``weeks`` weeks ending with today's week."""
        return [
            (monday, int(count))
            for monday, count in self._per_week(
                "journal", "count(*)", " AND kind = 'episode'", today, weeks
            )
        ]

    def severity_series(self) -> list[tuple[datetime, int | None, int | None]]:
        """(started_at, severity_before, severity_after) of sessions with either, oldest first."""
        rows = self._read(
            "SELECT started_at, severity_before, severity_after FROM sessions"
            " WHERE severity_before IS NOT NULL OR severity_after IS NOT NULL"
            " ORDER BY started_us, id"
        )
        return [(database.parse_stored_time(at), before, after) for at, before, after in rows]

    def top_triggers(self, since: datetime, n: int = 5) -> list[tuple[str, int]]:
        """The most frequent triggers of episodes at or after ``since`` (ties by name)."""
        rows = self._read(
            "SELECT triggers FROM journal WHERE kind = 'episode' AND at_us >= ?",
            (database.epoch_us(_aware(since, "since")),),
        )
        counts = Counter(trigger for (text,) in rows for trigger in json.loads(text))
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]

    def treatments(self, since: datetime) -> list[JournalEntry]:
        """Treatment events at or after ``since``, oldest first (chart markers)."""
        rows = self._read(
            f"SELECT {_JOURNAL_COLUMNS} FROM journal WHERE kind = 'treatment' AND at_us >= ?"
            " ORDER BY at_us, id",
            (database.epoch_us(_aware(since, "since")),),
        )
        return [_journal_from_row(row) for row in rows]

    # -- seek-help prompts -----------------------------------------------------------

    def help_prompts(self, today: date) -> list[HelpPrompt]:
        """Reasons to show the seek-help advice that have not been shown yet.

        - an episode in the last SYMPTOM_WINDOW_DAYS days that logged vision changes,
          balance problems or numbness: key "symptom:<uid>";
        - episodes per week that went up three weeks in a row (four weeks, each more
          than the one before; the current week counts as soon as it is already
          higher), while the rise is still going on: key "rising:<Monday of the week
          of the third rise>".
        """
        with _known_errors():
            shown = {row[0] for row in self._conn.execute("SELECT key FROM prompts_shown")}
        prompts: list[HelpPrompt] = []
        first = (today - timedelta(days=SYMPTOM_WINDOW_DAYS - 1)).isoformat()
        rows = self._read(
            "SELECT uid, at, symptoms FROM journal WHERE kind = 'episode'"
            " AND day BETWEEN ? AND ? ORDER BY at_us, id",
            (first, today.isoformat()),
        )
        for uid, at, symptoms in rows:
            flags = [s for s in json.loads(symptoms) if s in RED_FLAG_SYMPTOMS]
            key = f"symptom:{uid}"
            if flags and key not in shown:
                when = database.parse_stored_time(at)
                prompts.append(HelpPrompt(key, _symptom_message(when.date(), flags)))
        weekly = self.episodes_per_week(today, RISING_LOOKBACK_WEEKS)
        rising = _rising_run(weekly)
        if rising is not None:
            key = f"rising:{rising[0].isoformat()}"
            if key not in shown:
                prompts.append(HelpPrompt(key, _rising_message(rising[1])))
        return prompts

    def seek_help_reasons(self, today: date) -> list[str]:
        """The messages of :meth:`help_prompts` (mark them shown by key)."""
        return [prompt.message for prompt in self.help_prompts(today)]

    def mark_prompt_shown(self, key: str) -> None:
        """Remember that a prompt was shown, so it is not shown again."""
        self._write(
            "INSERT OR IGNORE INTO prompts_shown (key, shown_at) VALUES (?, ?)",
            (_text(key, "key"), self._now().isoformat()),
        )

    # -- export / import -------------------------------------------------------------

    def export_json(self) -> dict[str, Any]:
        """Everything, as ``{"format": "facewell-history", "version": 1, "sessions": […],
        "journal": […]}``, oldest first; times ISO 8601 with their UTC offset."""
        sessions = self._read(
            "SELECT routine, slug, category, started_at, ended_at, planned_s, elapsed_s,"
            " status, severity_before, severity_after, feeling, note, uid"
            " FROM sessions ORDER BY started_us, uid"
        )
        journal = self._read(
            "SELECT kind, at, area, side, severity, duration_s, triggers, symptoms,"
            " treatment, note, uid FROM journal ORDER BY at_us, uid"
        )
        journal_items = []
        for row in journal:
            item = dict(zip(_JOURNAL_EXPORT_KEYS, row, strict=True))
            item["triggers"] = json.loads(row[6])
            item["symptoms"] = json.loads(row[7])
            journal_items.append(item)
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "sessions": [dict(zip(_SESSION_EXPORT_KEYS, row, strict=True)) for row in sessions],
            "journal": journal_items,
        }

    def import_json(self, data: dict[str, Any]) -> tuple[int, int]:
        """Import an :meth:`export_json` document; returns (added, skipped).

        Everything is checked first (ValueError naming the bad item, nothing imported),
        then added in one transaction. Items already present are skipped: same uid, or
        for items without a uid, a session with the same routine and start time or a
        journal entry with the same kind and time. "running" sessions come in as
        "interrupted".
        """
        sessions, entries = _parse_import(data)
        added = skipped = 0
        with _known_errors(), database.transaction(self._conn):
            execute = self._conn.execute
            for record, has_uid in sessions:
                duplicate = execute(
                    "SELECT 1 FROM sessions WHERE uid = ?", (record.uid,)
                ).fetchone()
                if not duplicate and not has_uid:
                    duplicate = execute(
                        "SELECT 1 FROM sessions WHERE routine = ? AND started_us = ?",
                        (record.routine, database.epoch_us(record.started_at)),
                    ).fetchone()
                if duplicate:
                    skipped += 1
                    continue
                self._insert_session(record, None, record.ended_at)
                added += 1
            for entry, has_uid in entries:
                duplicate = execute("SELECT 1 FROM journal WHERE uid = ?", (entry.uid,)).fetchone()
                if not duplicate and not has_uid:
                    duplicate = execute(
                        "SELECT 1 FROM journal WHERE kind = ? AND at_us = ?",
                        (entry.kind, database.epoch_us(entry.at)),
                    ).fetchone()
                if duplicate:
                    skipped += 1
                    continue
                self._insert_journal(entry, None)
                added += 1
        return added, skipped

    def export_csv(self, sessions_out: TextIO, journal_out: TextIO) -> None:
        """Sessions and journal as two CSV tables (header row first, oldest first).

        Open the files with ``newline=""``. Triggers and symptoms are joined with "; ".
        Text cells starting with = + - @ tab or CR get a leading apostrophe so that a
        spreadsheet never runs them as formulas.
        """
        data = self.export_json()
        writer = csv.writer(sessions_out)
        writer.writerow(_SESSION_EXPORT_KEYS)
        for item in data["sessions"]:
            writer.writerow([_safe_cell(item[key]) for key in _SESSION_EXPORT_KEYS])
        writer = csv.writer(journal_out)
        writer.writerow(_JOURNAL_EXPORT_KEYS)
        for item in data["journal"]:
            writer.writerow([_safe_cell(_csv_value(item[key])) for key in _JOURNAL_EXPORT_KEYS])

    def export_csv_single(self, out: TextIO) -> None:
        """Sessions and journal in one CSV table (for ``facewell history --csv`` on
        stdout): a first column "record" ("session", "episode" or "treatment") and the
        union of the columns of :meth:`export_csv`, empty where they don't apply."""
        data = self.export_json()
        columns = [
            "record",
            *_SESSION_EXPORT_KEYS,
            *(key for key in _JOURNAL_EXPORT_KEYS if key not in _SESSION_EXPORT_KEYS),
        ]
        writer = csv.writer(out)
        writer.writerow(columns)
        for item in data["sessions"]:
            writer.writerow(
                [_safe_cell("session"), *(_safe_cell(item.get(key)) for key in columns[1:])]
            )
        for item in data["journal"]:
            writer.writerow(
                [
                    _safe_cell(item["kind"]),
                    *(_safe_cell(_csv_value(item.get(key))) for key in columns[1:]),
                ]
            )

    def close(self) -> None:
        """Close the database (a clean close folds the WAL back into the file)."""
        self._conn.close()


SYMPTOM_WINDOW_DAYS = 30
"""Red-flag symptoms logged this many days back (today included) raise a prompt."""
RISING_LOOKBACK_WEEKS = 12


def _csv_value(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def _streaks(days: list[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days in the sorted, distinct ``days``."""
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if previous is not None and (today - previous).days <= 1:
        current = run
    return current, longest


def _rising_run(weekly: list[tuple[date, int]]) -> tuple[date, list[int]] | None:
    """The still-going rise of three or more weeks: (Monday of its third rise, counts).

    "Still going" means it reaches the current week, or last week (the current week may
    not have caught up yet).
    """
    counts = [count for _, count in weekly]
    run = [0] * len(counts)
    for i in range(1, len(counts)):
        run[i] = run[i - 1] + 1 if counts[i] > counts[i - 1] else 0
    for end in (len(counts) - 1, len(counts) - 2):
        if end >= 0 and run[end] >= 3:
            start = end - run[end]  # the week before the first rise
            return weekly[start + 3][0], counts[start : end + 1]
    return None


def _symptom_message(day: date, flags: list[str]) -> str:
    noted = " and ".join(flags) if len(flags) <= 2 else ", ".join(flags[:-1]) + " and " + flags[-1]
    return (
        f"On {_human_date(day)} you noted {noted}. Spasms that come with vision changes, "
        "balance problems or numbness are worth showing to a doctor soon."
    )


def _rising_message(counts: list[int]) -> str:
    shown = ", ".join(str(count) for count in counts)
    return (
        f"Your spasm episodes have gone up three weeks in a row ({shown} a week). When "
        "spasms keep coming back or get worse, it is a good time to talk to a doctor."
    )


# -- import parsing ------------------------------------------------------------------


def _import_time(value: object, where: str, key: str) -> datetime:
    example = "like 2026-05-01T08:30:00+02:00"
    if not isinstance(value, str):
        raise ValueError(f"{where}: '{key}' must be an ISO 8601 time with a UTC offset, {example}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{where}: '{key}' is not an ISO 8601 time ({value!r}); expected one {example}"
        ) from None
    if moment.utcoffset() is None:
        raise ValueError(
            f"{where}: '{key}' has no UTC offset ({value!r}); expected a time {example}"
        )
    return moment


def _import_field(
    item: dict[str, Any], key: str, where: str, check: Callable[[Any, str], Any]
) -> Any:
    try:
        return check(item[key], key)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def _parse_import(
    data: object,
) -> tuple[list[tuple[SessionRecord, bool]], list[tuple[JournalEntry, bool]]]:
    if not isinstance(data, dict):
        raise ValueError("This file is not a Facewell history export (expected a JSON object).")
    if data.get("format", EXPORT_FORMAT) != EXPORT_FORMAT:
        raise ValueError(f"This file is not a Facewell history export (format {data['format']!r}).")
    version = data.get("version", EXPORT_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValueError(f"'version' must be a whole number, not {version!r}.")
    if version > EXPORT_VERSION:
        raise ValueError(
            f"This file was made by a newer Facewell (export version {version}); "
            "update Facewell to import it."
        )
    raw_sessions = data.get("sessions", [])
    raw_journal = data.get("journal", [])
    if "sessions" not in data and "journal" not in data:
        raise ValueError("This file has neither 'sessions' nor 'journal'.")
    if not isinstance(raw_sessions, list):
        raise ValueError("'sessions' must be a list.")
    if not isinstance(raw_journal, list):
        raise ValueError("'journal' must be a list.")
    sessions = [_parse_session(item, i) for i, item in enumerate(raw_sessions)]
    entries = [_parse_entry(item, i) for i, item in enumerate(raw_journal)]
    return sessions, entries


def _parse_session(item: object, index: int) -> tuple[SessionRecord, bool]:
    where = f"sessions[{index}]"
    if not isinstance(item, dict):
        raise ValueError(f"{where} must be an object with 'routine', 'started_at', …")
    missing = [
        key
        for key in ("routine", "started_at", "planned_s", "elapsed_s", "status")
        if key not in item
    ]
    if missing:
        raise ValueError(f"{where} has no {', '.join(repr(key) for key in missing)}.")
    routine = _import_field(item, "routine", where, _text)
    if not routine.strip():
        raise ValueError(f"{where}: 'routine' is empty.")
    where = f"sessions[{index}] ({routine!r})"
    started = _import_time(item["started_at"], where, "started_at")
    ended = (
        None if item.get("ended_at") is None else _import_time(item["ended_at"], where, "ended_at")
    )
    status = item["status"]
    if status not in STATUSES:
        raise ValueError(f"{where}: 'status' must be one of {', '.join(STATUSES)}, not {status!r}.")
    if status == "running":
        status = "interrupted"
        ended = ended or started
    category = item.get("category", "mixed")
    if category not in CATEGORIES:
        raise ValueError(
            f"{where}: 'category' must be one of {', '.join(CATEGORIES)}, not {category!r}."
        )
    fields = {key: item.get(key) for key in ("severity_before", "severity_after")}
    for key, value in fields.items():
        try:
            _severity(value, 0, 10, key)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
    uid = item.get("uid")
    if uid is not None and not isinstance(uid, str):
        raise ValueError(f"{where}: 'uid' must be text, not {uid!r}.")
    has_uid = bool(uid)
    if not uid:
        uid = str(uuid.uuid5(_IMPORT_NAMESPACE, f"session|{routine}|{database.epoch_us(started)}"))
    record = SessionRecord(
        id=0,
        routine=routine,
        slug=_import_field({"slug": item.get("slug", "")}, "slug", where, _text),
        category=category,
        started_at=started,
        ended_at=ended,
        planned_s=_import_field(item, "planned_s", where, _seconds),
        elapsed_s=_import_field(item, "elapsed_s", where, _seconds),
        status=status,
        step_index=0,
        severity_before=fields["severity_before"],
        severity_after=fields["severity_after"],
        feeling=_import_field({"feeling": item.get("feeling", "")}, "feeling", where, _text),
        note=_import_field({"note": item.get("note", "")}, "note", where, _text),
        uid=uid,
    )
    return record, has_uid


def _parse_entry(item: object, index: int) -> tuple[JournalEntry, bool]:
    where = f"journal[{index}]"
    if not isinstance(item, dict):
        raise ValueError(f"{where} must be an object with 'kind', 'at', …")
    missing = [key for key in ("kind", "at") if key not in item]
    if missing:
        raise ValueError(f"{where} has no {', '.join(repr(key) for key in missing)}.")
    kind = item["kind"]
    where = f"journal[{index}] ({kind!r})"
    at = _import_time(item["at"], where, "at")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("triggers", "symptoms"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{where}: '{key}' must be a list of texts, not {value!r}.")
        lists[key] = tuple(value)
    uid = item.get("uid")
    if uid is not None and not isinstance(uid, str):
        raise ValueError(f"{where}: 'uid' must be text, not {uid!r}.")
    has_uid = bool(uid)
    duration = item.get("duration_s")
    entry = JournalEntry(
        id=0,
        kind=kind,
        at=at,
        area=item.get("area", ""),
        side=item.get("side", ""),
        severity=item.get("severity"),
        duration_s=duration,
        triggers=lists["triggers"],
        symptoms=lists["symptoms"],
        treatment=item.get("treatment", ""),
        note=item.get("note", ""),
        uid=uid or str(uuid.uuid5(_IMPORT_NAMESPACE, f"journal|{kind}|{database.epoch_us(at)}")),
    )
    try:
        _check_entry(entry)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    return entry, has_uid
