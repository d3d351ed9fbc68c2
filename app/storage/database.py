"""The SQLite connection, the transaction helper and the versioned schema migrations.

Shaped after qutebrowser's misc/sql.py: ``PRAGMA user_version`` is the schema version, a
database from a newer Facewell is refused (see history.open_history), and every migration
runs as ``BEGIN IMMEDIATE; …; PRAGMA user_version=N; COMMIT`` so a kill halfway leaves
the previous version intact. No Qt here.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from app.core.dates import epoch_us
from app.paths import tighten

__all__ = [
    "BUSY_TIMEOUT_MS",
    "CURRENT_VERSION",
    "MIGRATIONS",
    "Migration",
    "connect",
    "connect_read_only",
    "migrate",
    "private_file",
    "sidecar_files",
    "transaction",
    "user_version",
]

BUSY_TIMEOUT_MS = 3000
"""How long a write waits for another Facewell holding the file (then SQLITE_BUSY)."""

FILE_MODE = 0o600
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


def sidecar_files(path: Path) -> list[Path]:
    """The files SQLite keeps next to ``path`` (whether or not they exist now)."""
    return [path.with_name(path.name + suffix) for suffix in SIDECAR_SUFFIXES]


def private_file(path: Path) -> None:
    """Create ``path`` empty as 0600 if missing (before SQLite creates it with the
    umask's mode); if it exists, it only loses group and other bits (app.paths).

    An existing file is never opened: closing any descriptor of a database file drops
    every POSIX lock this process holds on it, and another process would then think
    it is alone (SQLite's "How to corrupt", section 2.2). A missing file has no
    connection to lose its locks; it is created with O_EXCL, so a file that appears
    meanwhile is left alone too.
    """
    if not path.exists():
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
            if os.name == "posix":
                path.chmod(FILE_MODE)  # the umask may have taken bits off
            return
    tighten(path)  # the user's mode loses group and other bits, gains none


def _tighten(path: Path) -> None:
    for file in [path, *sidecar_files(path)]:
        with contextlib.suppress(FileNotFoundError):
            tighten(file)


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the database read-write, ready for use.

    WAL, ``synchronous=FULL`` (no acknowledged commit is lost to a crash or a power cut),
    foreign keys on, a busy timeout, autocommit mode (use :func:`transaction` for
    several statements). The file and its -wal/-shm are made 0600.
    Raises sqlite3.Error or OSError; callers classify them.
    """
    private_file(path)
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        configure(conn)
        _tighten(path)
    except BaseException:
        conn.close()
        raise
    return conn


def configure(conn: sqlite3.Connection) -> None:
    """Apply Facewell's pragmas to a read-write connection."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        # WAL is refused on some network file systems; stay safe with a rollback journal.
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """Open an existing database without any chance of writing to it (``mode=ro``).

    ``immutable`` also promises SQLite that nobody changes the file, so it takes no
    lock and makes no -wal/-shm: only for a quick look at a file nobody uses.
    """
    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; ``ROLLBACK`` if the block raises.

    IMMEDIATE takes the write lock up front, so a transaction never fails halfway with
    SQLITE_BUSY after having read. Needs a connection in autocommit mode (as made by
    :func:`connect`).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# -- schema --------------------------------------------------------------------------


@dataclass(frozen=True)
class Migration:
    """One schema step: from ``version - 1`` to ``version``.

    ``statements`` run in order inside the migration's transaction, then ``python`` (if
    any) for data that SQL alone can't convert. Never edit a released step: add one.
    """

    version: int
    description: str
    statements: tuple[str, ...]
    python: Callable[[sqlite3.Connection], None] | None = None


_V1 = (
    # Facewell 0.1: sessions only. Times are ISO 8601 text with the offset they were
    # recorded in, which does not sort across offsets (fixed in v2 with started_us).
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        routine TEXT NOT NULL,
        slug TEXT NOT NULL,
        category TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        checkpoint_at TEXT,
        planned_s REAL NOT NULL,
        elapsed_s REAL NOT NULL DEFAULT 0,
        status TEXT NOT NULL
            CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
        step_index INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX sessions_started_at ON sessions (started_at)",
)

_V2 = (
    # Sort key and local day, so ordering and statistics are index-only.
    "ALTER TABLE sessions ADD COLUMN started_us INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sessions ADD COLUMN day TEXT NOT NULL DEFAULT ''",
    # After-routine feedback and an id that survives export/import.
    """ALTER TABLE sessions ADD COLUMN severity_before INTEGER
        CHECK (severity_before IS NULL OR severity_before BETWEEN 0 AND 10)""",
    """ALTER TABLE sessions ADD COLUMN severity_after INTEGER
        CHECK (severity_after IS NULL OR severity_after BETWEEN 0 AND 10)""",
    "ALTER TABLE sessions ADD COLUMN feeling TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE sessions ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE sessions ADD COLUMN uid TEXT NOT NULL DEFAULT ''",
    # (the python step fills started_us, day and uid here)
    "DROP INDEX sessions_started_at",
    "CREATE INDEX sessions_started ON sessions (started_us)",
    "CREATE INDEX sessions_day ON sessions (day, status, elapsed_s)",
    "CREATE INDEX sessions_routine ON sessions (routine, started_us)",
    "CREATE INDEX sessions_category ON sessions (category, started_us)",
    # The symptom journal: spasm episodes and treatment events (kind) in one table.
    """
    CREATE TABLE journal (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('episode', 'treatment')),
        at TEXT NOT NULL,
        at_us INTEGER NOT NULL,
        day TEXT NOT NULL,
        area TEXT NOT NULL DEFAULT '',
        side TEXT NOT NULL DEFAULT '',
        severity INTEGER CHECK (severity IS NULL OR severity BETWEEN 1 AND 10),
        duration_s REAL,
        triggers TEXT NOT NULL DEFAULT '[]',
        symptoms TEXT NOT NULL DEFAULT '[]',
        treatment TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX journal_at ON journal (kind, at_us)",
    # Seek-help prompts already shown ("symptom:<uid>", "rising:<monday>").
    """
    CREATE TABLE prompts_shown (
        key TEXT PRIMARY KEY,
        shown_at TEXT NOT NULL
    ) WITHOUT ROWID
    """,
)


def parse_stored_time(text: str) -> datetime:
    """A stored ISO 8601 time; a naive one (never written by Facewell) is taken as UTC."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def _v2_fill(conn: sqlite3.Connection) -> None:
    import uuid

    rows = conn.execute("SELECT id, started_at FROM sessions").fetchall()
    conn.executemany(
        "UPDATE sessions SET started_us = ?, day = ?, uid = ? WHERE id = ?",
        [
            (
                epoch_us(started := parse_stored_time(text)),
                started.date().isoformat(),
                str(uuid.uuid4()),
                row_id,
            )
            for row_id, text in rows
        ],
    )
    conn.execute("CREATE UNIQUE INDEX sessions_uid ON sessions (uid)")


# The routine filter lists distinct (routine, slug) pairs: an index makes that a
# covering index scan instead of sorting every session (134 ms at 100,000 sessions).
_V3 = ("CREATE INDEX sessions_routine_slug ON sessions (routine, slug)",)

# One 0-10 scale everywhere: journal severity was 1-10. SQLite can't alter a CHECK, so
# the table is rebuilt (sqlite.org/lang_altertable.html, "other kinds of table schema
# changes"): every row is copied with its id and uid, and the AUTOINCREMENT counter is
# kept, so an id freed by a delete is still never reused (undo relies on it).
_V4_JOURNAL = """
    CREATE TABLE journal_v4 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('episode', 'treatment')),
        at TEXT NOT NULL,
        at_us INTEGER NOT NULL,
        day TEXT NOT NULL,
        area TEXT NOT NULL DEFAULT '',
        side TEXT NOT NULL DEFAULT '',
        severity INTEGER CHECK (severity IS NULL OR severity BETWEEN 0 AND 10),
        duration_s REAL,
        triggers TEXT NOT NULL DEFAULT '[]',
        symptoms TEXT NOT NULL DEFAULT '[]',
        treatment TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )
"""
_JOURNAL_COPY = (
    "id, uid, kind, at, at_us, day, area, side, severity, duration_s, triggers, symptoms,"
    " treatment, note"
)


def _v4_rebuild_journal(conn: sqlite3.Connection) -> None:
    counter = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'journal'").fetchone()
    before = conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    conn.execute(_V4_JOURNAL)
    conn.execute(f"INSERT INTO journal_v4 ({_JOURNAL_COPY}) SELECT {_JOURNAL_COPY} FROM journal")
    after = conn.execute("SELECT count(*) FROM journal_v4").fetchone()[0]
    if after != before:  # never: the copy is one statement; but a row must never be lost
        raise sqlite3.IntegrityError(f"journal copy kept {after} of {before} rows")
    conn.execute("DROP TABLE journal")
    conn.execute("ALTER TABLE journal_v4 RENAME TO journal")
    conn.execute("CREATE INDEX journal_at ON journal (kind, at_us)")
    if counter is not None:
        conn.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'journal'", (counter[0],)
        )
        if not conn.execute("SELECT 1 FROM sqlite_sequence WHERE name = 'journal'").fetchone():
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('journal', ?)", counter)


# Injections as first-class records and one rating a day (issue 14). Botulinum toxin
# injections noted as journal treatments move into the new table with their uid, day,
# time and note; nothing else in the journal changes.
_V5 = (
    """
    CREATE TABLE injections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uid TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,
        at TEXT,
        product TEXT NOT NULL DEFAULT '',
        dose TEXT NOT NULL DEFAULT '',
        sites TEXT NOT NULL DEFAULT '',
        started_working TEXT,
        best TEXT,
        wearing_off TEXT,
        side_effects TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX injections_day ON injections (day)",
    """
    CREATE TABLE daily_ratings (
        day TEXT PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
        exposures TEXT NOT NULL DEFAULT '[]',
        tricks TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT ''
    )
    """,
)
_LEGACY_INJECTION = (
    "kind = 'treatment' AND treatment = 'botulinum toxin injection' AND duration_s IS NULL"
)
"""A note with a duration (never written by the window) stays in the journal as it was."""


def _v5_move_injections(conn: sqlite3.Connection) -> None:
    before = conn.execute(f"SELECT count(*) FROM journal WHERE {_LEGACY_INJECTION}").fetchone()[0]
    conn.execute(
        "INSERT INTO injections (uid, day, at, sites, note)"
        f" SELECT uid, day, at, side, note FROM journal WHERE {_LEGACY_INJECTION}"
        " ORDER BY at_us, id"
    )
    moved = conn.execute("SELECT count(*) FROM injections").fetchone()[0]
    if moved != before:  # never: one statement; but an injection must never be lost
        raise sqlite3.IntegrityError(f"injection copy kept {moved} of {before} rows")
    conn.execute(f"DELETE FROM journal WHERE {_LEGACY_INJECTION}")


# The steps skipped with Next, as a JSON list of titles (app/core/completion.py).
_V6 = ("ALTER TABLE sessions ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]'",)

MIGRATIONS: list[Migration] = [
    Migration(1, "sessions", _V1),
    Migration(2, "journal, prompts, session feedback and uid", _V2, _v2_fill),
    Migration(3, "index for the routine filter", _V3),
    Migration(4, "journal severity on the one 0-10 scale", (), _v4_rebuild_journal),
    Migration(5, "injections and daily ratings", _V5, _v5_move_injections),
    Migration(6, "the steps a session skipped with Next", _V6),
]
CURRENT_VERSION = MIGRATIONS[-1].version


def migrate(conn: sqlite3.Connection, *, target: int = CURRENT_VERSION) -> list[int]:
    """Apply every step above the database's version up to ``target``; return the
    versions applied. Each step is its own ``BEGIN IMMEDIATE … COMMIT``."""
    applied: list[int] = []
    for step in MIGRATIONS:
        if step.version > target:
            break
        with transaction(conn):
            # Read inside the transaction: another Facewell may have migrated meanwhile.
            if user_version(conn) >= step.version:
                continue
            for statement in step.statements:
                conn.execute(statement)
            if step.python is not None:
                step.python(conn)
            conn.execute(f"PRAGMA user_version = {step.version:d}")
        applied.append(step.version)
    return applied
