"""The history's files: look at one without touching it, keep a damaged one aside,
make backups and find them. No Qt.

Threads: any thread, before or beside a connection of this process: nothing here
opens the database file with a descriptor of its own while a connection may exist,
except the header check, which runs first (its docstring says why that is safe).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

from app.paths import ensure_private_dir
from app.storage import database
from app.storage.errors import CorruptDatabaseError, classify

__all__ = [
    "BACKUP_DIR",
    "DAILY_BACKUPS_KEPT",
    "HISTORY_FILE",
    "Verdict",
    "backup_day",
    "backup_to",
    "daily_backup",
    "inspect",
    "list_backups",
    "move_aside",
    "stamp",
]

from app.paths import BACKUPS_DIR as BACKUP_DIR
from app.paths import HISTORY_FILE

DAILY_BACKUPS_KEPT = 7


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S")


_DAILY_RE = re.compile(r"^history-(\d{4}-\d{2}-\d{2})\.sqlite3$")
_BEFORE_RE = re.compile(r"^history-before-v\d+-(\d{8})-\d{6}\.sqlite3$")


def list_backups(data_dir: Path) -> list[Path]:
    """Backups in DATA_DIR/backups (daily and before-migration), newest first."""
    folder = data_dir / BACKUP_DIR
    try:
        files = [p for p in folder.iterdir() if p.is_file() and backup_day(p) is not None]
    except OSError:
        return []
    return sorted(files, key=lambda p: (backup_day(p) or date.min, p.stat().st_mtime_ns, p.name))[
        ::-1
    ]


def backup_day(path: Path) -> date | None:
    """The day a backup was made, from its name (None: not a Facewell backup)."""
    if match := _DAILY_RE.match(path.name):
        return date.fromisoformat(match[1])
    if match := _BEFORE_RE.match(path.name):
        text = match[1]
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return None


def move_aside(path: Path, label: str, moment: datetime) -> Path:
    """Rename ``path`` and its -wal/-shm/-journal to ``path.label-STAMP…`` (never delete)."""
    base = path.with_name(f"{path.name}.{label}-{stamp(moment)}")
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


class Verdict:
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


def inspect(path: Path) -> tuple[str, int]:
    """Look at an existing file without writing to it: (verdict, user_version).

    A file that is damaged, has lost a table or column, or belongs to another program
    is DAMAGED (kept aside by the owner, never deleted); one from a newer Facewell is
    NEWER (left alone). Raises StorageError for problems that are not the file's fault
    (permissions, locks, disk errors): such a file is never moved aside.
    """
    version = _header_version(path)
    if version == -1:
        return Verdict.DAMAGED, 0
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
            return Verdict.DAMAGED, 0
        raise error from exc
    try:
        version = database.user_version(conn)
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            return Verdict.DAMAGED, version
        if version == 0:
            # Tables but no version: not a Facewell history. Kept aside like a damaged one.
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            return (Verdict.DAMAGED if has_tables else Verdict.OK), version
        if not _is_ours(conn, version):
            return Verdict.DAMAGED, version
        if version > database.CURRENT_VERSION:
            return Verdict.NEWER, version
        return Verdict.OK, version
    except sqlite3.Error as exc:
        error = classify(exc)
        if isinstance(error, CorruptDatabaseError):
            return Verdict.DAMAGED, 0
        raise error from exc
    finally:
        conn.close()


def _inspect_header_only(path: Path, version: int) -> tuple[str, int]:
    """A file whose header claims a newer version: NEWER if its tables are Facewell's,
    else DAMAGED. Opened ``immutable``, so SQLite makes no side files and takes no lock."""
    try:
        conn = database.connect_read_only(path, immutable=True)
    except sqlite3.Error:
        return Verdict.DAMAGED, version
    try:
        ours = _is_ours(conn, version)
    except sqlite3.Error:
        ours = False
    finally:
        conn.close()
    return (Verdict.NEWER if ours else Verdict.DAMAGED), version


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
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


def daily_backup(conn: sqlite3.Connection, data_dir: Path, today: date) -> Path | None:
    """Back up once per local day into DATA_DIR/backups; keep the newest daily ones."""
    folder = ensure_private_dir(data_dir / BACKUP_DIR)
    target = folder / f"history-{today.isoformat()}.sqlite3"
    if target.exists():
        return None
    backup_to(conn, target)
    daily = sorted(p for p in folder.iterdir() if _DAILY_RE.match(p.name))
    for old in daily[:-DAILY_BACKUPS_KEPT]:
        old.unlink()
    return target
